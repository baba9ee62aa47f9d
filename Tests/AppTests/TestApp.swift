@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// Every App suite runs inside this one, one test at a time: on PostgreSQL they share a
/// database, which each test empties and migrates afresh.
@Suite(.serialized) struct AppTests {}

/// The fixed "today" of the tests, so that pages defaulting to today are reproducible.
let testToday = LocalDate(year: 2026, month: 11, day: 22)!

/// Runs `body` with an application on a fresh database: a new SQLite file under TMPDIR, or
/// the PostgreSQL of `DATABASE_URL` (as CI sets it) emptied and migrated.
func withTestApp(demo: Bool = true, _ body: (Application) async throws -> Void) async throws {
    let environment = ProcessInfo.processInfo.environment
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database: AppConfig.DatabaseChoice = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        .map { .postgres(url: $0) } ?? .sqlite(path: directory + "/thidua.sqlite")
    let app = try await Application.make(.testing)
    do {
        try await configure(app, environment: AppEnvironment(config: AppConfig(database: database, dataDirectory: directory),
                                                             today: { testToday }))
        if case .postgres = database { try await app.autoRevert() }
        try await app.autoMigrate()
        if demo { try await DemoData.load(into: app.db) }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

extension Application {
    var isPostgres: Bool { thidua.config.database.name == "postgresql" }

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
