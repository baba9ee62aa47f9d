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

    public enum Verdict: Hashable, Sendable {
        case intact(count: Int)
        /// The first entry that does not fit, and why.
        case broken(sequence: Int, reason: String)
    }

    /// Walks the entries in sequence order, recomputing each hash.
    public static func verify(_ entries: [(record: AuditRecord, hash: String)], hash: (String) -> String) -> Verdict {
        var previous = genesis
        var expectedSequence = 1
        for (record, stored) in entries {
            if record.sequence != expectedSequence {
                return .broken(sequence: record.sequence,
                               reason: "Thiếu mục số \(expectedSequence) (đã bị xóa hoặc đánh số lại).")
            }
            if record.previousHash != previous {
                return .broken(sequence: record.sequence, reason: "Mã băm của mục trước không khớp.")
            }
            if hash(record.canonicalText) != stored {
                return .broken(sequence: record.sequence, reason: "Nội dung mục đã bị sửa sau khi ghi.")
            }
            previous = stored
            expectedSequence += 1
        }
        return .intact(count: entries.count)
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
