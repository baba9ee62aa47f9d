@testable import App
import Fluent
import Foundation
import FluentPostgresDriver
import SQLKit
import Testing
import ThiDuaCore
import VaporTesting

/// Every App suite runs inside this one, one test at a time: on PostgreSQL they share a
/// database, which each test empties and migrates afresh.
@Suite(.serialized) struct AppTests {}

/// The fixed "today" of the tests, so that pages defaulting to today are reproducible.
let testToday = LocalDate(year: 2026, month: 11, day: 22)!

/// The tests' clock: it stands still until a test moves it (to expire a session, say).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_795_000_000)

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// One Bcrypt hash for the test accounts' password, computed once per run (cost 12 is slow
/// on purpose).
let testPassword = "Thi đua yêu nước 2026!"
let testPasswordHash: String = try! Bcrypt.hash(testPassword, cost: Accounts.bcryptCost)

/// Who a test request is sent as.
enum TestActor {
    case admin
    case anonymous
    case token(String)
    /// A browser: its session cookie.
    case browser(cookie: String)
}

/// Runs `body` with an application on a fresh database: a new SQLite file under TMPDIR, or
/// the PostgreSQL of `DATABASE_URL` (as CI sets it) emptied and migrated.
func withTestApp(demo: Bool = true, database override: AppConfig.DatabaseChoice? = nil, clock: TestClock = TestClock(),
                 adjust: (inout AppConfig) -> Void = { _ in },
                 _ body: (Application) async throws -> Void) async throws {
    let environment = ProcessInfo.processInfo.environment
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database: AppConfig.DatabaseChoice = override ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        .map { .postgres(url: $0) } ?? .sqlite(path: directory + "/thidua.sqlite")
    var config = AppConfig(database: database, dataDirectory: directory)
    adjust(&config)
    // The demo as loaded once in this run (what loading it again would give, in a tenth of the
    // time), unless the test changed a setting the loading could depend on.
    let fromTemplate = override == nil && demo && DemoTemplate.fingerprint(config) == DemoTemplate.fingerprint(AppConfig(database: database, dataDirectory: directory))
    if fromTemplate { try await DemoTemplate.shared.copy(into: directory, database: database) }
    let app = try await Application.make(.testing)
    do {
        app.logger.logLevel = .warning
        try await configure(app, environment: AppEnvironment(config: config, today: { testToday }, now: { clock.now },
                                                             queryCounter: QueryCounter()))
        if override == nil {
            if !fromTemplate {
                if case .postgres = database { try await app.autoRevert() }
                try await app.autoMigrate()
                if demo { try await DemoData.load(into: app) }
            }
            app.storage[AdminTokenKey.self] = try await app.makeUser("quantri", roles: [.admin]).token
        }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

struct AdminTokenKey: StorageKey { typealias Value = String }

/// The demo loaded once per test run, into a data folder of its own (audit key, evidence files,
/// the SQLite file) and on PostgreSQL into a template database beside the test database; each
/// test starts from a copy of both (files copied; `CREATE DATABASE … TEMPLATE`). Loading the
/// demo is most of a test's time (6 s on SQLite, 12 s on PostgreSQL here).
actor DemoTemplate {
    static let shared = DemoTemplate()
    private var folder: String?

    /// The settings a demo load reads, whatever the folder.
    static func fingerprint(_ config: AppConfig) -> String {
        var config = config
        config.dataDirectory = ""
        return String(describing: config)
    }

    func copy(into directory: String, database: AppConfig.DatabaseChoice) async throws {
        let source = try await prepared(database)
        for item in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + item, toPath: directory + "/" + item)
        }
        // The audit key must stay private to its owner, as the server checks.
        let key = directory + "/" + AuditTrail.keyFileName
        if FileManager.default.fileExists(atPath: key) { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key) }
        if case .postgres(let url) = database {
            let (name, template) = try Self.names(url)
            try await Self.maintenance(url) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
            }
        }
    }

    private func prepared(_ database: AppConfig.DatabaseChoice) async throws -> String {
        if let folder { return folder }
        let made = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-demo-template-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        var choice = AppConfig.DatabaseChoice.sqlite(path: made + "/thidua.sqlite")
        if case .postgres(let url) = database {
            let (name, template) = try Self.names(url)
            try await Self.maintenance(url) { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: template) WITH (FORCE)").run()
                try await sql.raw("CREATE DATABASE \(ident: template)").run()
            }
            choice = .postgres(url: url.replacingOccurrences(of: "/" + name, with: "/" + template, options: .backwards))
        }
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .warning
            try await configure(app, environment: AppEnvironment(config: AppConfig(database: choice, dataDirectory: made),
                                                                 today: { testToday }, now: { TestClock().now }, queryCounter: QueryCounter()))
            try await app.autoMigrate()
            try await DemoData.load(into: app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        // The SQLite file is whole once its connections closed; the test's copy is its own.
        for item in try FileManager.default.contentsOfDirectory(atPath: made) where item.hasSuffix("-wal") || item.hasSuffix("-shm") {
            try FileManager.default.removeItem(atPath: made + "/" + item)
        }
        folder = made
        return made
    }

    /// The test database's name and its template's, from `DATABASE_URL`.
    private static func names(_ url: String) throws -> (String, String) {
        let name = try #require(URLComponents(string: url)?.path.split(separator: "/").last.map(String.init))
        return (name, name + "_demo")
    }

    /// Statements on the server's `postgres` database (a database cannot be dropped or copied
    /// from a connection to itself).
    private static func maintenance(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let (name, _) = try names(url)
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .warning
            try app.databases.use(.postgres(url: url.replacingOccurrences(of: "/" + name, with: "/postgres", options: .backwards)), as: .psql)
            try await body(try #require(app.db as? any SQLDatabase))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

extension Application {
    var isPostgres: Bool { thidua.config.database.name == "postgresql" }

    var adminToken: String { storage[AdminTokenKey.self]! }

    /// Creates an account with the test password and returns it with an API token.
    @discardableResult
    func makeUser(_ username: String, roles: [Role]) async throws -> (user: UserModel, token: String) {
        let user = UserModel(username: username, displayName: username, passwordHash: testPasswordHash, createdAt: thidua.now())
        try await user.create(on: db)
        for role in roles { try await RoleGrantModel(userID: user.id!, role: role).create(on: db) }
        let created = try await Accounts(db: db, auditor: .system("test"), application: self).createToken(for: user, name: "test")
        return (user, created.token)
    }

    /// Sends a request as the given actor (the admin unless told otherwise). Every answer of
    /// the API is checked against openapi.yaml; a difference is a failure of the calling test.
    func send(_ method: HTTPMethod, _ path: String, as actor: TestActor = .admin,
              beforeRequest: (inout TestingHTTPRequest) async throws -> Void = { _ in },
              sourceLocation: SourceLocation = #_sourceLocation,
              afterResponse: (TestingHTTPResponse) async throws -> Void) async throws {
        let token: String? = switch actor {
        case .admin: adminToken
        case .token(let token): token
        case .anonymous, .browser: nil
        }
        var sentPath = path
        try await testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if case .browser(let cookie) = actor { req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.session)=\(cookie)") }
            try await beforeRequest(&req)
            sentPath = req.url.path
        }, afterResponse: { res in
            OpenAPIValidator.project.record(method: method.rawValue, path: sentPath, response: res,
                                            sourceLocation: sourceLocation)
            try await afterResponse(res)
        })
    }

    func unit(named name: String, province: String) async throws -> UnitModel {
        let provinceModel = try #require(try await ProvinceModel.query(on: db).filter(\.$name == province).first())
        return try #require(try await UnitModel.query(on: db).filter(\.$name == name)
            .filter(\.$province.$id == provinceModel.id!).with(\.$province).first())
    }

    func bloc(named name: String, province: String) async throws -> BlocModel {
        let provinceModel = try #require(try await ProvinceModel.query(on: db).filter(\.$name == province).first())
        return try #require(try await BlocModel.query(on: db).filter(\.$name == name)
            .filter(\.$province.$id == provinceModel.id!).first())
    }
}

extension TestingHTTPResponse {
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    var text: String { body.string }

    /// The page without the column names each table cell carries for phones (`data-label`),
    /// for a test that reads a row's cells.
    var cells: String { text.replacingOccurrences(of: #" data-label="[^"]*""#, with: "", options: .regularExpression) }
}

/// The parts of a page of results the tests read.
struct PageOf<T: Decodable>: Decodable {
    struct Metadata: Decodable { var total: Int; var page: Int; var per: Int }
    var items: [T]
    var metadata: Metadata
}

struct ProblemBody: Decodable {
    struct FieldProblem: Decodable { var field: String?; var message: String }
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldProblem]?
}

struct UnitBody: Decodable {
    var id: UUID
    var name: String
    var shortName: String
    var provinceName: String?
    var validTo: String?
}

struct MembersBody: Decodable {
    struct Member: Decodable { var unit: UnitBody }
    var count: Int
    var members: [Member]
}
