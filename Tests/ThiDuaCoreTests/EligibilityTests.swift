import Foundation
import Testing
@testable import ThiDuaCore

/// A person's history in a line: "2023:x 2024:t" ratings, titles by year.
private func person(ratings: [Int: TaskRating] = [:], titles: [(AwardCode, Int)] = [], initiatives: [Initiative] = [],
                    since: String? = nil, discipline: [DisciplineRecord] = []) -> RecipientHistory {
    RecipientHistory(subject: .individual, name: "Nguyễn Thị Lan", since: since.map { .d($0) },
                     ratings: ratings.map { AnnualRating(year: $0.key, rating: $0.value) },
                     discipline: discipline, initiatives: initiatives,
                     awards: titles.map { AwardRecord(code: $0.0, year: $0.1, decisionNumber: "QĐ \($0.1)", decisionDate: .d("\($0.1 + 1)-01-15"),
                                                      basisYears: [$0.1]) })
}

private let july2025 = LocalDate.d("2025-07-01")
private let engine = Eligibility()

private func check(_ code: AwardCode, _ history: RecipientHistory, year: Int = 2025, on date: LocalDate = .d("2026-01-10"),
                   parameters: AwardParameters? = nil) throws -> Explanation {
    var engine = engine
    if let parameters {
        engine.parameters = ParameterSchedule(versions: [ParameterVersion(validity: DatePeriod(from: .d("2024-01-01")), reference: "QĐ tỉnh",
                                                                          parameters: parameters)])
    }
    return try engine.evaluate(code, for: history, year: year, on: date)
}

private func condition(_ explanation: Explanation, _ key: String) -> ConditionResult? {
    explanation.conditions.first { $0.key == key }
}

@Suite struct AdvancedWorkerRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var rating: TaskRating?
        var since: String?
        var discipline: DisciplineKind?
        var eligible: Bool
        var failing: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "HTTNV cả năm", rating: .good, eligible: true),
        Case(name: "HTXSNV", rating: .excellent, eligible: true),
        Case(name: "HTNV không đạt", rating: .completed, eligible: false, failing: "rating"),
        Case(name: "chưa xếp loại", rating: nil, eligible: false, failing: "rating"),
        // 10 months: recruited on 1 March counts March; on 2 March it does not.
        Case(name: "tuyển dụng 01/3: đủ 10 tháng", rating: .good, since: "2025-03-01", eligible: true),
        Case(name: "tuyển dụng 02/3: 9 tháng", rating: .good, since: "2025-03-02", eligible: false, failing: "months"),
        Case(name: "tuyển dụng năm trước", rating: .good, since: "2024-11-20", eligible: true),
        Case(name: "khiển trách trong năm", rating: .good, discipline: .reprimand, eligible: false, failing: "discipline"),
    ]

    @Test(arguments: cases) func advancedWorker(_ c: Case) throws {
        let discipline = c.discipline.map { [DisciplineRecord(kind: $0, date: .d("2025-05-05"), reference: "QĐ KL 1")] } ?? []
        let ratings = c.rating.map { [2025: $0] } ?? [:]
        let explanation = try check(.advancedWorker, person(ratings: ratings, since: c.since, discipline: discipline))
        #expect(explanation.eligible == c.eligible)
        if let failing = c.failing { #expect(explanation.failed.map(\.key) == [failing]) }
        #expect(condition(explanation, "rating")?.citation.contains("Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15") == true)
    }

    @Test func openReviewExcludesAndClosedDoesNot() throws {
        let open = DisciplineRecord(kind: nil, date: .d("2025-12-01"), reference: "Thông báo xem xét kỷ luật 5")
        let closed = DisciplineRecord(kind: nil, date: .d("2025-09-01"), closedOn: .d("2025-10-01"), reference: "Xác minh đơn thư 2")
        #expect(try check(.advancedWorker, person(ratings: [2025: .good], discipline: [open])).failed.map(\.key) == ["notUnderReview"])
        #expect(try check(.advancedWorker, person(ratings: [2025: .good], discipline: [closed])).eligible)
    }

    @Test func disciplineBarIsTheProvincesParameter() throws {
        var p = AwardParameters()
        p.advancedWorkerDisciplineBar = .warning
        let reprimand = DisciplineRecord(kind: .reprimand, date: .d("2025-05-05"), reference: "QĐ KL 1")
        #expect(try check(.advancedWorker, person(ratings: [2025: .good], discipline: [reprimand]), parameters: p).eligible)
    }
}

@Suite struct BaseSoldierRuleTests {
    @Test func needsTheYearsAdvancedWorkerAndAnUnusedInitiative() throws {
        let initiative = Initiative(title: "Số hóa hồ sơ", year: 2025, level: .agency)
        let yes = try check(.baseEmulationSoldier, person(ratings: [2025: .excellent], initiatives: [initiative]))
        #expect(yes.eligible)
        #expect(yes.basis == AwardBasis(years: [2025], initiatives: [initiative.id]))
        #expect(condition(yes, "initiative")?.records == ["Sáng kiến «Số hóa hồ sơ» (2025, cấp cơ sở)"])
        #expect(condition(yes, "initiative")?.citation.hasPrefix("Điều 23") == true)

        // An initiative of another year, or one already used, does not count.
        let lastYear = Initiative(title: "Cũ", year: 2024, level: .agency)
        #expect(try check(.baseEmulationSoldier, person(ratings: [2025: .excellent], initiatives: [lastYear])).failed.map(\.key) == ["initiative"])
        var used = initiative
        used.usedBy = UUID()
        let no = try check(.baseEmulationSoldier, person(ratings: [2025: .excellent], initiatives: [used]))
        #expect(no.failed.map(\.key) == ["initiative"])
        #expect(condition(no, "initiative")?.records.first?.hasSuffix("đã dùng") == true)
    }

    @Test func aRecordedAdvancedWorkerTitleIsCitedAsTheRecord() throws {
        let initiative = Initiative(title: "A", year: 2025, level: .agency)
        let explanation = try check(.baseEmulationSoldier, person(ratings: [2025: .good], titles: [(.advancedWorker, 2025)], initiatives: [initiative]))
        #expect(condition(explanation, "advancedWorker")?.records == ["2025: Lao động tiên tiến (QĐ 2025)"])
    }
}

@Suite struct ChainRuleTests {
    /// CSTĐ cấp tỉnh: 3 consecutive CSTĐCS, the year that completes the chain passes.
    @Test(arguments: [
        ([2023, 2024, 2025], true),
        ([2024, 2025], false),
        ([2022, 2023, 2025], false),
        ([2023, 2024], false), // the chain must end in the year proposed
    ]) func provinceSoldierChain(_ years: [Int], _ eligible: Bool) throws {
        let initiative = Initiative(title: "Cải cách một cửa", year: 2024, level: .province)
        let history = person(titles: years.map { (.baseEmulationSoldier, $0) }, initiatives: [initiative])
        let explanation = try check(.provinceEmulationSoldier, history)
        #expect(explanation.eligible == eligible)
        if eligible {
            #expect(explanation.basis.years == [2023, 2024, 2025])
            #expect(condition(explanation, "chain")?.records == ["2023: Chiến sĩ thi đua cơ sở", "2024: Chiến sĩ thi đua cơ sở", "2025: Chiến sĩ thi đua cơ sở"])
        }
    }

    @Test func provinceSoldierNeedsAProvinceLevelInitiative() throws {
        let agency = Initiative(title: "Nội bộ", year: 2024, level: .agency)
        let history = person(titles: [2023, 2024, 2025].map { (.baseEmulationSoldier, $0) }, initiatives: [agency])
        #expect(try check(.provinceEmulationSoldier, history).failed.map(\.key) == ["initiative"])
    }

    @Test func yearsUsedByAnEarlierAwardOfTheSameFormAreNotCountedAgain() throws {
        let initiatives = [Initiative(title: "A", year: 2025, level: .province)]
        var history = person(titles: [2020, 2021, 2022, 2023, 2024, 2025].map { (.baseEmulationSoldier, $0) }, initiatives: initiatives)
        history.awards.append(AwardRecord(code: .provinceEmulationSoldier, year: 2024, decisionDate: .d("2025-02-01"), basisYears: [2022, 2023, 2024]))
        let explanation = try check(.provinceEmulationSoldier, history)
        #expect(!explanation.eligible)
        #expect(condition(explanation, "chain")?.records.last == "Chuỗi dừng: năm 2024 đã được dùng làm căn cứ cho lần khen trước")
        // Three years later the next chain is whole.
        history.awards.append(contentsOf: [2026, 2027].map { AwardRecord(code: .baseEmulationSoldier, year: $0, decisionDate: .d("\($0 + 1)-01-10")) })
        history.initiatives.append(Initiative(title: "B", year: 2027, level: .province))
        #expect(try check(.provinceEmulationSoldier, history, year: 2027, on: .d("2028-01-10")).eligible)
    }

    @Test func provinceMeritByEitherWay() throws {
        // Two consecutive CSTĐCS.
        let soldiers = person(titles: [(.baseEmulationSoldier, 2024), (.baseEmulationSoldier, 2025)])
        let first = try check(.provinceMeritIndividual, soldiers)
        #expect(first.eligible)
        #expect(first.basis.years == [2024, 2025])
        // Two HTXSNV years with two initiatives not used for CSTĐCS.
        let a = Initiative(title: "A", year: 2024, level: .agency), b = Initiative(title: "B", year: 2025, level: .agency)
        let excellent = person(ratings: [2024: .excellent, 2025: .excellent], initiatives: [a, b])
        let second = try check(.provinceMeritIndividual, excellent)
        #expect(second.eligible)
        #expect(Set(second.basis.initiatives) == [a.id, b.id])
        // One of them used by a CSTĐCS: not enough.
        var used = excellent
        used.awards.append(AwardRecord(code: .baseEmulationSoldier, year: 2025, decisionDate: .d("2026-01-05"), basisInitiatives: [b.id]))
        // (That CSTĐCS alone is one year of the first way; 2024 is not CSTĐCS.)
        let none = try check(.provinceMeritIndividual, used)
        #expect(!none.eligible)
        #expect(condition(none, "achievement")?.alternatives.count == 2)
    }

    @Test func primeMinisterMeritAtTheFiveYearBoundary() throws {
        let ratings = Dictionary(uniqueKeysWithValues: (2021...2025).map { ($0, TaskRating.good) })
        let titles: [(AwardCode, Int)] = [(.provinceMeritIndividual, 2022), (.baseEmulationSoldier, 2021), (.baseEmulationSoldier, 2023), (.baseEmulationSoldier, 2025)]
        #expect(try check(.primeMinisterMeritIndividual, person(ratings: ratings, titles: titles)).eligible)
        var four = ratings
        four[2021] = .completed
        let short = try check(.primeMinisterMeritIndividual, person(ratings: four, titles: titles))
        #expect(short.failed.map(\.key) == ["chain", "soldiers"])
    }

    @Test func nationalSoldierNeedsTwoConsecutiveProvinceSoldiers() throws {
        let national = Initiative(title: "Toàn quốc", year: 2025, level: .national)
        #expect(try check(.nationalEmulationSoldier, person(titles: [(.provinceEmulationSoldier, 2022), (.provinceEmulationSoldier, 2025)],
                                                             initiatives: [national])).eligible)
        #expect(!(try check(.nationalEmulationSoldier, person(titles: [(.provinceEmulationSoldier, 2021), (.provinceEmulationSoldier, 2025)],
                                                               initiatives: [national])).eligible))
    }
}

@Suite struct CollectiveRuleTests {
    func collective(rating: TaskRating = .excellent, summary: MemberSummary? = MemberSummary(year: 2025, members: 10, advancedWorkers: 7, baseSoldiers: 1, belowCompleted: 0, disciplinedWarningOrAbove: 0),
                    standing: BlocStanding? = nil, existence: DatePeriod = DatePeriod(from: .d("2010-01-01")), dissolved: Bool = false) -> RecipientHistory {
        RecipientHistory(subject: .collective, name: "Báo Ninh Thuận", existence: existence, dissolved: dissolved,
                         ratings: [AnnualRating(year: 2025, rating: rating)], memberSummaries: summary.map { [$0] } ?? [],
                         standings: standing.map { [$0] } ?? [])
    }

    @Test(arguments: [(7, true), (6, false)]) func excellentCollectiveSeventyPercentBoundary(_ advanced: Int, _ eligible: Bool) throws {
        let s = MemberSummary(year: 2025, members: 10, advancedWorkers: advanced, baseSoldiers: 1, belowCompleted: 0, disciplinedWarningOrAbove: 0)
        #expect(try check(.excellentCollective, collective(summary: s)).eligible == eligible)
    }

    @Test(arguments: [(5, true), (4, false)]) func advancedCollectiveHalfBoundary(_ advanced: Int, _ eligible: Bool) throws {
        let s = MemberSummary(year: 2025, members: 10, advancedWorkers: advanced, baseSoldiers: 0, belowCompleted: 0, disciplinedWarningOrAbove: 0)
        #expect(try check(.advancedCollective, collective(rating: .good, summary: s)).eligible == eligible)
    }

    @Test func provinceFlagReadsTheRankingAndTheBallot() throws {
        let led = BlocStanding(year: 2025, blocName: "Khối các cơ quan Đảng", rank: 1, ballotConfirmed: true)
        #expect(try check(.provinceFlag, collective(standing: led)).eligible)
        var unknown = led
        unknown.ballotConfirmed = nil
        #expect(try check(.provinceFlag, collective(standing: unknown)).outcome == .review)
        let second = BlocStanding(year: 2025, blocName: "Khối", rank: 2, ballotConfirmed: true)
        #expect(try check(.provinceFlag, collective(standing: second)).failed.map(\.key) == ["ledBloc"])
        #expect(try check(.provinceFlag, collective(rating: .good, standing: led)).failed.map(\.key) == ["excellentCollective"])
    }

    @Test func dissolvedAndEndedUnitsAreExcluded() throws {
        let ended = try check(.excellentCollective, collective(existence: DatePeriod(from: .d("2010-01-01"), to: .d("2025-06-30")), dissolved: true))
        #expect(ended.failed.map(\.key) == ["active", "notDissolved"])
        #expect(condition(ended, "notDissolved")?.citation == "Thông tư số 15/2025/TT-BNV")
    }

    @Test(arguments: [(MergerChainRule.continueChain, ConditionOutcome.pass), (.restart, .fail), (.ask, .review)])
    func chainsAcrossAMergerFollowTheProvincesRule(_ rule: MergerChainRule, _ outcome: ConditionOutcome) throws {
        var history = collective()
        history.ratings = [AnnualRating(year: 2024, rating: .excellent), AnnualRating(year: 2025, rating: .excellent)]
        history.predecessorYears = [2024]
        var p = AwardParameters()
        p.mergerChain = rule
        let explanation = try check(.provinceMeritCollective, history, parameters: p)
        let chain = explanation.conditions.filter { $0.key == "chain" || $0.key == "mergerChain" }
        #expect(Explanation.combine(chain.map(\.outcome)) == outcome)
    }
}

@Suite struct RuleVersionTests {
    @Test func theRuleInForceOnTheProposalsDayIsUsed() throws {
        let history = person(ratings: [2024: .good])
        let before = try check(.advancedWorker, history, year: 2024, on: july2025.previousDay)
        let after = try check(.advancedWorker, history, year: 2024, on: july2025)
        #expect(before.ruleID == "ldtt@98/2023/NĐ-CP")
        #expect(after.ruleID == "ldtt@152/2025/NĐ-CP")
        #expect(before.legalBasis.contains("Nghị định số 98/2023/NĐ-CP"))
        #expect(after.legalBasis.contains("Nghị định số 152/2025/NĐ-CP"))
        #expect(condition(after, "notUnderReview")?.citation.contains("152/2025/NĐ-CP") == true)
    }

    @Test func aProvincesParametersChangeOnTheirDay() throws {
        var strict = AwardParameters()
        strict.minimumMonthsEmployed = 12
        let schedule = ParameterSchedule(versions: [
            ParameterVersion(validity: DatePeriod(from: .d("2026-01-01")), reference: "QĐ 9/2025/QĐ-UBND", parameters: strict),
        ])
        let engine = Eligibility(parameters: schedule)
        let history = person(ratings: [2025: .good], since: "2025-03-01")
        #expect(try engine.evaluate(.advancedWorker, for: history, year: 2025, on: .d("2025-12-31")).eligible)
        let later = try engine.evaluate(.advancedWorker, for: history, year: 2025, on: .d("2026-01-01"))
        #expect(later.failed.map(\.key) == ["months"])
        #expect(later.legalBasis.last == "Tham số: QĐ 9/2025/QĐ-UBND")
    }

    @Test func noRuleBeforeTheLawAndWrongSubjectAreRefused() {
        #expect(throws: DomainError.self) { try check(.advancedWorker, person(), on: .d("2023-12-31")) }
        #expect(throws: DomainError.self) { try check(.provinceFlag, person()) }
        #expect(throws: DomainError.self) { try check(AwardCode("khong_co"), person()) }
        #expect(throws: DomainError.self) { try check(.advancedWorker, person(), year: 1999) }
    }

    @Test func aProvincialFormIsAddedAsDataAndJudgedByPeople() throws {
        var engine = Eligibility()
        let form = AwardType(code: AwardCode("ky_niem_chuong_tinh"), name: "Kỷ niệm chương của tỉnh", kind: .form, subject: .individual,
                             level: .province, decidedBy: "Chủ tịch UBND tỉnh",
                             legalBasis: LegalBasis(code: "12/2024/QĐ-UBND", title: "Quyết định", validity: DatePeriod(from: .d("2024-06-01"))),
                             article: "Điều 3")
        try engine.catalogue.add(form)
        engine.rules.addJudged(form)
        let explanation = try engine.evaluate(form.code, for: person(ratings: [2025: .good]), year: 2025, on: .d("2026-01-10"))
        #expect(explanation.outcome == .review)
        #expect(throws: DomainError.self) { try engine.catalogue.add(form) }
    }
}

@Suite struct QuotaAndProposalTests {
    /// CSTĐCS ≤ 15 % of LĐTT: 20 → 3, 19 → 2 (2.85 read down), 7 → 1, 6 → 0.
    @Test(arguments: [(20, 3), (19, 2), (7, 1), (6, 0), (0, 0)]) func quotaRoundsDown(_ base: Int, _ allowed: Int) {
        #expect(Quota.allowed(base: base, percent: 15, rounding: .down) == allowed)
    }

    @Test func quotaNearestAndHugeCountsDoNotTrap() {
        #expect(Quota.allowed(base: 19, percent: 15, rounding: .nearest) == 3)
        #expect(Quota.allowed(base: Int.max, percent: 100, rounding: .down) == 10_000_000)
    }

    @Test func warningsNameIneligibleLinesAndExceededQuotas() throws {
        let unit = UUID()
        let ok = try check(.baseEmulationSoldier, person(ratings: [2025: .good], initiatives: [Initiative(title: "A", year: 2025, level: .agency)]))
        let bad = try check(.baseEmulationSoldier, person(ratings: [2025: .completed]))
        let lines = [ProposalLineCheck(lineID: UUID(), recipientName: "Lan", unitID: unit, code: .baseEmulationSoldier, explanation: ok),
                     ProposalLineCheck(lineID: UUID(), recipientName: "Minh", unitID: unit, code: .baseEmulationSoldier, explanation: bad)]
        let warnings = ProposalWarnings.check(lines, advancedWorkers: [unit: 7], blocLeaders: 0, parameters: AwardParameters())
        #expect(warnings.lines.map(\.lineID) == [lines[1].lineID])
        #expect(warnings.lines[0].message.hasPrefix("Minh — Chưa đủ điều kiện Chiến sĩ thi đua cơ sở"))
        #expect(warnings.quotas.map(\.exceeded) == [true])
        #expect(warnings.messages.last == "Chiến sĩ thi đua cơ sở: đề nghị 2, tối đa 1 (15% của 7) — vượt chỉ tiêu.")
    }

    @Test func stateMachine() throws {
        #expect(try ProposalMachine.next(.draft, .submit) == .submitted)
        #expect(try ProposalMachine.next(.returned, .submit) == .submitted)
        #expect(try ProposalMachine.next(.received, .returnToAuthor, reason: "Thiếu hồ sơ") == .returned)
        #expect(throws: DomainError.invalid(field: "reason", "Hãy ghi lý do trả lại.")) { try ProposalMachine.next(.received, .returnToAuthor, reason: "  ") }
        #expect(throws: DomainError.self) { try ProposalMachine.next(.draft, .decide) }
        #expect(throws: DomainError.self) { try ProposalMachine.next(.decided, .submit) }
        #expect(try ProposalMachine.next(.atCouncil, .decide) == .decided)
    }

    @Test func decisionRefusesWhatWasNeverProposedReusedNumbersEndedUnitsAndTwiceClaimedInitiatives() {
        let a = UUID(), b = UUID(), returned = UUID(), stranger = UUID(), initiative = UUID()
        let decision = AwardDecision(number: "123/QĐ-UBND", date: .d("2026-02-01"), issuer: "UBND tỉnh", signer: "Chủ tịch", approved: [a, b, returned, stranger])
        let recipients = [
            AwardDecision.Recipient(lineID: a, name: "Sở A", existence: DatePeriod(from: .d("2026-03-01")), initiatives: []),
            AwardDecision.Recipient(lineID: b, name: "Lan", existence: nil, initiatives: [initiative]),
        ]
        do {
            try decision.validate(councilLines: [a, b], allLines: [a, b, returned], numbersOfIssuer: ["123/qđ-ubnd"], recipients: recipients,
                                  usedInitiatives: [initiative])
            Issue.record("expected a refusal")
        } catch let error as DomainError {
            let messages = error.issues.map(\.message)
            #expect(messages.count == 5)
            #expect(messages.contains { $0.contains("đã được «UBND tỉnh» dùng") })
            #expect(messages.contains { $0.contains("không có trong tờ trình") })
            #expect(messages.contains { $0.contains("không được trình Hội đồng") })
            #expect(messages.contains { $0.contains("«Sở A» không hoạt động vào ngày 01/02/2026") })
            #expect(messages.contains { $0.contains("mỗi sáng kiến chỉ dùng một lần") })
        } catch { Issue.record("\(error)") }
    }

    @Test func parametersOutOfRangeAreRefusedInVietnamese() {
        var p = AwardParameters()
        p.baseSoldierQuotaPercent = 0
        p.provinceSoldierYears = 11
        #expect(throws: DomainError.self) { try p.validated() }
    }
}

@Suite struct ParameterTests {
    @Test func aProvincesTextIsReadBackAsItsParameters() throws {
        var p = AwardParameters()
        p.baseSoldierQuotaPercent = 20
        p.mergerChain = .continueChain
        p.flagRequiresBallot = false
        #expect(try AwardParameters.read(p.fields) == p)
        #expect(try AwardParameters.read([:]) == AwardParameters())
    }

    @Test func badValuesAreNamedByField() {
        do {
            _ = try AwardParameters.read(["baseSoldierQuotaPercent": "0", "minimumMonthsEmployed": "13", "mergerChain": "sometimes",
                                          "flagRequiresBallot": "có"])
            Issue.record("expected a refusal")
        } catch let error as DomainError {
            #expect(error.issues.compactMap(\.field) == ["baseSoldierQuotaPercent", "minimumMonthsEmployed", "mergerChain", "flagRequiresBallot"])
        } catch { Issue.record("\(error)") }
    }

    @Test func versionsMayNotOverlap() throws {
        let first = ParameterVersion(validity: DatePeriod(from: .d("2025-01-01"), to: .d("2025-12-31")), reference: "QĐ 1", parameters: AwardParameters())
        let schedule = ParameterSchedule(versions: [first])
        #expect(throws: DomainError.self) {
            try schedule.validate(ParameterVersion(validity: DatePeriod(from: .d("2025-12-31")), reference: "QĐ 2", parameters: AwardParameters()))
        }
        try schedule.validate(ParameterVersion(validity: DatePeriod(from: .d("2026-01-01")), reference: "QĐ 2", parameters: AwardParameters()))
        #expect(throws: DomainError.self) {
            try schedule.validate(ParameterVersion(validity: DatePeriod(from: .d("2026-01-01")), reference: " ", parameters: AwardParameters()))
        }
    }
}
