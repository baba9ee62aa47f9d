import Fluent
import SQLKit

/// The audit sequence of the newest write that may change what an account may do: its
/// grants, its units' provinces, the provinces' lineage. `SignedIn` reads it with the
/// credential, and `ActorCache` keeps an actor only while it has not moved — on every
/// instance sharing the database. Writes that cannot change an actor (a ballot, a score, a
/// sign-in) leave it where it is, so a burst of them does not empty the cache.
enum AccessStamp {
    static let table = "access_stamp"

    /// Audit resource types whose writes never touch grants, units or the lineage. Any
    /// other type — a new one too — moves the stamp: forgetting a type costs reads, never
    /// a stale permission.
    static let unchangingTypes: Set<String> = [
        "ballot_session", "conference", "score_sheet", "evidence", "ranking", "session", "api_token",
        "pact_signature", "registration", "document", "annual_rating", "initiative",
    ]

    static func moves(with entry: Auditor.Entry) -> Bool {
        !unchangingTypes.contains(entry.type) && !AuditedAttempt.isAttempt(entry)
    }

    /// Called by `Auditor.record` in the write's transaction.
    static func move(to sequence: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(table).set("sequence", to: SQLBind(sequence)).where("id", .equal, SQLBind(1)).run()
    }
}

/// Entries that record an attempt, not a change: a sign-in refused or throttled, a reset
/// link asked for, a request refused (`denied`, `csrf_refused`). Anyone, signed in or not,
/// can make them at will, so they move neither the access stamp nor the pending counts —
/// or anonymous traffic would keep both caches cold.
enum AuditedAttempt {
    static let accountActions: Set<String> = ["sign_in_failed", "sign_in_throttled", "sign_in_disabled", "reset_link_created"]

    static func isAttempt(_ entry: Auditor.Entry) -> Bool {
        entry.type == "request" || (entry.type == "account" && accountActions.contains(entry.action))
    }
}

/// The one-row table of `AccessStamp`, starting at the log's newest sequence.
struct CreateAccessStamp: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AccessStamp.table)
            .field("id", .int, .identifier(auto: false))
            .field("sequence", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO \(ident: AccessStamp.table) (id, sequence)
            SELECT 1, COALESCE(MAX(sequence), 0) FROM \(ident: AuditEntryModel.schema)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccessStamp.table).delete()
    }
}
