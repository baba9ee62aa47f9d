import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `/api/v1`: the registry as JSON. Reads and writes go through `RegistryStore`, as the
/// pages do; errors leave as problem documents through the one error middleware.
enum RegistryAPIController {

    // MARK: Provinces

    static func provinces(req: Request) async throws -> Page<ProvinceDTO> {
        try await req.registry.provinces(req.listQuery(kind: ProvinceKind.self, province: false)).mapItems { ProvinceDTO($0.core) }
    }

    static func province(req: Request) async throws -> ProvinceDTO {
        ProvinceDTO(try await req.registry.province(try req.id("provinceID")).core)
    }

    static func createProvince(req: Request) async throws -> Response {
        let province = try await RegistryService(req: req).saveProvince(try req.content.decode(ProvinceInput.self), id: nil)
        return try await created(ProvinceDTO(province), at: .api(.province(province.id)), on: req)
    }

    static func updateProvince(req: Request) async throws -> ProvinceDTO {
        ProvinceDTO(try await RegistryService(req: req).saveProvince(try req.content.decode(ProvinceInput.self), id: try req.id("provinceID")))
    }

    static func provinceLineage(req: Request) async throws -> LineageDTO {
        let model = try await req.registry.province(try req.id("provinceID"))
        let names = Dictionary(uniqueKeysWithValues: try await req.registry.allProvinces().map { ($0.id!, $0.name) })
        try req.checkQueryNames(["at"])
        let at = try req.queryDate("at")
        return LineageDTO(id: model.id!, name: model.name, lineage: try await req.registry.lineage(of: .province),
                          names: names, at: at)
    }

    // MARK: Units

    static func units(req: Request) async throws -> Page<UnitDTO> {
        try await req.registry.units(req.listQuery(kind: UnitKind.self)).mapItems { UnitDTO($0) }
    }

    static func unit(req: Request) async throws -> UnitDTO {
        UnitDTO(try await req.registry.unit(try req.id("unitID")))
    }

    static func createUnit(req: Request) async throws -> Response {
        let unit = try await RegistryService(req: req).saveUnit(try req.content.decode(UnitInput.self), id: nil)
        return try await created(UnitDTO(try await req.registry.unit(unit.id)), at: .api(.unit(unit.id)), on: req)
    }

    static func updateUnit(req: Request) async throws -> UnitDTO {
        let id = try req.id("unitID")
        _ = try await RegistryService(req: req).saveUnit(try req.content.decode(UnitInput.self), id: id)
        return UnitDTO(try await req.registry.unit(id))
    }

    static func unitLineage(req: Request) async throws -> LineageDTO {
        let model = try await req.registry.unit(try req.id("unitID"))
        let lineage = try await req.registry.lineage(of: .unit)
        let involved = lineage.events.flatMap(\.involved)
        let names = try await req.registry.units(ids: Array(Set(involved + [model.id!]))).mapValues(\.name)
        try req.checkQueryNames(["at"])
        let at = try req.queryDate("at")
        return LineageDTO(id: model.id!, name: model.name, lineage: lineage, names: names, at: at)
    }

    // MARK: Reorganisations

    static func reorganisations(req: Request) async throws -> [EventDTO] {
        try req.checkQueryNames(["subject"])
        let subject = try req.querySubject()
        let events = try await req.registry.events(of: subject)
        let ids = Array(Set(events.flatMap { $0.participants.map(\.subjectID) }))
        let names: [UUID: String] = switch subject {
        case .unit: try await req.registry.units(ids: ids).mapValues(\.name)
        case .province: Dictionary(uniqueKeysWithValues: try await req.registry.allProvinces().map { ($0.id!, $0.name) })
        }
        return events.map { EventDTO($0.core, names: names) }
    }

    struct EventInput: Content {
        var subject: String?
    }

    static func createReorganisation(req: Request) async throws -> Response {
        let subject = try req.content.decode(EventInput.self).subject ?? "unit"
        guard let kind = LineageSubjectKind(rawValue: subject) else {
            throw DomainError.invalid(field: "subject", "Đối tượng sắp xếp phải là «unit» hoặc «province».")
        }
        let event = try await RegistryService(req: req).record(try req.content.decode(ReorganisationInput.self), subject: kind)
        let stored = try await ReorganisationEventModel.query(on: req.db).filter(\.$id == event.id).with(\.$participants).first()!
        let names: [UUID: String] = subject == "unit"
            ? try await req.registry.units(ids: Array(event.involved)).mapValues(\.name)
            : Dictionary(uniqueKeysWithValues: try await req.registry.allProvinces().map { ($0.id!, $0.name) })
        let response = try await EventDTO(stored.core, names: names).encodeResponse(status: .created, for: req)
        return response
    }

    // MARK: Blocs

    static func blocs(req: Request) async throws -> Page<BlocDTO> {
        try await req.registry.blocs(req.listQuery(kind: BlocKind.self)).mapItems { BlocDTO($0) }
    }

    static func bloc(req: Request) async throws -> BlocDTO {
        BlocDTO(try await req.registry.bloc(try req.id("blocID")))
    }

    static func createBloc(req: Request) async throws -> Response {
        let bloc = try await RegistryService(req: req).saveBloc(try req.content.decode(BlocInput.self), id: nil)
        return try await created(BlocDTO(try await req.registry.bloc(bloc.id)), at: .api(.bloc(bloc.id)), on: req)
    }

    static func updateBloc(req: Request) async throws -> BlocDTO {
        let id = try req.id("blocID")
        _ = try await RegistryService(req: req).saveBloc(try req.content.decode(BlocInput.self), id: id)
        return BlocDTO(try await req.registry.bloc(id))
    }

    /// The members on `?at=` (default today), with each unit's name as it was that day.
    static func members(req: Request) async throws -> MembersDTO {
        let bloc = try await req.registry.bloc(try req.id("blocID"))
        try req.checkQueryNames(["at"])
        let date = try req.atDate()
        let members = try await req.registry.members(ofBloc: bloc.id!, on: date)
        return MembersDTO(blocID: bloc.id!, at: date.iso, count: members.count, members: members.map {
            MemberDTO(membershipID: $0.membership.id!, unit: UnitDTO($0.membership.unit, nameThen: $0.nameThen),
                      validFrom: $0.membership.validFrom, validTo: $0.membership.validTo, note: $0.membership.note)
        })
    }

    static func addMember(req: Request) async throws -> Response {
        let membership = try await RegistryService(req: req).addMembership(try req.content.decode(MembershipInput.self),
                                                                             blocID: try req.id("blocID"))
        let unit = try await req.registry.unit(membership.unitID)
        return try await MemberDTO(membershipID: membership.id, unit: UnitDTO(unit), validFrom: membership.period.from.iso,
                                   validTo: membership.period.to?.iso, note: membership.note)
            .encodeResponse(status: .created, for: req)
    }

    static func offices(req: Request) async throws -> [OfficeDTO] {
        let bloc = try await req.registry.bloc(try req.id("blocID")).core
        let offices = try await req.registry.offices(ofBloc: bloc.id)
        let names = try await req.registry.namesThen(of: offices)
        return offices.map {
            let office = $0.core
            return OfficeDTO(year: office.year, role: office.role.rawValue,
                             title: office.role == .head ? bloc.kind.headTitle : bloc.kind.deputyTitle,
                             unit: UnitDTO($0.unit), unitNameThen: names[$0.id!] ?? $0.unit.name, basis: office.basis.rawValue)
        }
    }

    // MARK: People

    static func people(req: Request) async throws -> Page<PersonDTO> {
        try await req.registry.people(req.listQuery(kind: StaffCategory.self)).mapItems { PersonDTO($0.core) }
    }

    static func person(req: Request) async throws -> PersonDTO {
        let person = try await req.registry.person(try req.id("personID")).core
        let assignments = try await req.registry.assignments(ofPerson: person.id).map {
            AssignmentDTO(unitID: $0.$unit.id, unitName: $0.unit.name, position: $0.position,
                          validFrom: $0.validFrom, validTo: $0.validTo)
        }
        return PersonDTO(person, detail: true, assignments: assignments)
    }

    static func createPerson(req: Request) async throws -> Response {
        let person = try await PersonService(req: req).save(try req.content.decode(PersonInput.self), id: nil)
        return try await created(PersonDTO(person, detail: true), at: .api(.person(person.id)), on: req)
    }

    static func updatePerson(req: Request) async throws -> PersonDTO {
        let person = try await PersonService(req: req).save(try req.content.decode(PersonInput.self), id: try req.id("personID"))
        return PersonDTO(person, detail: true)
    }

    // MARK: -

    static func created(_ body: some Content, at url: SiteURL, on req: Request) async throws -> Response {
        let response = try await body.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: url.path)
        return response
    }
}
