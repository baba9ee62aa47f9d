import Fluent
import SQLKit
import Foundation
import ThiDuaCore
import Vapor

/// Kết quả bỏ phiếu: what the year-end conference's ballots decided for awards. The ballots
/// feature (issue 13) provides it; until it is wired, nothing is known and the rules say
/// "cần xem xét" where a ballot is required.
protocol BlocBallotResults: Sendable {
    /// The units the conference confirmed as leader (the suy tôn's elected); nil if unknown.
    func confirmedLeaders(bloc: UUID, year: Int, on db: any Database) async throws -> Set<UUID>?
    /// The units the conference voted to propose for a form (Bằng khen, Cờ Chính phủ).
    func nominations(bloc: UUID, year: Int, on db: any Database) async throws -> [(unit: UUID, code: AwardCode)]
}

extension BlocBallotResults {
    func leaderConfirmed(bloc: UUID, year: Int, unit: UUID, on db: any Database) async throws -> Bool? {
        try await confirmedLeaders(bloc: bloc, year: year, on: db).map { $0.contains(unit) }
    }
}

/// No ballots recorded: every answer is "not known".
struct NoBallotResults: BlocBallotResults {
    func confirmedLeaders(bloc: UUID, year: Int, on db: any Database) async throws -> Set<UUID>? { nil }
    func nominations(bloc: UUID, year: Int, on db: any Database) async throws -> [(unit: UUID, code: AwardCode)] { [] }
}

extension Application {
    private struct BallotResultsKey: StorageKey { typealias Value = any BlocBallotResults }

    /// Where proposals read ballot results; the ballots feature sets its own at boot.
    var ballotResults: any BlocBallotResults {
        get { storage[BallotResultsKey.self] ?? NoBallotResults() }
        set { storage[BallotResultsKey.self] = newValue }
    }
}

/// The awards' rows: records of achievement, proposals, decisions, award records. Loads what
/// the rules read into Core's `RecipientHistory`; writes are audited in the same transaction.
extension RegistryStore {
    // MARK: - Achievements

    func ratings(of subjectIDs: [UUID]) async throws -> [AnnualRatingModel] {
        guard !subjectIDs.isEmpty else { return [] }
        return try await AnnualRatingModel.query(on: db).filter(\.$subjectID ~~ subjectIDs).sort(\.$year).all()
    }

    func discipline(of subjectIDs: [UUID]) async throws -> [DisciplineModel] {
        guard !subjectIDs.isEmpty else { return [] }
        return try await DisciplineModel.query(on: db).filter(\.$subjectID ~~ subjectIDs).sort(\.$date).all()
    }

    func initiatives(of personIDs: [UUID]) async throws -> [InitiativeModel] {
        guard !personIDs.isEmpty else { return [] }
        return try await InitiativeModel.query(on: db).filter(\.$person.$id ~~ personIDs).sort(\.$year).all()
    }

    func awardRecords(of subjectIDs: [UUID]) async throws -> [AwardRecordModel] {
        guard !subjectIDs.isEmpty else { return [] }
        return try await AwardRecordModel.query(on: db).filter(\.$subjectID ~~ subjectIDs).sort(\.$year).sort(\.$decisionDate).all()
    }

    /// One rating a year: a second one for the same year replaces the first (audited).
    func save(_ rating: AnnualRating, subject: AwardSubject, id: UUID, now: Date) async throws -> AnnualRatingModel {
        let existing = try await AnnualRatingModel.query(on: db).filter(\.$subjectID == id).filter(\.$year == rating.year).first()
        let before: [String: String?]? = existing.map { ["rating": $0.rating] }
        let model = existing ?? AnnualRatingModel(subject: subject, subjectID: id, year: rating.year, rating: rating.rating,
                                                  recordedBy: auditor.actorName, at: now)
        model.rating = rating.rating.rawValue
        model.recordedBy = auditor.actorName
        model.recordedAt = now
        guard before?["rating"] != .some(model.rating) else { return model }
        try await model.save(on: db)
        try await auditor.record(on: db, action: before == nil ? "create" : "update", type: "annual_rating", id: model.id?.uuidString,
                                 before: before ?? [:], after: ["subject": subject.rawValue, "subjectID": id.uuidString,
                                                                "year": String(rating.year), "rating": model.rating])
        return model
    }

    func save(_ record: DisciplineRecord, subject: AwardSubject, id: UUID) async throws -> DisciplineModel {
        let model = DisciplineModel(subject: subject, subjectID: id, record: record, recordedBy: auditor.actorName)
        try await model.create(on: db)
        try await auditor.record(on: db, action: "create", type: "discipline", id: model.id?.uuidString,
                                 after: ["subjectID": id.uuidString, "kind": record.kind?.rawValue ?? "review", "date": record.date.iso,
                                         "closedOn": record.closedOn?.iso, "reference": record.reference])
        return model
    }

    func save(_ initiative: Initiative, recognition: String, person: UUID) async throws -> InitiativeModel {
        let model = InitiativeModel(personID: person, initiative: initiative, recognition: recognition, recordedBy: auditor.actorName)
        try await model.create(on: db)
        try await auditor.record(on: db, action: "create", type: "initiative", id: model.id?.uuidString,
                                 after: ["personID": person.uuidString, "title": initiative.title, "year": String(initiative.year),
                                         "level": initiative.level.rawValue, "recognition": recognition])
        return model
    }

    // MARK: - Histories

    /// A person's history: ratings, discipline, initiatives, awards; recruited on their first post.
    func history(ofPerson personID: UUID) async throws -> (history: RecipientHistory, person: PersonModel, assignments: [AssignmentModel]) {
        guard let found = try await histories(ofPeople: [personID]).first else { throw DomainError.notFound("Không tìm thấy người này.") }
        return found
    }

    /// Many people's histories in six statements whatever their number (xét cả danh sách):
    /// each table read once for all of them. In the order of `ids`; unknown ids are left out.
    func histories(ofPeople ids: [UUID]) async throws -> [(history: RecipientHistory, person: PersonModel, assignments: [AssignmentModel])] {
        guard !ids.isEmpty else { return [] }
        let people = Dictionary(try await PersonModel.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let assignments = Dictionary(grouping: try await AssignmentModel.query(on: db).filter(\.$person.$id ~~ ids).with(\.$unit)
            .sort(\.$validFrom, .descending).all(), by: \.$person.id)
        let ratings = Dictionary(grouping: try await ratings(of: ids), by: \.subjectID)
        let discipline = Dictionary(grouping: try await discipline(of: ids), by: \.subjectID)
        let initiatives = Dictionary(grouping: try await initiatives(of: ids), by: \.$person.id)
        let awards = Dictionary(grouping: try await awardRecords(of: ids), by: \.subjectID)
        return ids.compactMap { id in
            guard let person = people[id] else { return nil }
            let posts = assignments[id] ?? []
            let history = RecipientHistory(
                subject: .individual, id: id, name: person.fullName, since: posts.compactMap { LocalDate($0.validFrom) }.min(),
                ratings: (ratings[id] ?? []).compactMap(\.core), discipline: (discipline[id] ?? []).compactMap(\.core),
                initiatives: (initiatives[id] ?? []).map(\.core), awards: (awards[id] ?? []).map(\.core))
            return (history, person, posts)
        }
    }

    /// A collective's history, with its predecessors' years (before a merger) and, per year,
    /// its staff's counts and its place in its blocs.
    func history(ofUnit unitID: UUID, ballots: any BlocBallotResults) async throws -> (history: RecipientHistory, unit: UnitModel) {
        guard let found = try await histories(ofUnits: [unitID], ballots: ballots).first else { throw DomainError.notFound("Không tìm thấy đơn vị này.") }
        return found
    }

    /// Many collectives' histories with each table read once for all of them; the ballots
    /// are asked once per bloc year they stand in, not once per unit.
    func histories(ofUnits ids: [UUID], ballots: any BlocBallotResults) async throws -> [(history: RecipientHistory, unit: UnitModel)] {
        guard !ids.isEmpty else { return [] }
        let units = try await units(ids: ids)
        let lineage = try await lineage(reachingBackFrom: Set(ids))
        let predecessors = Dictionary(ids.map { ($0, Array(Set(lineage.predecessors(of: $0).map(\.to)))) }, uniquingKeysWith: { a, _ in a })
        let everyone = Array(Set(ids + predecessors.values.flatMap { $0 }))
        let ratings = Dictionary(grouping: try await ratings(of: everyone).compactMap { r in r.core.map { (r.subjectID, $0) } }, by: \.0)
            .mapValues { $0.map(\.1) }
        let discipline = Dictionary(grouping: try await discipline(of: ids), by: \.subjectID)
        let awards = Dictionary(grouping: try await awardRecords(of: everyone), by: \.subjectID)
        let summaries = try await memberSummaries(groups: Dictionary(ids.map { ($0, [$0] + (predecessors[$0] ?? [])) }, uniquingKeysWith: { a, _ in a }))
        let standings = try await standings(of: everyone, ballots: ballots)
        return ids.compactMap { unitID in
            guard let unit = units[unitID] else { return nil }
            let before = predecessors[unitID] ?? []
            let ownRatings = ratings[unitID] ?? []
            let ownYears = Set(ownRatings.map(\.year))
            // A predecessor's year counts where the unit has none of its own; of several
            // predecessors, the lowest rating (the chain must hold for all of them).
            var inherited: [Int: TaskRating] = [:]
            for rating in before.flatMap({ ratings[$0] ?? [] }) where !ownYears.contains(rating.year) {
                inherited[rating.year] = min(inherited[rating.year] ?? rating.rating, rating.rating)
            }
            let dissolved = lineage.events(involving: unitID).contains { $0.kind == .dissolve && $0.sources.contains(unitID) }
            let history = RecipientHistory(
                subject: .collective, id: unitID, name: unit.name, since: LocalDate(unit.validFrom), existence: unit.core.existence,
                dissolved: dissolved, ratings: ownRatings + inherited.map { AnnualRating(year: $0.key, rating: $0.value) },
                discipline: (discipline[unitID] ?? []).compactMap(\.core),
                awards: ([unitID] + before).flatMap { awards[$0] ?? [] }.sorted { ($0.year, $0.decisionDate) < ($1.year, $1.decisionDate) }.map(\.core),
                memberSummaries: summaries[unitID] ?? [],
                standings: BlocStanding.carried(own: standings[unitID] ?? [], predecessors: before.map { standings[$0] ?? [] }),
                predecessorYears: Set(inherited.keys))
            return (history, unit)
        }
    }

    /// Per year, the staff of these units then: how many, with LĐTT, with CSTĐCS, rated below
    /// HTNV, disciplined at cảnh cáo or above. Reads only the columns it counts (a unit of a
    /// hundred people has a thousand ratings and awards: decoding them as models was most of
    /// a collective's check).
    func memberSummaries(of unitIDs: [UUID]) async throws -> [MemberSummary] {
        guard let key = unitIDs.first else { return [] }
        return try await memberSummaries(groups: [key: unitIDs])[key] ?? []
    }

    /// `memberSummaries(of:)` for several groups of units at once (a unit and its
    /// predecessors, each), every table read once.
    func memberSummaries(groups: [UUID: [UUID]]) async throws -> [UUID: [MemberSummary]] {
        let allUnits = Array(Set(groups.values.flatMap { $0 }))
        guard !allUnits.isEmpty else { return [:] }
        let assignments = try await AssignmentModel.query(on: db).filter(\.$unit.$id ~~ allUnits).all()
        let people = Array(Set(assignments.map(\.$person.id)))
        guard !people.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        struct Fact: Decodable { var subject_id: UUID; var year: Int; var value: String }
        let ids = SQLBind.group(people)
        let ratings = try await sql.select().column("subject_id").column("year").column(SQLAlias(SQLColumn("rating"), as: "value"))
            .from("annual_ratings").where("subject_id", .in, ids).all(decoding: Fact.self)
        let awards = try await sql.select().column("subject_id").column("year").column(SQLAlias(SQLColumn("code"), as: "value"))
            .from("award_records").where("subject_id", .in, ids).all(decoding: Fact.self)
        let warned = DisciplineKind.allCases.filter { $0 >= .warning }.map(\.rawValue)
        let discipline = try await sql.select().column("subject_id").column("date").from("discipline_records")
            .where("subject_id", .in, ids).where("kind", .in, SQLBind.group(warned)).all()
            .map { (person: try $0.decode(column: "subject_id", as: UUID.self), date: try $0.decode(column: "date", as: String.self)) }
        return groups.mapValues { unitIDs in
            let units = Set(unitIDs)
            let posts = assignments.filter { units.contains($0.$unit.id) }
            let mine = Set(posts.map(\.$person.id))
            let myRatings = ratings.filter { mine.contains($0.subject_id) }
            let myAwards = awards.filter { mine.contains($0.subject_id) }
            let years = Set(myRatings.map(\.year)).union(myAwards.map(\.year))
            return years.sorted().map { year in
                let wholeYear = DatePeriod(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
                let staff = Set(posts.filter { $0.core.period.overlaps(wholeYear) }.map(\.$person.id))
                func holders(_ code: AwardCode) -> Int {
                    Set(myAwards.filter { $0.year == year && $0.value == code.rawValue && staff.contains($0.subject_id) }.map(\.subject_id)).count
                }
                let below = Set(myRatings.filter { $0.year == year && staff.contains($0.subject_id) && $0.value == TaskRating.notCompleted.rawValue }
                    .map(\.subject_id)).count
                let disciplined = Set(discipline.filter { staff.contains($0.person) && $0.date.hasPrefix(String(year)) }.map(\.person)).count
                return MemberSummary(year: year, members: staff.count, advancedWorkers: holders(.advancedWorker),
                                     baseSoldiers: holders(.baseEmulationSoldier), belowCompleted: below, disciplinedWarningOrAbove: disciplined)
            }
        }
    }

    /// Each unit's rank in each published ranking (the current version), with the ballot's
    /// word: the memberships, the years, the rankings read once; the ballots once a year.
    func standings(of unitIDs: [UUID], ballots: any BlocBallotResults) async throws -> [UUID: [BlocStanding]] {
        var result: [UUID: [BlocStanding]] = [:]
        let memberships = try await MembershipModel.query(on: db).filter(\.$unit.$id ~~ unitIDs).all()
        let blocIDs = Array(Set(memberships.map(\.$bloc.id)))
        let years = blocIDs.isEmpty ? [] : try await BlocYearModel.query(on: db).filter(\.$bloc.$id ~~ blocIDs).with(\.$bloc).all()
        var current: [UUID: RankingModel] = [:]
        if !years.isEmpty {
            for ranking in try await RankingModel.query(on: db).filter(\.$blocYear.$id ~~ years.map { $0.id! }).filter(\.$supersededAt == nil).all()
            where (current[ranking.$blocYear.id]?.version ?? Int.min) < ranking.version {
                current[ranking.$blocYear.id] = ranking
            }
        }
        let wanted = Set(unitIDs)
        for year in years {
            guard let ranking = current[year.id!]?.result else { continue }
            // A row of a ranking is a member's of that bloc year.
            let rows = ranking.rows.filter { wanted.contains($0.unitID) }
            guard !rows.isEmpty else { continue }
            let confirmed = try await ballots.confirmedLeaders(bloc: year.$bloc.id, year: year.year, on: db)
            for row in rows {
                // Rank 1 leads only when the ranking names it leader (no disqualifier, no tie).
                let rank = row.rank == 1 && ranking.leader != row.unitID ? 2 : row.rank
                result[row.unitID, default: []].append(BlocStanding(year: year.year, blocName: year.bloc.name, rank: rank,
                                                                    ballotConfirmed: confirmed.map { $0.contains(row.unitID) }))
            }
        }
        // Past years recorded from the reports of then (issue 14 part 9): the report's rank;
        // no ballot of ThiDua's is known for them.
        for row in try await BlocHistoryStandingModel.query(on: db).filter(\.$unit.$id ~~ unitIDs)
            .join(BlocHistoryYearModel.self, on: \BlocHistoryStandingModel.$history.$id == \BlocHistoryYearModel.$id)
            .join(BlocModel.self, on: \BlocHistoryYearModel.$bloc.$id == \BlocModel.$id).all() {
            let (recorded, bloc) = (try row.joined(BlocHistoryYearModel.self), try row.joined(BlocModel.self))
            result[row.$unit.id, default: []].append(BlocStanding(year: recorded.year, blocName: bloc.name, rank: row.rank, ballotConfirmed: nil))
        }
        return result
    }

    /// The ranking as last published (not superseded).
    func currentRanking(of yearID: UUID) async throws -> RankingResult? {
        try await RankingModel.query(on: db).filter(\.$blocYear.$id == yearID).filter(\.$supersededAt == nil)
            .sort(\.$version, .descending).first()?.result
    }

    // MARK: - Proposals

    func proposal(_ id: UUID) async throws -> AwardProposalModel {
        guard let model = try await AwardProposalModel.find(id, on: db) else { throw DomainError.notFound("Không tìm thấy tờ trình này.") }
        return model
    }

    func lines(of proposalID: UUID) async throws -> [AwardProposalLineModel] {
        try await AwardProposalLineModel.query(on: db).filter(\.$proposal.$id == proposalID).sort(\.$position).all()
    }

    func events(ofProposal proposalID: UUID) async throws -> [AwardProposalEventModel] {
        try await AwardProposalEventModel.query(on: db).filter(\.$proposal.$id == proposalID).sort(\.$at).all()
    }

    func decision(ofProposal proposalID: UUID) async throws -> AwardDecisionModel? {
        try await AwardDecisionModel.query(on: db).filter(\.$proposal.$id == proposalID).first()
    }

    /// Moves a proposal by Core's machine and writes its history and the audit entry.
    func move(_ proposal: AwardProposalModel, _ action: ProposalAction, reason: String?, details: [String: String?] = [:],
              now: Date) async throws {
        let from = proposal.proposalStatus
        let to = try ProposalMachine.next(from, action, reason: reason)
        let note = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        proposal.status = to.rawValue
        if action == .returnToAuthor { proposal.returnReason = note }
        try await proposal.save(on: db)
        try await logEvent(proposal, action: action.rawValue, from: from, to: to, reason: note, details: details, now: now)
    }

    /// `details`: what else the step changed (lines, the council's votes), for the audit entry.
    func logEvent(_ proposal: AwardProposalModel, action: String, from: ProposalStatus, to: ProposalStatus, reason: String?,
                  details: [String: String?] = [:], now: Date) async throws {
        let event = AwardProposalEventModel()
        event.$proposal.id = proposal.id!
        event.action = action
        event.fromStatus = from.rawValue
        event.toStatus = to.rawValue
        event.reason = reason
        event.actorName = auditor.actorName
        event.at = now
        try await event.create(on: db)
        try await auditor.record(on: db, action: action, type: "award_proposal", id: proposal.id?.uuidString,
                                 before: ["status": from.rawValue],
                                 after: details.merging(["status": to.rawValue, "reason": reason]) { $1 })
    }

    // MARK: - Statistics

    func awardRecords(ofProvinces provinces: Set<UUID>, year: Int?) async throws -> [AwardRecordModel] {
        guard !provinces.isEmpty else { return [] }
        var query = AwardRecordModel.query(on: db).filter(\.$provinceID ~~ Array(provinces))
        if let year { query = query.filter(\.$year == year) }
        return try await query.all()
    }
}
