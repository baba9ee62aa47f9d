import Foundation

/// Khối thi đua / Cụm thi đua: a group of agencies (khối) or localities (cụm) of a province
/// that emulate each other through a year, set up by a decision of the provincial People's
/// Committee.
public struct Bloc: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var provinceID: UUID
    public var kind: BlocKind
    /// "Khối thi đua các cơ quan Đảng tỉnh".
    public var name: String
    /// Quyết định thành lập / kiện toàn: "Quyết định số 1306/QĐ-UBND".
    public var decisionReference: String?
    public var decisionDate: LocalDate?
    /// While the bloc is in force under that decision.
    public var validity: DatePeriod

    public init(id: UUID = UUID(), provinceID: UUID, kind: BlocKind, name: String,
                decisionReference: String? = nil, decisionDate: LocalDate? = nil, validity: DatePeriod) {
        self.id = id
        self.provinceID = provinceID
        self.kind = kind
        self.name = name
        self.decisionReference = decisionReference
        self.decisionDate = decisionDate
        self.validity = validity
    }
}

public enum BlocKind: String, CaseIterable, Sendable, Codable {
    /// Khối thi đua: agencies of like function.
    case bloc
    /// Cụm thi đua: localities, or agencies grouped as a cluster by the province.
    case cluster

    public var label: String {
        switch self {
        case .bloc: "Khối thi đua"
        case .cluster: "Cụm thi đua"
        }
    }

    /// What the head unit is called: Trưởng khối / Cụm trưởng.
    public var headTitle: String {
        switch self {
        case .bloc: "Trưởng khối"
        case .cluster: "Cụm trưởng"
        }
    }

    public var deputyTitle: String {
        switch self {
        case .bloc: "Phó trưởng khối"
        case .cluster: "Cụm phó"
        }
    }

    /// The word in a sentence: "thành viên của khối" / "thành viên của cụm".
    public var noun: String {
        switch self {
        case .bloc: "khối"
        case .cluster: "cụm"
        }
    }
}

extension Bloc {
    public static func validated(id: UUID = UUID(), provinceID: UUID?, kind: String?, name: String?,
                                 decisionReference: String?, decisionDate: String?,
                                 validFrom: String?, validTo: String?) throws -> Bloc {
        var issues = IssueCollector()
        issues.check(provinceID != nil, field: "provinceID", "Hãy chọn tỉnh của khối.")
        let parsedKind = BlocKind(rawValue: kind ?? "")
        issues.check(parsedKind != nil, field: "kind", "Hãy chọn khối hay cụm thi đua.")
        let name = TextRules.requiredName(name, field: "name", label: "Tên khối", into: &issues)
        let reference = TextRules.optionalText(decisionReference, field: "decisionReference",
                                               label: "Số quyết định", into: &issues)
        let decided = TextRules.optionalDate(decisionDate, field: "decisionDate", label: "Ngày quyết định", into: &issues)
        let from = TextRules.requiredDate(validFrom, field: "validFrom", label: "Ngày có hiệu lực", into: &issues)
        let to = TextRules.optionalDate(validTo, field: "validTo", label: "Ngày hết hiệu lực", into: &issues)
        if let from, let to {
            issues.check(from <= to, field: "validTo", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        }
        try issues.finish()
        return Bloc(id: id, provinceID: provinceID!, kind: parsedKind!, name: name, decisionReference: reference,
                    decisionDate: decided, validity: DatePeriod(from: from!, to: to))
    }
}

/// Thành viên khối: a unit's membership of a bloc for a period. A bloc's membership as of
/// any day is the memberships whose period contains it.
public struct Membership: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var blocID: UUID
    public var unitID: UUID
    public var period: DatePeriod
    public var note: String?

    public init(id: UUID = UUID(), blocID: UUID, unitID: UUID, period: DatePeriod, note: String? = nil) {
        self.id = id
        self.blocID = blocID
        self.unitID = unitID
        self.period = period
        self.note = note
    }

    /// The memberships in force on a day.
    public static func inForce(_ memberships: [Membership], on date: LocalDate) -> [Membership] {
        memberships.filter { $0.period.contains(date) }
    }

    /// Checks a new or changed membership against the bloc, the unit and the unit's other
    /// memberships of the same bloc (`others` excludes the membership being edited).
    public static func validate(_ membership: Membership, bloc: Bloc, unit: OrgUnit?, others: [Membership]) throws {
        var issues = IssueCollector()
        guard let unit else {
            throw DomainError.invalid(field: "unitID", "Hãy chọn đơn vị thành viên.")
        }
        let period = membership.period
        issues.check(period.isOrdered, field: "validTo", "Ngày kết thúc phải sau ngày bắt đầu.")
        issues.check(bloc.validity.contains(period.from), field: "validFrom",
                     "Ngày bắt đầu \(period.from.vietnamese) nằm ngoài thời gian hiệu lực của khối.")
        issues.check(unit.existence.contains(period.from), field: "validFrom",
                     "Đơn vị «\(unit.name)» không hoạt động vào ngày \(period.from.vietnamese).")
        if let end = unit.existence.to {
            issues.check(period.to.map { $0 <= end } ?? false, field: "validTo",
                         "Đơn vị «\(unit.name)» ngừng hoạt động sau ngày \(end.vietnamese); hãy kết thúc tư cách thành viên không muộn hơn ngày đó.")
        }
        for other in others where other.unitID == membership.unitID && other.blocID == membership.blocID
            && other.id != membership.id && other.period.overlaps(period) {
            let otherEnd = other.period.to?.vietnamese ?? "nay"
            issues.add(FieldIssue(field: "validFrom",
                "Đơn vị «\(unit.name)» đã là thành viên của khối từ \(other.period.from.vietnamese) đến \(otherEnd); hai thời gian không được chồng lên nhau."))
        }
        try issues.finish()
    }
}

/// Trưởng khối / Phó trưởng khối of one year: a unit, acting through its leader. Elected in
/// rotation at the previous year-end conference, or recognised by the authority.
public struct BlocOffice: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var blocID: UUID
    public var year: Int
    public var role: BlocOfficeRole
    public var unitID: UUID
    public var basis: BlocOfficeBasis

    public init(id: UUID = UUID(), blocID: UUID, year: Int, role: BlocOfficeRole, unitID: UUID,
                basis: BlocOfficeBasis = .elected) {
        self.id = id
        self.blocID = blocID
        self.year = year
        self.role = role
        self.unitID = unitID
        self.basis = basis
    }
}

public enum BlocOfficeRole: String, CaseIterable, Sendable, Codable {
    case head
    case deputy
}

public enum BlocOfficeBasis: String, CaseIterable, Sendable, Codable {
    /// Bầu luân phiên tại hội nghị tổng kết.
    case elected
    /// Cấp có thẩm quyền công nhận / chỉ định.
    case recognised
    /// Ghi lại theo báo cáo của năm đó (a past year recorded by the province, issue 14 part 9).
    case recorded

    public var label: String {
        switch self {
        case .elected: "Bầu tại hội nghị"
        case .recognised: "Cấp có thẩm quyền công nhận"
        case .recorded: "Ghi lại theo báo cáo năm đó"
        }
    }
}
