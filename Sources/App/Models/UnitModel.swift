import Fluent
import Foundation
import ThiDuaCore

final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: ProvinceModel
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    /// The short name's search key: unique per province, so "BTCTU" and "btctu" clash.
    @Field(key: "short_name_key") var shortNameKey: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_body") var parentBody: String?
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @Field(key: "search_key") var searchKey: String
    @Field(key: "sort_key") var sortKey: String

    init() {}

    init(_ unit: OrgUnit) {
        self.id = unit.id
        update(from: unit)
    }

    func update(from unit: OrgUnit) {
        $province.id = unit.provinceID
        name = unit.name
        shortName = unit.shortName
        shortNameKey = VietnameseText.searchKey(unit.shortName)
        kind = unit.kind.rawValue
        parentBody = unit.parentBody
        validFrom = unit.existence.from.iso
        validTo = unit.existence.to?.iso
        searchKey = VietnameseText.searchKey("\(unit.name) \(unit.shortName)")
        sortKey = VietnameseText.sortKey(unit.name)
    }

    var core: OrgUnit {
        OrgUnit(id: id!, provinceID: $province.id, name: name, shortName: shortName,
                kind: UnitKind(rawValue: kind) ?? .stateAgency, parentBody: parentBody,
                existence: DatePeriod(from: LocalDate(validFrom)!, to: validTo.flatMap(LocalDate.init)))
    }
}
