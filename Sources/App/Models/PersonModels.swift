import Fluent
import Foundation
import ThiDuaCore

final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "full_name") var fullName: String
    @Field(key: "gender") var gender: String
    @OptionalField(key: "birth_year") var birthYear: Int?
    @Field(key: "category") var category: String
    @OptionalField(key: "national_id") var nationalID: String?
    @Field(key: "search_key") var searchKey: String
    @Field(key: "sort_key") var sortKey: String
    @Children(for: \.$person) var assignments: [AssignmentModel]

    init() {}

    init(_ person: Person) {
        id = person.id
        update(from: person)
    }

    func update(from person: Person) {
        fullName = person.fullName
        gender = person.gender.rawValue
        birthYear = person.birthYear
        category = person.category.rawValue
        nationalID = person.nationalID
        searchKey = VietnameseText.searchKey(person.fullName)
        sortKey = VietnameseText.personSortKey(person.fullName)
    }

    var core: Person {
        Person(id: id!, fullName: fullName, gender: Gender(rawValue: gender) ?? .female, birthYear: birthYear,
               category: StaffCategory(rawValue: category) ?? .civilServant, nationalID: nationalID)
    }
}

final class AssignmentModel: Model, @unchecked Sendable {
    static let schema = "assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: PersonModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "position") var position: String
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}

    init(_ assignment: Assignment) {
        id = assignment.id
        update(from: assignment)
    }

    func update(from assignment: Assignment) {
        $person.id = assignment.personID
        $unit.id = assignment.unitID
        position = assignment.position
        validFrom = assignment.period.from.iso
        validTo = assignment.period.to?.iso
    }

    var core: Assignment {
        Assignment(id: id!, personID: $person.id, unitID: $unit.id, position: position,
                   period: DatePeriod(from: LocalDate(validFrom)!, to: validTo.flatMap(LocalDate.init)))
    }
}
