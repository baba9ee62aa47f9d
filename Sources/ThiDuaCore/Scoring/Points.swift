import Foundation

/// Điểm: points in hundredths, so that 0.25 and 0.5 are exact and sums never drift; stored as
/// an integer on every database. What people and clients enter is held to `Points.range`
/// where it is read; arithmetic saturates at the ends of `Int` instead of trapping, so that no
/// stored value, however it got there, can stop the server.
public struct Points: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
                      ExpressibleByIntegerLiteral, AdditiveArithmetic {
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public init(integerLiteral value: Int) { hundredths = value.saturatingMultiplied(by: 100) }

    /// The most points any entered value may carry (100 000,00), and, negated, the least.
    /// Far above any real table (100 base points and a few of bonus), far below where sums
    /// over thousands of items could overflow.
    public static let limit = Points(hundredths: 10_000_000)
    /// Every value a table or a sheet may hold: −100 000,00 … 100 000,00, two decimals.
    public static let range = Points(hundredths: -10_000_000)...limit

    /// What a typed value turned out to be.
    public enum Reading: Hashable, Sendable {
        case value(Points)
        case notANumber
        /// More than two decimals that are not zeros ("9,125").
        case tooPrecise
        /// Beyond `Points.range`.
        case outOfRange
    }

    /// Reads "10", "0,5", "-1,25" or "0.25": an optional sign, digits, and at most two decimals
    /// after a comma or a point (Vietnamese forms write a decimal comma). Nothing else: "1 0",
    /// "1e3", "0x10" and "1.000,5" are not numbers.
    public static func read(_ text: String) -> Reading {
        var bytes = Array(text.trimmingWhitespace.utf8)[...]
        let (minus, plus, comma, point, zero, nine) = (UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ","),
                                                       UInt8(ascii: "."), UInt8(ascii: "0"), UInt8(ascii: "9"))
        var negative = false
        if let first = bytes.first, first == minus || first == plus {
            negative = first == minus
            bytes = bytes.dropFirst()
        }
        let separator = bytes.firstIndex { $0 == comma || $0 == point }
        let whole = separator.map { bytes[..<$0] } ?? bytes
        let fraction = separator.map { bytes[($0 + 1)...] } ?? []
        let isDigit = { (byte: UInt8) in (zero...nine).contains(byte) }
        guard !whole.isEmpty || !fraction.isEmpty, separator == nil || !fraction.isEmpty,
              whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else { return .notANumber }
        // Whole points, stopping as soon as the limit is passed: no digit string overflows.
        var units = 0
        for digit in whole {
            units = units * 10 + Int(digit - zero)
            if units > limit.hundredths / 100 { return .outOfRange }
        }
        var cents = 0
        for (index, digit) in fraction.enumerated() {
            if index < 2 {
                cents = cents * 10 + Int(digit - zero)
            } else if digit != zero {
                return .tooPrecise
            }
        }
        if fraction.count == 1 { cents *= 10 }
        let magnitude = units * 100 + cents
        guard magnitude <= limit.hundredths else { return .outOfRange }
        return .value(Points(hundredths: negative ? -magnitude : magnitude))
    }

    /// The value of a typed text, or nil when it is not one of `Points.range`.
    public init?(_ text: String) {
        guard case .value(let points) = Self.read(text) else { return nil }
        self = points
    }

    /// Reads a typed value; when it is not one, adds an issue naming the field and `label`
    /// (what the value is, "Điểm tối đa của tiêu chí 1.2").
    public static func parse(_ text: String, field: String?, label: String, into issues: inout IssueCollector) -> Points? {
        let shown = TextRules.excerpt(text.trimmingWhitespace)
        switch read(text) {
        case .value(let points): return points
        case .notANumber: issues.add(FieldIssue(field: field, "\(label): «\(shown)» không phải là số điểm (ví dụ 9 hoặc 9,5)."))
        case .tooPrecise: issues.add(FieldIssue(field: field, "\(label): «\(shown)» có quá hai chữ số thập phân (ví dụ 9,25)."))
        case .outOfRange: issues.add(FieldIssue(field: field, rangeMessage(label, shown)))
        }
        return nil
    }

    /// Checks a value already read (a JSON number, a stored value); adds an issue when it is
    /// outside `Points.range`.
    public static func check(_ points: Points?, field: String?, label: String, into issues: inout IssueCollector) {
        guard let points, !range.contains(points) else { return }
        issues.add(FieldIssue(field: field, rangeMessage(label, points.description)))
    }

    static func rangeMessage(_ label: String, _ shown: String) -> String {
        "\(label): «\(shown)» vượt giới hạn, điểm chỉ từ \(range.lowerBound) đến \(range.upperBound)."
    }

    /// The nearest points to a computed value (an average, a rescaled mark): NaN is zero and
    /// the ends of `Int` hold anything beyond them.
    public init(rounding hundredths: Double) {
        if hundredths.isNaN {
            self.hundredths = 0
        } else if hundredths >= Double(Int.max) {
            self.hundredths = .max
        } else if hundredths <= Double(Int.min) {
            self.hundredths = .min
        } else {
            self.hundredths = Int(hundredths.rounded())
        }
    }

    /// JSON: a number (9.5), or text ("9,5"); either within `Points.range`, two decimals.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let reading: Reading
        if let number = try? container.decode(Double.self) {
            let scaled = number * 100
            if !number.isFinite || abs(number) > Double(Self.limit.hundredths / 100) {
                reading = .outOfRange
            } else if abs(scaled - scaled.rounded()) > 0.000_001 {
                reading = .tooPrecise
            } else {
                reading = .value(Points(rounding: scaled))
            }
        } else if let text = try? container.decode(String.self) {
            reading = Self.read(text)
        } else {
            reading = .notANumber
        }
        switch reading {
        case .value(let points): self = points
        case .notANumber:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Điểm phải là một số (ví dụ 9,5).")
        case .tooPrecise:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Điểm có tối đa hai chữ số thập phân.")
        case .outOfRange:
            throw DecodingError.dataCorruptedError(in: container,
                debugDescription: "Điểm chỉ từ \(Self.range.lowerBound) đến \(Self.range.upperBound).")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Double(hundredths) / 100)
    }

    public static let zero = Points(hundredths: 0)
    public static func + (lhs: Points, rhs: Points) -> Points { Points(hundredths: lhs.hundredths.saturatingAdding(rhs.hundredths)) }
    public static func - (lhs: Points, rhs: Points) -> Points { Points(hundredths: lhs.hundredths.saturatingSubtracting(rhs.hundredths)) }
    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.hundredths < rhs.hundredths }

    /// These points `count` times (points per event × events), saturating.
    public func times(_ count: Int) -> Points { Points(hundredths: hundredths.saturatingMultiplied(by: count)) }

    /// "10", "0,5", "-1,25": as Vietnamese documents write numbers.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        // The magnitude is unsigned: even Int.min has one.
        let whole = hundredths.magnitude / 100, fraction = hundredths.magnitude % 100
        guard fraction != 0 else { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return "\(sign)\(whole),\(digits)"
    }
}

extension Int {
    /// Sums, differences and products that stop at `Int.max` or `Int.min` instead of trapping.
    public func saturatingAdding(_ other: Int) -> Int {
        let (value, overflow) = addingReportingOverflow(other)
        return overflow ? (self < 0 ? .min : .max) : value
    }

    public func saturatingSubtracting(_ other: Int) -> Int {
        let (value, overflow) = subtractingReportingOverflow(other)
        return overflow ? (self < 0 ? .min : .max) : value
    }

    public func saturatingMultiplied(by other: Int) -> Int {
        let (value, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) != (other < 0) ? .min : .max) : value
    }
}
