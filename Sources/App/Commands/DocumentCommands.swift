import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `thidua import units|people|awards FILE --province CODE [--dry-run]`: the import page's path from the
/// command line: the same preview (every refused row printed with its reasons), then all or
/// nothing.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "units | people | awards")
        var what: String
        @Argument(name: "file", help: "Tệp .xlsx hoặc .csv")
        var file: String
        @Option(name: "province", help: "Mã tỉnh (LSN) hoặc mã UUID")
        var province: String?
        @Flag(name: "dry-run", help: "Chỉ xem trước, không ghi")
        var dryRun: Bool
    }

    var help: String { "Nhập dữ liệu từ tệp Excel/CSV: import units|people|awards TỆP --province MÃ [--dry-run]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let subject = ImportController.Subject(rawValue: signature.what) else {
            throw CLIError("Chỉ hỗ trợ: import units, import people, import awards")
        }
        let app = context.application
        try await app.autoMigrate()
        let province = try await CLIScope.resolve(signature.province, for: .provincialOfficer, on: app.db)!
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CLIError("Không đọc được tệp «\(signature.file)».")
        }
        let service = ImportService(app: app, auditor: .system("Dòng lệnh (import)"))
        do {
            let shown = try await subject.preview(data, province: province, with: service)
            try report(shown, context: context)
            guard !signature.dryRun else { return dryRun(context) }
            context.console.info(subject.written(try await subject.commit(shown.sha256, province: province, with: service)))
        } catch let error as DomainError {
            throw CLIError(error.issues.map(\.message).joined(separator: " "))
        }
    }

    /// Prints the preview as the page shows it; refuses a file with any refused row.
    private func report(_ shown: ImportController.Shown, context: CommandContext) throws {
        context.console.info(shown.summary)
        for problem in shown.fileProblems { context.console.error(problem) }
        for row in shown.rows where !row.problems.isEmpty { context.console.error("Dòng \(row.line): " + row.problems.joined(separator: " ")) }
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
