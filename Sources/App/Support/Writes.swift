import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// Writers take turns in this process: a request waiting here holds no pooled connection,
/// so a burst of writes queues instead of timing out the pool or meeting "database is locked".
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the longest waiting writer, if any.
    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// The write transaction the current task is in: its database, and the head of the audit
/// chain it has extended (checkpointed once the transaction has committed).
final class WriteInProgress: @unchecked Sendable {
    @TaskLocal static var current: WriteInProgress?

    let db: any Database
    let trail: AuditTrail
    private let lock = NSLock()
    private var newestEntry: AuditChain.Link?
    private var changesPendingWork = false

    init(db: any Database, trail: AuditTrail) {
        self.db = db
        self.trail = trail
    }

    var head: AuditChain.Link? { lock.withLock { newestEntry } }

    func appended(_ link: AuditChain.Link, changingPendingWork: Bool) {
        lock.withLock {
            newestEntry = link
            changesPendingWork = changesPendingWork || changingPendingWork
        }
    }

    /// Whether an entry of this write may change someone's pending work (`PendingCounts`).
    var mayChangePendingWork: Bool { lock.withLock { changesPendingWork } }
}

/// An audit entry or write attempted outside `Application.write`: a programming error.
struct WriteOutsideTransaction: Error, CustomStringConvertible {
    var description: String { "Ghi nhật ký ngoài giao dịch ghi (Application.write)." }
}

extension Application {
    /// The one way to write: runs `body` in one transaction whose rows and audit entries
    /// stand or fall together. Writers take turns — in this process at the `WriteGate`, and
    /// across processes in the database (SQLite: the write lock taken first, waiting up to
    /// a busy time-out; PostgreSQL: a transaction-scoped advisory lock). After the commit,
    /// the new head of the audit chain goes to the checkpoint file. A write inside a write
    /// joins the outer transaction.
    func write<T: Sendable>(on db: (any Database)? = nil,
                            _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let outer = WriteInProgress.current { return try await body(outer.db) }
        let trail = auditTrail
        await trail.gate.enter()
        do {
            let (result, write) = try await (db ?? self.db).transaction { db in
                try await Application.takeTurn(on: db)
                let write = WriteInProgress(db: db, trail: trail)
                let result = try await WriteInProgress.$current.withValue(write) { try await body(db) }
                return (result, write)
            }
            if let head = write.head {
                trail.checkpoint(head, at: thidua.now(), logger: logger)
                if write.mayChangePendingWork { pendingCounts.changed() }
            }
            await trail.gate.leave()
            return result
        } catch {
            await trail.gate.leave()
            throw error
        }
    }

    /// How long a write waits for another process's write on SQLite before it fails.
    static let sqliteBusyMilliseconds = 15_000

    private static func takeTurn(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        switch sql.dialect.name {
        case "sqlite":
            // The driver's BEGIN is deferred: a transaction that reads first and writes later
            // fails at once if another connection committed meanwhile. A write that touches
            // nothing takes the write lock now, waiting for it up to the busy time-out.
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyMilliseconds))").run()
            try await sql.raw("UPDATE audit_entries SET sequence = sequence WHERE 1 = 0").run()
        case "postgresql":
            try await sql.raw("SELECT pg_advisory_xact_lock(731002)").run()
        default:
            break
        }
    }
}
