import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The demo's accounts, one for every role: an admin, an officer for each province, an
/// officer for each unit (those of units heading a bloc this year act as the bloc head's
/// officers), voters for the Khánh Hòa bloc's members, and a viewer. Passwords are random,
/// printed once when created and kept in `<THIDUA_DATA>/demo-accounts.txt` (mode 600) so
/// that `serve --demo` can print them again.
enum DemoAccounts {
    struct Credential: Sendable {
        var username: String
        var password: String
        var role: String
    }

    static func fileURL(_ app: Application) -> URL {
        URL(fileURLWithPath: app.thidua.config.dataDirectory).appendingPathComponent("demo-accounts.txt")
    }

    /// Creates the accounts; returns their credentials (unit officers and voters share one
    /// password, so that a hundred accounts do not cost a hundred Bcrypt hashes).
    static func create(on db: any Database, app: Application) async throws -> [Credential] {
        let accounts = Accounts(db: db, auditor: .system("Dữ liệu mẫu"), application: app)
        var credentials: [Credential] = []

        func make(_ username: String, _ name: String, _ roles: [Role], password: String, label: String,
                  hash: String? = nil) async throws {
            _ = try await accounts.createUser(username: username, displayName: name, roles: roles, password: password,
                                              passwordHash: hash)
            credentials.append(Credential(username: username, password: password, role: label))
        }

        try await make("admin", "Quản trị hệ thống", [.admin], password: Secrets.password(), label: RoleKind.admin.label)
        let provinces = try await ProvinceModel.query(on: db).sort(\.$code).all()
        for province in provinces {
            try await make("tinh.\(province.code.lowercased())", "Cán bộ TĐKT tỉnh \(province.name)",
                           [.provincialOfficer(province: province.id!)], password: Secrets.password(),
                           label: "\(RoleKind.provincialOfficer.label) — \(province.name)")
        }
        let khanhHoa = provinces.first { $0.code == "KHA" }!
        try await make("xem.kha", "Người xem kết quả tỉnh Khánh Hòa", [.viewer(province: khanhHoa.id!)],
                       password: Secrets.password(), label: "\(RoleKind.viewer.label) — Khánh Hòa")

        let shared = Secrets.password()
        let sharedHash = try await accounts.hash(shared)
        let provinceCodes = Dictionary(uniqueKeysWithValues: provinces.map { ($0.id!, $0.code.lowercased()) })
        let units = try await UnitModel.query(on: db).sort(\.$sortKey).all()
        for unit in units {
            let short = VietnameseText.searchKey(unit.shortName).replacingOccurrences(of: " ", with: "")
            try await make("donvi.\(provinceCodes[unit.$province.id]!).\(short)", "Cán bộ TĐKT \(unit.name)",
                           [.unitOfficer(unit: unit.id!)], password: shared, label: "unit", hash: sharedHash)
        }
        let bloc = try await BlocModel.query(on: db).filter(\.$province.$id == khanhHoa.id!).first()!
        let today = app.thidua.today()
        for membership in Membership.inForce(try await MembershipModel.query(on: db).filter(\.$bloc.$id == bloc.id!).all().map(\.core), on: today) {
            let unit = units.first { $0.id == membership.unitID }!
            let short = VietnameseText.searchKey(unit.shortName).replacingOccurrences(of: " ", with: "")
            try await make("phieu.kha.\(short)", "Lãnh đạo \(unit.name)", [.voter(unit: unit.id!)],
                           password: shared, label: "voter", hash: sharedHash)
        }
        return credentials
    }

    /// The lines `serve --demo` prints.
    static func summary(_ credentials: [Credential], heads: [String]) -> String {
        let individual = credentials.filter { $0.role != "unit" && $0.role != "voter" }
        let unitAccounts = credentials.filter { $0.role == "unit" }
        let voters = credentials.filter { $0.role == "voter" }
        var lines = ["Tài khoản mẫu (chỉ dùng thử; đổi mật khẩu trước khi dùng thật):"]
        for credential in individual {
            lines.append("  \(credential.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(credential.password)   \(credential.role)")
        }
        if let first = unitAccounts.first {
            lines.append("  \(unitAccounts.count) cán bộ TĐKT đơn vị (donvi.<mã tỉnh>.<tên viết tắt>, ví dụ donvi.nth.btctu), mật khẩu chung: \(first.password)")
        }
        lines.append(contentsOf: heads.map { "    \($0)" })
        if let first = voters.first {
            lines.append("  \(voters.count) người bỏ phiếu (\(voters.map(\.username).joined(separator: ", "))), mật khẩu chung: \(first.password)")
        }
        return lines.joined(separator: "\n")
    }

    /// Which unit officers act as bloc heads this year (their scope follows the year).
    static func heads(on db: any Database, year: Int) async throws -> [String] {
        let offices = try await BlocOfficeModel.query(on: db).filter(\.$year == year).filter(\.$role == "head")
            .with(\.$bloc).with(\.$unit).all()
        var lines: [String] = []
        for office in offices {
            let province = try await ProvinceModel.find(office.unit.$province.id, on: db)!
            let short = VietnameseText.searchKey(office.unit.shortName).replacingOccurrences(of: " ", with: "")
            lines.append("donvi.\(province.code.lowercased()).\(short): đơn vị Trưởng khối năm \(year) của «\(office.bloc.name)» (\(province.name))")
        }
        return lines
    }

    static func save(_ text: String, app: Application) {
        let url = fileURL(app)
        FileManager.default.createFile(atPath: url.path, contents: Data((text + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
    }

    static func saved(app: Application) -> String? {
        (try? Data(contentsOf: fileURL(app))).flatMap { String(data: $0, encoding: .utf8) }
    }
}
