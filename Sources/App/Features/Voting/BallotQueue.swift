import Foundation
import Vapor

/// One electronic ballot on its way to the database: the unit that casts it, its choices,
/// the hash of the voter's receipt, and who is casting (for the audit entry).
struct BallotCast: Sendable {
    let session: UUID
    let unit: UUID
    let choices: Set<UUID>
    let receiptHash: String
    let auditor: Auditor
}

/// Ghi phiếu theo lô (group commit): the ballots that arrive while one batch is being written
/// are written together in the next — one transaction, one turn at the write lock, one read
/// of the audit chain's head, one commit and disk sync — and every voter is answered only
/// once the commit that holds their ballot is durable. A ballot refused in a batch (its unit
/// has voted, the session has closed) is refused alone; the others stand.
actor BallotQueue {
    /// Ballots in one transaction at most (SQLite binds ~15 values per audit row).
    static let batchLimit = 256

    private let app: Application
    private var waiting: [(cast: BallotCast, answer: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    init(app: Application) {
        self.app = app
    }

    /// Returns once the ballot is committed; throws the refusal otherwise.
    func cast(_ ballot: BallotCast) async throws {
        try await withCheckedThrowingContinuation { answer in
            waiting.append((ballot, answer))
            guard !writing else { return }
            writing = true
            // Detached: the writer must not inherit the first caster's task-locals (an outer
            // write it would join, a request's query counter).
            Task.detached { await self.writeWaiting() }
        }
    }

    private func writeWaiting() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.batchLimit))
            waiting.removeFirst(batch.count)
            let outcomes = await Self.commit(batch.map(\.cast), app: app)
            precondition(outcomes.count == batch.count, "one outcome per ballot")
            for (item, outcome) in zip(batch, outcomes) { item.answer.resume(with: outcome) }
        }
        writing = false
    }

    /// One transaction for the batch; if it fails as a whole (not a refusal the batch could
    /// tell apart), each ballot is tried alone so one failure refuses one voter.
    private static func commit(_ casts: [BallotCast], app: Application) async -> [Result<Void, any Error>] {
        do {
            return try await app.write { db in try await RegistryStore(db: db, auditor: .system("bỏ phiếu")).cast(casts) }
        } catch {
            guard casts.count > 1 else { return [.failure(error)] }
            var outcomes: [Result<Void, any Error>] = []
            for cast in casts { outcomes.append(contentsOf: await commit([cast], app: app)) }
            return outcomes
        }
    }
}

extension Application {
    private struct BallotQueueKey: StorageKey { typealias Value = BallotQueue }

    /// The process's one queue of electronic ballots; set by `configure`.
    var ballotQueue: BallotQueue {
        get {
            guard let queue = storage[BallotQueueKey.self] else { fatalError("configure(_:) has not run") }
            return queue
        }
        set { storage[BallotQueueKey.self] = newValue }
    }
}
