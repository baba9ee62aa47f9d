import Foundation

/// Đơn vị / cơ quan: a member agency of blocs (a Party board, a department, a newspaper, a
/// school…). Its identity survives renames; a merger or split ends it and starts others,
/// linked by reorganisation events.
public struct OrgUnit: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var provinceID: UUID
    /// The current full name, e.g. "Ban Tổ chức Tỉnh ủy".
    public var name: String
    /// Tên viết tắt, e.g. "BTCTU": unique within a province, used in document numbers.
    public var shortName: String
    public var kind: UnitKind
    /// Cơ quan cấp trên: the body above it, printed over its name in document headers
    /// ("TỈNH ỦY NINH THUẬN").
    public var parentBody: String?
    /// When the unit existed: from its founding (or the day the registry starts knowing it)
    /// to the day before a merger, split or dissolution took effect.
    public var existence: DatePeriod

    public init(id: UUID = UUID(), provinceID: UUID, name: String, shortName: String, kind: UnitKind,
                parentBody: String? = nil, existence: DatePeriod) {
        self.id = id
        self.provinceID = provinceID
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentBody = parentBody
        self.existence = existence
    }

    public func exists(on date: LocalDate) -> Bool { existence.contains(date) }
}

/// Loại đơn vị: decides, among other things, the format of the documents the unit issues.
public enum UnitKind: String, CaseIterable, Sendable, Codable {
    /// Cơ quan Đảng (ban, văn phòng, ủy ban kiểm tra, đảng ủy khối, trường chính trị).
    case partyAgency = "party_agency"
    /// Cơ quan hành chính nhà nước (sở, ban, ngành).
    case stateAgency = "state_agency"
    /// Mặt trận, đoàn thể chính trị - xã hội.
    case massOrganisation = "mass_organisation"
    /// Cơ quan báo chí (báo, đài phát thanh - truyền hình).
    case press
    /// Trường học, cơ sở đào tạo.
    case school
    /// Đơn vị sự nghiệp công lập.
    case publicServiceUnit = "public_service_unit"
    /// Doanh nghiệp.
    case enterprise
    /// Lực lượng vũ trang.
    case armedForces = "armed_forces"
    // Commune level (issue 14 part 9): from 1/7/2025 local government has two tiers and
    // provinces group their communes, wards and special zones into emulation clusters.
    /// Xã.
    case commune
    /// Phường.
    case ward
    /// Đặc khu.
    case specialZone = "special_zone"

    public var label: String {
        switch self {
        case .partyAgency: "Cơ quan Đảng"
        case .stateAgency: "Cơ quan nhà nước"
        case .massOrganisation: "Mặt trận, đoàn thể"
        case .press: "Cơ quan báo chí"
        case .school: "Trường học"
        case .publicServiceUnit: "Đơn vị sự nghiệp"
        case .enterprise: "Doanh nghiệp"
        case .armedForces: "Lực lượng vũ trang"
        case .commune: "Xã"
        case .ward: "Phường"
        case .specialZone: "Đặc khu"
        }
    }

    /// Party bodies and the Party's press (under the Tỉnh ủy since 2025) write in the Party
    /// format (Hướng dẫn 36-HD/VPTW); everyone else in the State format (Nghị định 30/2020).
    public var documentStyle: DocumentStyle {
        switch self {
        case .partyAgency, .press: .party
        default: .state
        }
    }
}

/// Thể thức văn bản: which official format a unit's documents follow.
public enum DocumentStyle: String, Sendable, Codable {
    case state
    case party

    public var label: String {
        switch self {
        case .state: "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
        case .party: "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
        }
    }
}

extension OrgUnit {
    public static let maximumShortNameLength = 32

    /// Checks and normalises a unit as sent by a form or the API. `shortNamesInProvince`
    /// holds the short names already used by other units of the same province.
    public static func validated(id: UUID = UUID(), provinceID: UUID?, name: String?, shortName: String?,
                                 kind: String?, parentBody: String?, validFrom: String?, validTo: String?,
                                 shortNamesInProvince: Set<String>) throws -> OrgUnit {
        var issues = IssueCollector()
        issues.check(provinceID != nil, field: "provinceID", "Hãy chọn tỉnh của đơn vị.")
        let name = TextRules.requiredName(name, field: "name", label: "Tên đơn vị", into: &issues)
        let shortName = TextRules.requiredName(shortName, field: "shortName", label: "Tên viết tắt",
                                               maximum: maximumShortNameLength, into: &issues)
        let taken = Set(shortNamesInProvince.map { VietnameseText.searchKey($0) })
        issues.check(shortName.isEmpty || !taken.contains(VietnameseText.searchKey(shortName)), field: "shortName",
                     "Tên viết tắt «\(shortName)» đã được một đơn vị khác trong tỉnh sử dụng.")
        let parsedKind = UnitKind(rawValue: kind ?? "")
        issues.check(parsedKind != nil, field: "kind", "Hãy chọn loại đơn vị.")
        let parent = TextRules.optionalText(parentBody, field: "parentBody", label: "Cơ quan cấp trên", into: &issues)
        let from = TextRules.requiredDate(validFrom, field: "validFrom", label: "Ngày bắt đầu hoạt động", into: &issues)
        let to = TextRules.optionalDate(validTo, field: "validTo", label: "Ngày kết thúc hoạt động", into: &issues)
        if let from, let to {
            issues.check(from <= to, field: "validTo", "Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
        }
        try issues.finish()
        return OrgUnit(id: id, provinceID: provinceID!, name: name, shortName: shortName, kind: parsedKind!,
                    parentBody: parent, existence: DatePeriod(from: from!, to: to))
    }
}
