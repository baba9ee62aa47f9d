import Foundation

/// One entry of the tamper-evident audit log, as it is hashed. Every write adds one, in the
/// same transaction, and each carries the hash of the one before: changing or removing an
/// entry breaks every hash after it.
public struct AuditRecord: Hashable, Sendable, Codable {
    public var sequence: Int
    /// ISO 8601 in UTC, to the millisecond.
    public var at: String
    public var actorID: UUID?
    public var actorName: String
    public var role: String
    public var scope: String
    public var action: String
    public var resourceType: String
    public var resourceID: String?
    /// The changed fields, before and after, as canonical JSON text (keys sorted).
    public var changes: String
    public var address: String
    public var requestID: String
    public var previousHash: String

    public init(sequence: Int, at: String, actorID: UUID?, actorName: String, role: String, scope: String,
                action: String, resourceType: String, resourceID: String?, changes: String, address: String,
                requestID: String, previousHash: String) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.role = role
        self.scope = scope
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.changes = changes
        self.address = address
        self.requestID = requestID
        self.previousHash = previousHash
    }

    /// The text that is hashed: every field, each on its own line with its length, so that
    /// no two different entries give the same text.
    public var canonicalText: String {
        [String(sequence), at, actorID?.uuidString ?? "", actorName, role, scope, action, resourceType,
         resourceID ?? "", changes, address, requestID, previousHash]
            .map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
    }
}

public enum AuditChain {
    /// The hash the first entry points back to.
    public static let genesis = String(repeating: "0", count: 64)
    /// Marks a stored hash as keyed (HMAC-SHA256 with the audit key, kept outside the
    /// database). Entries written before the key existed carry a bare SHA-256.
    public static let keyedPrefix = "k1:"

    /// An entry's place in the chain: its sequence and stored hash.
    public struct Link: Hashable, Sendable {
        public var sequence: Int
        public var hash: String

        public init(sequence: Int, hash: String) {
            self.sequence = sequence
            self.hash = hash
        }
    }

    /// A head of the chain written to the append-only checkpoint file, sealed with the key.
    public struct Checkpoint: Hashable, Sendable {
        public var link: Link
        /// When it was written, ISO 8601.
        public var at: String
        public var seal: String

        public init(link: Link, at: String, seal: String) {
            self.link = link
            self.at = at
            self.seal = seal
        }

        /// What the seal covers.
        public var signedText: String { "checkpoint \(link.sequence) \(link.hash) \(at)" }

        public static func make(_ link: Link, at: String, keyed: (String) -> String) -> Checkpoint {
            var checkpoint = Checkpoint(link: link, at: at, seal: "")
            checkpoint.seal = keyed(checkpoint.signedText)
            return checkpoint
        }
    }

    public enum BreachKind: String, Hashable, Sendable {
        /// An entry's content no longer matches its hash.
        case edited
        /// An entry is missing in the middle (or the entries were renumbered).
        case deleted
        /// Hashes recomputed without the key, or a chain that differs from a checkpoint.
        case rechained
        /// The newest entries are gone: the head is older than the last checkpoint.
        case truncated
        /// A line of the checkpoint file was not sealed with the key.
        case forgedCheckpoint = "forged_checkpoint"
    }

    public struct Breach: Hashable, Sendable {
        public var kind: BreachKind
        /// The first entry that does not fit.
        public var sequence: Int
        public var reason: String
    }

    public struct Verdict: Hashable, Sendable {
        public var count: Int
        /// The newest entry: its hash is what an operator records.
        public var head: Link?
        /// Entries hashed before the key existed (bare SHA-256), all at the start.
        public var unkeyedCount: Int
        /// The newest checkpoint the chain was checked against.
        public var lastCheckpoint: Link?
        public var breach: Breach?

        public var isIntact: Bool { breach == nil }

        /// What an operator reads: the verdict and the head hash to record elsewhere.
        public var summary: String {
            if let breach {
                return "Nhật ký bị sửa: mục số \(breach.sequence) không khớp. \(breach.reason)"
            }
            var parts = ["Chuỗi băm nguyên vẹn: \(count) mục, khớp khóa nhật ký."]
            if unkeyedCount > 0 { parts.append("\(unkeyedCount) mục đầu được ghi trước khi có khóa (chỉ SHA-256).") }
            if let head { parts.append("Đầu chuỗi: mục số \(head.sequence), mã băm \(head.hash).") }
            if let lastCheckpoint {
                parts.append("Điểm mốc mới nhất: mục số \(lastCheckpoint.sequence).")
            } else if count > 0 {
                parts.append("Chưa có điểm mốc nào trong tệp điểm mốc: không kiểm được việc cắt cuối nhật ký.")
            }
            return parts.joined(separator: " ")
        }
    }

    /// The hash stored with a new entry: keyed, so that nobody without the key can
    /// recompute the chain after changing it.
    public static func seal(_ record: AuditRecord, keyed: (String) -> String) -> String {
        keyedPrefix + keyed(record.canonicalText)
    }

    /// Walks the entries in sequence order, recomputing each hash (`keyed`: HMAC with the
    /// audit key; `plain`: SHA-256 for entries from before the key), then checks the chain
    /// against the checkpoints: every checkpointed entry must still be there with the same
    /// hash.
    public static func verify(_ entries: [(record: AuditRecord, hash: String)], checkpoints: [Checkpoint] = [],
                              keyed: (String) -> String, plain: (String) -> String) -> Verdict {
        var verdict = Verdict(count: entries.count, head: nil, unkeyedCount: 0, lastCheckpoint: nil, breach: nil)
        func expected(_ index: Int) -> String {
            let (record, stored) = entries[index]
            return stored.hasPrefix(keyedPrefix) ? seal(record, keyed: keyed) : plain(record.canonicalText)
        }
        var previous = genesis
        var seenKeyed = false
        for (index, (record, stored)) in entries.enumerated() {
            let expectedSequence = index + 1
            if record.sequence != expectedSequence {
                verdict.breach = Breach(kind: .deleted, sequence: expectedSequence,
                                        reason: "Thiếu mục số \(expectedSequence) (đã bị xóa hoặc đánh số lại).")
                return verdict
            }
            if record.previousHash != previous {
                verdict.breach = Breach(kind: .edited, sequence: record.sequence, reason: "Mã băm của mục trước không khớp.")
                return verdict
            }
            let isKeyed = stored.hasPrefix(keyedPrefix)
            if seenKeyed && !isKeyed {
                verdict.breach = Breach(kind: .rechained, sequence: record.sequence,
                                        reason: "Mục không mang mã khóa sau các mục đã có khóa: chuỗi đã bị tính lại.")
                return verdict
            }
            if expected(index) != stored {
                // An edit leaves the next entry valid; a re-chain without the key also
                // rewrote the next entry's hash, which then fails too.
                let next = index + 1
                if next < entries.count, entries[next].record.previousHash == stored, expected(next) != entries[next].hash {
                    verdict.breach = Breach(kind: .rechained, sequence: record.sequence,
                                            reason: "Từ mục này, các mã băm đã được tính lại mà không có khóa nhật ký.")
                } else {
                    verdict.breach = Breach(kind: .edited, sequence: record.sequence, reason: "Nội dung mục đã bị sửa sau khi ghi.")
                }
                return verdict
            }
            if !isKeyed { verdict.unkeyedCount += 1 }
            seenKeyed = seenKeyed || isKeyed
            previous = stored
        }
        verdict.head = entries.last.map { Link(sequence: $0.record.sequence, hash: $0.hash) }
        let headSequence = verdict.head?.sequence ?? 0
        for checkpoint in checkpoints.sorted(by: { $0.link.sequence > $1.link.sequence }) {
            let link = checkpoint.link
            if keyed(checkpoint.signedText) != checkpoint.seal {
                verdict.breach = Breach(kind: .forgedCheckpoint, sequence: link.sequence,
                                        reason: "Điểm mốc của mục số \(link.sequence) trong tệp điểm mốc không mang dấu của khóa nhật ký.")
                return verdict
            }
            if verdict.lastCheckpoint == nil { verdict.lastCheckpoint = link }
            if link.sequence > headSequence {
                verdict.breach = Breach(kind: .truncated, sequence: headSequence + 1,
                                        reason: "Nhật ký bị cắt: điểm mốc đã ghi đến mục số \(link.sequence), nhật ký chỉ còn đến mục số \(headSequence).")
                return verdict
            }
            if link.sequence >= 1, entries[link.sequence - 1].hash != link.hash {
                verdict.breach = Breach(kind: .rechained, sequence: link.sequence,
                                        reason: "Mục số \(link.sequence) không khớp điểm mốc đã ghi: chuỗi đã bị tính lại.")
                return verdict
            }
        }
        return verdict
    }

    /// Before/after of the fields that changed, as canonical JSON; secrets are never given.
    public static func changes(before: [String: String?], after: [String: String?]) -> String {
        let keys = Set(before.keys).union(after.keys).sorted()
        var parts: [String] = []
        for key in keys {
            let old = before[key] ?? nil
            let new = after[key] ?? nil
            guard old != new else { continue }
            parts.append("\(json(key)):{\"after\":\(new.map(json) ?? "null"),\"before\":\(old.map(json) ?? "null")}")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Login protection: how many recent failures lock an account or an address, and for how
/// long. Pure: given the failures' times, says whether to refuse and how long to wait.
public struct LoginThrottle: Sendable {
    public var window: TimeInterval
    public var maximumPerAccount: Int
    public var maximumPerAddress: Int

    public init(window: TimeInterval = 15 * 60, maximumPerAccount: Int = 5, maximumPerAddress: Int = 20) {
        self.window = window
        self.maximumPerAccount = maximumPerAccount
        self.maximumPerAddress = maximumPerAddress
    }

    /// Seconds to wait before trying again, or nil when a try is allowed now.
    public func wait(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        func waitFor(_ failures: [Date], limit: Int) -> TimeInterval? {
            let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
            guard recent.count >= limit else { return nil }
            // Allowed again when the oldest failure that counts leaves the window.
            return window - now.timeIntervalSince(recent[recent.count - limit])
        }
        let waits = [waitFor(accountFailures, limit: maximumPerAccount), waitFor(addressFailures, limit: maximumPerAddress)]
            .compactMap { $0 }
        guard let longest = waits.max() else { return nil }
        return max(1, Int(longest.rounded(.up)))
    }
}
