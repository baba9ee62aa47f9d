import Foundation

/// Xét điều kiện cả danh sách: one title or form for every person of a unit's staff, or for
/// every member unit of a bloc, each line answered by the same rule and `Explanation` as the
/// single check.
public struct EligibilityList: Hashable, Sendable, Codable {
    /// The most lines one check reads (a province's largest unit has a few thousand staff).
    public static let maximum = 5000

    /// One recipient: who, where (position and unit, or the bloc), and the rule's answer.
    public struct Line: Hashable, Sendable, Codable {
        public var recipientID: UUID
        public var recipientName: String
        /// "Chuyên viên, Sở Tài chính" for a person; the unit's kind or bloc for a collective.
        public var detail: String
        public var explanation: Explanation

        public init(recipientID: UUID, recipientName: String, detail: String, explanation: Explanation) {
            self.recipientID = recipientID
            self.recipientName = recipientName
            self.detail = detail
            self.explanation = explanation
        }

        public var outcome: ConditionOutcome { explanation.outcome }
    }

    /// Which lines to show: all, or those of one outcome.
    public enum Filter: String, Sendable, Codable, CaseIterable {
        case all, pass, fail, review

        public var label: String {
            switch self {
            case .all: "Tất cả"
            case .pass: "Đủ điều kiện"
            case .fail: "Chưa đủ điều kiện"
            case .review: "Cần xem xét"
            }
        }
    }

    /// Order of the lines: by name in Vietnamese order, or the failing first.
    public enum Order: String, Sendable, Codable, CaseIterable {
        case name, outcome

        public var label: String {
            switch self {
            case .name: "Theo tên"
            case .outcome: "Chưa đủ điều kiện trước"
            }
        }
    }

    public var award: AwardCode
    public var awardName: String
    public var year: Int
    public var date: LocalDate
    /// What the list is: "Cán bộ của Sở Tài chính năm 2025".
    public var scope: String
    /// Every line, whatever the filter (the counts are of these).
    public var lines: [Line]

    public init(award: AwardCode, awardName: String, year: Int, date: LocalDate, scope: String, lines: [Line]) {
        self.award = award
        self.awardName = awardName
        self.year = year
        self.date = date
        self.scope = scope
        self.lines = lines
    }

    public func count(_ outcome: ConditionOutcome) -> Int { lines.filter { $0.outcome == outcome }.count }

    /// The lines to show, filtered then ordered; ties keep Vietnamese name order.
    public func shown(_ filter: Filter, _ order: Order) -> [Line] {
        let kept = filter == .all ? lines : lines.filter { $0.outcome.rawValue == filter.rawValue }
        let keyed = kept.map { (key: VietnameseText.personSortKey($0.recipientName), line: $0) }
        let rank: (ConditionOutcome) -> Int = { [.fail: 0, .review: 1, .pass: 2][$0] ?? 3 }
        return keyed.sorted { a, b in
            if order == .outcome, a.line.outcome != b.line.outcome { return rank(a.line.outcome) < rank(b.line.outcome) }
            return a.key < b.key
        }.map(\.line)
    }

    /// The title or form, checked once for the whole list before any history is read:
    /// known, in force on the day, for this kind of recipient.
    public static func type(_ code: AwardCode, for subject: AwardSubject, on date: LocalDate, catalogue: AwardCatalogue) throws -> AwardType {
        guard let type = catalogue.type(code) else {
            throw DomainError.invalid(field: "award", "Không có danh hiệu, hình thức «\(TextRules.excerpt(code.rawValue))» trong danh mục.")
        }
        guard type.validity.contains(date) else {
            throw DomainError.invalid(field: "date", "«\(type.name)» không có quy định áp dụng vào ngày \(date.vietnamese).")
        }
        guard type.subject == subject else {
            let hint = subject == .individual ? "hãy chọn một khối để xét các đơn vị thành viên" : "hãy chọn một đơn vị để xét cán bộ của đơn vị"
            throw DomainError.invalid(field: "award", "«\(type.name)» dành cho \(type.subject.label.lowercased()): \(hint).")
        }
        return type
    }

    /// Refuses an empty list and one longer than `maximum`, before anything is loaded.
    public static func checkSize(_ count: Int, scope: String) throws {
        guard count > 0 else { throw DomainError.invalid(field: nil, "\(scope): danh sách trống, không có ai để xét.") }
        guard count <= maximum else {
            throw DomainError.invalid(field: nil, "\(scope): danh sách có \(count) dòng, quá \(maximum) dòng một lần xét; hãy xét từng phần.")
        }
    }

    /// Each history judged by `eligibility` for `code` in `year` on `date`, in the given order.
    public static func evaluate(_ code: AwardCode, year: Int, on date: LocalDate, scope: String, eligibility: Eligibility,
                                recipients: [(history: RecipientHistory, detail: String)]) throws -> EligibilityList {
        try checkSize(recipients.count, scope: scope)
        let type = try Self.type(code, for: recipients[0].history.subject, on: date, catalogue: eligibility.catalogue)
        let lines = try recipients.map { recipient in
            Line(recipientID: recipient.history.id, recipientName: recipient.history.name, detail: recipient.detail,
                 explanation: try eligibility.evaluate(code, for: recipient.history, year: year, on: date))
        }
        return EligibilityList(award: code, awardName: type.name, year: year, date: date, scope: scope, lines: lines)
    }
}
