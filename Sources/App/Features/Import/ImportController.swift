import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Nhập đơn vị từ tệp: choose a file, see every row and its problems, then write all or none.
enum ImportController {
    struct ImportPage: Encodable {
        struct Row: Encodable { var line: Int; var cells: [String]; var problems: [String]; var notes: [String] }
        var head: PageHead
        var heading: String
        var back: Link
        var action: String
        var commitAction: String
        var exportHref: String
        var columns: [String]
        var errors: [String]
        var previewed: Bool
        var summary: String?
        var fileProblems: [String]
        var rows: [Row]
        var hiddenAccepted: Int
        var sha256: String?
        var canCommit: Bool
        var acceptedCount: Int
        var done: String?
    }

    /// Accepted rows shown in full up to this many; refused rows are always all shown.
    static let shownAccepted = 200

    static func page(req: Request, preview: ImportService.UnitPreview? = nil, error: DomainError? = nil,
                     done: String? = nil) async throws -> Response {
        let province = try await req.registry.province(try req.id("provinceID"))
        let id = province.id!
        var rows: [ImportPage.Row] = []
        var hidden = 0
        if let preview {
            var accepted = 0
            for row in preview.preview.rows {
                if row.problems.isEmpty {
                    accepted += 1
                    if accepted > shownAccepted { hidden += 1; continue }
                }
                rows.append(.init(line: row.line, cells: row.cells, problems: row.problems, notes: row.notes))
            }
        }
        let summary = preview.map { p in
            "Tệp \(p.table.format), bảng mã \(p.table.encoding.label): \(p.preview.rows.count) dòng dữ liệu, "
                + "\(p.preview.accepted.count) dòng hợp lệ, \(p.preview.refused.count) dòng bị từ chối"
                + (p.preview.skipped > 0 ? ", \(p.preview.skipped) dòng trống bỏ qua." : ".")
        }
        let page = ImportPage(
            head: req.head("Nhập đơn vị từ tệp", section: "units"),
            heading: "Nhập đơn vị của \(province.name) từ tệp Excel hoặc CSV",
            back: Link(label: province.name, href: SiteURL.province(id).path),
            action: SiteURL.unitImport(id).path, commitAction: SiteURL.unitImportCommit(id).path,
            exportHref: SiteURL.unitExport(id).path,
            columns: UnitImport.columns.map { $0.label + ($0.required ? "" : " (không bắt buộc)") },
            errors: error?.issues.map(\.message) ?? [], previewed: preview != nil, summary: summary,
            fileProblems: preview?.preview.fileProblems ?? [], rows: rows, hiddenAccepted: hidden,
            sha256: preview?.sha256, canCommit: preview?.preview.canCommit ?? false,
            acceptedCount: preview?.preview.accepted.count ?? 0, done: done)
        return try await req.view.render("import", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func show(req: Request) async throws -> Response { try await page(req: req) }

    struct Upload: Content { var file: File? }
    struct Confirm: Content { var sha256: String? }

    static func preview(req: Request) async throws -> Response {
        do {
            guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
                throw DomainError.invalid(field: "file", "Hãy chọn tệp .xlsx hoặc .csv.")
            }
            let preview = try await ImportService(req: req).previewUnits(Data(buffer: file.data), provinceID: try req.id("provinceID"))
            return try await page(req: req, preview: preview)
        } catch let error as DomainError {
            return try await page(req: req, error: error)
        }
    }

    static func commit(req: Request) async throws -> Response {
        do {
            let input = try req.content.decode(Confirm.self)
            let count = try await ImportService(req: req).commitUnits(sha256: input.sha256 ?? "", provinceID: try req.id("provinceID"))
            return try await page(req: req, done: "Đã ghi \(count) đơn vị vào danh mục.")
        } catch let error as DomainError {
            return try await page(req: req, error: error)
        }
    }

    static func export(req: Request) async throws -> Response {
        let province = try await req.registry.province(try req.id("provinceID"))
        let workbook = try await ImportService(req: req).exportUnits(provinceID: province.id!)
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Đơn vị - \(province.name).xlsx", issued: nil)
            .response(DocumentFile.xlsxType)
    }
}
