import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `/api/v1`: my account, tokens, users and the audit log.
enum AccessAPIController {
    struct RoleDTO: Content {
        var kind: String
        var label: String
        var scopeID: UUID?
    }

    struct UserDTO: Content {
        var id: UUID
        var username: String
        var displayName: String
        var disabled: Bool
        var roles: [RoleDTO]

        init(_ user: UserModel, roles: [Role]) {
            id = user.id!
            username = user.username
            displayName = user.displayName
            disabled = user.isDisabled
            self.roles = roles.map { RoleDTO(kind: $0.kind.rawValue, label: $0.kind.label, scopeID: $0.scopeID) }
        }
    }

    static func me(req: Request) async throws -> UserDTO {
        UserDTO(try req.signedInUser(), roles: req.actor?.roles ?? [])
    }

    struct TokenDTO: Content {
        var id: UUID
        var name: String
        var prefix: String
        var createdAt: Date
        var lastUsedAt: Date?
        var revokedAt: Date?
        /// Only in the answer that creates it.
        var token: String?

        init(_ model: APITokenModel, token: String? = nil) {
            id = model.id!
            name = model.name
            prefix = model.prefix
            createdAt = model.createdAt
            lastUsedAt = model.lastUsedAt
            revokedAt = model.revokedAt
            self.token = token
        }
    }

    static func tokens(req: Request) async throws -> [TokenDTO] {
        let user = try req.signedInUser()
        return try await APITokenModel.query(on: req.db).filter(\.$user.$id == user.id!).sort(\.$createdAt, .descending)
            .all().map { TokenDTO($0) }
    }

    static func createToken(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let created = try await req.accounts.createToken(for: user, name: try req.content.decode(AuthController.TokenInput.self).name ?? "")
        return try await TokenDTO(created.model, token: created.token).encodeResponse(status: .created, for: req)
    }

    static func revokeToken(req: Request) async throws -> TokenDTO {
        let user = try req.signedInUser()
        guard let token = try await APITokenModel.find(try req.id("tokenID"), on: req.db), token.$user.id == user.id else {
            throw DomainError.notFound("Không tìm thấy mã truy cập này.")
        }
        try await req.accounts.revoke(token: token)
        return TokenDTO(token)
    }

    static func users(req: Request) async throws -> [UserDTO] {
        try await UserAdminController.manageable(req: req).map { UserDTO($0.0, roles: $0.1) }
    }

    static func user(req: Request) async throws -> UserDTO {
        let user = try await UserAdminController.user(req)
        let roles = try await RoleGrantModel.query(on: req.db).filter(\.$user.$id == user.id!).all().compactMap(\.role)
        return UserDTO(user, roles: roles)
    }

    struct CreatedUserDTO: Content {
        var user: UserDTO
        /// When no password was given: the one-time link to set one.
        var resetPath: String?
    }

    static func createUser(req: Request) async throws -> Response {
        let input = try req.content.decode(UserAdminController.UserInput.self)
        let role = try UserAdminController.role(kind: input.role, provinceID: input.provinceID, unitID: input.unitID)
        try req.authorize(.manageUsers, try await ResourceFacts.account(roles: [role], on: req.db))
        let password = (input.password ?? "").isEmpty ? nil : input.password
        let user = try await req.accounts.createUser(username: input.username ?? "", displayName: input.displayName ?? "",
                                                     roles: [role], password: password)
        var resetPath: String?
        if password == nil { resetPath = SiteURL.passwordReset(try await req.accounts.createResetLink(for: user)).path }
        let response = try await CreatedUserDTO(user: UserDTO(user, roles: [role]), resetPath: resetPath)
            .encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.user(user.id!)).path)
        return response
    }

    static func disable(req: Request) async throws -> UserDTO {
        let user = try await UserAdminController.user(req)
        guard user.id != req.actor?.userID else { throw DomainError.conflict("Không thể tự khóa tài khoản của chính mình.") }
        try await req.accounts.setDisabled(user, true)
        return try await self.user(req: req)
    }

    static func enable(req: Request) async throws -> UserDTO {
        try await req.accounts.setDisabled(try await UserAdminController.user(req), false)
        return try await self.user(req: req)
    }

    struct ResetLinkDTO: Content { var path: String }

    static func resetLink(req: Request) async throws -> ResetLinkDTO {
        let token = try await req.accounts.createResetLink(for: try await UserAdminController.user(req))
        return ResetLinkDTO(path: SiteURL.passwordReset(token).path)
    }

    struct AuditEntryDTO: Content {
        var sequence: Int
        var at: String
        var actorID: UUID?
        var actorName: String
        var role: String
        var scope: String
        var action: String
        var resourceType: String
        var resourceID: String?
        var changes: String
        var address: String
        var requestID: String
        var previousHash: String
        var hash: String
    }

    static func audit(req: Request) async throws -> Page<AuditEntryDTO> {
        try await AuditController.filtered(req).paginate(req.listQuery().pageRequest).mapItems {
            AuditEntryDTO(sequence: $0.sequence, at: $0.at, actorID: $0.actorID, actorName: $0.actorName, role: $0.role,
                          scope: $0.scope, action: $0.action, resourceType: $0.resourceType, resourceID: $0.resourceID,
                          changes: $0.changes, address: $0.address, requestID: $0.requestID,
                          previousHash: $0.previousHash, hash: $0.hash)
        }
    }

    struct VerdictDTO: Content {
        var intact: Bool
        var count: Int?
        var brokenAt: Int?
        /// edited, deleted, rechained, truncated or forged_checkpoint.
        var problem: String?
        var reason: String?
        var headSequence: Int?
        var headHash: String?
        var lastCheckpoint: Int?
        var summary: String
    }

    static func verify(req: Request) async throws -> VerdictDTO {
        let verdict = try await Auditor.verify(on: req.db, trail: req.application.auditTrail)
        return VerdictDTO(intact: verdict.isIntact, count: verdict.count, brokenAt: verdict.breach?.sequence,
                          problem: verdict.breach?.kind.rawValue, reason: verdict.breach?.reason,
                          headSequence: verdict.head?.sequence, headHash: verdict.head?.hash,
                          lastCheckpoint: verdict.lastCheckpoint?.sequence, summary: verdict.summary)
    }
}
