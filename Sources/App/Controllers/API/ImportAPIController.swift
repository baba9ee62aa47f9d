import Foundation
import ThiDuaCore
import Vapor

/// The imports on the API: the page's preview as JSON, then the commit of the previewed
/// upload by its SHA-256. The same `ImportService` as the pages and the CLI.
enum ImportAPIController {
    struct RowDTO: Content { var line: Int; var cells: [String]; var problems: [String]; var notes: [String] }

    struct PreviewDTO: Content {
        var kind: String
        var format: String
        var encoding: String
        var columns: [String]
        var summary: String
        /// Every refused row, and the first accepted ones (`hiddenAccepted` more are not listed).
        var rows: [RowDTO]
        var hiddenAccepted: Int
        var fileProblems: [String]
        var total: Int
        var accepted: Int
        var refused: Int
        var skipped: Int
        var canCommit: Bool
        var sha256: String
    }

    struct CommitInput: Content { var sha256: String? }
    struct CommitDTO: Content { var kind: String; var written: Int; var message: String }

    /// The file: a multipart form's `file`, or the body itself (XLSX or CSV, sniffed by content).
    static func upload(_ req: Request) throws -> Data {
        // An empty file is refused by the service, in the words the page and the CLI use.
        if req.headers.contentType?.type == "multipart" {
            guard let file = try req.uploadForm(ImportController.Upload.self).file else {
                throw DomainError.invalid(field: "file", "Hãy gửi tệp .xlsx hoặc .csv trong trường «file».")
            }
            return Data(buffer: file.data)
        }
        return req.body.data.map { Data(buffer: $0) } ?? Data()
    }

    static func preview(_ subject: ImportController.Subject) -> @Sendable (Request) async throws -> PreviewDTO {
        { req in
            let data = try upload(req)
            let shown = try await subject.preview(data, target: try await subject.target(req), with: ImportService(req: req))
            return PreviewDTO(kind: subject.rawValue, format: shown.format, encoding: shown.encoding, columns: shown.columns,
                              summary: shown.summary,
                              rows: shown.rows.map { RowDTO(line: $0.line, cells: $0.cells, problems: $0.problems, notes: $0.notes) },
                              hiddenAccepted: shown.hidden, fileProblems: shown.fileProblems, total: shown.total,
                              accepted: shown.accepted, refused: shown.refused, skipped: shown.skipped, canCommit: shown.canCommit,
                              sha256: shown.sha256)
        }
    }

    static func commit(_ subject: ImportController.Subject) -> @Sendable (Request) async throws -> CommitDTO {
        { req in
            let sha = try req.jsonBody(CommitInput.self).sha256 ?? ""
            let count = try await subject.commit(sha, target: try await subject.target(req), with: ImportService(req: req))
            return CommitDTO(kind: subject.rawValue, written: count, message: subject.written(count))
        }
    }
}
