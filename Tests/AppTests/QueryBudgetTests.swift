@testable import App
import Fluent
import Foundation
import SQLKit
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
            let store = RegistryStore(db: app.db, auditor: .system("test"))
            let year = try #require(try await store.blocYearIfOpened(bloc.id!, 2020))
            let session = try #require(try await store.sessions(ofYear: year.id!).first)
            let provincial = try await app.makeUser("tinh.lsn.budget", roles: [.provincialOfficer(province: bloc.$province.id)])
            return [
                // +1 (issue 16 part 7) on the ranking, year and bloc pages: which facts are sample data.
                // −5 on the pages of a year (issue 12): the bloc with its province, the members with
                // their units, the table with its criteria, each one statement; the lineage one, not three.
                Read(name: "ranking page", path: SiteURL.year(bloc.id!, 2020, .ranking).path, budget: 9, actor: token),
                Read(name: "ranking JSON", path: SiteURL.api(.ranking(bloc.id!, 2020)).path, budget: 9, actor: token),
                Read(name: "sheet page", path: SiteURL.year(bloc.id!, 2020, .sheet(unit.id!)).path, budget: 13, actor: token),
                // +1 (issue 16): whether the ranking is published, to show its link only to who may open it.
                // +1 (issue 15): the numbers of the year's two reports, one statement.
                Read(name: "year page", path: SiteURL.year(bloc.id!, 2020).path, budget: 22, actor: token),
                // +4 (issue 14 part 9): the past years recorded from reports (1); the heads' and
                // deputies' names as of their year (the lineage of their units, 3; 1 since issue 12).
                Read(name: "bloc page", path: SiteURL.bloc(bloc.id!).path, budget: 13, actor: token),
                Read(name: "unit list with a search", path: SiteURL.units.path + "?q=ban", budget: 5, actor: token),
                // «Việc cần làm» (issue 16): one statement per table read, whatever the number of years;
                // +1 (issue 16 part 1): the unread notifications, counted with the pending work.
                Read(name: "unit officer's home", path: SiteURL.home.path, budget: 11, actor: .browser(cookie: cookie)),
                Read(name: "provincial officer's home", path: SiteURL.home.path, budget: 11, actor: .token(provincial.token)),
                Read(name: "GET /api/v1/me", path: SiteURL.api(.me).path, budget: 1, actor: token),
                Read(name: "GET /api/v1/me in a session", path: SiteURL.api(.me).path, budget: 1, actor: .browser(cookie: cookie)),
                // What every ballot loads: the session with its year, bloc and head, and the turnout.
                Read(name: "ballot session JSON", path: SiteURL.api(.ballot(session.id!)).path, budget: 3, actor: token),
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

        /// Every statement of the main reads finds its rows through an index (`EXPLAIN`;
        /// PostgreSQL with sequential scans discouraged, so that a small table still shows
        /// whether an index could serve), except on the tables named here, with why.
        @Test func mainReadsUseIndexes() async throws {
            let scansAllowed: [String: String] = [
                "provinces": "a few dozen rows, nationwide",
                "units": "the list's text search matches anywhere in the name (LIKE '%…%')",
            ]
            try await withTestApp { app in
                var seen = Set<String>()
                for read in try await Self.mainReads(app) {
                    // A count of a whole table reads it whole by nature; `WHERE 1 = 0` (an empty
                    // `IN`) reads nothing.
                    for statement in try await Self.warmStatements(app, read) where statement.sql.hasPrefix("SELECT")
                        && !statement.sql.contains("WHERE 1 = 0") && !(statement.sql.hasPrefix("SELECT COUNT(") && !statement.sql.contains("WHERE")) {
                        guard seen.insert(statement.sql).inserted else { continue }
                        let plan = try await Self.plan(of: statement, on: app.db, postgres: app.isPostgres)
                        let scanned = Self.scannedTables(plan, postgres: app.isPostgres).filter { scansAllowed[$0] == nil }
                        #expect(scanned.isEmpty, "\(read.name): \(statement.sql)\nscans \(scanned):\n\(plan.joined(separator: "\n"))")
                    }
                }
            }
        }

        /// The statement with its values, prefixed by `EXPLAIN`.
        struct Explained: SQLExpression {
            var prefix: String
            var statement: QueryCounter.Statement
            func serialize(to serializer: inout SQLSerializer) {
                serializer.write(prefix + statement.sql)
                serializer.binds.append(contentsOf: statement.binds)
            }
        }

        static func plan(of statement: QueryCounter.Statement, on db: any Database, postgres: Bool) async throws -> [String] {
            let sql = try #require(db as? any SQLDatabase)
            guard postgres else {
                return try await sql.execute(Explained(prefix: "EXPLAIN QUERY PLAN ", statement: statement))
                    .map { try $0.decode(column: "detail", as: String.self) }
            }
            // SET LOCAL ends with the transaction: the pooled connection is left as it was.
            return try await db.transaction { db in
                let sql = try #require(db as? any SQLDatabase)
                try await sql.raw("SET LOCAL enable_seqscan = off").run()
                return try await sql.execute(Explained(prefix: "EXPLAIN ", statement: statement))
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }
            }
        }

        /// The tables a plan reads whole: SQLite's `SCAN t` (not a subquery's or a constant
        /// row), PostgreSQL's `Seq Scan on t`.
        static func scannedTables(_ plan: [String], postgres: Bool) -> Set<String> {
            let pattern = postgres ? /Seq Scan on (\w+)/ : /^SCAN (\w+)/
            return Set(plan.compactMap { line in
                (try? pattern.firstMatch(in: line.trimmingCharacters(in: .whitespaces))).map { String($0.output.1) }
            }.filter { $0 != "CONSTANT" })
        }
    }
}

extension SQLDatabase {
    /// Every row of an expression.
    func execute(_ expression: any SQLExpression) async throws -> [any SQLRow] {
        let rows = RowsCollector()
        try await execute(sql: expression) { rows.append($0) }
        return rows.rows
    }
}

private final class RowsCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [any SQLRow] = []
    var rows: [any SQLRow] { lock.withLock { collected } }
    func append(_ row: any SQLRow) { lock.withLock { collected.append(row) } }
}
