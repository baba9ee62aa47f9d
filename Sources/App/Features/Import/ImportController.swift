import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Nhập từ tệp: choose a file, see every row and its problems, then write all or none. The
/// same page for units, for people with their posts, for the awards decided before ThiDua,
/// for the annual ratings on record and for a year's scoring table.
enum ImportController {
    /// Where an import writes: a province's registry, or one bloc's year (its table).
    enum Target: Sendable {
        case province(UUID)
        case year(YearContext)

        var province: UUID? { if case .province(let id) = self { id } else { nil } }
        var year: YearContext? { if case .year(let context) = self { context } else { nil } }
    }

    enum Subject: String, Sendable {
        case units, people, awards, ratings, table

        var noun: String {
            switch self {
            case .units: "đơn vị"
            case .people: "cán bộ"
            case .awards: "khen thưởng đã có"
            case .ratings: "xếp loại đã có"
            case .table: "bảng tiêu chí"
            }
        }

        var columns: [ImportRules.Column] {
            switch self {
            case .units: UnitImport.columns
            case .people: PersonImport.columns
            case .awards: AwardHistoryImport.columns
            case .ratings: RatingImport.columns
            case .table: TableImport.columns
            }
        }

        /// How the file's cells are written, under the list of columns.
        var hint: String {
            switch self {
            case .table:
                "Nhóm tiêu chí đánh số I, II, III (hoặc 1, 2), tiêu chí trong nhóm đánh 1, 2 hoặc 1.1, 1.2; điểm ghi 10 hoặc 2,5; "
                    + "dòng «Tổng cộng» (nếu có) và điểm của mỗi nhóm phải bằng tổng các tiêu chí trong đó. Mục «Điểm thưởng», «Điểm trừ» "
                    + "(hoặc cột «Loại») cho điểm thưởng, điểm trừ; dòng «Mức trần điểm thưởng» ghi mức trần của cả bảng; đơn vị chấm ghi «Đơn vị tự chấm», «Trưởng khối chấm» hoặc «Tỉnh chấm» (để trống là đơn vị tự chấm). "
                    + "Bảng nhập vào thay bảng tiêu chí hiện tại của năm."
            case .ratings:
                "Một dòng một xếp loại của một năm. Tập thể: ghi tên hoặc tên viết tắt của đơn vị ở cột «Tập thể, cá nhân» (cột Đơn vị để trống "
                    + "hoặc ghi lại tên đó). Cá nhân: ghi họ tên và đơn vị công tác (có hai người trùng tên thì ghi số định danh). Xếp loại ghi "
                    + "HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ như «Hoàn thành tốt nhiệm vụ». Xếp loại đã ghi của cùng năm được thay, và "
                    + "bản xem trước nói rõ dòng nào thay."
            default:
                "Ngày ghi dd/mm/yyyy (hoặc ô ngày của Excel); loại, giới tính, đối tượng ghi như trong danh mục (ví dụ «Cơ quan Đảng», «Nữ», "
                    + "«Công chức»); đơn vị công tác ghi tên hoặc tên viết tắt."
            }
        }

        func action(_ target: Target) -> SiteURL {
            switch (self, target) {
            case (.units, .province(let id)): .unitImport(id)
            case (.people, .province(let id)): .peopleImport(id)
            case (.awards, .province(let id)): .awardHistoryImport(id)
            case (.ratings, .province(let id)): .ratingImport(id)
            case (_, .year(let context)): .year(context.bloc.id!, context.year, .tableImport)
            case (.table, .province(let id)): .province(id)
            }
        }

        func commit(_ target: Target) -> SiteURL {
            switch (self, target) {
            case (.units, .province(let id)): .unitImportCommit(id)
            case (.people, .province(let id)): .peopleImportCommit(id)
            case (.awards, .province(let id)): .awardHistoryImportCommit(id)
            case (.ratings, .province(let id)): .ratingImportCommit(id)
            case (_, .year(let context)): .year(context.bloc.id!, context.year, .tableImportCommit)
            case (.table, .province(let id)): .province(id)
            }
        }

        /// The navigation section the page belongs to.
        var section: String {
            switch self {
            case .units: "units"
            case .people: "people"
            case .awards, .ratings: "awards"
            case .table: "blocs"
            }
        }

        /// The confirmation button: what will be written, and where.
        func commitLabel(_ count: Int) -> String {
            switch self {
            case .units, .people: "Ghi \(count) \(noun) vào danh mục"
            case .awards: "Ghi \(count) khen thưởng vào hồ sơ khen thưởng"
            case .ratings: "Ghi \(count) xếp loại vào hồ sơ của các tập thể, cá nhân"
            case .table: "Thay bảng tiêu chí hiện tại bằng bảng trong tệp"
            }
        }

        /// What was written, as the page says it.
        func written(_ count: Int) -> String {
            switch self {
            case .units, .people: "Đã ghi \(count) \(noun) vào danh mục."
            case .awards: "Đã ghi \(count) khen thưởng vào hồ sơ khen thưởng của các tập thể, cá nhân."
            case .ratings: "Đã ghi \(count) xếp loại vào hồ sơ của các tập thể, cá nhân."
            case .table: "Đã ghi bảng tiêu chí gồm \(count) tiêu chí."
            }
        }

        func preview(_ data: Data, target: Target, with service: ImportService) async throws -> Shown {
            switch (self, target) {
            case (.units, .province(let id)): Shown(try await service.previewUnits(data, provinceID: id))
            case (.people, .province(let id)): Shown(try await service.previewPeople(data, provinceID: id))
            case (.awards, .province(let id)): Shown(try await service.previewAwards(data, provinceID: id))
            case (.ratings, .province(let id)): Shown(try await service.previewRatings(data, provinceID: id))
            case (.table, .year(let context)): Shown(try await service.previewTable(data, context: context))
            default: throw Abort(.notFound)
            }
        }

        func commit(_ sha256: String, target: Target, with service: ImportService) async throws -> Int {
            switch (self, target) {
            case (.units, .province(let id)): try await service.commitUnits(sha256: sha256, provinceID: id)
            case (.people, .province(let id)): try await service.commitPeople(sha256: sha256, provinceID: id)
            case (.awards, .province(let id)): try await service.commitAwards(sha256: sha256, provinceID: id)
            case (.ratings, .province(let id)): try await service.commitRatings(sha256: sha256, provinceID: id)
            case (.table, .year(let context)): try await service.commitTable(sha256: sha256, context: context)
            default: throw Abort(.notFound)
            }
        }

        /// Where the request's import writes, from its path.
        func target(_ req: Request) async throws -> Target {
            self == .table ? .year(try await YearContext.load(req)) : .province(try req.id("provinceID"))
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
        var hint: String
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
        var format: String
        var encoding: String
        var columns: [String]
        var total: Int
        var refused: Int
        var skipped: Int
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
            format = preview.table.format
            encoding = preview.table.encoding.label
            columns = result.columns
            total = result.rows.count
            refused = result.refused.count
            skipped = result.skipped
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
        let target = try await subject.target(req)
        let owner: String
        let back: Link
        switch target {
        case .province(let id):
            let province = try await req.registry.province(id)
            (owner, back) = (province.name, Link(label: province.name, href: SiteURL.province(id).path))
        case .year(let context):
            owner = "năm \(context.year) của \(context.bloc.name)"
            back = Link(label: "Bảng tiêu chí năm \(context.year)", href: context.url(.table))
        }
        let page = ImportPage(
            head: req.head("Nhập \(subject.noun) từ tệp", section: subject.section),
            heading: "Nhập \(subject.noun) \(subject == .table ? "" : "của ")\(owner) từ tệp Excel hoặc CSV", noun: subject.noun,
            back: back, action: subject.action(target).path, commitAction: subject.commit(target).path,
            exportHref: subject == .units ? target.province.map { SiteURL.unitExport($0).path } : nil,
            columns: subject.columns.map { $0.label + ($0.required ? "" : " (không bắt buộc)") }, hint: subject.hint,
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
                // No file chosen: the browser sends an empty part without a name. A chosen file
                // that is empty goes on, and the service says so as for the API and the CLI.
                guard let file = try req.uploadForm(Upload.self).file, !(file.filename.isEmpty && file.data.readableBytes == 0) else {
                    throw DomainError.invalid(field: "file", "Hãy chọn tệp .xlsx hoặc .csv.")
                }
                let data = Data(buffer: file.data)
                let shown = try await subject.preview(data, target: try await subject.target(req), with: ImportService(req: req))
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
                let count = try await subject.commit(sha, target: try await subject.target(req), with: ImportService(req: req))
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
