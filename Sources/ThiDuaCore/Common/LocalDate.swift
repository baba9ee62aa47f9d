import Foundation

/// A calendar day with no time and no zone: decisions, memberships and reorganisations take
/// effect on a day ("từ ngày 01/7/2025"), not at an instant. Stored as ISO text
/// "YYYY-MM-DD", whose text order is its date order on every database.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for a day that does not exist (31/4, 29/2 outside leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads "YYYY-MM-DD" (ISO) or "DD/MM/YYYY" (as Vietnamese forms write it).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let vietnamese = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            self.init(year: y, month: m, day: d)
        } else if vietnamese.count == 3, vietnamese[2].count == 4,
                  let d = Int(vietnamese[0]), let m = Int(vietnamese[1]), let y = Int(vietnamese[2]) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// "2025-07-01".
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// "01/07/2025", as Vietnamese pages show dates.
    public var vietnamese: String {
        let iso = self.iso
        return "\(iso.suffix(2))/\(iso.dropFirst(5).prefix(2))/\(iso.prefix(4))"
    }

    public var description: String { iso }

    /// The day before, for closing a period that a new one opens. The first day of year 1
    /// is its own day before (no calendar here goes further), rather than a trap.
    public var previousDay: LocalDate {
        if year == 1 && month == 1 && day == 1 { return self }
        if day > 1 { return LocalDate(year: year, month: month, day: day - 1)! }
        if month > 1 { return LocalDate(year: year, month: month - 1, day: LocalDate.daysIn(month: month - 1, year: year))! }
        return LocalDate(year: year - 1, month: 12, day: 31)!
    }

    /// The day after, for an all-day entry's exclusive end. The last day of year 9999 is its
    /// own day after, rather than a trap (`?to=9999-12-31` reaches it).
    public var nextDay: LocalDate {
        if year == 9999 && month == 12 && day == 31 { return self }
        if day < LocalDate.daysIn(month: month, year: year) { return LocalDate(year: year, month: month, day: day + 1)! }
        if month < 12 { return LocalDate(year: year, month: month + 1, day: 1)! }
        return LocalDate(year: year + 1, month: 1, day: 1)!
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Ngày không hợp lệ: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A period of days, both ends included; an open end means "until further notice".
/// Memberships, names and assignments are periods: "từ ngày … đến ngày …".
public struct DatePeriod: Hashable, Sendable, Codable {
    public var from: LocalDate
    public var to: LocalDate?

    public init(from: LocalDate, to: LocalDate? = nil) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }

    public func overlaps(_ other: DatePeriod) -> Bool {
        let startsBeforeOtherEnds = other.to.map { from <= $0 } ?? true
        let otherStartsBeforeThisEnds = to.map { other.from <= $0 } ?? true
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds
    }

    public var isOrdered: Bool { to.map { from <= $0 } ?? true }
}
