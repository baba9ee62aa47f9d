import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import Vapor

/// Sets up the application: database, migrations, views, middleware, routes and commands.
public func configure(_ app: Application, environment: AppEnvironment) async throws {
    app.thidua = environment
    app.auditTrail = try AuditTrail.load(environment.config)
    app.actorCache = ActorCache()
    app.ballotQueue = BallotQueue(app: app)
    app.publishedRankings = PublishedRankings()
    app.pendingCounts = PendingCounts()
    app.startPasswordHashing()
    func use(_ factory: DatabaseConfigurationFactory, as id: DatabaseID) {
        if let counter = environment.queryCounter {
            app.databases.use(CountingDatabaseConfiguration(base: factory.make(), counter: counter), as: id)
        } else {
            app.databases.use(factory, as: id)
        }
    }
    switch environment.config.database {
    case .sqlite(let path):
        use(.sqlite(.file(path), sqlLogLevel: AppConfig.sqlLogLevel), as: .sqlite)
        // WAL lets readers go on while one request writes; foreign keys are on by default in
        // the driver and checked here so that a change of default cannot slip through.
        if let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            // A write (a ballot above all) is acknowledged after its commit: the commit must
            // reach the disk. Every connection starts at the build's default, checked once here.
            let level = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) ?? 0
            guard level >= 2 else {
                throw AppConfig.Invalid(setting: "SQLite synchronous",
                                        problem: "giá trị \(level), cần FULL (2) để phiếu bầu đã xác nhận không mất khi máy dừng đột ngột.")
            }
        }
    case .postgres(let url):
        // The pool is per event loop (one loop per core): THIDUA_DB_POOL spread over them.
        let loops = max(1, System.coreCount)
        use(try .postgres(url: url, maxConnectionsPerEventLoop: max(1, environment.config.databasePool / loops),
                      sqlLogLevel: AppConfig.sqlLogLevel), as: .psql)
    }
    app.migrations.add(Migrations.all)
    // The award proposals read what the conference's ballots decided.
    app.ballotResults = StoredBallotResults()

    // Forms carry Vietnamese decimals ("0,5") and titles with commas: a comma never splits
    // a value into an array (Vapor's default would).
    let forms = URLEncodedFormDecoder(configuration: .init(arraySeparators: []))
    ContentConfiguration.global.use(decoder: forms, for: .urlEncodedForm)
    ContentConfiguration.global.use(urlDecoder: forms)

    // Pages are read from the working folder's Resources/Views: started elsewhere, every page
    // would fail while the API answered. The server refuses to start, and says where to start from.
    let templates = app.directory.viewsDirectory + "base.leaf"
    guard app.environment.arguments.dropFirst().first != "serve" || FileManager.default.fileExists(atPath: templates) else {
        throw AppConfig.Invalid(setting: "thư mục làm việc",
                                problem: "không thấy giao diện «\(templates)»; hãy chạy ThiDua từ thư mục chứa Resources/ và Public/ (thư mục mã nguồn hoặc thư mục cài đặt).")
    }
    useViews(app)

    app.passwords.use(.bcrypt(cost: Accounts.bcryptCost))
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ThiDuaErrorMiddleware(environment: app.environment))
    app.middleware.use(MethodNotAllowedMiddleware())
    app.middleware.use(MultipartBoundaryMiddleware())
    app.middleware.use(StaticFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(Authenticator())
    app.middleware.use(CSRFMiddleware())
    // Home (issue 16): the navigation's count of pending work.
    app.middleware.use(PendingCountMiddleware())
    // Confirmations (issue 16 part 3): the message after a change is shown once.
    app.middleware.use(FlashMiddleware())

    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 8080

    try routes(app)
    registerCommands(app)
}

/// Boots from the process environment: the `thidua` executable calls this.
public func configure(_ app: Application) async throws {
    try await configure(app, environment: AppEnvironment(config: try AppConfig.fromEnvironment()))
}

/// Leaf and its tags: the server's and the page snapshot tests' one renderer.
func useViews(_ app: Application) {
    // Leaf's own provider stops caching parsed templates in the development environment
    // (`serve`'s default), so every page read its templates from disk and parsed them again.
    // They ship with the binary and do not change while it serves: parsed once, kept.
    app.views.use { app in
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
                            sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(), userInfo: userInfo)
    }
    app.leaf.tags["vndate"] = VietnameseDateTag()
    app.leaf.tags["sample"] = SampleMarkTag()
}
