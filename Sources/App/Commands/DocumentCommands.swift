import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `thidua import units|people|awards|ratings FILE --province CODE [--dry-run]` and `thidua import table
/// FILE --bloc ID|NAME --year YYYY`: the import page's path from the command line: the same
/// preview (every refused row printed with its reasons), then all or nothing.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "units | people | awards | ratings | table")
        var what: String
        @Argument(name: "file", help: "Tệp .xlsx hoặc .csv")
        var file: String
        @Option(name: "province", help: "Mã tỉnh (LSN) hoặc mã UUID")
        var province: String?
        @Option(name: "bloc", help: "Khối, cụm (bảng tiêu chí): mã UUID hoặc tên")
        var bloc: String?
        @Option(name: "year", help: "Năm thi đua (bảng tiêu chí)")
        var year: String?
        @Flag(name: "dry-run", help: "Chỉ xem trước, không ghi")
        var dryRun: Bool
    }

    var help: String {
        "Nhập dữ liệu từ tệp Excel/CSV: import units|people|awards|ratings TỆP --province MÃ [--dry-run]; import table TỆP --bloc KHỐI --year NĂM"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let subject = ImportController.Subject(rawValue: signature.what) else {
            throw CLIError("Chỉ hỗ trợ: import units, import people, import awards, import ratings, import table")
        }
        if subject != .table, (signature.province ?? "").isEmpty {
            throw CLIError("Thiếu --province (mã tỉnh như LSN, hoặc mã UUID của tỉnh).")
        }
        let app = context.application
        try await app.autoMigrate()
        let target: ImportController.Target = subject == .table
            ? .year(try await Self.year(bloc: signature.bloc, year: signature.year, app: app))
            : .province(try await CLIScope.resolve(signature.province, for: .provincialOfficer, on: app.db)!)
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CLIError("Không đọc được tệp «\(signature.file)».")
        }
        let service = ImportService(app: app, auditor: .system("Dòng lệnh (import)"))
        do {
            let shown = try await subject.preview(data, target: target, with: service)
            try report(shown, context: context)
            guard !signature.dryRun else { return dryRun(context) }
            context.console.info(subject.written(try await subject.commit(shown.sha256, target: target, with: service)))
        } catch let error as DomainError {
            throw CLIError(error.issues.map(\.message).joined(separator: " "))
        }
    }

    /// A bloc by its id or its name (typed any way), and one of its years.
    static func year(bloc text: String?, year: String?, app: Application) async throws -> YearContext {
        guard let text, !text.isEmpty else { throw CLIError("Thiếu --bloc (mã UUID hoặc tên khối, cụm)") }
        guard let year = year.flatMap({ Int($0) }), (2000...2100).contains(year) else {
            throw CLIError("--year cần năm thi đua từ 2000 đến 2100")
        }
        let bloc: BlocModel?
        if let id = UUID(uuidString: text) {
            bloc = try await BlocModel.find(id, on: app.db)
        } else {
            let found = try await BlocModel.query(on: app.db).filter(\.$searchKey == VietnameseText.searchKey(text)).all()
            guard found.count <= 1 else { throw CLIError("Có \(found.count) khối, cụm tên «\(text)»; hãy dùng mã UUID.") }
            bloc = found.first
        }
        guard let id = bloc?.id else { throw CLIError("Không có khối, cụm «\(text)».") }
        do {
            return try await YearContext.load(bloc: id, year: year, from: RegistryStore(db: app.db, auditor: .system("Dòng lệnh (import)")))
        } catch let error as DomainError {
            throw CLIError(error.issues.map(\.message).joined(separator: " "))
        }
    }

    /// Prints the preview as the page shows it; refuses a file with any refused row.
    private func report(_ shown: ImportController.Shown, context: CommandContext) throws {
        context.console.info(shown.summary)
        for problem in shown.fileProblems { context.console.error(problem) }
        for row in shown.rows where !row.problems.isEmpty { context.console.error("Dòng \(row.line): " + row.problems.joined(separator: " ")) }
        // What the page says beside a row (a rating it replaces, a correction), for the rows it lists.
        for row in shown.rows where row.problems.isEmpty && !row.notes.isEmpty {
            context.console.info("Dòng \(row.line), ghi chú: " + row.notes.joined(separator: "; "))
        }
        guard shown.canCommit else { throw CLIError("Không ghi dòng nào: sửa tệp rồi chạy lại.") }
    }

    private func dryRun(_ context: CommandContext) {
        context.console.info("Xem trước xong (--dry-run): chưa ghi gì.")
    }
}

/// `thidua export units --province CODE --out FILE.xlsx`: the province's units in the import's
/// columns (CSV when the name ends in .csv).
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "units")
        var what: String
        @Option(name: "province", help: "Mã tỉnh (LSN) hoặc mã UUID")
        var province: String?
        @Option(name: "out", help: "Tệp ghi ra (.xlsx hoặc .csv)")
        var out: String?
    }

    var help: String { "Xuất dữ liệu ra tệp: export units --province MÃ --out TỆP.xlsx" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.what == "units" else { throw CLIError("Chỉ hỗ trợ: export units") }
        guard let out = signature.out else { throw CLIError("Thiếu --out") }
        let app = context.application
        try await app.autoMigrate()
        let province = try await CLIScope.resolve(signature.province, for: .provincialOfficer, on: app.db)!
        let workbook = try await ImportService(app: app, auditor: .system("Dòng lệnh (export)")).exportUnits(provinceID: province)
        let data: Data
        if out.lowercased().hasSuffix(".csv") {
            let lines = workbook.sheets[0].rows.map { row in
                CSV.line(row.map { cell in if case .text(let text) = cell.value { text } else { "" } })
            }
            data = Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
        } else {
            data = try XlsxWriter.write(workbook)
        }
        try data.write(to: URL(fileURLWithPath: out))
        context.console.info("Đã ghi \(workbook.sheets[0].rows.count - 1) đơn vị vào \(out).")
    }
}
