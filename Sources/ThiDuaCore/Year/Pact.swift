import Foundation

/// Giao ước thi đua: the year's pact. Each member unit's leader signs for the unit; once
/// every member has signed, the pact (and its scoring table) is locked.
public struct PactSignature: Hashable, Sendable, Codable {
    public var unitID: UUID
    /// Họ tên người ký, chức vụ.
    public var signerName: String
    public var signerPosition: String
    public var signedAt: Date

    public init(unitID: UUID, signerName: String, signerPosition: String, signedAt: Date) {
        self.unitID = unitID
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.signedAt = signedAt
    }
}

/// A target of the pact for one unit (chỉ tiêu giao ước).
public struct PactTarget: Hashable, Sendable, Codable {
    public var unitID: UUID
    public var criterionID: UUID?
    public var text: String

    public init(unitID: UUID, criterionID: UUID? = nil, text: String) {
        self.unitID = unitID
        self.criterionID = criterionID
        self.text = text
    }
}

public enum PactRules {
    /// A unit signs once, while the year is in planning, and only if it is a member on the
    /// pact's date.
    public static func sign(_ signature: PactSignature, state: YearState, members: Set<UUID>,
                            existing: [PactSignature]) throws -> [PactSignature] {
        var issues = IssueCollector()
        issues.check(state == .planning, field: nil,
                     "Giao ước đã khóa (năm thi đua ở bước «\(state.label)»); không ký thêm được.")
        issues.check(members.contains(signature.unitID), field: "unitID",
                     "Đơn vị không phải thành viên của khối vào ngày ký giao ước.")
        issues.check(!existing.contains { $0.unitID == signature.unitID }, field: "unitID",
                     "Đơn vị đã ký giao ước; mỗi đơn vị chỉ ký một lần.")
        TextRules.checkCharacters(signature.signerName, field: "signerName", label: "Họ tên người ký", into: &issues)
        TextRules.checkCharacters(signature.signerPosition, field: "signerPosition", label: "Chức vụ người ký", into: &issues)
        issues.check(!VietnameseText.normalized(signature.signerName).isEmpty, field: "signerName",
                     "Hãy ghi họ tên người ký.")
        issues.check(!VietnameseText.normalized(signature.signerPosition).isEmpty, field: "signerPosition",
                     "Hãy ghi chức vụ người ký.")
        try issues.finish()
        var signed = existing
        signed.append(PactSignature(unitID: signature.unitID, signerName: VietnameseText.normalized(signature.signerName),
                                    signerPosition: VietnameseText.normalized(signature.signerPosition),
                                    signedAt: signature.signedAt))
        return signed
    }

    /// Targets may be set only for members, only before the pact is locked.
    public static func validate(_ targets: [PactTarget], state: YearState, members: Set<UUID>) throws {
        var issues = IssueCollector()
        issues.check(state == .planning, field: nil, "Giao ước đã khóa; thay đổi chỉ tiêu cần quyết định bổ sung có lý do.")
        for target in targets {
            issues.check(members.contains(target.unitID), field: "unitID",
                         "Có chỉ tiêu giao cho một đơn vị không phải thành viên của khối vào ngày ký giao ước.")
            issues.check(!VietnameseText.normalized(target.text).isEmpty, field: "text", "Chỉ tiêu không được để trống.")
            TextRules.checkCharacters(target.text, field: "text", label: "Chỉ tiêu", into: &issues)
        }
        try issues.finish()
    }
}

/// Đăng ký thi đua: a unit's collective title target and its staff's individual targets.
public struct Registration: Hashable, Sendable, Codable {
    public var unitID: UUID
    public var collectiveTitle: CollectiveTitle
    public var individuals: [IndividualTarget]

    public init(unitID: UUID, collectiveTitle: CollectiveTitle, individuals: [IndividualTarget]) {
        self.unitID = unitID
        self.collectiveTitle = collectiveTitle
        self.individuals = individuals
    }
}

/// Danh hiệu tập thể a unit may aim for in its registration.
public enum CollectiveTitle: String, CaseIterable, Sendable, Codable {
    /// Tập thể lao động tiên tiến.
    case advancedCollective = "ttldtt"
    /// Tập thể lao động xuất sắc.
    case excellentCollective = "ttldxs"
    /// Cờ thi đua của UBND tỉnh.
    case provincialFlag = "co_tinh"
    /// Cờ thi đua của Chính phủ.
    case governmentFlag = "co_chinh_phu"

    public var label: String {
        switch self {
        case .advancedCollective: "Tập thể lao động tiên tiến"
        case .excellentCollective: "Tập thể lao động xuất sắc"
        case .provincialFlag: "Cờ thi đua của UBND tỉnh"
        case .governmentFlag: "Cờ thi đua của Chính phủ"
        }
    }
}

/// Danh hiệu cá nhân a person may aim for.
public enum IndividualTitle: String, CaseIterable, Sendable, Codable {
    /// Lao động tiên tiến.
    case advancedWorker = "ldtt"
    /// Chiến sĩ thi đua cơ sở.
    case grassrootsEmulationFighter = "cstdcs"
    /// Chiến sĩ thi đua cấp tỉnh.
    case provincialEmulationFighter = "cstd_tinh"

    public var label: String {
        switch self {
        case .advancedWorker: "Lao động tiên tiến"
        case .grassrootsEmulationFighter: "Chiến sĩ thi đua cơ sở"
        case .provincialEmulationFighter: "Chiến sĩ thi đua cấp tỉnh"
        }
    }
}

public struct IndividualTarget: Hashable, Sendable, Codable {
    public var personID: UUID
    public var title: IndividualTitle

    public init(personID: UUID, title: IndividualTitle) {
        self.personID = personID
        self.title = title
    }
}

/// A registration as a form or a body sends it: text for the collective title and, per row,
/// a person and a title. One reading, so the page and the API refuse alike.
public enum RegistrationDraft {
    public static func parse(unitID: UUID, collectiveTitle: String?, rows: [(personID: String, title: String)]) throws -> Registration {
        var issues = IssueCollector()
        var individuals: [IndividualTarget] = []
        for row in rows where !row.title.isEmpty {
            guard let person = UUID(uuidString: row.personID), let title = IndividualTitle(rawValue: row.title) else {
                issues.add(FieldIssue(field: "individuals", "Một dòng đăng ký cá nhân không hợp lệ (người «\(row.personID)», danh hiệu «\(row.title)»)."))
                continue
            }
            individuals.append(IndividualTarget(personID: person, title: title))
        }
        let collective = CollectiveTitle(rawValue: collectiveTitle ?? "")
        issues.check(collective != nil, field: "collectiveTitle", (collectiveTitle ?? "").isEmpty
            ? "Hãy chọn danh hiệu tập thể đăng ký." : "Danh hiệu tập thể «\(collectiveTitle ?? "")» không có; hãy chọn trong danh sách.")
        try issues.finish()
        return Registration(unitID: unitID, collectiveTitle: collective!, individuals: individuals)
    }
}

public enum RegistrationRules {
    /// Each person registers once, and only staff of the unit on the registration day.
    /// `staff` maps each person of the unit that day to their name, for the messages.
    public static func validate(_ registration: Registration, staff: Set<UUID>, names: [UUID: String] = [:]) throws {
        var issues = IssueCollector()
        var seen = Set<UUID>()
        for target in registration.individuals {
            let name = names[target.personID].map { "«\($0)»" } ?? "Một người"
            issues.check(staff.contains(target.personID), field: "individuals",
                         "\(name) không công tác tại đơn vị vào ngày đăng ký.")
            issues.check(seen.insert(target.personID).inserted, field: "individuals",
                         "\(name) được đăng ký hai lần.")
        }
        try issues.finish()
    }

    /// Registrations are taken until the year reaches its scoring step.
    public static func isOpen(state: YearState) -> Bool { state < .scoring }

    /// Refuses a registration once the window has closed, or after the head acknowledged it.
    public static func checkWindow(state: YearState, acknowledged: Bool) throws {
        guard isOpen(state: state) else {
            throw DomainError.conflict("Năm thi đua đã sang bước «\(state.label)»; không đăng ký được nữa.")
        }
        if acknowledged {
            throw DomainError.conflict("Trưởng khối đã xác nhận bản đăng ký; muốn sửa, hãy đề nghị Trưởng khối mở lại.")
        }
    }

    /// Members that have not yet registered, for the provincial view.
    public static func missing(members: Set<UUID>, registered: Set<UUID>) -> Set<UUID> {
        members.subtracting(registered)
    }
}
