import Crypto
import Foundation

/// Files kept under their SHA-256 (evidence, issued documents): the same bytes are stored
/// once, whoever sends them, and a stored file never changes.
enum ContentStore {
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Stores the bytes (if not already there) and returns their SHA-256.
    @discardableResult
    static func put(_ data: Data, in directory: String) throws -> String {
        let sha = sha256(data)
        let path = path(of: sha, in: directory)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            // Write then rename, so a crash never leaves half a file under the final name.
            let temporary = path + ".\(UUID().uuidString).tmp"
            try data.write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }
        return sha
    }

    static func path(of sha: String, in directory: String) -> String {
        ((directory as NSString).appendingPathComponent(String(sha.prefix(2))) as NSString).appendingPathComponent(sha)
    }
}
