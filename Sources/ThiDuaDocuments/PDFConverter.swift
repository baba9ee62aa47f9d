import Foundation

/// PDF through LibreOffice, when it is installed: `soffice --headless --convert-to pdf`. Each
/// conversion gets its own profile directory (LibreOffice refuses to run twice on one profile)
/// and a time limit, after which the process is ended.
public struct PDFConverter: Sendable {
    public let executable: String
    public var timeout: TimeInterval = 120

    public init(executable: String) {
        self.executable = executable
    }

    /// `libreoffice` or `soffice` on the PATH, or nil.
    public static func find(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/bin").split(separator: ":") {
            for name in ["libreoffice", "soffice"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    public enum Failure: Error, CustomStringConvertible {
        case failed(String)
        case timedOut

        public var description: String {
            switch self {
            case .failed(let detail): "LibreOffice không chuyển được văn bản sang PDF: \(detail)"
            case .timedOut: "LibreOffice chuyển sang PDF quá lâu; hãy tải bản DOCX."
            }
        }
    }

    /// Blocks until LibreOffice is done; call it off the event loop.
    public func convert(docx: Data) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("document.docx")
        try docx.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", directory.path, input.path]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            throw Failure.timedOut
        }
        let output = directory.appendingPathComponent("document.pdf")
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output) else {
            let detail = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            throw Failure.failed(detail.isEmpty ? "mã thoát \(process.terminationStatus)" : detail)
        }
        return pdf
    }

    /// Pages in a PDF as LibreOffice writes it (one "/Type /Page" object a page).
    public static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let pattern = try? NSRegularExpression(pattern: "/Type\\s*/Page(?![s])") else { return 0 }
        return pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
}
