import Foundation
import ThiDuaCore
import Vapor

/// Every setting ThiDua reads, read and checked in one place at boot. A missing or bad
/// setting stops the boot with a message that names it.
public struct AppConfig: Sendable {
    public enum DatabaseChoice: Sendable, Equatable {
        /// The embedded default: one file, WAL, foreign keys on.
        case sqlite(path: String)
        /// For several instances and large provinces: `DATABASE_URL`.
        case postgres(url: String)

        public var name: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    public var database: DatabaseChoice
    /// `THIDUA_DATA`: where the SQLite file and, later, evidence files live.
    public var dataDirectory: String
    /// A session ends after this long without a request (`THIDUA_SESSION_IDLE_MINUTES`, 30).
    public var sessionIdle: TimeInterval
    /// …and this long after sign-in whatever happens (`THIDUA_SESSION_HOURS`, 12).
    public var sessionLifetime: TimeInterval
    /// `THIDUA_COOKIE_SECURE`: `auto` (Secure when the request came over HTTPS), `true`, `false`.
    public var cookieSecure: CookieSecure

    public enum CookieSecure: String, Sendable { case auto, always = "true", never = "false" }
    /// `THIDUA_EVIDENCE_MAX_MB`: the largest evidence file accepted (20 MB).
    public var evidenceLimit: Int
    /// `THIDUA_EVIDENCE_SCAN`: an optional virus scanner run on every upload before it is
    /// stored, with the file's path as its last argument (`clamdscan --no-summary`): exit 0
    /// clean, 1 infected, anything else a failure to scan (the upload is refused either way).
    public var evidenceScanCommand: [String]?
    /// `THIDUA_AUDIT_KEY`: the key that seals the audit log (at least 32 characters). Unset,
    /// the key is the file `audit.key` in the data folder, made with mode 0600 at first start.
    public var auditKey: String?
    /// SQL statements are logged, with their values, only at `trace`: at `debug` (a level
    /// an operator may use in a live conference) a ballot's participation and its choices
    /// would be printed side by side, and the log would link a unit to its vote.
    static let sqlLogLevel: Logger.Level = .trace

    /// `THIDUA_DB_POOL`: PostgreSQL connections this instance may hold, spread over its event
    /// loops (one per core). Default twice the cores, PostgreSQL's own rule of thumb.
    public var databasePool: Int

    /// The connections held when `THIDUA_DB_POOL` is unset.
    public static var defaultDatabasePool: Int { 2 * System.coreCount }
    public static let databasePoolRange = 1...500

    public init(database: DatabaseChoice, dataDirectory: String, sessionIdle: TimeInterval = 30 * 60,
                sessionLifetime: TimeInterval = 12 * 3600, cookieSecure: CookieSecure = .auto,
                evidenceLimit: Int = 20 * 1_048_576) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.sessionIdle = sessionIdle
        self.sessionLifetime = sessionLifetime
        self.cookieSecure = cookieSecure
        self.evidenceLimit = evidenceLimit
        self.evidenceScanCommand = nil
        self.auditKey = nil
        self.databasePool = AppConfig.defaultDatabasePool
    }

    /// Evidence files, named by their SHA-256.
    public var filesDirectory: String { (dataDirectory as NSString).appendingPathComponent("files") }

    public struct Invalid: Error, CustomStringConvertible {
        public let setting: String
        public let problem: String
        public var description: String { "Cấu hình \(setting) không hợp lệ: \(problem)" }
    }

    /// Reads `THIDUA_DATA` (default `data`) and `DATABASE_URL` (PostgreSQL when set).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> AppConfig {
        let dataDirectory = environment["THIDUA_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        func minutes(_ name: String, default value: Double) throws -> TimeInterval {
            guard let text = environment[name], !text.isEmpty else { return value * 60 }
            guard let number = Double(text), number > 0 else {
                throw Invalid(setting: name, problem: "cần một số dương, nhận «\(text)»")
            }
            return number * 60
        }
        let idle = try minutes("THIDUA_SESSION_IDLE_MINUTES", default: 30)
        let lifetime = try minutes("THIDUA_SESSION_HOURS", default: 12) * 60
        let secureText = environment["THIDUA_COOKIE_SECURE"].flatMap { $0.isEmpty ? nil : $0 } ?? "auto"
        guard let secure = CookieSecure(rawValue: secureText) else {
            throw Invalid(setting: "THIDUA_COOKIE_SECURE", problem: "cần auto, true hoặc false, nhận «\(secureText)»")
        }
        var limit = 20 * 1_048_576
        if let text = environment["THIDUA_EVIDENCE_MAX_MB"], !text.isEmpty {
            guard let megabytes = Double(text), megabytes > 0, megabytes <= 1024 else {
                throw Invalid(setting: "THIDUA_EVIDENCE_MAX_MB", problem: "cần một số từ 0 đến 1024, nhận «\(text)»")
            }
            limit = Int(megabytes * 1_048_576)
        }
        var scan: [String]?
        if let text = environment["THIDUA_EVIDENCE_SCAN"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let words = text.split(separator: " ").map(String.init)
            guard let program = words.first, FileManager.default.isExecutableFile(atPath: program)
                || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains(where: {
                    FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }) else {
                throw Invalid(setting: "THIDUA_EVIDENCE_SCAN", problem: "không tìm thấy chương trình «\(words.first ?? "")»")
            }
            scan = words
        }
        var auditKey: String?
        if let text = environment["THIDUA_AUDIT_KEY"], !text.isEmpty {
            guard text.count >= AuditTrail.minimumKeyLength else {
                throw Invalid(setting: "THIDUA_AUDIT_KEY",
                              problem: "cần ít nhất \(AuditTrail.minimumKeyLength) ký tự (ví dụ: openssl rand -hex 32)")
            }
            auditKey = text
        }
        var pool = AppConfig.defaultDatabasePool
        if let text = environment["THIDUA_DB_POOL"], !text.isEmpty {
            guard let number = Int(text), databasePoolRange.contains(number) else {
                throw Invalid(setting: "THIDUA_DB_POOL", problem: "cần một số nguyên từ \(databasePoolRange.lowerBound) đến \(databasePoolRange.upperBound), nhận «\(text)»")
            }
            pool = number
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Invalid(setting: "THIDUA_DATA", problem: "«\(dataDirectory)» là một tệp, không phải thư mục")
        }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw Invalid(setting: "THIDUA_DATA", problem: "không tạo được thư mục «\(dataDirectory)»: \(error)")
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), let scheme = parsed.scheme,
                  ["postgres", "postgresql"].contains(scheme.lowercased()), parsed.host != nil else {
                throw Invalid(setting: "DATABASE_URL",
                              problem: "cần dạng postgres://người_dùng:mật_khẩu@máy:cổng/tên_csdl")
            }
            var config = AppConfig(database: .postgres(url: url), dataDirectory: dataDirectory, sessionIdle: idle,
                                   sessionLifetime: lifetime, cookieSecure: secure, evidenceLimit: limit)
            config.evidenceScanCommand = scan
            config.auditKey = auditKey
            config.databasePool = pool
            return config
        }
        let path = (dataDirectory as NSString).appendingPathComponent("thidua.sqlite")
        var config = AppConfig(database: .sqlite(path: path), dataDirectory: dataDirectory, sessionIdle: idle,
                               sessionLifetime: lifetime, cookieSecure: secure, evidenceLimit: limit)
        config.evidenceScanCommand = scan
        config.auditKey = auditKey
        config.databasePool = pool
        return config
    }
}

/// What varies between a real run and a test: the clock. One value, kept in the
/// application's storage, never a global.
public struct AppEnvironment: Sendable {
    public var config: AppConfig
    /// Today in Vietnam (UTC+7), for "as of today" defaults.
    public var today: @Sendable () -> LocalDate
    /// The instant, for sessions, throttling and the audit log.
    public var now: @Sendable () -> Date
    /// Tests: counts the statements sent to the database (query budgets). Nil in a real run.
    public var queryCounter: QueryCounter?

    public init(config: AppConfig, today: @escaping @Sendable () -> LocalDate = AppEnvironment.vietnamToday,
                now: @escaping @Sendable () -> Date = { Date() }, queryCounter: QueryCounter? = nil) {
        self.config = config
        self.today = today
        self.now = now
        self.queryCounter = queryCounter
    }

    @Sendable public static func vietnamToday() -> LocalDate { vietnamDay(of: Date()) }

    /// The day a moment falls on in Vietnam (UTC+7), e.g. a document's date from its publication.
    public static func vietnamDay(of moment: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

extension Application {
    private struct EnvironmentKey: StorageKey {
        typealias Value = AppEnvironment
    }

    /// ThiDua's settings and varying dependencies; set by `configure`.
    public var thidua: AppEnvironment {
        get {
            guard let value = storage[EnvironmentKey.self] else { fatalError("configure(_:) has not run") }
            return value
        }
        set { storage[EnvironmentKey.self] = newValue }
    }
}

extension Request {
    var thidua: AppEnvironment { application.thidua }
    var today: LocalDate { application.thidua.today() }
}
