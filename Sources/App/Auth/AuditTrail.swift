import Crypto
import Foundation
import ThiDuaCore
import Vapor

/// What makes the audit log tamper-evident beyond its own table: the key that seals each
/// entry (kept outside the database: `THIDUA_AUDIT_KEY`, or the file `audit.key` in the data
/// folder, mode 0600, made at first start) and the append-only file of checkpoints of the
/// chain's head beside the data (`audit-checkpoints.log`). Someone who can rewrite the
/// database but has neither cannot recompute the chain, nor cut its end unnoticed.
final class AuditTrail: Sendable {
    static let keyFileName = "audit.key"
    static let checkpointFileName = "audit-checkpoints.log"
    static let minimumKeyLength = 32

    private let key: SymmetricKey
    let checkpointPath: String
    /// Writers of this application take turns here (see `Application.write`).
    let gate = WriteGate()

    init(key: SymmetricKey, checkpointPath: String) {
        self.key = key
        self.checkpointPath = checkpointPath
    }

    /// HMAC-SHA256 with the audit key, in hex.
    @Sendable func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads the key from the setting or the key file, creating the file the first time.
    static func load(_ config: AppConfig) throws -> AuditTrail {
        let checkpoints = (config.dataDirectory as NSString).appendingPathComponent(checkpointFileName)
        if let text = config.auditKey {
            return AuditTrail(key: SymmetricKey(data: Data(text.utf8)), checkpointPath: checkpoints)
        }
        let path = (config.dataDirectory as NSString).appendingPathComponent(keyFileName)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            // First start: 32 random bytes, in hex.
            let text = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined() + "\n"
            let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, text.utf8.count) }
            close(fd)
            guard written == text.utf8.count else {
                unlink(path)
                throw AppConfig.Invalid(setting: keyFileName, problem: "không ghi được tệp khóa «\(path)»")
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw AppConfig.Invalid(setting: keyFileName, problem: "không đọc được tệp khóa «\(path)»")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw AppConfig.Invalid(setting: keyFileName,
                problem: "tệp «\(path)» cho người khác đọc được; hãy chạy chmod 600 \(path)")
        }
        guard let contents = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw AppConfig.Invalid(setting: keyFileName, problem: "không đọc được tệp khóa «\(path)»")
        }
        let text = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= minimumKeyLength else {
            throw AppConfig.Invalid(setting: keyFileName, problem: "khóa trong «\(path)» cần ít nhất \(minimumKeyLength) ký tự")
        }
        return AuditTrail(key: SymmetricKey(data: Data(text.utf8)), checkpointPath: checkpoints)
    }

    /// Appends a sealed checkpoint of the chain's head. The write it follows has committed,
    /// so a failure here is logged, not turned into a failed request.
    func checkpoint(_ head: AuditChain.Link, at date: Date, logger: Logger) {
        let checkpoint = AuditChain.Checkpoint.make(head, at: Auditor.timestamp(date), keyed: mac)
        let line = "\(head.sequence) \(head.hash) \(checkpoint.at) \(checkpoint.seal)\n"
        let fd = open(checkpointPath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else {
            logger.error("Không ghi được điểm mốc nhật ký vào \(checkpointPath)")
            return
        }
        defer { close(fd) }
        let count = line.utf8.count
        let written = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, count) }
        if written != count { logger.error("Ghi điểm mốc nhật ký không trọn vào \(checkpointPath)") }
    }

    /// The checkpoints written so far (none when the file does not exist yet). A line cut
    /// short by a crash is skipped; a whole line that does not parse counts as forged.
    func checkpoints() throws -> [AuditChain.Checkpoint] {
        guard let data = FileManager.default.contents(atPath: checkpointPath) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
        return lines.map { line in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 4, let sequence = Int(parts[0]) else {
                return AuditChain.Checkpoint(link: .init(sequence: 0, hash: String(line.prefix(80))), at: "", seal: "")
            }
            return AuditChain.Checkpoint(link: .init(sequence: sequence, hash: parts[1]), at: parts[2], seal: parts[3])
        }
    }
}

extension Application {
    private struct AuditTrailKey: StorageKey { typealias Value = AuditTrail }

    /// The audit key and checkpoint file of this application; set by `configure`.
    var auditTrail: AuditTrail {
        get {
            guard let value = storage[AuditTrailKey.self] else { fatalError("configure(_:) has not run") }
            return value
        }
        set { storage[AuditTrailKey.self] = newValue }
    }
}
