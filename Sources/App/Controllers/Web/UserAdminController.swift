import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Accounts and roles, for admins (everything) and provincial officers (unit officers,
/// voters and viewers of their province).
enum UserAdminController {
    /// The accounts the actor manages: all for an admin; for a provincial officer, those
    /// whose every role lies in their provinces.
    static func index(req: Request) async throws -> Response {
        let query = VietnameseText.searchKey(req.queryText("q") ?? "")
        var rows: [ListPage.Row] = []
        let accounts = try await AccountService(req: req).manageable()
        let lookup = try await RoleNames.Lookup.load(for: accounts.flatMap(\.1), on: req.db)
        for (user, roles) in accounts {
            let haystack = VietnameseText.searchKey("\(user.username) \(user.displayName)")
            guard query.isEmpty || query.split(separator: " ").allSatisfy({ haystack.contains($0) }) else { continue }
            rows.append(ListPage.Row(cells: [
                .init(text: user.username, href: SiteURL.user(user.id!).path),
                .init(text: user.displayName),
                .init(text: roles.map(lookup.describe).joined(separator: "; ")),
                .init(text: user.isDisabled ? "Đã khóa" : "Đang dùng"),
            ]))
        }
        let total = rows.count
        return try await ListPage(
            head: req.head("Người dùng", section: "users"), heading: "Người dùng và vai trò", intro: nil,
            action: SiteURL.users.path, query: req.queryText("q") ?? "", filters: [], sortLabel: "Tên đăng nhập",
            descending: false, newLink: Link(label: "Thêm người dùng", href: SiteURL.userNew.path),
            columns: ["Tên đăng nhập", "Họ và tên", "Vai trò", "Tình trạng"], rows: rows,
            pagination: Pagination(metadata: PageMetadata(page: 1, per: max(total, 1), total: total),
                                   base: SiteURL.users.path, parameters: [:]),
            emptyMessage: "Không có người dùng nào.").render(on: req)
    }

    static func roleFields(req: Request, role: String?, provinceID: String?, unitID: String?) async throws -> [FormPage.Field] {
        guard let actor = req.actor else { return [] }
        var provinces = try await req.registry.allProvinces()
        var units = try await req.registry.allUnits().filter { $0.validTo == nil }
        var kinds = RoleKind.allCases
        if !actor.isAdmin {
            provinces = provinces.filter { actor.officerProvinces.contains($0.id!) }
            units = units.filter { actor.officerProvinces.contains($0.$province.id) }
            kinds = [.unitOfficer, .voter, .viewer]
        }
        return [
            .select("role", "Vai trò", kinds.map { ($0.rawValue, $0.label) }, selected: [role ?? ""], required: true),
            .select("provinceID", "Tỉnh (với cán bộ tỉnh, người xem)", Choices.provinces(provinces), selected: [provinceID ?? ""]),
            .select("unitID", "Đơn vị (với cán bộ đơn vị, người bỏ phiếu)", Choices.units(units), selected: [unitID ?? ""]),
        ]
    }

    static func newForm(req: Request, input: UserInput, error: DomainError?) async throws -> Response {
        var page = FormPage(
            head: req.head("Thêm người dùng", section: "users"), heading: "Thêm người dùng",
            action: SiteURL.userNew.path, submitLabel: "Tạo tài khoản",
            cancel: Link(label: "Hủy", href: SiteURL.users.path), errors: [],
            fields: [
                .text("username", "Tên đăng nhập", input.username, required: true,
                      hint: "Chữ không dấu, số, dấu chấm; ví dụ nguyen.van.an"),
                .text("displayName", "Họ và tên", input.displayName, required: true),
            ] + (try await roleFields(req: req, role: input.role, provinceID: input.provinceID, unitID: input.unitID)) + [
                FormPage.Field.password("password", "Mật khẩu ban đầu (không bắt buộc)",
                                        hint: "Để trống: hệ thống tạo liên kết một lần để người dùng tự đặt mật khẩu"),
            ])
        page.fields[page.fields.count - 1].required = false
        if let error {
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
        return try await page.render(on: req)
    }

    static func new(req: Request) async throws -> Response {
        try await newForm(req: req, input: UserInput(), error: nil)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(UserInput.self)
        do {
            let created = try await AccountService(req: req).create(input)
            if let token = created.resetToken {
                return try await renderUser(req: req, user: created.user, resetLink: resetURL(req, token), error: nil)
            }
            return req.redirect(to: SiteURL.user(created.user.id!).path)
        } catch let error as DomainError {
            return try await newForm(req: req, input: input, error: error)
        }
    }

    struct UserPage: Encodable {
        struct RoleRow: Encodable {
            var label: String
            var removeAction: String
        }
        var head: PageHead
        var username: String
        var displayName: String
        var disabled: Bool
        var created: String
        var roles: [RoleRow]
        var resetLink: String?
        var roleAction: String
        var roleForm: FormPage.FieldGroup
        var disableAction: String
        var enableAction: String
        var resetAction: String
        var isSelf: Bool
    }

    static func resetURL(_ req: Request, _ token: String) -> String {
        let host = req.headers.first(name: .host) ?? "127.0.0.1:8080"
        return "http://\(host)\(SiteURL.passwordReset(token).path)"
    }

    static func show(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        return try await renderUser(req: req, user: user, resetLink: nil, error: nil)
    }

    static func renderUser(req: Request, user: UserModel, resetLink: String?, error: DomainError?,
                           input: UserInput = UserInput()) async throws -> Response {
        let grants = try await RoleGrantModel.query(on: req.db).filter(\.$user.$id == user.id!).all()
        var rows: [UserPage.RoleRow] = []
        for grant in grants {
            guard let role = grant.role else { continue }
            rows.append(.init(label: try await RoleNames.describe([role], on: req.db)[0],
                              removeAction: SiteURL.userRoleRemove(user.id!, grant.id!).path))
        }
        var form = FormPage.FieldGroup(errors: [], fields: try await roleFields(req: req, role: input.role,
                                                                               provinceID: input.provinceID, unitID: input.unitID))
        if let error { form.show(error) }
        let page = UserPage(
            head: req.head(user.username, section: "users"), username: user.username, displayName: user.displayName,
            disabled: user.isDisabled, created: RoleNames.dateTime(user.createdAt), roles: rows, resetLink: resetLink,
            roleAction: SiteURL.userRoles(user.id!).path, roleForm: form,
            disableAction: SiteURL.userDisable(user.id!).path, enableAction: SiteURL.userEnable(user.id!).path,
            resetAction: SiteURL.userReset(user.id!).path, isSelf: user.id == req.actor?.userID)
        return try await req.view.render("user", page).encodeResponse(status: error == nil ? .ok : .unprocessableEntity, for: req)
    }

    static func addRole(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        let input = try req.content.decode(UserInput.self)
        do {
            let role = try AccountService.role(kind: input.role, provinceID: input.provinceID, unitID: input.unitID)
            try req.authorize(.manageUsers, try await ResourceFacts.account(roles: [role], on: req.db))
            try await req.accounts.grant(role, to: user)
            return req.redirect(to: SiteURL.user(user.id!).path)
        } catch let error as DomainError {
            return try await renderUser(req: req, user: user, resetLink: nil, error: error, input: input)
        }
    }

    static func removeRole(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        guard let grant = try await RoleGrantModel.find(try req.id("grantID"), on: req.db), grant.$user.id == user.id else {
            throw DomainError.notFound("Không tìm thấy vai trò này.")
        }
        if grant.role == .admin, user.id == req.actor?.userID {
            throw DomainError.conflict("Không thể tự bỏ vai trò quản trị của chính mình.")
        }
        try await req.accounts.revoke(grant: grant, of: user)
        return req.redirect(to: SiteURL.user(user.id!).path)
    }

    static func disable(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        try await AccountService(req: req).setDisabled(user, true)
        return req.redirect(to: SiteURL.user(user.id!).path)
    }

    static func enable(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        try await AccountService(req: req).setDisabled(user, false)
        return req.redirect(to: SiteURL.user(user.id!).path)
    }

    static func reset(req: Request) async throws -> Response {
        let user = try await AccountService(req: req).user()
        let token = try await req.accounts.createResetLink(for: user)
        return try await renderUser(req: req, user: user, resetLink: resetURL(req, token), error: nil)
    }
}

/// The audit log, with filters, and whether its chain is intact.
enum AuditController {
    struct AuditPage: Encodable {
        struct Row: Encodable {
            var sequence: Int
            var at: String
            var actor: String
            var role: String
            var action: String
            var resource: String
            var changes: String
            var address: String
        }
        var head: PageHead
        var verdict: String
        var intact: Bool
        var actor: String
        /// The filters by action and object: the glossary's words, searching the stored codes.
        var actions: [SelectOption]
        var types: [SelectOption]
        var from: String
        var to: String
        var rows: [Row]
        var pagination: Pagination
    }

    /// The log as the page and the API filter it: by actor, action, resource type, and days
    /// (`from`, `to`, UTC), newest first.
    static func index(req: Request) async throws -> View {
        let actor = req.queryText("actor"), action = req.queryText("action"), type = req.queryText("type")
        let from = try req.queryDate("from"), to = try req.queryDate("to")
        let page = try await AuditService(req: req).filtered().paginate(req.queryPage(per: 50))
        let verdict = try await Auditor.verify(on: req.db, trail: req.application.auditTrail)
        let verdictText = verdict.summary
        let intact = verdict.isIntact
        var parameters: [String: String] = [:]
        for name in ["actor", "action", "type", "from", "to"] { if let value = req.queryText(name) { parameters[name] = value } }
        return try await req.view.render("audit", AuditPage(
            head: req.head("Nhật ký", section: "audit"), verdict: verdictText, intact: intact,
            actor: actor ?? "", actions: AuditWords.choices(AuditWords.actions, selected: action),
            types: AuditWords.choices(AuditWords.types, selected: type),
            from: from?.iso ?? "", to: to?.iso ?? "",
            rows: page.items.map {
                .init(sequence: $0.sequence, at: $0.at, actor: $0.actorName, role: AuditWords.roles($0.role), action: AuditWords.action($0.action),
                      resource: [AuditWords.type($0.resourceType), $0.resourceID].compactMap { $0 }.joined(separator: " "),
                      changes: $0.changes, address: $0.address)
            },
            pagination: Pagination(metadata: page.metadata, base: SiteURL.audit.path, parameters: parameters)))
    }
}
