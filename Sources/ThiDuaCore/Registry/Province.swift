import Foundation

/// Tỉnh / thành phố trực thuộc Trung ương: a province or centrally-run city. Provinces have a
/// lineage of their own: 63 became 34 on 1 July 2025, and old names stay on old documents.
public struct Province: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    /// Short code, e.g. "NTH" for Ninh Thuận; unique across the installation.
    public var code: String
    public var name: String
    public var kind: ProvinceKind
    /// When the province existed: its end is the day before a merger took effect.
    public var existence: DatePeriod

    public init(id: UUID = UUID(), code: String, name: String, kind: ProvinceKind = .province,
                existence: DatePeriod) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.existence = existence
    }

    /// "Tỉnh Ninh Thuận", "Thành phố Hà Nội".
    public var fullName: String { "\(kind.label) \(name)" }
}

public enum ProvinceKind: String, CaseIterable, Sendable, Codable {
    /// Tỉnh.
    case province
    /// Thành phố trực thuộc Trung ương.
    case city

    public var label: String {
        switch self {
        case .province: "Tỉnh"
        case .city: "Thành phố"
        }
    }
}

extension Province {
    /// Checks and normalises a province as sent by a form or the API.
    public static func validated(id: UUID = UUID(), code: String?, name: String?, kind: String?,
                                 validFrom: String?, validTo: String?) throws -> Province {
        var issues = IssueCollector()
        let name = TextRules.requiredName(name, field: "name", label: "Tên tỉnh", into: &issues)
        let code = TextRules.requiredName(code, field: "code", label: "Mã tỉnh", maximum: 16, into: &issues)
            .uppercased()
        issues.check(code.isEmpty || code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) },
                     field: "code", "Mã tỉnh chỉ gồm chữ cái không dấu và chữ số.")
        let parsedKind = ProvinceKind(rawValue: kind ?? "province")
        issues.check(parsedKind != nil, field: "kind", "Loại đơn vị hành chính không hợp lệ.")
        let from = TextRules.requiredDate(validFrom, field: "validFrom", label: "Ngày bắt đầu", into: &issues)
        let to = TextRules.optionalDate(validTo, field: "validTo", label: "Ngày kết thúc", into: &issues)
        if let from, let to {
            issues.check(from <= to, field: "validTo", "Ngày kết thúc phải sau ngày bắt đầu.")
        }
        try issues.finish()
        return Province(id: id, code: code, name: name, kind: parsedKind!, existence: DatePeriod(from: from!, to: to))
    }
}
