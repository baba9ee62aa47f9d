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

    public init(database: DatabaseChoice, dataDirectory: String) {
        self.database = database
        self.dataDirectory = dataDirectory
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let setting: String
        public let problem: String
        public var description: String { "Cấu hình \(setting) không hợp lệ: \(problem)" }
    }

    /// Reads `THIDUA_DATA` (default `data`) and `DATABASE_URL` (PostgreSQL when set).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> AppConfig {
        let dataDirectory = environment["THIDUA_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "data"
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), let scheme = parsed.scheme,
                  ["postgres", "postgresql"].contains(scheme.lowercased()), parsed.host != nil else {
                throw Invalid(setting: "DATABASE_URL",
                              problem: "cần dạng postgres://người_dùng:mật_khẩu@máy:cổng/tên_csdl")
            }
            return AppConfig(database: .postgres(url: url), dataDirectory: dataDirectory)
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
        let path = (dataDirectory as NSString).appendingPathComponent("thidua.sqlite")
        return AppConfig(database: .sqlite(path: path), dataDirectory: dataDirectory)
    }
}

/// What varies between a real run and a test: the clock. One value, kept in the
/// application's storage, never a global.
public struct AppEnvironment: Sendable {
    public var config: AppConfig
    /// Today in Vietnam (UTC+7), for "as of today" defaults.
    public var today: @Sendable () -> LocalDate

    public init(config: AppConfig, today: @escaping @Sendable () -> LocalDate = AppEnvironment.vietnamToday) {
        self.config = config
        self.today = today
    }

    @Sendable public static func vietnamToday() -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
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
