import Foundation
@testable import ThiDuaCore

extension LocalDate {
    /// Test shorthand: a literal ISO day.
    static func d(_ text: String) -> LocalDate { LocalDate(text)! }
}

extension OrgUnit {
    static func mock(_ name: String, from: String = "2000-01-01", to: String? = nil, province: UUID = UUID()) -> OrgUnit {
        OrgUnit(provinceID: province, name: name, shortName: String(name.prefix(8)), kind: .partyAgency,
             existence: DatePeriod(from: .d(from), to: to.map { .d($0) }))
    }
}
