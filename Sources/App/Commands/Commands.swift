import Fluent
import Foundation
import Vapor

/// The CLI in the same binary: `serve [--hostname] [--port] [--demo]`, `migrate`, `demo`.
func registerCommands(_ app: Application) {
    if let vaporServe = app.asyncCommands.commands["serve"] {
        app.asyncCommands.use(ServeCommand(vaporServe: vaporServe), as: "serve", isDefault: true)
    }
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    // Documents (issue 15).
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ExportCommand(), as: "export")
    // Awards (issue 14): a national-sized sample history for bench/eligibility.sh.
    app.asyncCommands.use(SampleHistoryCommand(), as: "sample-history")
}

/// `thidua serve [--hostname H] [--port P] [--demo]`: migrates, loads the demo data into an
/// empty database when asked, then serves (on 127.0.0.1:8080 unless told otherwise).
struct ServeCommand: AnyAsyncCommand {
    let vaporServe: any AnyAsyncCommand

    var help: String { "Chạy máy chủ ThiDua (mặc định http://127.0.0.1:8080); --demo nạp dữ liệu mẫu khi CSDL trống." }

    func run(using context: inout CommandContext) async throws {
        let demo = context.input.arguments.contains("--demo")
        context.input.arguments.removeAll { $0 == "--demo" }
        let app = context.application
        try await app.autoMigrate()
        if demo {
            if try await DemoData.isDatabaseEmpty(app.db) {
                try await DemoCommand.load(app: app, console: context.console)
            } else if let saved = DemoAccounts.saved(app: app) {
                context.console.info("CSDL đã có dữ liệu; không nạp lại dữ liệu mẫu.")
                context.console.output(saved.consoleText())
            } else {
                context.console.info("CSDL đã có dữ liệu; không nạp lại dữ liệu mẫu.")
            }
        }
        try await vaporServe.run(using: &context)
    }

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output("\(help)\n  --hostname, -H  địa chỉ lắng nghe\n  --port, -p      cổng\n  --demo          nạp dữ liệu mẫu khi CSDL trống")
    }
}

/// `thidua migrate`: brings the schema up to date, without asking (safe in scripts and CI).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "yes", short: "y", help: "Không hỏi lại (giữ cho tương thích; lệnh này không hỏi).")
        var yes: Bool
    }

    var help: String { "Cập nhật cấu trúc CSDL (migrations chỉ thêm, không sửa)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.info("CSDL \(context.application.thidua.config.database.name) đã cập nhật.")
    }
}

/// `thidua demo`: loads the demo province data (the blocs of the five seed reports) into an
/// empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Nạp dữ liệu mẫu (các khối thi đua trong năm bản tin mẫu) vào CSDL trống." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await DemoData.isDatabaseEmpty(app.db) else {
            context.console.warning("CSDL đã có dữ liệu; dữ liệu mẫu chỉ nạp vào CSDL trống. Không có gì thay đổi.")
            return
        }
        try await DemoCommand.load(app: app, console: context.console)
    }

    /// Loads the data and the accounts, prints and keeps the accounts' passwords.
    static func load(app: Application, console: any Console) async throws {
        let summary = try await DemoData.load(into: app)
        console.info("Đã nạp dữ liệu mẫu: \(summary).")
        let credentials = try await DemoAccounts.create(on: app.db, app: app)
        let text = DemoAccounts.summary(credentials, heads: try await DemoAccounts.heads(on: app.db, year: app.thidua.today().year))
        DemoAccounts.save(text, app: app)
        console.output(text.consoleText())
    }
}
