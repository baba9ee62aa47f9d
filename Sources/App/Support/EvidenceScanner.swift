import Foundation
import ThiDuaCore
import Vapor

/// Runs the configured virus scanner on an upload before it is stored. The scanner sees a
/// private temporary copy; its verdict is its exit status (0 clean, 1 infected).
enum EvidenceScanner {
    static func scan(_ data: Data, name: String, command: [String], on req: Request) async throws {
        let status = try await req.application.threadPool.runIfActive {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-scan-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("upload")
            try data.write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command + [file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Bounded: a scanner that hangs is stopped after a minute.
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                process.terminate()
                return Int32(-1)
            }
            return process.terminationStatus
        }
        switch status {
        case 0: return
        case 1:
            req.logger.warning("Evidence upload refused by the virus scanner")
            throw DomainError.invalid(field: "file", "Tệp «\(name)» bị phần mềm quét virus từ chối; không lưu tệp này.")
        default:
            throw DomainError.conflict("Chưa quét virus được tệp «\(name)» (mã \(status)); tệp chưa được lưu. Hãy thử lại sau hoặc báo quản trị viên.")
        }
    }
}
