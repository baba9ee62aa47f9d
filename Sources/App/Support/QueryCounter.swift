import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

/// Counts the statements sent to the database: every Fluent query and schema change, every
/// raw SQL statement, and a transaction's BEGIN and COMMIT. Tests use it to hold each main
/// page to a query budget; it is installed only when the environment carries one.
public final class QueryCounter: @unchecked Sendable {
    /// One statement: its SQL (placeholders as the dialect writes them) and its values.
    public struct Statement: Sendable, CustomStringConvertible {
        public var sql: String
        public var binds: [any Encodable & Sendable]
        public var description: String { sql }
    }

    private let lock = NSLock()
    private var recorded: [Statement] = []

    public init() {}

    /// The statements since the last `reset`, in the order they were sent.
    public var statements: [Statement] { lock.withLock { recorded } }
    public func reset() { lock.withLock { recorded.removeAll() } }

    func record(_ sql: String, binds: [any Encodable & Sendable] = []) {
        lock.withLock { recorded.append(Statement(sql: sql, binds: binds)) }
    }

    func record(_ expression: any SQLExpression, on database: any SQLDatabase) {
        let (sql, binds) = database.serialize(expression)
        record(sql, binds: binds)
    }
}

/// Fluent's query as SQL, for the record (and `EXPLAIN`): the drivers' own delegates differ
/// only for schema changes.
private struct RecordingConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}

/// A database configuration whose databases report each statement to a counter.
struct CountingDatabaseConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let counter: QueryCounter

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        CountingDriver(base: base.makeDriver(for: databases), counter: counter)
    }
}

private struct CountingDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let counter: QueryCounter

    func makeDatabase(with context: DatabaseContext) -> any Database {
        CountedDatabase(base: base.makeDatabase(with: context), counter: counter)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

/// The driver's database, counted; it is an `SQLDatabase` as the drivers' are, so raw SQL
/// (`db as? any SQLDatabase`) is counted too.
private struct CountedDatabase: Database, SQLDatabase {
    let base: any Database
    let counter: QueryCounter

    private var sql: any SQLDatabase { base as! any SQLDatabase }

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        if let sql = base as? any SQLDatabase {
            counter.record(SQLQueryConverter(delegate: RecordingConverterDelegate()).convert(query), on: sql)
        } else {
            counter.record("\(query.action) \(query.schema)")
        }
        return base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        counter.record("schema \(schema.schema)")
        return base.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = counter
        if !base.inTransaction { counter.record("BEGIN") }
        let outer = base.inTransaction
        return base.transaction { db in
            closure(CountedDatabase(base: db, counter: counter)).map { value in
                if !outer { counter.record("COMMIT") }
                return value
            }
        }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = counter
        return base.withConnection { closure(CountedDatabase(base: $0, counter: counter)) }
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        counter.record(query, on: sql)
        return sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        counter.record(query, on: sql)
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let counter = counter
        return try await sql.withSession { session in
            guard let database = session as? any Database else { return try await closure(session) }
            return try await closure(CountedDatabase(base: database, counter: counter))
        }
    }
}
