import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Sign in and out, my account (password, sessions, API tokens), and reset links.
enum AuthController {
    struct SignInPage: Encodable {
        var head: PageHead
        var formCSRF: String
        var username: String
        var next: String
        var message: String?
        var error: String?
    }

    struct SignInInput: Content {
        var username: String?
        var password: String?
        var _csrf: String?
        var tiep: String?
    }

    /// Only paths of this site are followed after sign-in (the rule is Core's).
    static func safeNext(_ text: String?) -> String {
        RedirectTarget.sameOriginPath(text) ?? SiteURL.home.path
    }

    static func signInPage(req: Request) async throws -> Response {
        if req.actor != nil { return req.redirect(to: safeNext(req.queryText("tiep"))) }
        return try await renderSignIn(req: req, username: "", next: req.queryText("tiep"), error: nil, status: .ok)
    }

    static func renderSignIn(req: Request, username: String, next: String?, error: String?,
                             status: HTTPResponseStatus) async throws -> Response {
        let token = req.cookies[Cookies.preSessionCSRF]?.string ?? Secrets.token(prefix: "")
        let page = SignInPage(
            head: req.head("Đăng nhập", section: "signin"), formCSRF: token, username: username,
            next: safeNext(next),
            message: req.queryText("het-han") != nil ? "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại." : nil,
            error: error)
        let response = try await req.view.render("signin", page).encodeResponse(status: status, for: req)
        response.cookies[Cookies.preSessionCSRF] = Cookies.value(token, for: req, maxAge: 3600)
        return response
    }

    static func signIn(req: Request) async throws -> Response {
        let input = try req.content.decode(SignInInput.self)
        try CSRFMiddleware.checkPreSession(req, field: input._csrf)
        do {
            let signedIn = try await req.accounts.signIn(username: input.username ?? "", password: input.password ?? "",
                                                         address: req.clientAddress, userAgent: req.headers.first(name: .userAgent))
            let response = req.redirect(to: safeNext(input.tiep))
            response.cookies[Cookies.session] = Cookies.sessionValue(signedIn.cookie, for: req)
            return response
        } catch let error as AccessDenied {
            let response = try await renderSignIn(req: req, username: input.username ?? "", next: input.tiep,
                                                  error: error.message, status: error.status)
            response.headers.add(contentsOf: error.headers)
            return response
        }
    }

    static func signOut(req: Request) async throws -> Response {
        if let session = req.auth.session { try await req.accounts.signOut(session) }
        let response = req.redirect(to: SiteURL.signIn.path)
        response.cookies[Cookies.session] = Cookies.value("", for: req, maxAge: 0)
        return response
    }

    // MARK: My account

    struct AccountPage: Encodable {
        struct TokenRow: Encodable {
            var name: String
            var prefix: String
            var created: String
            var lastUsed: String?
            var revoked: Bool
            var revokeAction: String
        }
        var head: PageHead
        var username: String
        var displayName: String
        var roles: [String]
        var sessions: Int
        var tokens: [TokenRow]
        var newToken: String?
        var passwordForm: FormPage.FieldGroup
        var tokenForm: FormPage.FieldGroup
        var passwordChanged: Bool
    }

    static func account(req: Request) async throws -> Response {
        try await renderAccount(req: req, newToken: nil, passwordError: nil, tokenError: nil,
                                passwordChanged: req.queryText("doi-mat-khau") != nil)
    }

    static func renderAccount(req: Request, newToken: String?, passwordError: DomainError?, tokenError: DomainError?,
                              passwordChanged: Bool = false) async throws -> Response {
        let user = try req.signedInUser()
        let roles = req.actor?.roles ?? []
        let sessions = try await SessionModel.query(on: req.db).filter(\.$user.$id == user.id!).count()
        let tokens = try await APITokenModel.query(on: req.db).filter(\.$user.$id == user.id!).sort(\.$createdAt, .descending).all()
        let names = try await RoleNames.describe(roles, on: req.db)
        var password = FormPage.FieldGroup(errors: [], fields: [
            .password("current", "Mật khẩu hiện tại"), .password("password", "Mật khẩu mới",
                hint: "Ít nhất \(PasswordPolicy.minimumLength) ký tự; không dùng mật khẩu phổ biến"),
            .password("confirmation", "Nhập lại mật khẩu mới"),
        ])
        if let passwordError { password.show(passwordError) }
        var token = FormPage.FieldGroup(errors: [], fields: [.text("name", "Tên gợi nhớ", nil, required: true, hint: "Ví dụ: Báo cáo tự động")])
        if let tokenError { token.show(tokenError) }
        let page = AccountPage(
            head: req.head("Tài khoản của tôi", section: "account"), username: user.username, displayName: user.displayName,
            roles: names, sessions: sessions,
            tokens: tokens.map {
                .init(name: $0.name, prefix: $0.prefix, created: RoleNames.dateTime($0.createdAt),
                      lastUsed: $0.lastUsedAt.map(RoleNames.dateTime), revoked: $0.revokedAt != nil,
                      revokeAction: SiteURL.accountTokenRevoke($0.id!).path)
            },
            newToken: newToken, passwordForm: password, tokenForm: token, passwordChanged: passwordChanged)
        let failed = passwordError != nil || tokenError != nil
        return try await req.view.render("account", page).encodeResponse(status: failed ? .unprocessableEntity : .ok, for: req)
    }

    struct PasswordInput: Content {
        var current: String?
        var password: String?
        var confirmation: String?
    }

    static func changePassword(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let input = try req.content.decode(PasswordInput.self)
        do {
            let cookie = try await req.accounts.changePassword(user, current: input.current ?? "", new: input.password ?? "",
                                                               confirmation: input.confirmation ?? "", from: req.auth.session)
            let response = req.redirect(to: SiteURL.account.path + "?doi-mat-khau=1")
            if let cookie {
                response.cookies[Cookies.session] = Cookies.sessionValue(cookie, for: req)
            }
            return response
        } catch let error as DomainError {
            return try await renderAccount(req: req, newToken: nil, passwordError: error, tokenError: nil)
        }
    }

    static func signOutEverywhere(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        try await req.accounts.signOutEverywhere(user.id!)
        let response = req.redirect(to: SiteURL.signIn.path)
        response.cookies[Cookies.session] = Cookies.value("", for: req, maxAge: 0)
        return response
    }

    static func createToken(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        do {
            let created = try await req.accounts.createToken(for: user, name: try req.content.decode(TokenInput.self).name ?? "")
            return try await renderAccount(req: req, newToken: created.token, passwordError: nil, tokenError: nil)
        } catch let error as DomainError {
            return try await renderAccount(req: req, newToken: nil, passwordError: nil, tokenError: error)
        }
    }

    static func revokeToken(req: Request) async throws -> Response {
        try await req.accounts.revoke(token: try await AccountService(req: req).ownToken())
        return req.redirect(to: SiteURL.account.path)
    }

    // MARK: Reset links

    struct ResetPage: Encodable {
        var head: PageHead
        var formCSRF: String
        var username: String
        var action: String
        var form: FormPage.FieldGroup
    }

    static func resetPage(req: Request) async throws -> Response {
        try await renderReset(req: req, error: nil)
    }

    static func renderReset(req: Request, error: DomainError?) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let reset = try await req.accounts.resetFor(token: token)
        let csrf = req.cookies[Cookies.preSessionCSRF]?.string ?? Secrets.token(prefix: "")
        var form = FormPage.FieldGroup(errors: [], fields: [
            .password("password", "Mật khẩu mới", hint: "Ít nhất \(PasswordPolicy.minimumLength) ký tự; không dùng mật khẩu phổ biến"),
            .password("confirmation", "Nhập lại mật khẩu mới"),
        ])
        if let error { form.show(error) }
        let page = ResetPage(head: req.head("Đặt mật khẩu", section: "signin"), formCSRF: csrf,
                             username: reset.user.username, action: SiteURL.passwordReset(token).path, form: form)
        let response = try await req.view.render("reset", page)
            .encodeResponse(status: error == nil ? .ok : .unprocessableEntity, for: req)
        response.cookies[Cookies.preSessionCSRF] = Cookies.value(csrf, for: req, maxAge: 3600)
        return response
    }

    struct ResetInput: Content {
        var password: String?
        var confirmation: String?
        var _csrf: String?
    }

    static func reset(req: Request) async throws -> Response {
        let input = try req.content.decode(ResetInput.self)
        try CSRFMiddleware.checkPreSession(req, field: input._csrf)
        do {
            try await req.accounts.completeReset(token: req.parameters.get("token") ?? "", password: input.password ?? "",
                                                 confirmation: input.confirmation ?? "")
            return req.redirect(to: SiteURL.signIn.path)
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await renderReset(req: req, error: error)
        }
    }
}

/// Roles as people read them: "Cán bộ TĐKT đơn vị — Báo Ninh Thuận (Ninh Thuận)".
enum RoleNames {
    /// The provinces and units that roles name, loaded in two queries for any number of roles.
    struct Lookup {
        var provinces: [UUID: ProvinceModel]
        var units: [UUID: UnitModel]

        static func load(for roles: [Role], on db: any Database) async throws -> Lookup {
            let ids = Array(Set(roles.compactMap(\.scopeID)))
            guard !ids.isEmpty else { return Lookup(provinces: [:], units: [:]) }
            let provinces = try await ProvinceModel.query(on: db).filter(\.$id ~~ ids).all()
            let units = try await UnitModel.query(on: db).filter(\.$id ~~ ids).with(\.$province).all()
            return Lookup(provinces: Dictionary(uniqueKeysWithValues: provinces.map { ($0.id!, $0) }),
                          units: Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) }))
        }

        func describe(_ role: Role) -> String {
            var scope = ""
            switch role {
            case .admin: break
            case .provincialOfficer(let id), .viewer(let id):
                scope = provinces[id].map { " — \($0.core.fullName)" } ?? ""
            case .unitOfficer(let id), .voter(let id):
                scope = units[id].map { " — \($0.name) (\($0.province.name))" } ?? ""
            }
            return role.kind.label + scope
        }

        /// The account's scope as `Authorization` sees it: the provinces its roles reach.
        func resource(for roles: [Role]) -> Resource {
            var reached = Set<UUID>()
            for role in roles {
                switch role {
                case .admin: break
                case .provincialOfficer(let id), .viewer(let id): reached.insert(id)
                case .unitOfficer(let id), .voter(let id): if let unit = units[id] { reached.insert(unit.$province.id) }
                }
            }
            return .account(roles: roles, provinces: reached)
        }
    }

    static func describe(_ roles: [Role], on db: any Database) async throws -> [String] {
        let lookup = try await Lookup.load(for: roles, on: db)
        return roles.map(lookup.describe)
    }

    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        return "\(two(c.hour)):\(two(c.minute)) \(two(c.day))/\(two(c.month))/\(c.year ?? 0)"
    }
}
