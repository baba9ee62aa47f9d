import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What the API returns. Flat, dated as ISO text, with Vietnamese labels beside the codes.
struct ProvinceDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var fullName: String
    var kind: String
    var validFrom: String
    var validTo: String?

    init(_ province: Province) {
        id = province.id
        code = province.code
        name = province.name
        fullName = province.fullName
        kind = province.kind.rawValue
        validFrom = province.existence.from.iso
        validTo = province.existence.to?.iso
    }
}

struct UnitDTO: Content {
    var id: UUID
    var provinceID: UUID
    var provinceName: String?
    var name: String
    var shortName: String
    var kind: String
    var kindLabel: String
    var documentStyle: String
    var parentBody: String?
    var validFrom: String
    var validTo: String?

    init(_ model: UnitModel, nameThen: String? = nil) {
        let unit = model.core
        id = unit.id
        provinceID = unit.provinceID
        provinceName = model.$province.value?.name
        name = nameThen ?? unit.name
        shortName = unit.shortName
        kind = unit.kind.rawValue
        kindLabel = unit.kind.label
        documentStyle = unit.kind.documentStyle.rawValue
        parentBody = unit.parentBody
        validFrom = unit.existence.from.iso
        validTo = unit.existence.to?.iso
    }
}

struct BlocDTO: Content {
    var id: UUID
    var provinceID: UUID
    var provinceName: String?
    var kind: String
    var kindLabel: String
    var name: String
    var decisionReference: String?
    var decisionDate: String?
    var validFrom: String
    var validTo: String?

    init(_ model: BlocModel) {
        let bloc = model.core
        id = bloc.id
        provinceID = bloc.provinceID
        provinceName = model.$province.value?.name
        kind = bloc.kind.rawValue
        kindLabel = bloc.kind.label
        name = bloc.name
        decisionReference = bloc.decisionReference
        decisionDate = bloc.decisionDate?.iso
        validFrom = bloc.validity.from.iso
        validTo = bloc.validity.to?.iso
    }
}

struct MemberDTO: Content {
    var membershipID: UUID
    var unit: UnitDTO
    var validFrom: String
    var validTo: String?
    var note: String?
}

struct MembersDTO: Content {
    var blocID: UUID
    var at: String
    var count: Int
    var members: [MemberDTO]
}

struct OfficeDTO: Content {
    var year: Int
    var role: String
    var title: String
    var unit: UnitDTO
    /// The unit's name in that year (a later rename does not rewrite the history).
    var unitNameThen: String
    var basis: String
}

struct PersonDTO: Content {
    var id: UUID
    var fullName: String
    var gender: String
    var birthYear: Int?
    var category: String
    /// Only on a single person, and only its last four digits.
    var nationalIDMasked: String?
    var assignments: [AssignmentDTO]?

    init(_ person: Person, detail: Bool = false, assignments: [AssignmentDTO]? = nil) {
        id = person.id
        fullName = person.fullName
        gender = person.gender.rawValue
        birthYear = person.birthYear
        category = person.category.rawValue
        nationalIDMasked = detail ? person.maskedNationalID : nil
        self.assignments = assignments
    }
}

struct AssignmentDTO: Content {
    var unitID: UUID
    var unitName: String
    var position: String
    var validFrom: String
    var validTo: String?
}

struct SubjectRef: Content {
    var id: UUID
    var name: String
}

struct EventDTO: Content {
    var id: UUID
    var kind: String
    var kindLabel: String
    var effectiveDate: String
    var decisionReference: String
    var sources: [SubjectRef]
    var targets: [SubjectRef]
    var previousName: String?
    var newName: String?
    var note: String?

    init(_ event: ReorganisationEvent, names: [UUID: String]) {
        id = event.id
        kind = event.kind.rawValue
        kindLabel = event.kind.label
        effectiveDate = event.effectiveDate.iso
        decisionReference = event.decisionReference
        sources = event.sources.map { SubjectRef(id: $0, name: names[$0] ?? "") }
        targets = event.targets.map { SubjectRef(id: $0, name: names[$0] ?? "") }
        previousName = event.previousName
        newName = event.newName
        note = event.note
    }
}

struct LinkDTO: Content {
    var generation: Int
    var from: SubjectRef
    var to: SubjectRef
    var event: EventDTO
}

struct LineageDTO: Content {
    var subject: SubjectRef
    var events: [EventDTO]
    var predecessors: [LinkDTO]
    var successors: [LinkDTO]
    /// With `?at=`: the name it bore that day and who carried its identity.
    var at: String?
    var nameAt: String?
    var carriersAt: [SubjectRef]?

    init(id: UUID, name: String, lineage: Lineage, names: [UUID: String], at: LocalDate?) {
        subject = SubjectRef(id: id, name: name)
        events = lineage.events(involving: id).map { EventDTO($0, names: names) }
        func link(_ link: LineageLink) -> LinkDTO {
            LinkDTO(generation: link.generation, from: SubjectRef(id: link.from, name: names[link.from] ?? ""),
                    to: SubjectRef(id: link.to, name: names[link.to] ?? ""), event: EventDTO(link.event, names: names))
        }
        predecessors = lineage.predecessors(of: id).map(link)
        successors = lineage.successors(of: id).map(link)
        if let at {
            self.at = at.iso
            nameAt = lineage.name(of: id, on: at, current: name)
            carriersAt = lineage.carriers(of: id, on: at).map { SubjectRef(id: $0, name: names[$0] ?? "") }
                .sorted { $0.name < $1.name }
        }
    }
}

struct HealthDTO: Content {
    var status: String
    var database: String
}

extension Page where T: Sendable {
    func mapItems<U>(_ transform: (T) throws -> U) rethrows -> Page<U> {
        Page<U>(items: try items.map(transform), metadata: metadata)
    }
}

extension Request {
    /// `?at=` as a day, or today; a malformed day is a 400 problem, not a silent default.
    func atDate() throws -> LocalDate {
        try queryDate("at") ?? today
    }
}
