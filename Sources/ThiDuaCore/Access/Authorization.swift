import Foundation

/// A role a user holds, with its scope. A user may hold several (an officer who also votes).
public enum Role: Hashable, Sendable, Codable {
    /// Quản trị hệ thống: the installation.
    case admin
    /// Cán bộ TĐKT tỉnh (Sở Nội vụ / Ban Thi đua – Khen thưởng): one province.
    case provincialOfficer(province: UUID)
    /// Cán bộ TĐKT đơn vị: one unit. When the unit heads a bloc in a year, the same officer
    /// acts as the bloc head's officer for that bloc and that year only.
    case unitOfficer(unit: UUID)
    /// Người bỏ phiếu: the unit's leader or delegate, called to ballots one by one.
    case voter(unit: UUID)
    /// Người xem: published results of a province.
    case viewer(province: UUID)

    public var kind: RoleKind {
        switch self {
        case .admin: .admin
        case .provincialOfficer: .provincialOfficer
        case .unitOfficer: .unitOfficer
        case .voter: .voter
        case .viewer: .viewer
        }
    }

    /// The province or unit the role is scoped to.
    public var scopeID: UUID? {
        switch self {
        case .admin: nil
        case .provincialOfficer(let id), .viewer(let id), .unitOfficer(let id), .voter(let id): id
        }
    }

    public init?(kind: RoleKind, scope: UUID?) {
        switch (kind, scope) {
        case (.admin, _): self = .admin
        case (.provincialOfficer, let id?): self = .provincialOfficer(province: id)
        case (.unitOfficer, let id?): self = .unitOfficer(unit: id)
        case (.voter, let id?): self = .voter(unit: id)
        case (.viewer, let id?): self = .viewer(province: id)
        default: return nil
        }
    }
}

public enum RoleKind: String, CaseIterable, Sendable, Codable {
    case admin
    case provincialOfficer = "provincial_officer"
    case unitOfficer = "unit_officer"
    case voter
    case viewer

    public var label: String {
        switch self {
        case .admin: "Quản trị hệ thống"
        case .provincialOfficer: "Cán bộ TĐKT tỉnh"
        case .unitOfficer: "Cán bộ TĐKT đơn vị"
        case .voter: "Người bỏ phiếu"
        case .viewer: "Người xem"
        }
    }

    /// Whether the role's scope is a province (else a unit, or nothing for admin).
    public var scopedToProvince: Bool { self == .provincialOfficer || self == .viewer }
}

/// Who is asking: the signed-in user and the roles they hold. Unit roles carry the unit's
/// province, so that a decision needs no lookup.
public struct Actor: Hashable, Sendable {
    public var userID: UUID
    public var username: String
    public var roles: [Role]
    /// The province of each unit the actor's unit roles name.
    public var unitProvinces: [UUID: UUID]
    /// Provinces merged into the actor's provinces: their history stays readable.
    public var inheritedProvinces: Set<UUID>
    /// Provinces merged into the provinces the actor is TĐKT officer of: the successor's
    /// officers keep the old province's records (its blocs' past years, their award lists).
    public var inheritedOfficerProvinces: Set<UUID>

    public init(userID: UUID, username: String, roles: [Role], unitProvinces: [UUID: UUID] = [:],
                inheritedProvinces: Set<UUID> = [], inheritedOfficerProvinces: Set<UUID> = []) {
        self.userID = userID
        self.username = username
        self.roles = roles
        self.unitProvinces = unitProvinces
        self.inheritedProvinces = inheritedProvinces
        self.inheritedOfficerProvinces = inheritedOfficerProvinces
    }

    public var isAdmin: Bool { roles.contains(.admin) }
    public var officerProvinces: Set<UUID> { Set(roles.compactMap { if case .provincialOfficer(let p) = $0 { p } else { nil } }) }
    public var officerUnits: Set<UUID> { Set(roles.compactMap { if case .unitOfficer(let u) = $0 { u } else { nil } }) }
    /// Units the actor casts ballots for (lãnh đạo, đại biểu).
    public var voterUnits: Set<UUID> { Set(roles.compactMap { if case .voter(let u) = $0 { u } else { nil } }) }
    /// Holds a voter's role and no other: their one task is the ballot.
    public var isVoterOnly: Bool { !roles.isEmpty && roles.allSatisfy { $0.kind == .voter } }
    public var viewerProvinces: Set<UUID> { Set(roles.compactMap { if case .viewer(let p) = $0 { p } else { nil } }) }

    /// Provinces whose registry the actor may read: where they are an officer or viewer,
    /// where their units are, and the provinces merged into those.
    public var readableProvinces: Set<UUID> {
        officerProvinces.union(viewerProvinces).union(officerUnits.compactMap { unitProvinces[$0] })
            .union(inheritedProvinces)
    }
}

/// What someone wants to do.
public enum Action: String, CaseIterable, Sendable {
    case read
    case create
    case update
    /// Add or end memberships of a bloc.
    case manageMembers = "manage_members"
    /// Record a reorganisation (rename, merge, split, dissolve, transfer).
    case reorganise
    /// Act as the bloc's head for a year: plan, pact, review, conference (later issues).
    case leadBloc = "lead_bloc"
    /// Create, disable and reset accounts, grant roles.
    case manageUsers = "manage_users"
    case readAudit = "read_audit"
    /// Open a bloc's year: the province (naming the first head) or the year's head unit.
    case openYear = "open_year"
    /// Ký giao ước for one's own unit.
    case signPact = "sign_pact"
    /// Đăng ký thi đua for one's own unit.
    case register
    /// Tự chấm: fill, attach evidence to and submit one's own unit's sheet.
    case scoreOwn = "score_own"
    /// Thẩm định: the head (or deputy) reviews a sheet; in cross-scoring, a peer marks it;
    /// the province scores the items the table gives it.
    case review
    /// Return, finalise or reopen a sheet: the lead reviewer only (see `SheetParties`).
    case concludeReview = "conclude_review"
    /// Bỏ phiếu kín: cast one's unit's one ballot in an open session.
    case vote
    /// Công nhận Trưởng khối, Phó trưởng khối năm sau: the province, where the bloc's rule
    /// has the conference introduce them rather than elect them.
    case recogniseOffices = "recognise_offices"
    // Awards (issue 14)
    /// Ghi xếp loại, kỷ luật, sáng kiến: a person's by their unit's officer or the province's;
    /// a collective's annual rating by the province (its superior), never by itself.
    case recordAchievements = "record_achievements"
    /// Lập, sửa, gửi tờ trình đề nghị khen thưởng: the author unit's officer.
    case proposeAward = "propose_award"
    /// Tiếp nhận, trả lại, trình Hội đồng, ghi quyết định: the province's officer.
    case decideAward = "decide_award"
    // Award lists (issue 14, parts 6-7)
    /// Xét điều kiện cả danh sách: a unit's staff by its officer or the province's; a bloc's
    /// member units by the year's head or the province's.
    case checkEligibilityList = "check_eligibility_list"
    // History that awards stand on (issue 14 part 9)
    /// Ghi lại một năm đã qua của khối (xếp hạng, Trưởng khối, Phó trưởng khối, kết quả khen
    /// thưởng) from the reports of then: the province's officer, or its successor's after a
    /// merger. Distinct from the live year's work, which an ended bloc no longer has.
    case recordHistory = "record_history"
}

/// What the action is on, with the facts the decision needs: scope and state.
public enum Resource: Hashable, Sendable {
    /// Registry lists (filtered to the actor's provinces by the caller).
    case registry
    case province(id: UUID?)
    /// A unit; `ended` is its state (a dissolved or merged unit is history).
    case unit(id: UUID?, province: UUID, ended: Bool)
    /// A bloc in a given year: its head and deputy units of that year are part of the facts.
    case bloc(id: UUID?, province: UUID, ended: Bool, year: Int, head: UUID?, deputy: UUID?)
    /// A person, through the units they work or worked in.
    case person(id: UUID?, units: Set<UUID>, provinces: Set<UUID>)
    case reorganisation(provinces: Set<UUID>)
    /// An account: the roles it holds or would hold.
    case account(roles: [Role], provinces: Set<UUID>)
    case auditLog
    /// One member unit's part of a bloc's year: its signature, its registration.
    case yearUnit(unit: UUID, province: UUID, head: UUID?)
    /// A province's scoring-table templates and movements.
    case provinceProgramme(province: UUID)
    /// One unit's score sheet of a bloc's year, with its evidence. Before the ranking is
    /// published only the unit, its reviewers and the province see it.
    /// `kind` words the refusals (Trưởng khối / Cụm trưởng).
    case sheet(unit: UUID, province: UUID, head: UUID?, deputy: UUID?, members: Set<UUID>, published: Bool, crossScoring: Bool,
               kind: BlocKind = .bloc)
    /// The ranking of a bloc's year: the head and the province before publication; every
    /// member after.
    case ranking(province: UUID, head: UUID?, members: Set<UUID>, published: Bool)
    /// The actor's own account: password, sessions, tokens.
    case ownAccount
    /// A ballot session of a bloc's conference: the units fixed as its voters, and whether it
    /// has closed (no count of any kind before that, for anyone).
    case ballotSession(province: UUID, head: UUID?, members: Set<UUID>, eligible: Set<UUID>, closed: Bool)
    // Awards (issue 14)
    /// Tờ trình đề nghị khen thưởng: its author unit (for a bloc's, the year's head unit), its
    /// province and where it stands.
    case proposal(author: UUID, province: UUID, status: ProposalStatus)
    /// A province's award statistics and decisions.
    case awardProvince(province: UUID)
    // History that awards stand on (issue 14 part 9)
    /// A past year of a bloc, to be recorded from the reports of then: the bloc's province,
    /// the provinces it became by a merger, the bloc's validity, the year and today.
    /// The past years of a bloc of the province; which years may be recorded is Core's
    /// `BlocHistory.checkYear` (a year outside the bloc is bad input, not a missing right).
    case blocHistory(province: UUID)
}

/// Allow or deny, with the reason in Vietnamese (shown to the user, written to the audit log).
public struct Decision: Hashable, Sendable {
    public var allowed: Bool
    public var reason: String

    public static func allow(_ reason: String) -> Decision { Decision(allowed: true, reason: reason) }
    public static func deny(_ reason: String) -> Decision { Decision(allowed: false, reason: reason) }
}

/// The one place where access is decided: role × action × state × scope. Every route asks
/// it; nothing else grants access.
public enum Authorization {
    public static func decide(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Decision {
        guard let actor else { return .deny("Bạn cần đăng nhập.") }
        if case .ownAccount = resource { return .allow("Tài khoản của chính mình.") }
        if actor.isAdmin { return adminDecision(action, resource) }

        let provinces = actor.officerProvinces
        let units = actor.officerUnits
        let readable = actor.readableProvinces
        switch (action, resource) {
        case (.read, .registry):
            return readable.isEmpty ? .deny("Vai trò của bạn không xem được sổ đăng ký.") : .allow("Xem trong phạm vi tỉnh.")
        case (.read, .province(let id?)):
            return readable.contains(id) ? .allow("Tỉnh trong phạm vi.") : .deny("Tỉnh này ngoài phạm vi của bạn.")
        case (.read, .unit(_, let province, _)), (.read, .bloc(_, let province, _, _, _, _)):
            return readable.contains(province) ? .allow("Trong phạm vi tỉnh.") : .deny("Ngoài phạm vi tỉnh của bạn.")
        case (.read, .reorganisation(let scope)):
            return !scope.isDisjoint(with: readable) ? .allow("Trong phạm vi tỉnh.") : .deny("Ngoài phạm vi tỉnh của bạn.")
        case (.read, .person(_, let personUnits, let personProvinces)):
            if !personProvinces.isDisjoint(with: provinces) { return .allow("Cán bộ trong tỉnh của bạn.") }
            if !personUnits.isDisjoint(with: units) { return .allow("Cán bộ của đơn vị bạn.") }
            return .deny("Thông tin cá nhân chỉ dành cho đơn vị và tỉnh quản lý người này.")

        case (.create, .unit(_, let province, _)), (.create, .bloc(_, let province, _, _, _, _)):
            return provinces.contains(province) ? .allow("Cán bộ TĐKT tỉnh.") : .deny("Chỉ cán bộ TĐKT của tỉnh mới thêm được.")
        case (.update, .unit(let id, let province, let ended)):
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if let id, units.contains(id) {
                return ended ? .deny("Đơn vị đã ngừng hoạt động; chỉ cán bộ TĐKT tỉnh sửa được.") : .allow("Cán bộ TĐKT của đơn vị.")
            }
            return .deny("Bạn chỉ sửa được thông tin đơn vị của mình.")
        case (.update, .bloc(_, let province, let ended, _, _, _)), (.manageMembers, .bloc(_, let province, let ended, _, _, _)):
            guard provinces.contains(province) else { return .deny("Chỉ cán bộ TĐKT của tỉnh quản lý khối, cụm và thành viên.") }
            return ended && action == .manageMembers
                ? .deny("Khối đã hết hiệu lực; không thay đổi thành viên được nữa.") : .allow("Cán bộ TĐKT tỉnh.")
        case (.leadBloc, .bloc(_, let province, let ended, let year, let head, _)):
            if ended { return .deny("Khối đã hết hiệu lực.") }
            if let head, units.contains(head) { return .allow("Đơn vị của bạn là Trưởng khối năm \(year).") }
            if provinces.contains(province) { return .deny("Cán bộ tỉnh theo dõi, không điều hành thay Trưởng khối.") }
            // A viewer or a voter has no unit to speak of: say who may.
            if units.isEmpty { return .deny("Chỉ cán bộ TĐKT của đơn vị Trưởng khối năm \(year) điều hành khối.") }
            return .deny("Đơn vị của bạn không phải Trưởng khối năm \(year).")
        case (.openYear, .bloc(_, let province, let ended, let year, let head, _)):
            if ended { return .deny("Khối đã hết hiệu lực.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh mở năm thi đua, xác định Trưởng khối năm đầu.") }
            if let head, units.contains(head) { return .allow("Đơn vị của bạn là Trưởng khối năm \(year).") }
            return .deny("Chỉ Trưởng khối năm \(year) hoặc cán bộ TĐKT tỉnh mở được năm thi đua.")
        case (.signPact, .yearUnit(let unit, _, _)), (.register, .yearUnit(let unit, _, _)):
            return units.contains(unit)
                ? .allow("Cán bộ TĐKT của đơn vị.") : .deny("Bạn chỉ ký giao ước, đăng ký thi đua cho đơn vị của mình.")
        case (.read, .yearUnit(let unit, let province, let head)):
            if units.contains(unit) { return .allow("Đơn vị của bạn.") }
            if let head, units.contains(head) { return .allow("Trưởng khối theo dõi đăng ký của thành viên.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            return .deny("Danh sách đăng ký cá nhân chỉ dành cho đơn vị, Trưởng khối và cán bộ TĐKT tỉnh.")
        case (.read, .provinceProgramme(let province)):
            return readable.contains(province) ? .allow("Trong phạm vi tỉnh.") : .deny("Ngoài phạm vi tỉnh của bạn.")
        case (.create, .provinceProgramme(let province)), (.update, .provinceProgramme(let province)):
            return provinces.contains(province)
                ? .allow("Cán bộ TĐKT tỉnh.") : .deny("Chỉ cán bộ TĐKT của tỉnh soạn bảng tiêu chí mẫu và phát động phong trào của tỉnh.")
        case (.read, .sheet(let unit, let province, let head, let deputy, let members, let published, let cross, let kind)):
            if units.contains(unit) { return .allow("Bảng điểm của đơn vị bạn.") }
            if let head, units.contains(head) { return .allow("Trưởng khối thẩm định.") }
            if let deputy, units.contains(deputy) { return .allow("\(kind.deputyTitle) cùng thẩm định.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if (published || cross) && !units.isDisjoint(with: members) {
                return .allow(published ? "Kết quả đã công bố cho các thành viên." : "Đơn vị trong khối chấm chéo.")
            }
            return .deny("Trước khi công bố xếp hạng, mỗi đơn vị chỉ xem bảng điểm của mình.")
        case (.scoreOwn, .sheet(let unit, let province, let head, let deputy, let members, _, let cross, _)):
            let parties = SheetParties(unit: unit, province: province, head: head, deputy: deputy, members: members, crossScoring: cross)
            guard units.contains(unit) else { return .deny("Bạn chỉ tự chấm điểm cho đơn vị của mình.") }
            return parties.isMember
                ? .allow("Cán bộ TĐKT của đơn vị.") : .deny("Đơn vị của bạn không phải thành viên của khối trong năm thi đua này.")
        case (.review, .sheet(let unit, let province, let head, let deputy, let members, _, let cross, let kind)):
            let parties = SheetParties(unit: unit, province: province, head: head, deputy: deputy, members: members, crossScoring: cross,
                                       kind: kind)
            let duties = parties.duties(units: units, provinces: provinces).subtracting([.owner])
            if units.contains(unit) && !duties.contains(.province) { return .deny("Đơn vị không tự thẩm định bảng điểm của mình.") }
            return duties.isEmpty ? .deny(parties.reviewRefusal(units: units, provinces: provinces)) : .allow("Thẩm định bảng điểm.")
        case (.concludeReview, .sheet(let unit, let province, let head, let deputy, let members, _, let cross, _)):
            let parties = SheetParties(unit: unit, province: province, head: head, deputy: deputy, members: members, crossScoring: cross)
            if units.contains(unit) { return .deny("Không ai hoàn tất, trả lại hay mở lại bảng điểm của chính đơn vị mình.") }
            if parties.duties(units: units, provinces: provinces).contains(.leadReviewer) { return .allow("Người thẩm định chính.") }
            return .deny(parties.isMember ? (head == unit
                ? (deputy == nil ? "Bảng điểm của Trưởng khối do cán bộ TĐKT tỉnh kết luận thẩm định."
                                 : "Bảng điểm của Trưởng khối do Phó trưởng khối kết luận thẩm định.")
                : "Chỉ Trưởng khối trả lại, hoàn tất hay mở lại bảng điểm.")
                : "Đơn vị này không phải thành viên của khối trong năm thi đua này.")
        case (.read, .ranking(let province, let head, let members, let published)):
            if let head, units.contains(head) { return .allow("Trưởng khối.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if published && (!units.isDisjoint(with: members) || actor.viewerProvinces.contains(province)) {
                return .allow("Kết quả đã công bố.")
            }
            return .deny(published ? "Bảng xếp hạng dành cho thành viên của khối." : "Bảng xếp hạng chưa được công bố.")
        case (.vote, .ballotSession(_, _, _, let eligible, let closed)):
            let mine = actor.voterUnits
            if mine.isEmpty { return .deny("Chỉ người bỏ phiếu (lãnh đạo hoặc đại biểu của đơn vị) mới bỏ phiếu được.") }
            if mine.isDisjoint(with: eligible) { return .deny("Đơn vị của bạn không có tên trong danh sách bỏ phiếu của phiên này.") }
            return closed ? .deny("Phiên bỏ phiếu đã kết thúc.") : .allow("Người bỏ phiếu của đơn vị có mặt.")
        case (.read, .ballotSession(let province, let head, let members, let eligible, let closed)):
            if let head, units.contains(head) { return .allow("Trưởng khối điều hành hội nghị.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if !units.isDisjoint(with: members) || !actor.voterUnits.isDisjoint(with: members.union(eligible)) {
                return .allow("Đơn vị thành viên của khối.")
            }
            if closed && actor.viewerProvinces.contains(province) { return .allow("Kết quả đã công bố.") }
            return .deny("Phiên bỏ phiếu này dành cho các đơn vị thành viên của khối.")
        case (.recogniseOffices, .bloc(_, let province, let ended, _, _, _)):
            if ended { return .deny("Khối đã hết hiệu lực.") }
            return provinces.contains(province)
                ? .allow("Cán bộ TĐKT tỉnh công nhận.") : .deny("Chỉ cán bộ TĐKT tỉnh công nhận Trưởng khối, Phó trưởng khối.")
        case (.reorganise, .reorganisation(let scope)):
            return !scope.isEmpty && scope.isSubset(of: provinces)
                ? .allow("Cán bộ TĐKT tỉnh.") : .deny("Chỉ cán bộ TĐKT của (các) tỉnh liên quan mới ghi nhận sắp xếp được.")
        case (.create, .person(_, let personUnits, let personProvinces)), (.update, .person(_, let personUnits, let personProvinces)):
            if !personProvinces.isEmpty && personProvinces.isSubset(of: provinces) { return .allow("Cán bộ TĐKT tỉnh.") }
            if !personUnits.isEmpty && personUnits.isSubset(of: units) { return .allow("Cán bộ TĐKT của đơn vị.") }
            if !provinces.isEmpty { return .deny("Bạn chỉ quản lý được cán bộ của tỉnh mình.") }
            return .deny("Bạn chỉ quản lý được cán bộ của đơn vị mình.")
        case (.manageUsers, .account(let roles, let accountProvinces)):
            guard !provinces.isEmpty else { return .deny("Chỉ quản trị viên và cán bộ TĐKT tỉnh quản lý tài khoản.") }
            if roles.contains(.admin) || roles.contains(where: { $0.kind == .provincialOfficer }) {
                return .deny("Chỉ quản trị viên cấp tài khoản quản trị hoặc cán bộ tỉnh.")
            }
            return accountProvinces.isSubset(of: provinces)
                ? .allow("Tài khoản trong tỉnh của bạn.") : .deny("Tài khoản ngoài tỉnh của bạn.")
        case (.create, .province), (.update, .province):
            return .deny("Chỉ quản trị viên thêm, sửa tỉnh.")
        case (.readAudit, _):
            return .deny("Chỉ quản trị viên xem nhật ký.")
        // Awards (issue 14)
        case (.recordAchievements, .person(_, let personUnits, let personProvinces)):
            if !personProvinces.isDisjoint(with: provinces) { return .allow("Cán bộ TĐKT tỉnh.") }
            if !personUnits.isDisjoint(with: units) { return .allow("Cán bộ TĐKT của đơn vị.") }
            return .deny("Bạn chỉ ghi xếp loại, kỷ luật, sáng kiến cho cán bộ của đơn vị mình.")
        case (.recordAchievements, .unit(_, let province, _)):
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            return units.isEmpty
                ? .deny("Chỉ cán bộ TĐKT của tỉnh có đơn vị ghi xếp loại tập thể, cá nhân của tỉnh mình.")
                : .deny("Xếp loại tập thể do cán bộ TĐKT tỉnh ghi; đơn vị không tự xếp loại mình.")
        case (.read, .proposal(let author, let province, _)):
            if units.contains(author) { return .allow("Tờ trình của đơn vị bạn.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            return .deny("Tờ trình chỉ dành cho đơn vị lập và cán bộ TĐKT tỉnh.")
        case (.proposeAward, .proposal(let author, let province, let status)):
            guard units.contains(author) else {
                return provinces.contains(province)
                    ? .deny("Cán bộ tỉnh tiếp nhận tờ trình, không lập thay đơn vị.") : .deny("Bạn chỉ lập tờ trình cho đơn vị của mình.")
            }
            return status.editable
                ? .allow("Cán bộ TĐKT của đơn vị lập tờ trình.") : .deny("Tờ trình đã gửi («\(status.label)»): không sửa được nữa.")
        case (.decideAward, .proposal(_, let province, _)):
            return provinces.contains(province)
                ? .allow("Cán bộ TĐKT tỉnh.") : .deny("Chỉ cán bộ TĐKT tỉnh tiếp nhận, trả lại và ghi quyết định khen thưởng.")
        case (.read, .awardProvince(let province)):
            return readable.contains(province) ? .allow("Trong phạm vi tỉnh.") : .deny("Ngoài phạm vi tỉnh của bạn.")
        case (.decideAward, .awardProvince(let province)):
            // Khen thưởng đã có (past decisions, imported): the province's officer records them.
            return provinces.contains(province)
                ? .allow("Cán bộ TĐKT tỉnh.") : .deny("Chỉ cán bộ TĐKT tỉnh ghi các quyết định khen thưởng đã có của tỉnh.")
        // Award lists (issue 14, parts 6-7)
        case (.checkEligibilityList, .unit(let unit, let province, _)):
            if let unit, units.contains(unit) { return .allow("Cán bộ TĐKT của đơn vị.") }
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if actor.inheritedOfficerProvinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh kế thừa sau sắp xếp.") }
            if !provinces.isEmpty { return .deny("Đơn vị này thuộc tỉnh khác: cán bộ TĐKT tỉnh xét điều kiện cho cán bộ các đơn vị của tỉnh mình.") }
            return .deny("Bạn chỉ xét điều kiện khen thưởng cho cán bộ của đơn vị mình.")
        case (.checkEligibilityList, .bloc(_, let province, _, let year, let head, _)):
            if provinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh.") }
            if actor.inheritedOfficerProvinces.contains(province) { return .allow("Cán bộ TĐKT tỉnh kế thừa sau sắp xếp.") }
            if let head, units.contains(head) { return .allow("Trưởng khối năm \(year).") }
            return .deny("Chỉ Trưởng khối năm \(year) và cán bộ TĐKT tỉnh xét điều kiện cho các đơn vị thành viên của khối.")
        // History that awards stand on (issue 14 part 9)
        case (.recordHistory, .blocHistory(let province)):
            return provinces.contains(province) || actor.inheritedOfficerProvinces.contains(province)
                ? .allow("Cán bộ TĐKT tỉnh ghi lại năm đã qua của khối.")
                : .deny("Chỉ cán bộ TĐKT của tỉnh có khối (hoặc của tỉnh kế thừa sau sắp xếp) ghi lại được các năm đã qua của khối.")
        default:
            return .deny("Vai trò của bạn không được phép làm việc này.")
        }
    }

    private static func adminDecision(_ action: Action, _ resource: Resource) -> Decision {
        switch (action, resource) {
        case (.leadBloc, _):
            // An admin keeps the installation; the bloc's work belongs to its head unit.
            return .deny("Quản trị viên không điều hành khối thay Trưởng khối.")
        case (.signPact, _), (.register, _), (.scoreOwn, _):
            return .deny("Chỉ cán bộ của đơn vị ký giao ước, đăng ký thi đua, tự chấm điểm cho đơn vị mình.")
        case (.review, _), (.concludeReview, _):
            return .deny("Quản trị viên không thẩm định bảng điểm.")
        case (.vote, _):
            return .deny("Quản trị viên không bỏ phiếu.")
        case (.recogniseOffices, _):
            return .deny("Việc công nhận Trưởng khối thuộc cán bộ TĐKT tỉnh.")
        case (.proposeAward, _), (.decideAward, _), (.recordAchievements, _):
            // Awards are the units' and the province's work, recorded under their names.
            return .deny("Quản trị viên không lập, không quyết định khen thưởng và không ghi thành tích thay đơn vị, tỉnh.")
        case (.recordHistory, _):
            // The past years are the province's records, written under its officer's name.
            return .deny("Việc ghi lại các năm đã qua của khối thuộc cán bộ TĐKT tỉnh.")
        default:
            return .allow("Quản trị viên.")
        }
    }
}
