/// Khoảng giá trị: the documented range of every whole number a person or a client sends, in
/// one place. The edge checks each where it reads it (an issue naming the field); what stays
/// inside these ranges keeps Core's arithmetic far from overflow. Points have theirs in
/// `Points.range`.
public enum NumberRange {
    /// Số lần: events of one item on one sheet (deductions, per-event bonus).
    public static let events = 0...10_000
    /// A sheet's version for the optimistic lock; 0 means "not read yet".
    public static let version = 0...1_000_000_000
    /// Năm thi đua, in a path, a query or a body.
    public static let year = 2000...2100
    /// Năm sinh: from 1900 to this year (the upper end is the caller's today).
    public static let firstBirthYear = 1900
    /// Days the registry and the year take (a founding, a birth, a deadline).
    public static let dayYears = 1900...2100
    /// A page of a list: page × per stays far from overflow.
    public static let page = 1...1_000_000
    public static let perPage = 1...200
    /// Số đơn vị, số phiếu: members of a bloc, voters and ballots of one session.
    public static let voters = 0...10_000
    /// Vòng bỏ phiếu: a session's round.
    public static let rounds = 1...20
    /// A share in per cent (ngưỡng chênh lệch).
    public static let percent = 1...100

    /// Reads a whole number from text ("12", "-3"). Blank is nil without an issue; anything
    /// else that is not a number within `range` adds an issue naming the field.
    public static func read(_ text: String?, in range: ClosedRange<Int>, field: String, label: String,
                            into issues: inout IssueCollector) -> Int? {
        let trimmed = (text ?? "").trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        // Int(_:) refuses what overflows, so a long run of digits is simply "not in range".
        let digits = trimmed.first == "-" || trimmed.first == "+" ? trimmed.dropFirst() : Substring(trimmed)
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
            issues.add(FieldIssue(field: field, "\(label) «\(TextRules.excerpt(trimmed))» phải là một số nguyên."))
            return nil
        }
        guard let value = Int(trimmed), range.contains(value) else {
            issues.add(FieldIssue(field: field, message(label, TextRules.excerpt(trimmed), range)))
            return nil
        }
        return value
    }

    /// Checks a number already read (a JSON integer); adds an issue when it is outside `range`.
    public static func check(_ value: Int?, in range: ClosedRange<Int>, field: String?, label: String,
                             into issues: inout IssueCollector) {
        guard let value, !range.contains(value) else { return }
        issues.add(FieldIssue(field: field, message(label, String(value), range)))
    }

    /// The same check for a single number, thrown.
    public static func checked(_ value: Int, in range: ClosedRange<Int>, field: String, label: String) throws -> Int {
        var issues = IssueCollector()
        check(value, in: range, field: field, label: label, into: &issues)
        try issues.finish()
        return value
    }

    /// The version after `version` for the optimistic lock; a version outside
    /// `NumberRange.version` (never stored) is refused instead of overflowing.
    public static func nextVersion(after version: Int) throws -> Int {
        // The whole range the edge accepts: its upper end is far from Int.max, so + 1 is safe.
        try checked(version, in: Self.version, field: "version", label: "Phiên bản") + 1
    }

    static func message(_ label: String, _ shown: String, _ range: ClosedRange<Int>) -> String {
        "\(label) «\(shown)» phải từ \(range.lowerBound) đến \(range.upperBound)."
    }
}
