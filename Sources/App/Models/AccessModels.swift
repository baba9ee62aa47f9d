import Fluent
import Foundation
import ThiDuaCore

/// A person's account: a name to sign in with, a Bcrypt hash, the roles granted.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Lowercase ASCII, unique.
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    @Children(for: \.$user) var grants: [RoleGrantModel]

    init() {}

    init(id: UUID = UUID(), username: String, displayName: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    var isDisabled: Bool { disabledAt != nil }

    /// What the audit log records of an account: never the hash.
    var auditFields: [String: String?] {
        ["username": username, "displayName": displayName, "disabled": isDisabled ? "có" : "không"]
    }
}

/// One role of one user, with its scope (a province or a unit).
final class RoleGrantModel: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "kind") var kind: String
    @OptionalField(key: "scope_id") var scopeID: UUID?

    init() {}

    init(userID: UUID, role: Role) {
        $user.id = userID
        kind = role.kind.rawValue
        scopeID = role.scopeID
    }

    var role: Role? { RoleKind(rawValue: kind).flatMap { Role(kind: $0, scope: scopeID) } }
}

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a
/// copy of the database opens no session. Kept in the database so that every app instance
/// behind a load balancer sees it.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    @Field(key: "expires_at") var expiresAt: Date
    /// The CSRF token of every form this session posts.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "address") var address: String
    @OptionalField(key: "user_agent") var userAgent: String?

    init() {}
}

/// A personal API token for `Authorization: Bearer`. Shown once; stored as SHA-256.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so that its owner can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// A one-time link an admin gives a user to set a new password.
final class PasswordResetModel: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

/// A sign-in attempt, kept in the database so that every instance counts the same.
final class LoginAttemptModel: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    /// The username as typed (folded), whether or not such an account exists.
    @Field(key: "account_key") var accountKey: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}

    init(accountKey: String, address: String, at: Date, succeeded: Bool) {
        self.accountKey = accountKey
        self.address = address
        self.at = at
        self.succeeded = succeeded
    }
}

/// One entry of the hash-chained audit log. Appended in the transaction of the write it
/// records; nothing updates or deletes it.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "role") var role: String
    @Field(key: "scope") var scope: String
    @Field(key: "action") var action: String
    @Field(key: "resource_type") var resourceType: String
    @OptionalField(key: "resource_id") var resourceID: String?
    @Field(key: "changes") var changes: String
    @Field(key: "address") var address: String
    @Field(key: "request_id") var requestID: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(_ record: AuditRecord, hash: String) {
        sequence = record.sequence
        at = record.at
        actorID = record.actorID
        actorName = record.actorName
        role = record.role
        scope = record.scope
        action = record.action
        resourceType = record.resourceType
        resourceID = record.resourceID
        changes = record.changes
        address = record.address
        requestID = record.requestID
        previousHash = record.previousHash
        self.hash = hash
    }

    var record: AuditRecord {
        AuditRecord(sequence: sequence, at: at, actorID: actorID, actorName: actorName, role: role, scope: scope,
                    action: action, resourceType: resourceType, resourceID: resourceID, changes: changes,
                    address: address, requestID: requestID, previousHash: previousHash)
    }
}
