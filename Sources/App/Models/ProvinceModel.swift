import Fluent
import Foundation
import ThiDuaCore

final class ProvinceModel: Model, @unchecked Sendable {
    static let schema = "provinces"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @Field(key: "search_key") var searchKey: String
    @Field(key: "sort_key") var sortKey: String

    init() {}

    init(_ province: Province) {
        self.id = province.id
        update(from: province)
    }

    func update(from province: Province) {
        code = province.code
        name = province.name
        kind = province.kind.rawValue
        validFrom = province.existence.from.iso
        validTo = province.existence.to?.iso
        searchKey = VietnameseText.searchKey("\(province.name) \(province.code)")
        sortKey = VietnameseText.sortKey(province.name)
    }

    var core: Province {
        Province(id: id!, code: code, name: name, kind: ProvinceKind(rawValue: kind) ?? .province,
                 existence: DatePeriod(from: LocalDate(validFrom)!, to: validTo.flatMap(LocalDate.init)))
    }
}
