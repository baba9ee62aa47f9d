@testable import App
import Foundation
import Testing
import Vapor

extension AppTests {
    /// `THIDUA_DB_POOL`: read at boot, twice the cores unless set, a bad value refused by name.
    @Suite struct DatabasePoolTests {
        @Test func thePoolSettingIsReadAndCheckedAtBoot() throws {
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-pool-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: data) }
            #expect(try AppConfig.fromEnvironment(["THIDUA_DATA": data]).databasePool == 2 * System.coreCount)
            #expect(try AppConfig.fromEnvironment(["THIDUA_DATA": data, "THIDUA_DB_POOL": "12"]).databasePool == 12)
            for bad in ["0", "501", "nhiều", "1.5", "-3"] {
                #expect("\(bad)") {
                    _ = try AppConfig.fromEnvironment(["THIDUA_DATA": data, "THIDUA_DB_POOL": bad])
                } throws: { error in
                    (error as? AppConfig.Invalid)?.setting == "THIDUA_DB_POOL"
                }
            }
        }
    }
}
