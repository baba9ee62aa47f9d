import Foundation

/// What a rule checks: one per title or form of the catalogue.
public enum RuleLogic: String, CaseIterable, Sendable, Codable {
    case advancedWorker, baseSoldier, provinceSoldier, nationalSoldier
    case advancedCollective, excellentCollective, provinceFlag, governmentFlag
    case provinceMeritIndividual, provinceMeritCollective, primeMinisterMeritIndividual, primeMinisterMeritCollective
    /// The achievement is judged by people (Giấy khen, Huân chương: counts VERIFY).
    case judged
}

/// One version of the rule of a title or form: the texts it stands on and the days it applies.
/// A proposal is judged by the version in force on its day; a dossier accepted under an old
/// text stays on it.
public struct AwardRule: Hashable, Sendable, Codable {
    public var code: AwardCode
    public var logic: RuleLogic
    public var decree: LegalBasis
    public var validity: DatePeriod

    public init(code: AwardCode, logic: RuleLogic, decree: LegalBasis, validity: DatePeriod? = nil) {
        self.code = code
        self.logic = logic
        self.decree = decree
        self.validity = validity ?? decree.validity
    }

    /// "ldtt@152/2025/NĐ-CP".
    public var id: String { "\(code)@\(decree.code)" }
}

/// The rule versions of every title and form.
public struct RuleBook: Sendable {
    public var rules: [AwardRule]
    public init(rules: [AwardRule]) { self.rules = rules }

    /// Each standard title and form under Decree 98/2023 until 30/6/2025 and under Decree
    /// 152/2025 from 01/7/2025.
    public static let standard: RuleBook = {
        let logic: [(AwardCode, RuleLogic)] = [
            (.advancedWorker, .advancedWorker), (.baseEmulationSoldier, .baseSoldier),
            (.provinceEmulationSoldier, .provinceSoldier), (.nationalEmulationSoldier, .nationalSoldier),
            (.advancedCollective, .advancedCollective), (.excellentCollective, .excellentCollective),
            (.provinceFlag, .provinceFlag), (.governmentFlag, .governmentFlag),
            (.provinceMeritIndividual, .provinceMeritIndividual), (.provinceMeritCollective, .provinceMeritCollective),
            (.primeMinisterMeritIndividual, .primeMinisterMeritIndividual),
            (.primeMinisterMeritCollective, .primeMinisterMeritCollective),
            (.certificateIndividual, .judged), (.certificateCollective, .judged), (.labourOrderThird, .judged),
        ]
        return RuleBook(rules: logic.flatMap { code, logic in
            [LegalBasis.decree98, .decree152].map { AwardRule(code: code, logic: logic, decree: $0) }
        })
    }()

    /// The version in force on a day.
    public func rule(for code: AwardCode, on date: LocalDate) -> AwardRule? {
        rules.filter { $0.code == code && $0.validity.contains(date) }.max { $0.validity.from < $1.validity.from }
    }

    /// A province's own form is judged by people, under its provincial decision.
    public mutating func addJudged(_ type: AwardType) {
        rules.append(AwardRule(code: type.code, logic: .judged, decree: type.legalBasis, validity: type.validity))
    }
}

/// Xét điều kiện: asks the rule in force for a title or form about one person or collective.
public struct Eligibility: Sendable {
    public var catalogue: AwardCatalogue
    public var rules: RuleBook
    public var parameters: ParameterSchedule

    public init(catalogue: AwardCatalogue = .standard, rules: RuleBook = .standard, parameters: ParameterSchedule = ParameterSchedule()) {
        self.catalogue = catalogue
        self.rules = rules
        self.parameters = parameters
    }

    /// The explanation for `code` for `history` for the achievement `year`, judged on `date`.
    public func evaluate(_ code: AwardCode, for history: RecipientHistory, year: Int, on date: LocalDate) throws -> Explanation {
        guard let type = catalogue.type(code) else { throw DomainError.notFound("Không có danh hiệu, hình thức «\(code)» trong danh mục.") }
        guard type.validity.contains(date), let rule = rules.rule(for: code, on: date) else {
            throw DomainError.invalid(field: "date", "«\(type.name)» không có quy định áp dụng vào ngày \(date.vietnamese).")
        }
        guard type.subject == history.subject else {
            throw DomainError.invalid(field: "awardCode", "«\(type.name)» dành cho \(type.subject.label.lowercased()), không dành cho «\(history.name)».")
        }
        guard NumberRange.year.contains(year) else {
            throw DomainError.invalid(field: "year", "Năm thành tích \(year) phải từ \(NumberRange.year.lowerBound) đến \(NumberRange.year.upperBound).")
        }
        let version = parameters.version(on: date)
        var judge = Judge(type: type, rule: rule, history: history, year: year, date: date, p: version.parameters, catalogue: catalogue)
        judge.run()
        return Explanation(award: code, awardName: type.name, recipientName: history.name, year: year, date: date, ruleID: rule.id,
                           legalBasis: [type.legalBasis.citation, rule.decree.citation, "Tham số: \(version.reference)"],
                           conditions: judge.conditions, basis: judge.basis)
    }
}

/// Đếm chuỗi năm liên tục: the years ending in `year` that qualify, stopping at the first that
/// does not, is already used by an award of the same form, or (by the merger rule) belongs to
/// a predecessor.
public struct YearChain: Hashable, Sendable {
    public var years: [Int]
    /// Why it stopped before `length`: the year and the reason.
    public var stop: (year: Int, reason: String)?
    /// Years taken from predecessors (counted; under `.ask` the council confirms).
    public var predecessorYears: [Int]

    public static func == (a: YearChain, b: YearChain) -> Bool { a.years == b.years && a.predecessorYears == b.predecessorYears }
    public func hash(into hasher: inout Hasher) { hasher.combine(years) }

    public static func ending(in year: Int, length: Int, used: Set<Int>, predecessors: Set<Int>, merger: MergerChainRule,
                              qualifies: (Int) -> Bool) -> YearChain {
        var chain = YearChain(years: [], stop: nil, predecessorYears: [])
        // Bounded by `length` (at most 10 by the parameters' range).
        for candidate in stride(from: year, to: year - max(length, 0), by: -1) {
            if predecessors.contains(candidate) && merger == .restart {
                chain.stop = (candidate, "năm \(candidate) thuộc đơn vị trước hợp nhất (tỉnh quy định tính lại từ khi hợp nhất)")
                break
            }
            if used.contains(candidate) {
                chain.stop = (candidate, "năm \(candidate) đã được dùng làm căn cứ cho lần khen trước")
                break
            }
            guard qualifies(candidate) else {
                chain.stop = (candidate, "năm \(candidate) không đạt")
                break
            }
            if predecessors.contains(candidate) { chain.predecessorYears.append(candidate) }
            chain.years.append(candidate)
        }
        chain.years.sort()
        return chain
    }
}

/// The judgement of one rule: collects conditions and what the award would consume.
private struct Judge {
    let type: AwardType
    let rule: AwardRule
    let history: RecipientHistory
    let year: Int
    let date: LocalDate
    let p: AwardParameters
    let catalogue: AwardCatalogue
    var conditions: [ConditionResult] = []
    var basis = AwardBasis()

    init(type: AwardType, rule: AwardRule, history: RecipientHistory, year: Int, date: LocalDate, p: AwardParameters, catalogue: AwardCatalogue) {
        self.type = type
        self.rule = rule
        self.history = history
        self.year = year
        self.date = date
        self.p = p
        self.catalogue = catalogue
    }

    /// "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15".
    var article: String { type.citation }
    func cite(_ code: AwardCode) -> String { catalogue.type(code)?.citation ?? article }
    var principles: String { "Nguyên tắc khen thưởng, \(LegalBasis.law2022.citation); \(rule.decree.citation)" }

    mutating func add(_ condition: ConditionResult) { conditions.append(condition) }

    mutating func run() {
        exclusions()
        switch rule.logic {
        case .advancedWorker: conditions += advancedWorker(in: year)
        case .baseSoldier: baseSoldier()
        case .provinceSoldier: provinceSoldier()
        case .nationalSoldier: nationalSoldier()
        case .advancedCollective: advancedCollective()
        case .excellentCollective: conditions += excellentCollective(in: year)
        case .provinceFlag: conditions += provinceFlag()
        case .governmentFlag: governmentFlag()
        case .provinceMeritIndividual: provinceMeritIndividual()
        case .provinceMeritCollective: provinceMeritCollective()
        case .primeMinisterMeritIndividual: primeMinisterMeritIndividual()
        case .primeMinisterMeritCollective: primeMinisterMeritCollective()
        case .judged: judged()
        }
    }

    // MARK: - General exclusions

    mutating func exclusions() {
        let open = history.discipline.filter { $0.underReview(on: date) }
        add(ConditionResult(key: "notUnderReview",
                            label: "Không đang bị xem xét kỷ luật, điều tra, thanh tra hoặc có đơn thư đang xác minh",
                            passed: open.isEmpty, records: open.map { "\($0.reference) (từ \($0.date.vietnamese))" }, citation: principles))
        guard history.subject == .collective, let existence = history.existence else { return }
        let active = existence.contains(date)
        add(ConditionResult(key: "active", label: "Đơn vị còn hoạt động vào ngày \(date.vietnamese)", passed: active,
                            records: ["Hoạt động từ \(existence.from.vietnamese)" + (existence.to.map { " đến \($0.vietnamese)" } ?? "")],
                            citation: principles))
        if history.dissolved && p.excludeDissolvedUnits {
            add(ConditionResult(key: "notDissolved", label: "Không thuộc diện giải thể khi sắp xếp tổ chức bộ máy", passed: false,
                                records: ["Đơn vị đã giải thể"], citation: LegalBasis.circular(on: date).citation))
        }
    }

    // MARK: - Individual titles

    func ratingCondition(_ minimum: TaskRating, in year: Int, key: String = "rating") -> ConditionResult {
        let rating = history.rating(in: year)
        return ConditionResult(key: key, label: "Xếp loại từ «\(minimum.label)» trở lên năm \(year)",
                               passed: rating.map { $0 >= minimum } ?? false,
                               records: [rating.map { "\(year): \($0.abbreviation)" } ?? "\(year): chưa có xếp loại"], citation: article)
    }

    /// Lao động tiên tiến (Art 24) for a year: the conditions, so CSTĐCS can reuse them.
    func advancedWorker(in year: Int) -> [ConditionResult] {
        let citation = cite(.advancedWorker)
        var result = [ratingCondition(.good, in: year)]
        result[0].citation = citation
        let heaviest = history.heaviestDiscipline(in: year)
        let barred = heaviest.map { $0.kind! >= p.advancedWorkerDisciplineBar } ?? false
        result.append(ConditionResult(key: "discipline", label: "Không bị kỷ luật từ «\(p.advancedWorkerDisciplineBar.label)» trở lên trong năm \(year)",
                                      passed: !barred, records: heaviest.map { ["\($0.kind!.label): \($0.reference) (\($0.date.vietnamese))"] } ?? [],
                                      citation: citation + " (tham số của tỉnh)"))
        let months = monthsEmployed(in: year)
        result.append(ConditionResult(key: "months", label: "Công tác từ \(p.minimumMonthsEmployed) tháng trở lên trong năm \(year)",
                                      passed: months >= p.minimumMonthsEmployed,
                                      records: [history.since.map { "Tuyển dụng từ \($0.vietnamese): \(months) tháng" } ?? "\(months) tháng"],
                                      citation: citation + " (tham số của tỉnh)"))
        return result
    }

    /// Whole months from the recruitment day to the end of the year; a month begun on its
    /// first day counts.
    func monthsEmployed(in year: Int) -> Int {
        guard let since = history.since else { return 12 }
        if since.year < year { return 12 }
        if since.year > year { return 0 }
        return since.day == 1 ? 13 - since.month : 12 - since.month
    }

    /// Holds the title for the year, or (proposed in the same round) meets its conditions.
    func holdsOrQualifies(_ code: AwardCode, in year: Int, key: String, conditions: () -> [ConditionResult]) -> ConditionResult {
        let name = catalogue.type(code)?.name ?? code.rawValue
        if let record = history.awards(code).first(where: { $0.year == year }) {
            return ConditionResult(key: key, label: "Đạt danh hiệu «\(name)» năm \(year)", passed: true,
                                   records: ["\(year): \(name) (\(record.decisionNumber))"], citation: article)
        }
        let sub = conditions()
        let outcome = Explanation.combine(sub.map(\.outcome))
        return ConditionResult(key: key, label: "Đạt (hoặc đủ điều kiện đề nghị cùng đợt) «\(name)» năm \(year)", outcome: outcome,
                               records: sub.map { "\($0.outcome == .pass ? "✓" : "✗") \($0.label)" }, citation: article)
    }

    mutating func baseSoldier() {
        add(holdsOrQualifies(.advancedWorker, in: year, key: "advancedWorker") { advancedWorker(in: year) })
        let initiative = history.unusedInitiatives.filter { $0.year == year && $0.level >= .agency }.sorted { $0.title < $1.title }.first
        add(ConditionResult(key: "initiative", label: "Có sáng kiến (hoặc đề tài nghiên cứu) được công nhận, áp dụng năm \(year), chưa dùng cho lần khen nào",
                            passed: initiative != nil, records: initiative.map { [describe($0)] } ?? usedInitiativesNote(in: [year]),
                            citation: article))
        basis = AwardBasis(years: [year], initiatives: initiative.map { [$0.id] } ?? [])
    }

    func describe(_ initiative: Initiative) -> String { "Sáng kiến «\(initiative.title)» (\(initiative.year), \(initiative.level.label.lowercased()))" }

    /// Names the initiatives of those years already used, so a failure says why.
    func usedInitiativesNote(in years: [Int]) -> [String] {
        let unused = Set(history.unusedInitiatives.map(\.id))
        return history.initiatives.filter { years.contains($0.year) && !unused.contains($0.id) }.map { describe($0) + " — đã dùng" }
    }

    func chain(_ length: Int, for code: AwardCode, qualifies: (Int) -> Bool) -> YearChain {
        YearChain.ending(in: year, length: length, used: history.usedYears(for: code), predecessors: history.predecessorYears,
                         merger: p.mergerChain, qualifies: qualifies)
    }

    mutating func chainCondition(_ chain: YearChain, length: Int, key: String, label: String, recordLabel: (Int) -> String) {
        var records = chain.years.map(recordLabel)
        if let stop = chain.stop { records.append("Chuỗi dừng: \(stop.reason)") }
        add(ConditionResult(key: key, label: label, passed: chain.years.count >= length, records: records, citation: article))
        if !chain.predecessorYears.isEmpty && p.mergerChain == .ask {
            add(ConditionResult(key: "mergerChain", label: "Hội đồng xác nhận tính nối tiếp các năm của đơn vị trước hợp nhất",
                                outcome: .review, records: chain.predecessorYears.map { "\($0): năm của đơn vị trước hợp nhất" },
                                citation: "Quy định của tỉnh về tính năm liên tục khi hợp nhất (cần xác minh)"))
        }
    }

    mutating func provinceSoldier() {
        let length = p.provinceSoldierYears
        let chain = chain(length, for: .provinceEmulationSoldier) { history.holds(.baseEmulationSoldier, in: $0) }
        chainCondition(chain, length: length, key: "chain", label: "\(length) lần liên tục đạt Chiến sĩ thi đua cơ sở, đến năm \(year)") {
            "\($0): Chiến sĩ thi đua cơ sở"
        }
        let years = chain.years.isEmpty ? [year] : chain.years
        let initiative = history.unusedInitiatives.filter { years.contains($0.year) && $0.level >= .province }.sorted { $0.title < $1.title }.first
        add(ConditionResult(key: "initiative", label: "Có sáng kiến có hiệu quả, ảnh hưởng trong phạm vi toàn tỉnh được Chủ tịch UBND tỉnh công nhận, chưa dùng",
                            passed: initiative != nil, records: initiative.map { [describe($0)] } ?? usedInitiativesNote(in: years), citation: article))
        basis = AwardBasis(years: chain.years, initiatives: initiative.map { [$0.id] } ?? [])
    }

    mutating func nationalSoldier() {
        let times = p.nationalSoldierTimes
        let step = p.provinceSoldierYears
        let used = history.usedYears(for: .nationalEmulationSoldier)
        // Consecutive CSTĐ tỉnh: each chain follows the one before (award years `step` apart).
        var found: [AwardRecord] = []
        var expected = year
        for _ in 0..<times {
            guard let record = history.awards(.provinceEmulationSoldier).first(where: { $0.year == expected && !used.contains($0.year) }) else { break }
            found.append(record)
            expected -= step
        }
        add(ConditionResult(key: "chain", label: "\(times) lần liên tục đạt Chiến sĩ thi đua cấp tỉnh, đến năm \(year)", passed: found.count >= times,
                            records: found.map { "\($0.year): CSTĐ cấp tỉnh (\($0.decisionNumber))" }, citation: article))
        let initiative = history.unusedInitiatives.filter { $0.level >= .national && $0.year <= year }.sorted { $0.title < $1.title }.first
        add(ConditionResult(key: "initiative", label: "Có sáng kiến có hiệu quả, ảnh hưởng trong phạm vi toàn quốc, chưa dùng", passed: initiative != nil,
                            records: initiative.map { [describe($0)] } ?? [], citation: article))
        basis = AwardBasis(years: found.map(\.year), initiatives: initiative.map { [$0.id] } ?? [])
    }

    mutating func provinceMeritIndividual() {
        let length = p.provinceMeritYears
        let soldierChain = chain(length, for: .provinceMeritIndividual) { history.holds(.baseEmulationSoldier, in: $0) }
        let first = ConditionResult(key: "soldierChain", label: "\(length) năm liên tục đạt Chiến sĩ thi đua cơ sở, đến năm \(year)",
                                    passed: soldierChain.years.count >= length,
                                    records: soldierChain.years.map { "\($0): CSTĐCS" } + (soldierChain.stop.map { ["Chuỗi dừng: \($0.reason)"] } ?? []),
                                    citation: article)
        let excellentChain = chain(length, for: .provinceMeritIndividual) { history.rating(in: $0) == .excellent }
        let needed = p.provinceMeritInitiatives
        let initiatives = history.unusedInitiatives.filter { excellentChain.years.contains($0.year) }.sorted { $0.title < $1.title }.prefix(needed)
        let second = [
            ConditionResult(key: "excellentChain", label: "\(length) năm liên tục Hoàn thành xuất sắc nhiệm vụ, đến năm \(year)",
                            passed: excellentChain.years.count >= length,
                            records: excellentChain.years.map { "\($0): HTXSNV" } + (excellentChain.stop.map { ["Chuỗi dừng: \($0.reason)"] } ?? []),
                            citation: article),
            ConditionResult(key: "initiatives", label: "\(needed) sáng kiến được công nhận trong các năm đó, chưa dùng cho danh hiệu CSTĐCS hay lần khen khác",
                            passed: initiatives.count >= needed, records: initiatives.map(describe) + usedInitiativesNote(in: excellentChain.years),
                            citation: article),
        ]
        let any = ConditionResult.anyOf(key: "achievement", label: "Một trong các trường hợp của \(type.article) (thành tích đột xuất, phong trào: xét riêng)",
                                        citation: article, [[first], second])
        add(any)
        if first.outcome == .pass {
            basis = AwardBasis(years: soldierChain.years)
        } else {
            basis = AwardBasis(years: excellentChain.years, initiatives: initiatives.map(\.id))
        }
    }

    mutating func primeMinisterMeritIndividual() {
        let merit = history.awards(.provinceMeritIndividual).filter { $0.year <= year }.max { $0.year < $1.year }
        add(ConditionResult(key: "provinceMerit", label: "Đã được tặng Bằng khen của Chủ tịch UBND tỉnh", passed: merit != nil,
                            records: merit.map { ["\($0.year): Bằng khen tỉnh (\($0.decisionNumber))"] } ?? [], citation: article))
        let length = p.primeMinisterMeritYears
        let chain = chain(length, for: .primeMinisterMeritIndividual) { history.rating(in: $0).map { $0 >= .good } ?? false }
        let ratings = history
        chainCondition(chain, length: length, key: "chain", label: "\(length) năm liên tục Hoàn thành tốt nhiệm vụ trở lên, đến năm \(year)") {
            "\($0): \(ratings.rating(in: $0)?.abbreviation ?? "")"
        }
        let soldiers = chain.years.filter { history.holds(.baseEmulationSoldier, in: $0) }
        add(ConditionResult(key: "soldiers", label: "\(p.primeMinisterMeritBaseSoldiers) lần Chiến sĩ thi đua cơ sở trong thời gian đó",
                            passed: soldiers.count >= p.primeMinisterMeritBaseSoldiers, records: soldiers.map { "\($0): CSTĐCS" }, citation: article))
        basis = AwardBasis(years: chain.years)
    }

    // MARK: - Collective titles

    func summaryRecord(_ s: MemberSummary) -> String {
        "\(s.year): \(s.members) người, \(s.advancedWorkers) LĐTT, \(s.baseSoldiers) CSTĐCS"
    }

    func share(_ part: Int, of whole: Int, atLeast percent: Int) -> Bool { Quota.reaches(part, of: whole, percent: percent) }

    mutating func advancedCollective() {
        add(ratingCondition(.good, in: year))
        let s = history.summary(in: year)
        add(ConditionResult(key: "advancedShare", label: "Có từ \(p.advancedCollectivePercent)% cá nhân đạt Lao động tiên tiến",
                            passed: s.map { share($0.advancedWorkers, of: $0.members, atLeast: p.advancedCollectivePercent) } ?? false,
                            records: s.map { [summaryRecord($0)] } ?? ["\(year): chưa có số liệu cá nhân"], citation: article))
        add(ConditionResult(key: "memberDiscipline", label: "Không có cá nhân bị kỷ luật từ «\(p.collectiveDisciplineBar.label)» trở lên (cần xác minh với Luật 2022)",
                            passed: (s?.disciplinedWarningOrAbove ?? 0) == 0,
                            records: s.map { ["\($0.disciplinedWarningOrAbove) người bị kỷ luật"] } ?? [], citation: article))
        basis = AwardBasis(years: [year])
    }

    func excellentCollective(in year: Int) -> [ConditionResult] {
        let citation = cite(.excellentCollective)
        var rating = ratingCondition(.excellent, in: year)
        rating.citation = citation
        let s = history.summary(in: year)
        let records = s.map { [summaryRecord($0)] } ?? ["\(year): chưa có số liệu cá nhân"]
        return [
            rating,
            ConditionResult(key: "allCompleted", label: "100% cá nhân hoàn thành nhiệm vụ trở lên", passed: s.map { $0.members > 0 && $0.belowCompleted == 0 } ?? false,
                            records: records, citation: citation),
            ConditionResult(key: "advancedShare", label: "Có từ \(p.excellentCollectivePercent)% cá nhân đạt Lao động tiên tiến",
                            passed: s.map { share($0.advancedWorkers, of: $0.members, atLeast: p.excellentCollectivePercent) } ?? false,
                            records: records, citation: citation),
            ConditionResult(key: "baseSoldier", label: "Có cá nhân đạt Chiến sĩ thi đua cơ sở", passed: (s?.baseSoldiers ?? 0) >= 1, records: records,
                            citation: citation),
        ]
    }

    func provinceFlag() -> [ConditionResult] {
        let citation = cite(.provinceFlag)
        let standing = history.standing(in: year)
        var result = [ConditionResult(key: "ledBloc", label: "Dẫn đầu khối thi đua năm \(year) (xếp hạng thứ nhất)", passed: standing?.rank == 1,
                                      records: standing.map { ["\($0.year): hạng \($0.rank), \($0.blocName)"] } ?? ["\(year): chưa có xếp hạng công bố"],
                                      citation: citation)]
        if p.flagRequiresBallot {
            let confirmed = standing?.ballotConfirmed
            result.append(ConditionResult(key: "ballot", label: "Được hội nghị tổng kết khối suy tôn, bỏ phiếu đề nghị",
                                          outcome: confirmed.map { $0 ? .pass : .fail } ?? .review,
                                          records: [confirmed.map { $0 ? "Kết quả bỏ phiếu: đạt" : "Kết quả bỏ phiếu: không đạt" } ?? "Chưa có kết quả bỏ phiếu"],
                                          citation: citation))
        }
        if p.flagRequiresExcellentCollective {
            result.append(holdsOrQualifies(.excellentCollective, in: year, key: "excellentCollective") { excellentCollective(in: year) })
        }
        return result
    }

    mutating func governmentFlag() {
        let flag = history.awards(.provinceFlag).first { $0.year == year }
        if let flag {
            add(ConditionResult(key: "provinceFlag", label: "Được tặng Cờ thi đua của UBND tỉnh năm \(year)", passed: true,
                                records: ["\(year): Cờ thi đua tỉnh (\(flag.decisionNumber))"], citation: article))
        } else {
            let sub = provinceFlag()
            add(ConditionResult(key: "provinceFlag", label: "Dẫn đầu khối, đủ tiêu chuẩn Cờ thi đua của UBND tỉnh năm \(year)",
                                outcome: Explanation.combine(sub.map(\.outcome)),
                                records: sub.map { "\($0.outcome == .pass ? "✓" : "✗") \($0.label)" }, citation: article))
        }
        add(ConditionResult(key: "selection", label: "Được lựa chọn trong số đơn vị dẫn đầu các khối (tỷ lệ tối đa \(p.governmentFlagSharePercent)%: kiểm tra trên tờ trình)",
                            outcome: .review, citation: article))
        basis = AwardBasis(years: [year])
    }

    mutating func provinceMeritCollective() {
        let length = p.provinceMeritYears
        let chain = chain(length, for: .provinceMeritCollective) { history.rating(in: $0) == .excellent }
        chainCondition(chain, length: length, key: "chain",
                       label: "\(length) năm liên tục Hoàn thành xuất sắc nhiệm vụ, đến năm \(year) (cần xác minh Điều 74 khoản 2)") {
            "\($0): HTXSNV"
        }
        add(ConditionResult(key: "unity", label: "Nội bộ đoàn kết, thực hiện tốt dân chủ cơ sở", outcome: .review, citation: article))
        basis = AwardBasis(years: chain.years)
    }

    mutating func primeMinisterMeritCollective() {
        let merit = history.awards(.provinceMeritCollective).filter { $0.year <= year }.max { $0.year < $1.year }
        add(ConditionResult(key: "provinceMerit", label: "Đã được tặng Bằng khen của Chủ tịch UBND tỉnh", passed: merit != nil,
                            records: merit.map { ["\($0.year): Bằng khen tỉnh (\($0.decisionNumber))"] } ?? [], citation: article))
        let length = p.primeMinisterMeritYears
        let chain = chain(length, for: .primeMinisterMeritCollective) { history.rating(in: $0) == .excellent }
        chainCondition(chain, length: length, key: "chain", label: "\(length) năm liên tục Hoàn thành xuất sắc nhiệm vụ, đến năm \(year)") { "\($0): HTXSNV" }
        let titles = chain.years.filter { history.holds(.excellentCollective, in: $0) || history.holds(.provinceFlag, in: $0) }
        add(ConditionResult(key: "titles", label: "Số lần TTLĐXS hoặc Cờ thi đua trong thời gian đó (số lần: cần xác minh)", outcome: .review,
                            records: titles.map { "\($0): TTLĐXS/Cờ" }, citation: article))
        basis = AwardBasis(years: chain.years)
    }

    mutating func judged() {
        if history.subject == .individual {
            add(ratingCondition(.good, in: year))
        }
        add(ConditionResult(key: "achievement", label: "Thành tích theo \(type.article) và quy định của tỉnh: Hội đồng, Thủ trưởng đánh giá",
                            outcome: .review, citation: article))
        basis = AwardBasis(years: [year])
    }
}
