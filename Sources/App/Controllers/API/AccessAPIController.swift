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
        let created = try await req.accounts.createToken(for: user, name: try req.content.decode(TokenInput.self).name ?? "")
        return try await TokenDTO(created.model, token: created.token).encodeResponse(status: .created, for: req)
    }

    static func revokeToken(req: Request) async throws -> TokenDTO {
        let token = try await AccountService(req: req).ownToken()
        try await req.accounts.revoke(token: token)
        return TokenDTO(token)
    }

    static func users(req: Request) async throws -> [UserDTO] {
        try await AccountService(req: req).manageable().map { UserDTO($0.0, roles: $0.1) }
    }

    static func user(req: Request) async throws -> UserDTO {
        let user = try await AccountService(req: req).user()
        let roles = try await RoleGrantModel.query(on: req.db).filter(\.$user.$id == user.id!).all().compactMap(\.role)
        return UserDTO(user, roles: roles)
    }

    struct CreatedUserDTO: Content {
        var user: UserDTO
        /// When no password was given: the one-time link to set one.
        var resetPath: String?
    }

    static func createUser(req: Request) async throws -> Response {
        let created = try await AccountService(req: req).create(try req.content.decode(UserInput.self))
        let user = created.user
        let response = try await CreatedUserDTO(user: UserDTO(user, roles: [created.role]),
                                                resetPath: created.resetToken.map { SiteURL.passwordReset($0).path })
            .encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.user(user.id!)).path)
        return response
    }

    static func disable(req: Request) async throws -> UserDTO {
        try await AccountService(req: req).setDisabled(try await AccountService(req: req).user(), true)
        return try await self.user(req: req)
    }

    static func enable(req: Request) async throws -> UserDTO {
        try await AccountService(req: req).setDisabled(try await AccountService(req: req).user(), false)
        return try await self.user(req: req)
    }

    struct ResetLinkDTO: Content { var path: String }

    static func resetLink(req: Request) async throws -> ResetLinkDTO {
        let token = try await req.accounts.createResetLink(for: try await AccountService(req: req).user())
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
        try req.checkQueryNames(["actor", "action", "type", "from", "to", "page", "per"])
        return try await AuditService(req: req).filtered().paginate(req.queryPage(per: 20)).mapItems {
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
