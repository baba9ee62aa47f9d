import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The registry's use cases: provinces, units, blocs, memberships and reorganisations, the one
/// path of the pages and the API. Each validates with Core, authorises the scope the input
/// names (a body can name another province than the path), and writes and audits in one
/// transaction.
struct RegistryService {
    let req: Request

    func saveProvince(_ input: ProvinceInput, id: UUID?) async throws -> Province {
        if let id { _ = try await req.registry.province(id) }
        let province = try input.validated(id: id ?? UUID())
        try req.authorize(id == nil ? .create : .update, .province(id: id))
        _ = try await req.write { try await $0.save(province) }
        return province
    }

    func saveUnit(_ input: UnitInput, id: UUID?) async throws -> OrgUnit {
        if let id { _ = try await req.registry.unit(id) }
        let unit = try await input.validated(id: id ?? UUID(), store: req.registry)
        try req.authorize(id == nil ? .create : .update, .unit(id: id, province: unit.provinceID, ended: false))
        _ = try await req.write { try await $0.save(unit) }
        return unit
    }

    func saveBloc(_ input: BlocInput, id: UUID?) async throws -> Bloc {
        if let id { _ = try await req.registry.bloc(id) }
        let bloc = try input.validated(id: id ?? UUID())
        try req.authorize(id == nil ? .create : .update, bloc.resource(year: req.today.year))
        _ = try await req.write { try await $0.save(bloc) }
        return bloc
    }

    /// A unit joins the bloc for a period.
    func addMembership(_ input: MembershipInput, blocID: UUID) async throws -> Membership {
        try await authorizeMembers(of: blocID)
        let membership = try input.validated(blocID: blocID)
        _ = try await req.write { try await $0.save(membership) }
        return membership
    }

    /// Ends an open membership on a day (the unit leaves the bloc).
    func endMembership(_ membershipID: UUID, blocID: UUID, validTo text: String?) async throws {
        try await authorizeMembers(of: blocID)
        guard let row = try await MembershipModel.find(membershipID, on: req.db), row.$bloc.id == blocID else {
            throw DomainError.notFound("Không tìm thấy tư cách thành viên này.")
        }
        var issues = IssueCollector()
        let end = TextRules.requiredDate(text, field: "validTo", label: "Ngày kết thúc", into: &issues)
        try issues.finish()
        var changed = row.core
        changed.period.to = end
        let membership = changed
        _ = try await req.write { try await $0.save(membership) }
    }

    /// Sắp xếp tổ chức: a rename, merge, split, dissolution or transfer of units or provinces.
    func record(_ input: ReorganisationInput, subject: LineageSubjectKind) async throws -> ReorganisationEvent {
        let event = try input.validated()
        try req.authorize(.reorganise, .reorganisation(provinces: try await ReorganisationScope.provinces(
            of: event, subject: subject, on: req.db)))
        switch subject {
        case .unit: try await req.write { try await $0.record(unitEvent: event) }
        case .province: try await req.write { try await $0.record(provinceEvent: event) }
        }
        return event
    }

    private func authorizeMembers(of blocID: UUID) async throws {
        let bloc = try await req.registry.bloc(blocID)
        try req.authorize(.manageMembers, try await ResourceFacts.bloc(bloc, year: req.today.year, req: req))
    }
}

extension PersonService {
    /// A new post of a person, authorised for the unit it is in.
    func addAssignment(_ input: AssignmentInput, personID: UUID) async throws {
        _ = try await req.registry.person(personID)
        let assignment = try input.validated(personID: personID)
        let unit = try await req.registry.unit(assignment.unitID)
        try req.authorize(.update, .person(id: personID, units: [unit.id!], provinces: [unit.$province.id]))
        _ = try await req.write { try await $0.save(assignment) }
    }
}
