import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Cán bộ: creating and editing people, the one path of the pages and the API. A new person
/// comes with their first post, which decides who may create them (their unit's officer or
/// their province's), checked before anything is written.
struct PersonService {
    let req: Request

    /// Saves a person (new when `id` is nil, then with their first post) in one transaction.
    func save(_ input: PersonInput, id: UUID?) async throws -> Person {
        if let id { _ = try await req.registry.person(id) }
        let person = try input.validated(id: id ?? UUID(), currentYear: req.today.year)
        let first = id == nil ? try await firstAssignment(input, person: person) : nil
        _ = try await req.write { store in
            _ = try await store.save(person)
            if let first { _ = try await store.save(first) }
        }
        return person
    }

    /// The first post of a new person, authorised for its unit.
    private func firstAssignment(_ input: PersonInput, person: Person) async throws -> Assignment? {
        guard let unitText = input.unitID, !unitText.isEmpty else {
            try req.authorize(.create, .person(id: nil, units: [], provinces: []))
            return nil
        }
        let assignment = try AssignmentInput(unitID: unitText, position: input.position, validFrom: input.validFrom)
            .validated(personID: person.id)
        let unit = try await req.registry.unit(assignment.unitID)
        try req.authorize(.create, .person(id: nil, units: [unit.id!], provinces: [unit.$province.id]))
        return assignment
    }
}
