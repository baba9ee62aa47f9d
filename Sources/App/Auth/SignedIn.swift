import Fluent
import FluentSQL
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// A session or API token found by its hash, with its account, and the `AccessStamp`: one
/// statement. Every write is audited in its own transaction, and those that may change
/// grants, units or the lineage move the stamp, on any instance sharing the database.
struct SignedIn<Credential: Model> {
    var credential: Credential
    var user: UserModel
    /// The `AccessStamp` when the credential was read.
    var auditStamp: Int

    /// The credential whose `token_hash` is `hash` (for tokens, not revoked), joined to its
    /// user; nil when there is none.
    static func find(hash: String, unrevoked: Bool, on db: any Database) async throws -> SignedIn? {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "CSDL không nhận câu lệnh SQL.") }
        let table = Credential.schema
        var select = sql.select().columns(of: Credential.self, prefix: prefix)
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier(UserModel.schema)))
            .column(SQLAlias(SQLSubquery.select { $0.column("sequence").from(AccessStamp.table).where("id", .equal, SQLBind(1)) },
                             as: SQLIdentifier("audit_stamp")))
            .from(table)
            .join(UserModel.schema, on: SQLColumn("id", table: UserModel.schema), .equal, SQLColumn("user_id", table: table))
            .where(SQLColumn("token_hash", table: table), .equal, SQLBind(hash))
        if unrevoked { select = select.where(SQLColumn("revoked_at", table: table), .is, SQLLiteral.null) }
        guard let row = try await select.first() else { return nil }
        let credential = try PrefixedRow(row: row, prefix: prefix).decode(fluentModel: Credential.self)
        let user = try row.decode(fluentModel: UserModel.self)
        return SignedIn(credential: credential, user: user, auditStamp: try row.decode(column: "audit_stamp", as: Int?.self) ?? 0)
    }

    /// The credential's columns are renamed so that they do not meet the user's (`id`).
    private static var prefix: String { "credential_" }
}

/// Each account's `Actor` (roles, their units' provinces, inherited provinces), kept while
/// the `AccessStamp` read with the credential is the one it was built at, and for a minute at
/// most: a grant withdrawn anywhere moves the stamp, so no request after the withdrawal's
/// commit uses the old roles. Only this derived value is kept; the session, the token and
/// the account's row (disabled or not) are read on every request.
final class ActorCache: @unchecked Sendable {
    private struct Entry {
        var stamp: Int
        var loadedAt: Date
        var actor: Actor
    }

    static let lifetime: TimeInterval = 60
    /// Beyond this many accounts the cache starts again (it only saves reads).
    static let capacity = 10_000

    private let lock = NSLock()
    private var entries: [UUID: Entry] = [:]

    /// The user's actor at this stamp: kept, or built (`ActorLoader`) and kept.
    func actor(for user: UserModel, stamp: Int, now: Date, on db: any Database) async throws -> Actor {
        let id = try user.requireID()
        let kept = lock.withLock { entries[id] }
        if let kept, kept.stamp == stamp, now.timeIntervalSince(kept.loadedAt) < Self.lifetime, now >= kept.loadedAt {
            return kept.actor
        }
        let actor = try await ActorLoader.actor(for: user, on: db)
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(stamp: stamp, loadedAt: now, actor: actor)
        }
        return actor
    }
}

extension Application {
    private struct ActorCacheKey: StorageKey { typealias Value = ActorCache }

    /// The actors of recent requests' accounts; set by `configure`.
    var actorCache: ActorCache {
        get {
            guard let cache = storage[ActorCacheKey.self] else { fatalError("configure(_:) has not run") }
            return cache
        }
        set { storage[ActorCacheKey.self] = newValue }
    }
}
