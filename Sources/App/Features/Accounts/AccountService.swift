import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// An account as the admin pages and the API create it.
struct UserInput: Content {
    var username: String?
    var displayName: String?
    var role: String?
    var provinceID: String?
    var unitID: String?
    var password: String?
}

/// A personal API token's name.
struct TokenInput: Content { var name: String? }

/// The account use cases: the one path the admin pages and the API take. Each authorises
/// with `Authorization`, and `Accounts` writes and audits in one transaction.
struct AccountService {
    let req: Request

    /// The accounts the actor may manage, with their roles.
    func manageable() async throws -> [(UserModel, [Role])] {
        guard let actor = req.actor else { return [] }
        let users = try await UserModel.query(on: req.db).with(\.$grants).sort(\.$username).all()
            .map { ($0, $0.grants.compactMap(\.role)) }
        if actor.isAdmin { return users }
        let lookup = try await RoleNames.Lookup.load(for: users.flatMap(\.1), on: req.db)
        return users.filter { _, roles in
            !roles.isEmpty && Authorization.decide(actor, .manageUsers, lookup.resource(for: roles)).allowed
        }
    }

    /// The account the path names.
    func user() async throws -> UserModel {
        guard let user = try await UserModel.find(try req.id("userID"), on: req.db) else {
            throw DomainError.notFound("Không tìm thấy tài khoản này.")
        }
        return user
    }

    /// The role described by a form or a body, or the reason it is not one.
    static func role(kind: String?, provinceID: String?, unitID: String?) throws -> Role {
        guard let kind = RoleKind(rawValue: kind ?? "") else {
            throw DomainError.invalid(field: "role", "Hãy chọn vai trò.")
        }
        let scope: UUID?
        switch kind {
        case .admin: scope = nil
        case .provincialOfficer, .viewer:
            scope = provinceID.flatMap(UUID.init(uuidString:))
            if scope == nil { throw DomainError.invalid(field: "provinceID", "Vai trò này cần chọn tỉnh.") }
        case .unitOfficer, .voter:
            scope = unitID.flatMap(UUID.init(uuidString:))
            if scope == nil { throw DomainError.invalid(field: "unitID", "Vai trò này cần chọn đơn vị.") }
        }
        return Role(kind: kind, scope: scope)!
    }

    /// Creates an account with one role; without a password, a one-time link to set one.
    func create(_ input: UserInput) async throws -> (user: UserModel, role: Role, resetToken: String?) {
        let role = try Self.role(kind: input.role, provinceID: input.provinceID, unitID: input.unitID)
        try req.authorize(.manageUsers, try await ResourceFacts.account(roles: [role], on: req.db))
        let password = (input.password ?? "").isEmpty ? nil : input.password
        let user = try await req.accounts.createUser(username: input.username ?? "", displayName: input.displayName ?? "",
                                                     roles: [role], password: password)
        let token = password == nil ? try await req.accounts.createResetLink(for: user) : nil
        return (user, role, token)
    }

    /// Locks or unlocks an account; nobody locks themselves out.
    func setDisabled(_ user: UserModel, _ disabled: Bool) async throws {
        if disabled && user.id == req.actor?.userID {
            throw DomainError.conflict("Không thể tự khóa tài khoản của chính mình.")
        }
        try await req.accounts.setDisabled(user, disabled)
    }

    /// The signed-in user's token of the path, or not found.
    func ownToken() async throws -> APITokenModel {
        let user = try req.signedInUser()
        guard let token = try await APITokenModel.find(try req.id("tokenID"), on: req.db), token.$user.id == user.id else {
            throw DomainError.notFound("Không tìm thấy mã truy cập này.")
        }
        return token
    }
}

/// The audit log as its readers filter it: by actor, action, type and days.
struct AuditService {
    let req: Request

    func filtered() throws -> QueryBuilder<AuditEntryModel> {
        var query = AuditEntryModel.query(on: req.db)
        if let actor = req.queryText("actor") { query = query.filter(\.$actorName == actor) }
        if let action = req.queryText("action") { query = query.filter(\.$action == action) }
        if let type = req.queryText("type") { query = query.filter(\.$resourceType == type) }
        if let from = try req.queryDate("from") { query = query.filter(\.$at >= from.iso) }
        if let to = try req.queryDate("to") { query = query.filter(\.$at < to.nextDay.iso) }
        return query.sort(\.$sequence, .descending)
    }
}
