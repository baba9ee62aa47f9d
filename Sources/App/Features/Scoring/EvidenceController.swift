import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Minh chứng as a file: one handler for the page's link and the API's, since both answer
/// the same bytes with the same headers.
enum EvidenceController {
    /// Served only through this route, as an attachment, to those who may read the sheet.
    static func download(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let fileID = try req.id("fileID")
        guard let file = try await EvidenceFileModel.query(on: req.db).filter(\.$id == fileID).with(\.$sheet).first(),
              file.sheet.$unit.id == unitID, file.sheet.$blocYear.id == context.model.id else {
            throw DomainError.notFound("Không tìm thấy tệp minh chứng này.")
        }
        let path = RegistryStore.path(of: file, in: req.thidua.config.filesDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError.notFound("Tệp minh chứng không còn trong kho lưu trữ; hãy báo quản trị viên.")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: EvidenceKind(rawValue: file.kind)?.mediaType ?? "application/octet-stream")
        headers.replaceOrAdd(name: .contentDisposition,
                             value: EvidenceKind.contentDisposition(name: file.originalName, kind: EvidenceKind(rawValue: file.kind)))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

}
