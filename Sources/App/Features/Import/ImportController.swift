import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Nhập từ tệp: choose a file, see every row and its problems, then write all or none. The
/// same page for units, for people with their posts, and for the awards decided before ThiDua.
enum ImportController {
    enum Subject: String, Sendable {
        case units, people, awards

        var noun: String {
            switch self {
            case .units: "đơn vị"
            case .people: "cán bộ"
            case .awards: "khen thưởng đã có"
            }
        }

        var columns: [ImportRules.Column] {
            switch self {
            case .units: UnitImport.columns
            case .people: PersonImport.columns
            case .awards: AwardHistoryImport.columns
            }
        }

        func action(_ province: UUID) -> SiteURL {
            switch self {
            case .units: .unitImport(province)
            case .people: .peopleImport(province)
            case .awards: .awardHistoryImport(province)
            }
        }

        func commit(_ province: UUID) -> SiteURL {
            switch self {
            case .units: .unitImportCommit(province)
            case .people: .peopleImportCommit(province)
            case .awards: .awardHistoryImportCommit(province)
            }
        }

        /// The navigation section the page belongs to.
        var section: String {
            switch self {
            case .units: "units"
            case .people: "people"
            case .awards: "awards"
            }
        }

        /// The confirmation button: what will be written, and where.
        func commitLabel(_ count: Int) -> String {
            switch self {
            case .units, .people: "Ghi \(count) \(noun) vào danh mục"
            case .awards: "Ghi \(count) khen thưởng vào hồ sơ khen thưởng"
            }
        }

        /// What was written, as the page says it.
        func written(_ count: Int) -> String {
            switch self {
            case .units, .people: "Đã ghi \(count) \(noun) vào danh mục."
            case .awards: "Đã ghi \(count) khen thưởng vào hồ sơ khen thưởng của các tập thể, cá nhân."
            }
        }

        func preview(_ data: Data, province: UUID, with service: ImportService) async throws -> Shown {
            switch self {
            case .units: Shown(try await service.previewUnits(data, provinceID: province))
            case .people: Shown(try await service.previewPeople(data, provinceID: province))
            case .awards: Shown(try await service.previewAwards(data, provinceID: province))
            }
        }

        func commit(_ sha256: String, province: UUID, with service: ImportService) async throws -> Int {
            switch self {
            case .units: try await service.commitUnits(sha256: sha256, provinceID: province)
            case .people: try await service.commitPeople(sha256: sha256, provinceID: province)
            case .awards: try await service.commitAwards(sha256: sha256, provinceID: province)
            }
        }
    }

    struct ImportPage: Encodable {
        struct Row: Encodable { var line: Int; var cells: [String]; var problems: [String]; var notes: [String] }
        var head: PageHead
        var heading: String
        var noun: String
        var back: Link
        var action: String
        var commitAction: String
        var exportHref: String?
        var columns: [String]
        var errors: [String]
        var previewed: Bool
        var summary: String?
        var fileProblems: [String]
        var rows: [Row]
        var hiddenAccepted: Int
        var sha256: String?
        var canCommit: Bool
        var commitLabel: String
        var done: String?
    }

    /// What the page shows of a preview, whatever was imported.
    struct Shown {
        var summary: String
        var fileProblems: [String]
        var rows: [ImportPage.Row]
        var hidden: Int
        var sha256: String
        var canCommit: Bool
        var accepted: Int

        /// Accepted rows shown in full up to this many; refused rows are always all shown.
        static let shownAccepted = 200

        init<Item>(_ preview: ImportService.Preview<Item>) {
            let result = preview.preview
            var rows: [ImportPage.Row] = []
            var accepted = 0
            var hidden = 0
            for row in result.rows {
                if row.problems.isEmpty {
                    accepted += 1
                    if accepted > Self.shownAccepted { hidden += 1; continue }
                }
                rows.append(.init(line: row.line, cells: row.cells, problems: row.problems, notes: row.notes))
            }
            summary = "Tệp \(preview.table.format), bảng mã \(preview.table.encoding.label): \(result.rows.count) dòng dữ liệu, "
                + "\(result.accepted.count) dòng hợp lệ, \(result.refused.count) dòng bị từ chối"
                + (result.skipped > 0 ? ", \(result.skipped) dòng trống bỏ qua." : ".")
            fileProblems = result.fileProblems
            self.rows = rows
            self.hidden = hidden
            sha256 = preview.sha256
            canCommit = result.canCommit
            self.accepted = result.accepted.count
        }
    }

    static func page(req: Request, _ subject: Subject, shown: Shown? = nil, error: DomainError? = nil,
                     done: String? = nil) async throws -> Response {
        let province = try await req.registry.province(try req.id("provinceID"))
        let id = province.id!
        let page = ImportPage(
            head: req.head("Nhập \(subject.noun) từ tệp", section: subject.section),
            heading: "Nhập \(subject.noun) của \(province.name) từ tệp Excel hoặc CSV", noun: subject.noun,
            back: Link(label: province.name, href: SiteURL.province(id).path),
            action: subject.action(id).path, commitAction: subject.commit(id).path,
            exportHref: subject == .units ? SiteURL.unitExport(id).path : nil,
            columns: subject.columns.map { $0.label + ($0.required ? "" : " (không bắt buộc)") },
            errors: error?.issues.map(\.message) ?? [], previewed: shown != nil, summary: shown?.summary,
            fileProblems: shown?.fileProblems ?? [], rows: shown?.rows ?? [], hiddenAccepted: shown?.hidden ?? 0,
            sha256: shown?.sha256, canCommit: shown?.canCommit ?? false,
            commitLabel: subject.commitLabel(shown?.accepted ?? 0), done: done)
        return try await req.view.render("import", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func show(_ subject: Subject) -> @Sendable (Request) async throws -> Response {
        { req in try await page(req: req, subject) }
    }

    struct Upload: Content { var file: File? }
    struct Confirm: Content { var sha256: String? }

    static func preview(_ subject: Subject) -> @Sendable (Request) async throws -> Response {
        { req in
            do {
                let upload = try req.content.decode(Upload.self).file
                // A browser sends a chosen file's name even when the file is empty.
                if let upload, upload.data.readableBytes == 0, !upload.filename.isEmpty {
                    throw DomainError.invalid(field: "file", "Tệp «\(upload.filename)» trống (0 byte); hãy chọn tệp có dữ liệu.")
                }
                guard let file = upload, file.data.readableBytes > 0 else {
                    throw DomainError.invalid(field: "file", "Hãy chọn tệp .xlsx hoặc .csv.")
                }
                let data = Data(buffer: file.data)
                let province = try req.id("provinceID")
                let shown = try await subject.preview(data, province: province, with: ImportService(req: req))
                return try await page(req: req, subject, shown: shown)
            } catch let error as DomainError {
                return try await page(req: req, subject, error: error)
            }
        }
    }

    static func commit(_ subject: Subject) -> @Sendable (Request) async throws -> Response {
        { req in
            do {
                let sha = try req.content.decode(Confirm.self).sha256 ?? ""
                let province = try req.id("provinceID")
                let count = try await subject.commit(sha, province: province, with: ImportService(req: req))
                return try await page(req: req, subject, done: subject.written(count))
            } catch let error as DomainError {
                return try await page(req: req, subject, error: error)
            }
        }
    }

    static func export(req: Request) async throws -> Response {
        let province = try await req.registry.province(try req.id("provinceID"))
        let workbook = try await ImportService(req: req).exportUnits(provinceID: province.id!)
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Đơn vị - \(province.name).xlsx", issued: nil)
            .response(DocumentFile.xlsxType)
    }
}
