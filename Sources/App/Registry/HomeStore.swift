import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The home page's reads («Việc cần làm»): every open year of a set of blocs, with its
/// members and what each has done, in a fixed number of statements whatever the number of
/// blocs and years (one per table, each filtered by the ids the one before found).
extension RegistryStore {
    /// The blocs a set of units has belonged to (any day; the years judge membership).
    func blocIDs(ofUnits units: Set<UUID>) async throws -> Set<UUID> {
        guard !units.isEmpty else { return [] }
        return Set(try await MembershipModel.query(on: db).filter(\.$unit.$id ~~ Array(units)).all().map(\.$bloc.id))
    }

    /// The blocs of a set of provinces.
    func blocs(ofProvinces provinces: Set<UUID>) async throws -> [BlocModel] {
        guard !provinces.isEmpty else { return [] }
        return try await BlocModel.query(on: db).filter(\.$province.$id ~~ Array(provinces)).sort(\.$sortKey).all()
    }

    /// The years of these blocs not yet closed, as Core sees them. Members are those in force
    /// on each year's member day (the pact day, as the year's pages count them).
    func openYears(ofBlocs blocs: [BlocModel], today: LocalDate) async throws -> [YearSnapshot] {
        guard !blocs.isEmpty else { return [] }
        let blocIDs = blocs.map { $0.id! }
        let years = try await BlocYearModel.query(on: db).filter(\.$bloc.$id ~~ blocIDs)
            .filter(\.$state != YearState.closed.rawValue).sort(\.$year).all()
        guard !years.isEmpty else { return [] }
        let yearIDs = years.map { $0.id! }
        let offices = try await BlocOfficeModel.query(on: db).filter(\.$bloc.$id ~~ blocIDs).all()
        let memberships = try await MembershipModel.query(on: db).filter(\.$bloc.$id ~~ blocIDs).with(\.$unit).all()
        let signatures = try await PactSignatureModel.query(on: db).filter(\.$blocYear.$id ~~ yearIDs).all()
        let registrations = try await RegistrationModel.query(on: db).filter(\.$blocYear.$id ~~ yearIDs).all()
        let sheets = try await ScoreSheetModel.query(on: db).filter(\.$blocYear.$id ~~ yearIDs)
            .filter(\.$round == ScoringRound.annual.rawValue).all()
        let blocByID = Dictionary(blocs.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        let day = AppEnvironment.vietnamDay(of:)
        return years.compactMap { model in
            guard let bloc = blocByID[model.$bloc.id] else { return nil }
            let yearOffices = offices.filter { $0.$bloc.id == bloc.id && $0.year == model.year }
            let memberDay = Self.memberDay(year: model.year, dates: model.dates, today: today)
            let members = memberships.filter { $0.$bloc.id == bloc.id && $0.core.period.contains(memberDay) }
                .sorted { VietnameseText.sortKey($0.unit.name) < VietnameseText.sortKey($1.unit.name) }
                .map { YearSnapshot.Member(unitID: $0.$unit.id, name: $0.unit.name) }
            let mine = { (id: UUID) in id == model.id }
            return YearSnapshot(
                blocID: bloc.id!, blocName: bloc.name, kind: bloc.core.kind, provinceID: bloc.$province.id, year: model.year,
                state: model.yearState, dates: model.dates,
                head: yearOffices.first { $0.core.role == .head }?.$unit.id,
                deputy: yearOffices.first { $0.core.role == .deputy }?.$unit.id,
                members: members,
                signedOn: Dictionary(signatures.filter { mine($0.$blocYear.id) }.map { ($0.$unit.id, day($0.signedAt)) },
                                     uniquingKeysWith: { first, _ in first }),
                registeredOn: Dictionary(registrations.filter { mine($0.$blocYear.id) }.map { ($0.$unit.id, day($0.submittedAt)) },
                                         uniquingKeysWith: { first, _ in first }),
                sheets: Dictionary(sheets.filter { mine($0.$blocYear.id) }.map {
                    ($0.$unit.id, YearSnapshot.Sheet(status: SheetStatus(rawValue: $0.status) ?? .draft,
                                                     extendedTo: $0.extendedTo.flatMap(LocalDate.init),
                                                     submittedOn: $0.submittedAt.map(day)))
                }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The proposals of awards a province has to act on, with their authors' names.
    func proposalsAwaiting(inProvinces provinces: Set<UUID>) async throws -> [ProposalSnapshot] {
        guard !provinces.isEmpty else { return [] }
        let waiting = [ProposalStatus.submitted, .received, .atCouncil].map(\.rawValue)
        let proposals = try await AwardProposalModel.query(on: db).filter(\.$provinceID ~~ Array(provinces))
            .filter(\.$status ~~ waiting).sort(\.$createdAt).all()
        guard !proposals.isEmpty else { return [] }
        let authors = try await units(ids: proposals.map(\.authorUnitID))
        return proposals.map {
            ProposalSnapshot(id: $0.id!, title: $0.title, authorName: authors[$0.authorUnitID]?.name ?? "",
                             status: ProposalStatus(rawValue: $0.status) ?? .submitted,
                             submittedOn: $0.submittedOn.flatMap(LocalDate.init))
        }
    }

    /// The years of these blocs whose ranking is published, latest first: what a viewer reads.
    func publishedYears(ofBlocs blocs: [BlocModel]) async throws -> [(bloc: BlocModel, year: Int)] {
        guard !blocs.isEmpty else { return [] }
        let years = try await BlocYearModel.query(on: db).filter(\.$bloc.$id ~~ blocs.map { $0.id! }).all()
        guard !years.isEmpty else { return [] }
        let published = Set(try await RankingModel.query(on: db).filter(\.$blocYear.$id ~~ years.map { $0.id! })
            .filter(\.$supersededAt == nil).all().map(\.$blocYear.id))
        let blocByID = Dictionary(blocs.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        return years.filter { published.contains($0.id!) }.sorted { $0.year > $1.year }
            .compactMap { year in blocByID[year.$bloc.id].map { ($0, year.year) } }
    }
}
