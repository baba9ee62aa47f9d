import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// Accounts, sessions, tokens and reset links. Every write goes to the audit log in its own
/// transaction; no password, token or hash ever does.
struct Accounts {
    let db: any Database
    let auditor: Auditor
    let application: Application

    static let bcryptCost = 12
    static let throttle = LoginThrottle()
    static let resetLifetime: TimeInterval = 24 * 3600

    var now: Date { application.thidua.now() }

    // MARK: Passwords

    func hash(_ password: String) async throws -> String {
        try await application.passwordHashing.runIfActive { try Bcrypt.hash(password, cost: Accounts.bcryptCost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await application.passwordHashing.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Compared against when the account does not exist, so that a wrong name costs as much
    /// time as a wrong password.
    static let dummyHash = try! Bcrypt.hash("không có tài khoản này", cost: bcryptCost)

    static func normalisedUsername(_ raw: String) -> String {
        VietnameseText.normalized(raw).lowercased()
    }

    static func checkUsername(_ username: String) throws {
        let valid = (3...40).contains(username.count)
            && username.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
        if !valid {
            throw DomainError.invalid(field: "username",
                "Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.")
        }
    }

    // MARK: Sign in

    struct SignedIn {
        var cookie: String
        var user: UserModel
    }

    /// The outcome of counting an attempt against the throttle.
    enum Turn: Sendable {
        case tried(attemptID: UUID)
        case refused(waitSeconds: Int)
    }

    /// Counts this attempt against the account's and the address's limits and records it as
    /// a failure, in one write: writers take turns, so attempts sent at the same instant
    /// each see the ones before them, and no more than the limit ever reach the password
    /// check. A refusal costs one short write and no Bcrypt.
    func countAttempt(key: String, address: String) async throws -> Turn {
        let now = self.now
        let auditor = self.auditor
        return try await application.write(on: db) { db in
            let windowStart = now.addingTimeInterval(-Accounts.throttle.window)
            let accountFailures = try await LoginAttemptModel.query(on: db).filter(\.$accountKey == key)
                .filter(\.$succeeded == false).filter(\.$at > windowStart).all().map(\.at)
            let addressFailures = try await LoginAttemptModel.query(on: db).filter(\.$address == address)
                .filter(\.$succeeded == false).filter(\.$at > windowStart).all().map(\.at)
            if let wait = Accounts.throttle.wait(accountFailures: accountFailures, addressFailures: addressFailures, now: now) {
                try await auditor.named(key).record(on: db, action: "sign_in_throttled", type: "account", id: nil,
                                                    after: ["username": key, "waitSeconds": String(wait)])
                return .refused(waitSeconds: wait)
            }
            // A failure until the password proves otherwise.
            let attempt = LoginAttemptModel(accountKey: key, address: address, at: now, succeeded: false)
            try await attempt.create(on: db)
            return .tried(attemptID: attempt.id!)
        }
    }

    /// Counts the attempt, then checks the password and the account; on success opens a
    /// session. Every refusal says the same for an unknown name and a wrong password.
    func signIn(username raw: String, password: String, address: String, userAgent: String?) async throws -> SignedIn {
        let key = String(Accounts.normalisedUsername(raw).prefix(64))
        let now = self.now
        let auditor = self.auditor
        let attemptID: UUID
        switch try await countAttempt(key: key, address: address) {
        case .refused(let wait):
            let minutes = max(1, (wait + 59) / 60)
            throw AccessDenied(status: .tooManyRequests,
                               message: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau khoảng \(minutes) phút.",
                               headers: ["Retry-After": String(wait)])
        case .tried(let id):
            attemptID = id
        }
        let user = try await UserModel.query(on: db).filter(\.$username == key).first()
        let matches = try await verify(password, hash: user?.passwordHash ?? Accounts.dummyHash) && user != nil
        guard let user, matches else {
            try await application.write(on: db) { db in
                try await auditor.named(key).record(on: db, action: "sign_in_failed", type: "account", id: nil,
                                                    after: ["username": key])
            }
            throw AccessDenied(status: .unauthorized, message: "Tên đăng nhập hoặc mật khẩu không đúng.")
        }
        guard !user.isDisabled else {
            try await application.write(on: db) { db in
                try await auditor.named(key).record(on: db, action: "sign_in_disabled", type: "account", id: user.id?.uuidString)
            }
            throw AccessDenied(status: .forbidden, message: "Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.")
        }
        let cookie = try await application.write(on: db) { db in
            // Housekeeping on the way: attempts past any window and sessions past their end.
            try await LoginAttemptModel.query(on: db).filter(\.$at < now.addingTimeInterval(-4 * Accounts.throttle.window)).delete()
            try await SessionModel.query(on: db).filter(\.$expiresAt < now).delete()
            try await LoginAttemptModel.query(on: db).filter(\.$id == attemptID).set(\.$succeeded, to: true).update()
            let (cookie, session) = try await openSession(for: user, address: address, userAgent: userAgent, on: db)
            try await auditor.as(user).record(on: db, action: "sign_in", type: "session", id: session.id?.uuidString)
            return cookie
        }
        return SignedIn(cookie: cookie, user: user)
    }

    /// A new session of the account; returns the cookie (only its hash is stored).
    func openSession(for user: UserModel, address: String, userAgent: String?,
                     on db: any Database) async throws -> (cookie: String, session: SessionModel) {
        let cookie = Secrets.token(prefix: "s_")
        let session = SessionModel()
        session.tokenHash = Secrets.sha256(cookie)
        session.$user.id = user.id!
        session.createdAt = now
        session.lastSeenAt = now
        session.expiresAt = now.addingTimeInterval(application.thidua.config.sessionLifetime)
        session.csrfToken = Secrets.token(prefix: "")
        session.address = address
        session.userAgent = userAgent.map { String($0.prefix(200)) }
        try await session.create(on: db)
        return (cookie, session)
    }

    /// Ends every session of the account and revokes every API token it has: after a
    /// password change or reset, "sign out everywhere" and disabling, nothing opened
    /// before still works. Returns the counts, for the audit entry.
    func endAccess(of userID: UUID, on db: any Database) async throws -> [String: String?] {
        let sessions = try await SessionModel.query(on: db).filter(\.$user.$id == userID).count()
        try await SessionModel.query(on: db).filter(\.$user.$id == userID).delete()
        let tokens = try await APITokenModel.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).count()
        try await APITokenModel.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
        return ["sessionsEnded": String(sessions), "tokensRevoked": String(tokens)]
    }

    func signOut(_ session: SessionModel) async throws {
        try await application.write(on: db) { db in
            try await SessionModel.query(on: db).filter(\.$id == session.id!).delete()
            try await auditor.record(on: db, action: "sign_out", type: "session", id: session.id?.uuidString)
        }
    }

    func signOutEverywhere(_ userID: UUID) async throws {
        try await application.write(on: db) { db in
            let ended = try await endAccess(of: userID, on: db)
            try await auditor.record(on: db, action: "sign_out_everywhere", type: "account", id: userID.uuidString, after: ended)
        }
    }

    // MARK: Passwords of an account

    /// Changes the password, ends every session and token of the account, and, when the
    /// change came from a browser, opens it a new session: returns its cookie.
    func changePassword(_ user: UserModel, current: String, new: String, confirmation: String,
                        from session: SessionModel?) async throws -> String? {
        guard try await verify(current, hash: user.passwordHash) else {
            throw DomainError.invalid(field: "current", "Mật khẩu hiện tại không đúng.")
        }
        guard new == confirmation else {
            throw DomainError.invalid(field: "confirmation", "Mật khẩu nhập lại không khớp.")
        }
        try PasswordPolicy.check(new, username: user.username)
        let hashed = try await hash(new)
        let now = self.now
        return try await application.write(on: db) { db in
            user.passwordHash = hashed
            user.passwordChangedAt = now
            try await user.save(on: db)
            let ended = try await endAccess(of: user.id!, on: db)
            var cookie: String?
            if let session {
                cookie = try await openSession(for: user, address: session.address, userAgent: session.userAgent, on: db).cookie
            }
            try await auditor.record(on: db, action: "password_changed", type: "account", id: user.id?.uuidString, after: ended)
            return cookie
        }
    }

    /// A one-time link for the user to set a password; the admin passes it on.
    func createResetLink(for user: UserModel) async throws -> String {
        let token = Secrets.token(prefix: "r_")
        let now = self.now
        try await application.write(on: db) { db in
            let reset = PasswordResetModel()
            reset.$user.id = user.id!
            reset.tokenHash = Secrets.sha256(token)
            reset.createdAt = now
            reset.expiresAt = now.addingTimeInterval(Accounts.resetLifetime)
            reset.createdBy = auditor.actorID
            try await reset.create(on: db)
            try await auditor.record(on: db, action: "reset_link_created", type: "account", id: user.id?.uuidString)
        }
        return token
    }

    static let resetUnusable = "Liên kết đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn."

    func resetFor(token: String) async throws -> PasswordResetModel {
        guard let reset = try await PasswordResetModel.query(on: db).filter(\.$tokenHash == Secrets.sha256(token))
            .with(\.$user).first(), reset.usedAt == nil, reset.expiresAt > now, !reset.user.isDisabled else {
            throw DomainError.notFound(Accounts.resetUnusable)
        }
        return reset
    }

    func completeReset(token: String, password: String, confirmation: String) async throws {
        let reset = try await resetFor(token: token)
        guard password == confirmation else {
            throw DomainError.invalid(field: "confirmation", "Mật khẩu nhập lại không khớp.")
        }
        try PasswordPolicy.check(password, username: reset.user.username)
        let hashed = try await hash(password)
        let now = self.now
        try await application.write(on: db) { db in
            guard try await Accounts.consume(reset, at: now, on: db) else {
                throw DomainError.notFound(Accounts.resetUnusable)
            }
            reset.user.passwordHash = hashed
            reset.user.passwordChangedAt = now
            try await reset.user.save(on: db)
            let ended = try await endAccess(of: reset.user.id!, on: db)
            try await auditor.as(reset.user).record(on: db, action: "password_reset", type: "account",
                                                    id: reset.user.id?.uuidString, after: ended)
        }
    }

    /// Marks a reset link used in one conditional update: of any number of simultaneous
    /// uses, exactly one sees its row change (the database re-checks `used_at IS NULL`
    /// under the row's lock); the others are refused.
    static func consume(_ reset: PasswordResetModel, at now: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "CSDL không nhận câu lệnh SQL.") }
        let rows = try await sql.update(PasswordResetModel.schema)
            .set("used_at", to: now)
            .where("id", .equal, reset.id!)
            .where("used_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        guard rows.count == 1 else { return false }
        reset.usedAt = now
        return true
    }

    // MARK: Users

    /// Creates an account with its roles. Without a password, the account can only be opened
    /// through a reset link. `passwordHash` lets many accounts share one hash computed once
    /// (the demo's unit officers); the password it hashes must have passed the policy.
    func createUser(username raw: String, displayName: String, roles: [Role], password: String?,
                    passwordHash: String? = nil) async throws -> UserModel {
        let username = Accounts.normalisedUsername(raw)
        var issues = IssueCollector()
        issues.run { try Accounts.checkUsername(username) }
        let name = TextRules.requiredName(displayName, field: "displayName", label: "Họ và tên", maximum: 100, into: &issues)
        issues.check(!roles.isEmpty, field: "role", "Hãy chọn vai trò.")
        if let password { issues.run { try PasswordPolicy.check(password, username: username) } }
        try issues.finish()
        if try await UserModel.query(on: db).filter(\.$username == username).first() != nil {
            throw DomainError.invalid(field: "username", "Tên đăng nhập «\(username)» đã có người dùng.")
        }
        var hashed = passwordHash ?? ""
        if passwordHash == nil { hashed = try await hash(password ?? Secrets.token(prefix: "locked_")) }
        let user = UserModel(username: username, displayName: name, passwordHash: hashed, createdAt: now)
        try await application.write(on: db) { db in
            try await user.create(on: db)
            for role in roles { try await RoleGrantModel(userID: user.id!, role: role).create(on: db) }
            var after = user.auditFields
            after["roles"] = roles.map(Accounts.describe).joined(separator: "; ")
            try await auditor.record(on: db, action: "create", type: "account", id: user.id?.uuidString, after: after)
        }
        return user
    }

    func grant(_ role: Role, to user: UserModel) async throws {
        let existing = try await RoleGrantModel.query(on: db).filter(\.$user.$id == user.id!).all().compactMap(\.role)
        guard !existing.contains(role) else { throw DomainError.conflict("Tài khoản đã có vai trò này.") }
        try await application.write(on: db) { db in
            try await RoleGrantModel(userID: user.id!, role: role).create(on: db)
            try await auditor.record(on: db, action: "role_granted", type: "account", id: user.id?.uuidString,
                                     after: ["role": Accounts.describe(role)])
        }
    }

    func revoke(grant: RoleGrantModel, of user: UserModel) async throws {
        try await application.write(on: db) { db in
            try await grant.delete(on: db)
            try await auditor.record(on: db, action: "role_revoked", type: "account", id: user.id?.uuidString,
                                     before: ["role": grant.role.map(Accounts.describe)])
        }
    }

    func setDisabled(_ user: UserModel, _ disabled: Bool) async throws {
        let before = user.auditFields
        let now = self.now
        try await application.write(on: db) { db in
            user.disabledAt = disabled ? now : nil
            try await user.save(on: db)
            var after = user.auditFields
            if disabled {
                let ended = try await endAccess(of: user.id!, on: db)
                after.merge(ended) { $1 }
            }
            try await auditor.record(on: db, action: disabled ? "disable" : "enable", type: "account",
                                     id: user.id?.uuidString, before: before, after: after)
        }
    }

    // MARK: API tokens

    /// Returns the token: shown this once, stored only as its hash.
    func createToken(for user: UserModel, name raw: String) async throws -> (token: String, model: APITokenModel) {
        var issues = IssueCollector()
        let name = TextRules.requiredName(raw, field: "name", label: "Tên mã truy cập", maximum: 100, into: &issues)
        try issues.finish()
        let token = Secrets.token(prefix: "tdt_")
        let model = APITokenModel()
        model.$user.id = user.id!
        model.name = name
        model.tokenHash = Secrets.sha256(token)
        model.prefix = String(token.prefix(10))
        model.createdAt = now
        try await application.write(on: db) { db in
            try await model.create(on: db)
            try await auditor.record(on: db, action: "token_created", type: "api_token", id: model.id?.uuidString,
                                     after: ["name": name, "prefix": model.prefix, "user": user.username])
        }
        return (token, model)
    }

    func revoke(token model: APITokenModel) async throws {
        guard model.revokedAt == nil else { return }
        try await application.write(on: db) { db in
            model.revokedAt = now
            try await model.save(on: db)
            try await auditor.record(on: db, action: "token_revoked", type: "api_token", id: model.id?.uuidString,
                                     after: ["name": model.name, "prefix": model.prefix])
        }
    }

    static func describe(_ role: Role) -> String {
        [role.kind.label, role.scopeID?.uuidString].compactMap { $0 }.joined(separator: " ")
    }
}

extension Auditor {
    /// The same request, recorded as the account it concerns (a sign-in has no actor yet).
    func `as`(_ user: UserModel) -> Auditor {
        var copy = self
        copy.actorID = user.id
        copy.actorName = user.username
        return copy
    }

    func named(_ name: String) -> Auditor {
        var copy = self
        copy.actorName = name.isEmpty ? "(trống)" : name
        return copy
    }
}

extension Application {
    private struct PasswordHashingKey: StorageKey { typealias Value = NIOThreadPool }

    /// Bcrypt runs in its own threads: in the shared pool, where SQLite's queries run, a
    /// burst of sign-ins would queue every request's database work behind the hashing
    /// until the connection pool timed out. Started by `configure`.
    var passwordHashing: NIOThreadPool {
        get {
            guard let pool = storage[PasswordHashingKey.self] else { fatalError("configure(_:) has not run") }
            return pool
        }
        set { storage.set(PasswordHashingKey.self, to: newValue) { try $0.syncShutdownGracefully() } }
    }

    func startPasswordHashing() {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        passwordHashing = pool
    }
}

extension Request {
    var accounts: Accounts { Accounts(db: db, auditor: auditor, application: application) }
}
