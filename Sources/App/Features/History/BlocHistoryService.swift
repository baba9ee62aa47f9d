import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What the form or a JSON body sends for a past year: text, checked in Core (`BlocHistory`).
struct HistoryStandingInput: Content, Sendable { var unitID: String?; var rank: String?; var points: String? }
struct HistoryAwardInput: Content, Sendable { var unitID: String?; var awardCode: String?; var decisionNumber: String?; var decisionDate: String? }
struct HistoryYearInput: Content, Sendable {
    /// The report or decision of then the year is recorded from.
    var source: String?
    var headUnitID: String?
    var deputyUnitID: String?
    var standings: [HistoryStandingInput]?
    var awards: [HistoryAwardInput]?
}

/// A recorded year as the API and the page show it: names as they were that year.
struct RecordedYearDTO: Content {
    struct Standing: Content { var unitID: UUID; var unitNameThen: String; var rank: Int; var points: String? }
    struct Office: Content { var unitID: UUID; var unitNameThen: String }
    struct Award: Content { var id: UUID; var unitID: UUID; var unitNameThen: String; var awardCode: String; var awardName: String
        var decisionNumber: String; var decisionDate: String }
    var id: UUID
    var blocID: UUID
    var year: Int
    var source: String
    var recordedBy: String
    var standings: [Standing]
    var head: Office?
    var deputy: Office?
    var awards: [Award]
}

/// The past years of a bloc (issue 14 part 9): the one path of the page and the API. Records
/// a year ThiDua did not run — the bloc's ranking, head and deputy, awards — so that the
/// consecutive-year chains of eligibility read it like a year run here.
struct BlocHistoryService {
    let req: Request

    var catalogue: AwardCatalogue { .standard }

    /// Ghi lại một năm đã qua: authorise (the province or its successor, a year of the
    /// bloc's validity, not the future), check in Core, write and audit in one transaction.
    func record(blocID: UUID, year: Int, _ input: HistoryYearInput) async throws -> BlocHistoryYearModel {
        let store = req.registry
        let bloc = try await store.bloc(blocID)
        try req.authorize(.recordHistory, ResourceFacts.blocHistory(bloc))
        try BlocHistory.checkYear(year, validity: bloc.core.validity, today: req.today)
        if try await store.blocYearIfOpened(blocID, year) != nil {
            throw DomainError.conflict("Năm \(year) của khối đã được điều hành trên ThiDua: kết quả có trong năm thi đua, không ghi lại được.")
        }
        if let existing = try await recorded(blocID: blocID, year: year) {
            throw DomainError.conflict("Năm \(year) của khối đã được ghi lại (theo «\(existing.source)»).")
        }
        let memberships = try await store.memberships(ofBloc: blocID)
        // Units the request names that are not members: named in the refusal all the same.
        let sent = ((input.standings ?? []).map(\.unitID) + (input.awards ?? []).map(\.unitID) + [input.headUnitID, input.deputyUnitID])
            .compactMap { $0.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) } }
        let others = try await store.units(ids: Array(Set(sent).subtracting(memberships.map(\.$unit.id)).prefix(BlocHistory.maximumRows)))
        let names = try await store.namesThen(memberships.map(\.unit) + others.values, year: year)
        let onRecord = Set(try await AwardRecordModel.query(on: req.db).filter(\.$subjectID ~~ memberships.map(\.$unit.id))
            .filter(\.$year == year).all().map { AwardHistoryImport.key(subjectID: $0.subjectID, code: AwardCode($0.code), year: $0.year) })
        let recorded = try BlocHistory.validated(
            year: year, source: input.source,
            standings: (input.standings ?? []).map { .init(unitID: $0.unitID, rank: $0.rank, points: $0.points) },
            head: input.headUnitID, deputy: input.deputyUnitID,
            awards: (input.awards ?? []).map { .init(unitID: $0.unitID, awardCode: $0.awardCode, decisionNumber: $0.decisionNumber,
                                                     decisionDate: $0.decisionDate) },
            memberships: memberships.map(\.core), names: names, catalogue: catalogue, recorded: onRecord, today: req.today)
        let offices = try await store.head(ofBloc: blocID, year: year)
        for (role, sent, known) in [(BlocOfficeRole.head, recorded.head, offices.head), (.deputy, recorded.deputy, offices.deputy)] {
            if let sent, let known, sent != known {
                let title = role == .head ? bloc.core.kind.headTitle : bloc.core.kind.deputyTitle
                throw DomainError.conflict("\(title) năm \(year) đã được ghi nhận là «\(names[known] ?? "")»; không ghi khác được.")
            }
        }
        let now = req.thidua.now()
        let province = bloc.$province.id
        return try await req.write { store in
            // Asked again inside the write: a year opened (or recorded) at the same moment.
            if try await store.blocYearIfOpened(blocID, year) != nil {
                throw DomainError.conflict("Năm \(year) của khối đã được điều hành trên ThiDua: kết quả có trong năm thi đua, không ghi lại được.")
            }
            let model = BlocHistoryYearModel(blocID: blocID, year: year, source: recorded.source, recordedBy: store.auditor.actorName, at: now)
            try await model.create(on: store.db)
            for standing in recorded.standings {
                try await BlocHistoryStandingModel(historyID: model.id!, standing: standing).create(on: store.db)
            }
            try await store.auditor.record(on: store.db, action: "create", type: "bloc_history_year", id: model.id?.uuidString, after: [
                "blocID": blocID.uuidString, "year": String(year), "source": recorded.source,
                "standings": recorded.standings.map { "\($0.unitID.uuidString):\($0.rank)" + ($0.points.map { ":\($0)" } ?? "") }
                    .joined(separator: ","),
                "head": recorded.head?.uuidString, "deputy": recorded.deputy?.uuidString,
            ])
            for (role, unit, known) in [(BlocOfficeRole.head, recorded.head, offices.head), (.deputy, recorded.deputy, offices.deputy)] {
                guard let unit, known == nil else { continue }
                try await store.save(BlocOffice(blocID: blocID, year: year, role: role, unitID: unit, basis: .recorded))
            }
            for award in recorded.awards {
                // The year it was given for: a chain for the same form does not count it again.
                let record = AwardRecordModel(subject: .collective, subjectID: award.unitID, unitID: award.unitID, blocID: blocID,
                                              provinceID: province, code: award.code, year: year, decisionNumber: award.decisionNumber,
                                              decisionDate: award.decisionDate, basis: AwardBasis(years: [year]))
                try await record.create(on: store.db)
                try await store.auditor.record(on: store.db, action: "create", type: "award_record", id: record.id?.uuidString, after: [
                    "recipient": names[award.unitID], "code": award.code.rawValue, "year": String(year),
                    "decision": award.decisionNumber, "basisYears": record.basisYears, "history": model.id?.uuidString,
                ])
            }
            return model
        }
    }

    func recorded(blocID: UUID, year: Int) async throws -> BlocHistoryYearModel? {
        try await BlocHistoryYearModel.query(on: req.db).filter(\.$bloc.$id == blocID).filter(\.$year == year).first()
    }

    /// Every recorded year of the bloc, newest first, with the names of then.
    func years(blocID: UUID) async throws -> [RecordedYearDTO] {
        let models = try await BlocHistoryYearModel.query(on: req.db).filter(\.$bloc.$id == blocID)
            .with(\.$standings) { $0.with(\.$unit) }.sort(\.$year, .descending).all()
        guard !models.isEmpty else { return [] }
        let offices = try await req.registry.offices(ofBloc: blocID)
        let awards = try await AwardRecordModel.query(on: req.db).filter(\.$blocID == blocID).filter(\.$decisionID == nil)
            .filter(\.$year ~~ models.map(\.year)).all()
        let unitIDs = Set(models.flatMap { $0.standings.map(\.$unit.id) }).union(offices.map(\.$unit.id)).union(awards.map(\.unitID))
        let units = try await req.registry.units(ids: Array(unitIDs))
        var result: [RecordedYearDTO] = []
        for model in models {
            let names = try await req.registry.namesThen(Array(units.values), year: model.year)
            let office = { (role: BlocOfficeRole) in
                offices.first { $0.year == model.year && $0.role == role.rawValue }.map {
                    RecordedYearDTO.Office(unitID: $0.$unit.id, unitNameThen: names[$0.$unit.id] ?? $0.unit.name)
                }
            }
            result.append(RecordedYearDTO(
                id: model.id!, blocID: blocID, year: model.year, source: model.source, recordedBy: model.recordedBy,
                standings: model.standings.sorted { $0.rank < $1.rank }.map {
                    .init(unitID: $0.$unit.id, unitNameThen: names[$0.$unit.id] ?? $0.unit.name, rank: $0.rank,
                          points: $0.core.points?.description)
                },
                head: office(.head), deputy: office(.deputy),
                awards: awards.filter { $0.year == model.year }.sorted { ($0.decisionDate, $0.code) < ($1.decisionDate, $1.code) }.map {
                    .init(id: $0.id!, unitID: $0.unitID, unitNameThen: names[$0.unitID] ?? "", awardCode: $0.code,
                          awardName: catalogue.type(AwardCode($0.code))?.name ?? $0.code, decisionNumber: $0.decisionNumber,
                          decisionDate: $0.decisionDate)
                }))
        }
        return result
    }

}

extension RegistryStore {
    /// Each unit's name as of the year's last day, as that year's reports name it (the
    /// lineage undoes the renames after it).
    func namesThen(_ units: [UnitModel], year: Int) async throws -> [UUID: String] {
        let lineage = try await lineage(ofUnits: Set(units.compactMap(\.id)))
        let day = LocalDate(year: year, month: 12, day: 31)!
        return Dictionary(units.map { ($0.id!, lineage.name(of: $0.id!, on: day, current: $0.name)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each office's unit (loaded with it) named as of the office's year.
    func namesThen(of offices: [BlocOfficeModel]) async throws -> [UUID: String] {
        let lineage = try await lineage(ofUnits: Set(offices.map(\.$unit.id)))
        return Dictionary(offices.map { office in
            (office.id!, lineage.name(of: office.$unit.id, on: LocalDate(year: office.year, month: 12, day: 31)!, current: office.unit.name))
        }, uniquingKeysWith: { a, _ in a })
    }
}

extension ResourceFacts {
    /// The past years of the bloc: its province's (or, after a merger, the successor's,
    /// through `Actor.inheritedOfficerProvinces`) to record.
    static func blocHistory(_ model: BlocModel) -> Resource {
        .blocHistory(province: model.$province.id)
    }
}
