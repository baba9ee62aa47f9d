import Fluent
import Foundation
import ThiDuaCore

final class BlocModel: Model, @unchecked Sendable {
    static let schema = "blocs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: ProvinceModel
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "decision_reference") var decisionReference: String?
    @OptionalField(key: "decision_date") var decisionDate: String?
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @Field(key: "search_key") var searchKey: String
    @Field(key: "sort_key") var sortKey: String

    init() {}

    init(_ bloc: Bloc) {
        id = bloc.id
        update(from: bloc)
    }

    func update(from bloc: Bloc) {
        $province.id = bloc.provinceID
        kind = bloc.kind.rawValue
        name = bloc.name
        decisionReference = bloc.decisionReference
        decisionDate = bloc.decisionDate?.iso
        validFrom = bloc.validity.from.iso
        validTo = bloc.validity.to?.iso
        searchKey = VietnameseText.searchKey(bloc.name)
        sortKey = VietnameseText.sortKey(bloc.name)
    }

    var core: Bloc {
        Bloc(id: id!, provinceID: $province.id, kind: BlocKind(rawValue: kind) ?? .bloc, name: name,
             decisionReference: decisionReference, decisionDate: decisionDate.flatMap(LocalDate.init),
             validity: DatePeriod(from: LocalDate(validFrom)!, to: validTo.flatMap(LocalDate.init)))
    }
}

final class MembershipModel: Model, @unchecked Sendable {
    static let schema = "bloc_memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_id") var bloc: BlocModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @OptionalField(key: "note") var note: String?

    init() {}

    init(_ membership: Membership) {
        id = membership.id
        update(from: membership)
    }

    func update(from membership: Membership) {
        $bloc.id = membership.blocID
        $unit.id = membership.unitID
        validFrom = membership.period.from.iso
        validTo = membership.period.to?.iso
        note = membership.note
    }

    var core: Membership {
        Membership(id: id!, blocID: $bloc.id, unitID: $unit.id,
                   period: DatePeriod(from: LocalDate(validFrom)!, to: validTo.flatMap(LocalDate.init)), note: note)
    }
}

final class BlocOfficeModel: Model, @unchecked Sendable {
    static let schema = "bloc_offices"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_id") var bloc: BlocModel
    @Field(key: "year") var year: Int
    @Field(key: "role") var role: String
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "basis") var basis: String

    init() {}

    init(_ office: BlocOffice) {
        id = office.id
        $bloc.id = office.blocID
        year = office.year
        role = office.role.rawValue
        $unit.id = office.unitID
        basis = office.basis.rawValue
    }

    var core: BlocOffice {
        BlocOffice(id: id!, blocID: $bloc.id, year: year, role: BlocOfficeRole(rawValue: role) ?? .head,
                   unitID: $unit.id, basis: BlocOfficeBasis(rawValue: basis) ?? .elected)
    }
}
