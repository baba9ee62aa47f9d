import Foundation

/// Năm đã qua của khối: a year of a bloc that ThiDua did not run (before it was used, or a
/// bloc that has since ended), recorded from the reports of then — the year's final ranking,
/// its head and deputy, and the awards it led to — so that consecutive-year chains for awards
/// can reach back before 2025 (DOMAIN.md §6).
public struct RecordedYear: Hashable, Sendable {
    /// One unit's place as the report gave it: a rank, with its points when the report has them.
    public struct Standing: Hashable, Sendable, Codable {
        public var unitID: UUID
        public var rank: Int
        public var points: Points?

        public init(unitID: UUID, rank: Int, points: Points? = nil) {
            self.unitID = unitID
            self.rank = rank
            self.points = points
        }
    }

    /// One award the year led to (Cờ thi đua, Bằng khen…), by a decision of then.
    public struct Award: Hashable, Sendable {
        public var unitID: UUID
        public var code: AwardCode
        public var decisionNumber: String
        public var decisionDate: LocalDate

        public init(unitID: UUID, code: AwardCode, decisionNumber: String, decisionDate: LocalDate) {
            self.unitID = unitID
            self.code = code
            self.decisionNumber = decisionNumber
            self.decisionDate = decisionDate
        }
    }

    public var year: Int
    /// The report or decision the year is recorded from ("Báo cáo số 15/BC-KTĐ ngày 20/12/2023").
    public var source: String
    /// Rank order, best first.
    public var standings: [Standing]
    public var head: UUID?
    public var deputy: UUID?
    public var awards: [Award]
}

/// The checks of a recorded year, as typed in the form or sent to the API.
public enum BlocHistory {
    /// A row as typed: blank rows (every field blank) are left out.
    public struct StandingText: Sendable, Hashable {
        public var unitID: String?
        public var rank: String?
        public var points: String?
        public init(unitID: String?, rank: String?, points: String?) {
            self.unitID = unitID
            self.rank = rank
            self.points = points
        }
        var isBlank: Bool { [unitID, rank, points].allSatisfy { ($0 ?? "").trimmingWhitespace.isEmpty } }
    }

    public struct AwardText: Sendable, Hashable {
        public var unitID: String?
        public var awardCode: String?
        public var decisionNumber: String?
        public var decisionDate: String?
        public init(unitID: String?, awardCode: String?, decisionNumber: String?, decisionDate: String?) {
            self.unitID = unitID
            self.awardCode = awardCode
            self.decisionNumber = decisionNumber
            self.decisionDate = decisionDate
        }
        var isBlank: Bool { [unitID, awardCode, decisionNumber, decisionDate].allSatisfy { ($0 ?? "").trimmingWhitespace.isEmpty } }
    }

    /// Hạng: a bloc has at most a few dozen members; the range keeps a typo from passing.
    public static let ranks = 1...500
    /// Rows a request may carry (ranking rows, award rows): far above any bloc.
    public static let maximumRows = 500

    /// Why a year cannot be recorded as history, or nil: it must lie within the bloc's
    /// validity, not in the future, and, while the bloc is in force, not be the current year
    /// (the live year's, which its head runs here).
    public static func yearRefusal(_ year: Int, validity: DatePeriod, today: LocalDate) -> String? {
        let span = "từ \(validity.from.vietnamese)" + (validity.to.map { " đến \($0.vietnamese)" } ?? " đến nay")
        if year > today.year { return "Năm \(year) chưa đến: chỉ ghi lại được các năm đã qua." }
        if year < validity.from.year || validity.to.map({ year > $0.year }) == true {
            return "Năm \(year) nằm ngoài thời gian hiệu lực của khối (\(span))."
        }
        let ended = validity.to.map { $0 < today } ?? false
        if !ended && year >= today.year {
            return "Năm \(year) của khối đang diễn ra: Trưởng khối điều hành trên ThiDua, không ghi lại như năm đã qua."
        }
        return nil
    }

    /// The same as an error of the request's year (422), for the use case.
    public static func checkYear(_ year: Int, validity: DatePeriod, today: LocalDate) throws {
        if let why = yearRefusal(year, validity: validity, today: today) { throw DomainError.invalid(field: "year", why) }
    }

    /// The units that were members of the bloc at some time in the year.
    public static func members(of memberships: [Membership], in year: Int) -> Set<UUID> {
        guard let first = LocalDate(year: year, month: 1, day: 1), let last = LocalDate(year: year, month: 12, day: 31) else { return [] }
        let whole = DatePeriod(from: first, to: last)
        return Set(memberships.filter { $0.period.overlaps(whole) }.map(\.unitID))
    }

    /// Checks a year to record. `names`: each member's name as of that year (for messages);
    /// `recorded`: the awards on record already, as `AwardHistoryImport.key`.
    public static func validated(year: Int, source: String?, standings: [StandingText], head: String?, deputy: String?,
                                 awards: [AwardText], memberships: [Membership], names: [UUID: String],
                                 catalogue: AwardCatalogue, recorded: Set<String>, today: LocalDate) throws -> RecordedYear {
        var issues = IssueCollector()
        let members = members(of: memberships, in: year)
        func name(_ id: UUID) -> String { names[id] ?? id.uuidString }
        /// A member of the year, or an issue naming the row.
        func member(_ text: String?, field: String, label: String) -> UUID? {
            let trimmed = (text ?? "").trimmingWhitespace
            guard !trimmed.isEmpty else { return nil }
            guard let id = UUID(uuidString: trimmed) else {
                issues.add(FieldIssue(field: field, "\(label): mã đơn vị «\(TextRules.excerpt(trimmed))» không hợp lệ."))
                return nil
            }
            guard members.contains(id) else {
                issues.add(FieldIssue(field: field, "\(label): đơn vị «\(names[id] ?? TextRules.excerpt(trimmed))» không phải thành viên của khối trong năm \(year)."))
                return nil
            }
            return id
        }

        let reference = TextRules.requiredName(source, field: "source", label: "Văn bản làm căn cứ (báo cáo, quyết định của năm đó)", into: &issues)

        let rows = standings.filter { !$0.isBlank }
        let awardRows = awards.filter { !$0.isBlank }
        guard rows.count <= maximumRows, awardRows.count <= maximumRows else {
            throw DomainError.invalid(field: "standings", "Mỗi lần ghi tối đa \(maximumRows) dòng xếp hạng và \(maximumRows) dòng khen thưởng.")
        }
        issues.check(!rows.isEmpty, field: "standings", "Hãy ghi xếp hạng của ít nhất một đơn vị thành viên (theo báo cáo tổng kết năm \(year)).")
        var parsed: [RecordedYear.Standing] = []
        var unitRows: [UUID: Int] = [:]
        var rankHolders: [Int: UUID] = [:]
        for (index, row) in rows.enumerated() {
            let label = "Dòng xếp hạng \(index + 1)"
            let unit = member(row.unitID, field: "standings", label: label)
            if (row.unitID ?? "").trimmingWhitespace.isEmpty { issues.add(FieldIssue(field: "standings", "\(label): hãy chọn đơn vị.")) }
            let rank = NumberRange.read(row.rank, in: ranks, field: "standings", label: "\(label): hạng", into: &issues)
            if (row.rank ?? "").trimmingWhitespace.isEmpty { issues.add(FieldIssue(field: "standings", "\(label): hãy nhập hạng.")) }
            let pointsText = (row.points ?? "").trimmingWhitespace
            let points = pointsText.isEmpty ? nil : Points.parse(pointsText, field: "standings", label: "\(label): điểm", into: &issues)
            if let points, points < .zero { issues.add(FieldIssue(field: "standings", "\(label): điểm không được âm.")) }
            guard let unit, let rank else { continue }
            if let earlier = unitRows[unit] {
                issues.add(FieldIssue(field: "standings", "Đơn vị «\(name(unit))» được ghi hai lần (dòng \(earlier) và dòng \(index + 1)); mỗi đơn vị một hạng."))
                continue
            }
            if let holder = rankHolders[rank] {
                issues.add(FieldIssue(field: "standings", "Hạng \(rank) được ghi cho cả «\(name(holder))» và «\(name(unit))»; mỗi hạng một đơn vị."))
                continue
            }
            unitRows[unit] = index + 1
            rankHolders[rank] = unit
            parsed.append(RecordedYear.Standing(unitID: unit, rank: rank, points: points))
        }
        parsed.sort { $0.rank < $1.rank }
        // Where the report gives points, a better rank never has fewer of them.
        for (better, worse) in zip(parsed, parsed.dropFirst()) {
            if let a = better.points, let b = worse.points, a < b {
                issues.add(FieldIssue(field: "standings", "«\(name(worse.unitID))» hạng \(worse.rank) có nhiều điểm hơn «\(name(better.unitID))» hạng \(better.rank) (\(b) so với \(a)): hãy kiểm tra lại báo cáo."))
            }
        }

        let headID = member(head, field: "headUnitID", label: "Trưởng khối")
        let deputyID = member(deputy, field: "deputyUnitID", label: "Phó trưởng khối")
        if let headID, headID == deputyID {
            issues.add(FieldIssue(field: "deputyUnitID", "Trưởng khối và Phó trưởng khối phải là hai đơn vị khác nhau."))
        }

        var parsedAwards: [RecordedYear.Award] = []
        var seen: Set<String> = []
        for (index, row) in awardRows.enumerated() {
            let label = "Dòng khen thưởng \(index + 1)"
            let unit = member(row.unitID, field: "awards", label: label)
            if (row.unitID ?? "").trimmingWhitespace.isEmpty { issues.add(FieldIssue(field: "awards", "\(label): hãy chọn đơn vị.")) }
            let number = TextRules.requiredName(row.decisionNumber, field: "awards", label: "\(label): số quyết định", maximum: 100, into: &issues)
            let date = TextRules.requiredDate(row.decisionDate, field: "awards", label: "\(label): ngày quyết định", into: &issues)
            if let date {
                issues.check(date <= today, field: "awards", "\(label): ngày quyết định \(date.vietnamese) ở sau hôm nay; chỉ ghi quyết định đã ký.")
                issues.check(date.year >= year, field: "awards", "\(label): quyết định ngày \(date.vietnamese) có trước năm thành tích \(year).")
            }
            let code = AwardCode((row.awardCode ?? "").trimmingWhitespace)
            // By its code, whatever text was in force then (as the import of past awards reads
            // them): the provincial Cờ and Bằng khen go back before the 2022 Law.
            let type = catalogue.type(code)
            if type == nil {
                issues.add(FieldIssue(field: "awards", "\(label): hãy chọn danh hiệu, hình thức khen thưởng trong danh mục."))
            } else if type!.subject != .collective {
                issues.add(FieldIssue(field: "awards", "\(label): «\(type!.name)» dành cho cá nhân; kết quả của khối là khen thưởng tập thể."))
            }
            guard let unit, let date, let type, type.subject == .collective, !number.isEmpty else { continue }
            let key = AwardHistoryImport.key(subjectID: unit, code: type.code, year: year)
            if recorded.contains(key) {
                issues.add(FieldIssue(field: "awards", "\(label): «\(name(unit))» đã có «\(type.name)» năm \(year) trong hồ sơ khen thưởng."))
                continue
            }
            guard seen.insert(key).inserted else {
                issues.add(FieldIssue(field: "awards", "\(label): «\(type.name)» năm \(year) của «\(name(unit))» được ghi hai lần."))
                continue
            }
            parsedAwards.append(RecordedYear.Award(unitID: unit, code: type.code, decisionNumber: number, decisionDate: date))
        }
        try issues.finish()
        return RecordedYear(year: year, source: reference, standings: parsed, head: headID, deputy: deputyID, awards: parsedAwards)
    }
}
