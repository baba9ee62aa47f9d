@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension Application {
    /// The statements the database received while `body` ran (the tests send one request at
    /// a time, so around one `send` they are that request's).
    func statements(during body: () async throws -> Void) async throws -> [QueryCounter.Statement] {
        let counter = try #require(thidua.queryCounter)
        counter.reset()
        try await body()
        return counter.statements
    }
}

extension AppTests {
    /// Each main page and API read states how many SQL statements it may run on a warm
    /// session (signed in, its last-seen time fresh): a change that adds one fails here.
    /// Authentication is one statement (the credential, its account and the audit stamp);
    /// the rest is the page's own reads, each context (bloc, year, offices, table) read once.
    @Suite struct QueryBudgetTests {
        struct Read {
            var name: String
            var path: String
            var budget: Int
            var actor: TestActor
        }

        /// The Lạng Sơn cluster's 2020 year (published, 9 units), as its head's officer.
        static func mainReads(_ app: Application) async throws -> [Read] {
            let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
            let unit = try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn")
            let officer = try await app.makeUser("donvi.lsn.ubkttu", roles: [.unitOfficer(unit: unit.id!)])
            let cookie = try await signIn(app, "donvi.lsn.ubkttu")
            let token = TestActor.token(officer.token)
            return [
                Read(name: "ranking page", path: SiteURL.year(bloc.id!, 2020, .ranking).path, budget: 13, actor: token),
                Read(name: "ranking JSON", path: SiteURL.api(.ranking(bloc.id!, 2020)).path, budget: 14, actor: token),
                Read(name: "sheet page", path: SiteURL.year(bloc.id!, 2020, .sheet(unit.id!)).path, budget: 19, actor: token),
                Read(name: "year page", path: SiteURL.year(bloc.id!, 2020).path, budget: 24, actor: token),
                Read(name: "bloc page", path: SiteURL.bloc(bloc.id!).path, budget: 15, actor: token),
                Read(name: "unit list with a search", path: SiteURL.units.path + "?q=ban", budget: 5, actor: token),
                Read(name: "unit officer's home", path: SiteURL.home.path, budget: 7, actor: .browser(cookie: cookie)),
                Read(name: "GET /api/v1/me", path: SiteURL.api(.me).path, budget: 1, actor: token),
                Read(name: "GET /api/v1/me in a session", path: SiteURL.api(.me).path, budget: 1, actor: .browser(cookie: cookie)),
            ]
        }

        /// The statements of one read on a warm session: a first request warms the session's
        /// last-seen time and the actor's cache, the second is counted.
        static func warmStatements(_ app: Application, _ read: Read) async throws -> [QueryCounter.Statement] {
            try await app.send(.GET, read.path, as: read.actor) { res in #expect(res.status == .ok, "\(read.name)") }
            return try await app.statements {
                try await app.send(.GET, read.path, as: read.actor) { res in #expect(res.status == .ok, "\(read.name)") }
            }
        }

        @Test func mainPagesAndAPIReadsKeepToTheirBudget() async throws {
            try await withTestApp { app in
                for read in try await Self.mainReads(app) {
                    let statements = try await Self.warmStatements(app, read)
                    #expect(statements.count <= read.budget,
                            "\(read.name) ran \(statements.count) statements, its budget is \(read.budget):\n\(statements.map(\.sql).joined(separator: "\n"))")
                }
            }
        }
    }
}
