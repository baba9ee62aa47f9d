import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `thidua user create --username U --role R [--scope CODE|UUID] [--name "Họ tên"] [--password-stdin]`
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "username", help: "Tên đăng nhập")
        var username: String?
        @Option(name: "role", help: "admin | provincial_officer | unit_officer | voter | viewer")
        var role: String?
        @Option(name: "scope", help: "Mã tỉnh (NTH) hoặc mã (UUID) tỉnh/đơn vị")
        var scope: String?
        @Option(name: "name", help: "Họ và tên")
        var name: String?
        @Flag(name: "password-stdin", help: "Đọc mật khẩu từ đầu vào chuẩn thay vì tạo ngẫu nhiên")
        var passwordStdin: Bool
    }

    var help: String { "Quản lý tài khoản: user create --username … --role … [--scope …]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CLIError("Chỉ hỗ trợ: user create") }
        let app = context.application
        try await app.autoMigrate()
        guard let username = signature.username else { throw CLIError("Thiếu --username") }
        guard let kind = RoleKind(rawValue: signature.role ?? "") else {
            throw CLIError("--role phải là một trong: \(RoleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let scope = try await CLIScope.resolve(signature.scope, for: kind, on: app.db)
        guard let role = Role(kind: kind, scope: scope) else { throw CLIError("Vai trò \(kind.rawValue) cần --scope") }
        var password = Secrets.password()
        if signature.passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("Không đọc được mật khẩu") }
            password = line
        }
        let accounts = Accounts(db: app.db, auditor: .system("CLI"), application: app)
        do {
            _ = try await accounts.createUser(username: username, displayName: signature.name ?? username, roles: [role],
                                              password: password)
        } catch let error as DomainError {
            throw CLIError(error.message)
        }
        context.console.info("Đã tạo tài khoản \(Accounts.normalisedUsername(username)) (\(kind.label)).")
        if !signature.passwordStdin { context.console.output("Mật khẩu: \(password)") }
    }
}

/// `thidua token create --user NAME [--name "…"]`: prints a new API token, once.
struct TokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "user", help: "Tên đăng nhập")
        var user: String?
        @Option(name: "name", help: "Tên gợi nhớ của mã")
        var name: String?
    }

    var help: String { "Tạo mã truy cập API: token create --user NAME" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CLIError("Chỉ hỗ trợ: token create") }
        let app = context.application
        try await app.autoMigrate()
        let username = Accounts.normalisedUsername(signature.user ?? "")
        guard let user = try await UserModel.query(on: app.db).filter(\.$username == username).first() else {
            throw CLIError("Không có tài khoản «\(username)».")
        }
        guard !user.isDisabled else { throw CLIError("Tài khoản «\(username)» đã bị khóa.") }
        let created = try await Accounts(db: app.db, auditor: .system("CLI"), application: app)
            .createToken(for: user, name: signature.name ?? "CLI")
        // Only the token on standard output, so that scripts can capture it.
        context.console.output(created.token.consoleText())
    }
}

/// `thidua audit verify`: walks the chain with the audit key and checks it against the
/// checkpoint file; prints the head's hash for the operator to record elsewhere, or exits
/// non-zero naming the first entry that does not fit (edited, deleted, re-chained, or the
/// tail cut off).
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Kiểm tra nhật ký: audit verify (in mã băm đầu chuỗi để lưu nơi khác)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw CLIError("Chỉ hỗ trợ: audit verify") }
        let app = context.application
        try await app.autoMigrate()
        let verdict = try await Auditor.verify(on: app.db, trail: app.auditTrail)
        guard verdict.isIntact else { throw CLIError(verdict.summary) }
        context.console.output(verdict.summary.consoleText())
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum CLIScope {
    /// A province by its code or id, or a unit by its id.
    static func resolve(_ text: String?, for kind: RoleKind, on db: any Database) async throws -> UUID? {
        guard kind != .admin else { return nil }
        guard let text, !text.isEmpty else { throw CLIError("Vai trò \(kind.rawValue) cần --scope") }
        if kind.scopedToProvince {
            if let id = UUID(uuidString: text), try await ProvinceModel.find(id, on: db) != nil { return id }
            if let province = try await ProvinceModel.query(on: db).filter(\.$code == text.uppercased()).first() {
                return province.id
            }
            throw CLIError("Không có tỉnh «\(text)».")
        }
        guard let id = UUID(uuidString: text), try await UnitModel.find(id, on: db) != nil else {
            throw CLIError("Không có đơn vị «\(text)» (hãy dùng mã UUID của đơn vị).")
        }
        return id
    }
}
