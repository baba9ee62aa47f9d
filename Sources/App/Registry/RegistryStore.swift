import Fluent
import FluentSQL
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// Reads and writes the registry: loads rows, maps them to Core values, asks Core, stores
/// what Core returns. Pages and the API both go through here, so a rule holds for both.
struct RegistryStore {
    let db: any Database
    /// Who the writes are recorded as, in the audit log of the same transaction.
    let auditor: Auditor
    /// A GET request's reads, made once (the guard, the context and the page ask alike).
    var reads: RequestReads? = nil

    /// `load`'s value, read once per GET request under `key`.
    func once<T: Sendable>(_ key: String, _ load: () async throws -> T) async throws -> T {
        guard let reads else { return try await load() }
        return try await reads.value(key, load)
    }

    /// Creates or updates the row of a Core value, auditing the change.
    func upsert<M: Model & Audited & StoresCoreValue>(_ value: M.Value, id: UUID, as type: M.Type) async throws -> M
        where M.IDValue == UUID {
        let existing = try await M.find(id, on: db)
        let before = existing?.auditFields
        let model = existing ?? M(value)
        model.update(from: value)
        try await persist(model, before: before)
        return model
    }

    /// Saves a row and appends the change to the audit log (nothing when nothing changed).
    func persist<M: Model & Audited>(_ model: M, before: [String: String?]?) async throws {
        try await model.save(on: db)
        let after = model.auditFields
        guard before != after else { return }
        try await auditor.record(on: db, action: before == nil ? "create" : "update", type: M.auditType,
                                 id: (model.id as? UUID)?.uuidString, before: before ?? [:], after: after)
    }

    /// New rows, `chunk` to a statement, each with its own audit entry (the entries of a
    /// chunk in one statement too): an import of 100 000 people costs hundreds of statements,
    /// not a million. Only for rows Core has checked against what is stored, as an import's
    /// preview does (run again at the confirmation). Call inside a transaction.
    func createAll<M: Model & Audited>(_ models: [M], chunk: Int = 500) async throws where M.IDValue == UUID {
        var start = 0
        while start < models.count {
            let part = Array(models[start..<min(start + chunk, models.count)])
            try await part.create(on: db)
            try await Auditor.record(part.map {
                Auditor.Entry(auditor: auditor, action: "create", type: M.auditType, id: $0.id?.uuidString, after: $0.auditFields)
            }, on: db)
            start += chunk
        }
    }

    // MARK: - Search

    /// A list query as pages and the API take it: text search without diacritics, filters,
    /// sort in Vietnamese order, pages.
    struct ListQuery: Sendable {
        var text: String?
        var provinceID: UUID?
        var kind: String?
        var page: Int = 1
        var per: Int = 20
        var descending: Bool = false
        /// The provinces the actor may read; nil for all (admin).
        var provinceScope: Set<UUID>? = nil
        /// People: the provinces and units whose staff the actor may see; nil for all.
        var peopleScope: (provinces: Set<UUID>, units: Set<UUID>)? = nil

        static let maximumPer = 200

        var pageRequest: PageRequest { PageRequest(page: max(page, 1), per: min(max(per, 1), Self.maximumPer)) }
        /// Each word must appear in the search key, in any order.
        var words: [String] {
            VietnameseText.searchKey(text ?? "").split(separator: " ").map(String.init)
        }
    }

    // MARK: - Provinces

    func provinces(_ query: ListQuery) async throws -> Page<ProvinceModel> {
        var builder = ProvinceModel.query(on: db)
        if let scope = query.provinceScope { builder = builder.filter(\.$id ~~ Array(scope)) }
        for word in query.words { builder = builder.filter(\.$searchKey ~~ word) }
        if let kind = query.kind, !kind.isEmpty { builder = builder.filter(\.$kind == kind) }
        return try await builder.sort(\.$sortKey, query.descending ? .descending : .ascending)
            .sort(\.$code).paginate(query.pageRequest)
    }

    func allProvinces() async throws -> [ProvinceModel] {
        try await ProvinceModel.query(on: db).sort(\.$sortKey).all()
    }

    /// The provinces whose registry the actor may write to: all for an admin, their own for
    /// a provincial officer, their unit's for a unit officer.
    func provincesForWriting() async throws -> [ProvinceModel] {
        let all = try await allProvinces()
        guard let actor = auditor.actor, !actor.isAdmin else { return all }
        let scope = actor.officerProvinces.union(actor.officerUnits.compactMap { actor.unitProvinces[$0] })
        return all.filter { scope.contains($0.id!) }
    }

    func province(_ id: UUID?) async throws -> ProvinceModel {
        guard let id, let model = try await ProvinceModel.find(id, on: db) else {
            throw DomainError.notFound("Không tìm thấy tỉnh này.")
        }
        return model
    }

    func save(_ province: Province) async throws -> ProvinceModel {
        let clash = try await ProvinceModel.query(on: db).filter(\.$code == province.code)
            .filter(\.$id != province.id).first()
        if clash != nil {
            throw DomainError.invalid(field: "code", "Mã tỉnh «\(province.code)» đã được dùng cho \(clash!.name).")
        }
        return try await upsert(province, id: province.id, as: ProvinceModel.self)
    }

    // MARK: - Units

    func units(_ query: ListQuery) async throws -> Page<UnitModel> {
        var builder = UnitModel.query(on: db).with(\.$province)
        if let scope = query.provinceScope { builder = builder.filter(\.$province.$id ~~ Array(scope)) }
        for word in query.words { builder = builder.filter(\.$searchKey ~~ word) }
        if let province = query.provinceID { builder = builder.filter(\.$province.$id == province) }
        if let kind = query.kind, !kind.isEmpty { builder = builder.filter(\.$kind == kind) }
        return try await builder.sort(\.$sortKey, query.descending ? .descending : .ascending)
            .sort(\.$shortName).paginate(query.pageRequest)
    }

    func unit(_ id: UUID?) async throws -> UnitModel {
        guard let id, let model = try await UnitModel.query(on: db).filter(\.$id == id).with(\.$province).first() else {
            throw DomainError.notFound("Không tìm thấy đơn vị này.")
        }
        return model
    }

    func units(ids: [UUID]) async throws -> [UUID: UnitModel] {
        guard !ids.isEmpty else { return [:] }
        let models = try await UnitModel.query(on: db).filter(\.$id ~~ ids).with(\.$province).all()
        return Dictionary(uniqueKeysWithValues: models.map { ($0.id!, $0) })
    }

    func unitsOfProvince(_ provinceID: UUID) async throws -> [UnitModel] {
        try await UnitModel.query(on: db).filter(\.$province.$id == provinceID).sort(\.$sortKey).all()
    }

    func allUnits() async throws -> [UnitModel] {
        try await UnitModel.query(on: db).with(\.$province).sort(\.$sortKey).all()
    }

    /// Short names used by the province's other units, for the uniqueness rule.
    func shortNames(inProvince provinceID: UUID?, excluding unitID: UUID?) async throws -> Set<String> {
        guard let provinceID else { return [] }
        var builder = UnitModel.query(on: db).filter(\.$province.$id == provinceID)
        if let unitID { builder = builder.filter(\.$id != unitID) }
        return Set(try await builder.all().map(\.shortName))
    }

    func save(_ unit: OrgUnit) async throws -> UnitModel {
        _ = try await province(unit.provinceID)
        return try await upsert(unit, id: unit.id, as: UnitModel.self)
    }

    // MARK: - Reorganisations

    func lineage(of subject: LineageSubjectKind) async throws -> Lineage {
        Lineage(events: try await events(of: subject).map(\.core))
    }

    /// The lineage as far as it touches these units: enough for their names and provinces on
    /// a day (renames and transfers keep a unit's id), without reading every event.
    /// One statement: every participant of the unit events that touch them, joined to its event
    /// (a subquery finds the events), where a lookup and an eager load took three.
    func lineage(ofUnits ids: Set<UUID>) async throws -> Lineage {
        guard !ids.isEmpty else { return Lineage(events: []) }
        let participants = ReorganisationParticipantModel.schema
        let touching = SQLSubquery.select {
            $0.column("event_id").from(participants).where("subject_id", .in, SQLBind.group(Array(ids)))
        }
        let rows = try await ReorganisationParticipantModel.query(on: db)
            .join(ReorganisationEventModel.self, on: \ReorganisationParticipantModel.$event.$id == \ReorganisationEventModel.$id)
            .filter(ReorganisationEventModel.self, \.$subject == LineageSubjectKind.unit.rawValue)
            .filter(.sql(SQLBinaryExpression(SQLColumn("event_id", table: participants), .in, touching)))
            .all()
        var events: [UUID: ReorganisationEventModel] = [:]
        var grouped: [UUID: [ReorganisationParticipantModel]] = [:]
        for row in rows {
            let id = row.$event.id
            if events[id] == nil { events[id] = try row.joined(ReorganisationEventModel.self) }
            grouped[id, default: []].append(row)
        }
        // Newest first, as the lineage reads them; one day's events in a fixed order.
        let ordered = events.values.sorted { ($0.effectiveDate, $1.id!.uuidString) > ($1.effectiveDate, $0.id!.uuidString) }
        for event in ordered { event.$participants.value = grouped[event.id!] ?? [] }
        return Lineage(events: ordered.map(\.core))
    }

    /// The lineage as far as it reaches back from these units: the events that touch them and,
    /// through every merger or split, their predecessors' — what a unit's history needs, in
    /// two statements a generation however many events the nation has recorded.
    func lineage(reachingBackFrom ids: Set<UUID>) async throws -> Lineage {
        var known = ids
        var lineage = try await lineage(ofUnits: known)
        // Bounded: a chain of reorganisations is a handful deep; 32 generations is far beyond.
        for _ in 0..<32 {
            let earlier = lineage.events.filter { ($0.kind == .merge || $0.kind == .split) && !known.isDisjoint(with: $0.targets) }
                .flatMap(\.sources)
            let found = known.union(earlier)
            guard found != known else { break }
            known = found
            lineage = try await self.lineage(ofUnits: known)
        }
        return lineage
    }

    func events(of subject: LineageSubjectKind) async throws -> [ReorganisationEventModel] {
        try await ReorganisationEventModel.query(on: db).filter(\.$subject == subject.rawValue)
            .with(\.$participants).sort(\.$effectiveDate, .descending).all()
    }

    /// Checks a reorganisation of units, stores it and applies it: sources end, a renamed
    /// unit takes its new name, a moved unit its new province, memberships of ended units
    /// close. Call inside a transaction.
    func record(unitEvent event: ReorganisationEvent) async throws {
        let models = try await units(ids: Array(event.involved))
        var event = event
        if event.kind == .rename || event.kind == .transfer, let id = event.sources.first, let unit = models[id] {
            event.previousName = unit.name
            event.previousShortName = unit.shortName
            event.fromProvinceID = unit.$province.id
        }
        try Reorganisation.validate(event, subjects: models.mapValues { $0.core.lineageSubject })
        if event.kind == .rename, let id = event.sources.first, let newShort = event.newShortName, !newShort.isEmpty,
           let unit = models[id] {
            let taken = try await shortNames(inProvince: unit.$province.id, excluding: id)
            if taken.contains(where: { VietnameseText.searchKey($0) == VietnameseText.searchKey(newShort) }) {
                throw DomainError.invalid(field: "newShortName", "Tên viết tắt «\(newShort)» đã được một đơn vị khác trong tỉnh sử dụng.")
            }
        }
        try await store(event, subject: .unit)
        for model in models.values {
            let before = model.core
            let after = Reorganisation.apply(event, to: before)
            guard after != before else { continue }
            let fields = model.auditFields
            model.update(from: after)
            try await persist(model, before: fields)
            let memberships = try await MembershipModel.query(on: db).filter(\.$unit.$id == after.id).all()
            for closed in Reorganisation.closingMemberships(memberships.map(\.core), of: after) {
                if let row = memberships.first(where: { $0.id == closed.id }) {
                    let rowFields = row.auditFields
                    row.update(from: closed)
                    try await persist(row, before: rowFields)
                }
            }
            let posts = try await AssignmentModel.query(on: db).filter(\.$unit.$id == after.id).all()
            for closed in Reorganisation.closingAssignments(posts.map(\.core), of: after) {
                if let row = posts.first(where: { $0.id == closed.id }) {
                    let rowFields = row.auditFields
                    row.update(from: closed)
                    try await persist(row, before: rowFields)
                }
            }
        }
    }

    /// Checks, stores and applies a reorganisation of provinces. Call inside a transaction.
    func record(provinceEvent event: ReorganisationEvent) async throws {
        let models = try await ProvinceModel.query(on: db).filter(\.$id ~~ Array(event.involved)).all()
        let byID = Dictionary(uniqueKeysWithValues: models.map { ($0.id!, $0) })
        var event = event
        if event.kind == .rename, let id = event.sources.first { event.previousName = byID[id]?.name }
        guard [.merge, .split, .rename].contains(event.kind) else {
            throw DomainError.invalid(field: "kind", "Tỉnh chỉ có thể hợp nhất, chia tách hoặc đổi tên.")
        }
        try Reorganisation.validate(event, subjects: byID.mapValues { $0.core.lineageSubject }, subjectLabel: "tỉnh")
        try await store(event, subject: .province)
        for model in models {
            let after = Reorganisation.apply(event, to: model.core)
            if after != model.core {
                let fields = model.auditFields
                model.update(from: after)
                try await persist(model, before: fields)
            }
        }
    }

    private func store(_ event: ReorganisationEvent, subject: LineageSubjectKind) async throws {
        let model = ReorganisationEventModel(event, subject: subject)
        try await model.create(on: db)
        var after = model.auditFields
        after["sources"] = event.sources.map(\.uuidString).joined(separator: ",")
        after["targets"] = event.targets.map(\.uuidString).joined(separator: ",")
        try await auditor.record(on: db, action: "create", type: ReorganisationEventModel.auditType,
                                 id: event.id.uuidString, after: after)
        var position = 0
        for (role, ids) in [("source", event.sources), ("target", event.targets)] {
            for id in ids {
                try await ReorganisationParticipantModel(eventID: event.id, subjectID: id, role: role, position: position)
                    .create(on: db)
                position += 1
            }
        }
    }

    // MARK: - Blocs

    func blocs(_ query: ListQuery) async throws -> Page<BlocModel> {
        var builder = BlocModel.query(on: db).with(\.$province)
        if let scope = query.provinceScope { builder = builder.filter(\.$province.$id ~~ Array(scope)) }
        for word in query.words { builder = builder.filter(\.$searchKey ~~ word) }
        if let province = query.provinceID { builder = builder.filter(\.$province.$id == province) }
        if let kind = query.kind, !kind.isEmpty { builder = builder.filter(\.$kind == kind) }
        return try await builder.sort(\.$sortKey, query.descending ? .descending : .ascending)
            .sort(\.$validFrom).paginate(query.pageRequest)
    }

    func bloc(_ id: UUID?) async throws -> BlocModel {
        guard let id, let model = try await once("bloc \(id)", { () async throws -> BlocModel? in
            // Its province joined: one statement, not two as `with` would take.
            let found = try await BlocModel.query(on: db).filter(\.$id == id)
                .join(ProvinceModel.self, on: \BlocModel.$province.$id == \ProvinceModel.$id).first()
            if let found { found.$province.value = try found.joined(ProvinceModel.self) }
            return found
        }) else {
            throw DomainError.notFound("Không tìm thấy khối, cụm thi đua này.")
        }
        return model
    }

    func save(_ bloc: Bloc) async throws -> BlocModel {
        _ = try await province(bloc.provinceID)
        return try await upsert(bloc, id: bloc.id, as: BlocModel.self)
    }

    /// With their units joined: one statement.
    func memberships(ofBloc blocID: UUID) async throws -> [MembershipModel] {
        let rows = try await MembershipModel.query(on: db).filter(\.$bloc.$id == blocID)
            .join(UnitModel.self, on: \MembershipModel.$unit.$id == \UnitModel.$id).all()
        for row in rows { row.$unit.value = try row.joined(UnitModel.self) }
        return rows
    }

    func memberships(ofUnit unitID: UUID) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: db).filter(\.$unit.$id == unitID).with(\.$bloc).sort(\.$validFrom).all()
    }

    /// The members in force on a day, in Vietnamese order of their names as they were then.
    func members(ofBloc blocID: UUID, on date: LocalDate) async throws -> [(membership: MembershipModel, nameThen: String)] {
        let all = try await memberships(ofBloc: blocID)
        let inForce = Set(Membership.inForce(all.map(\.core), on: date).map(\.id))
        let lineage = try await lineage(ofUnits: Set(all.filter { inForce.contains($0.id!) }.map(\.$unit.id)))
        // Each name's sort key once, not at every comparison.
        return all.filter { inForce.contains($0.id!) }
            .map { member -> (key: String, member: (membership: MembershipModel, nameThen: String)) in
                let name = lineage.name(of: member.$unit.id, on: date, current: member.unit.name)
                return (VietnameseText.sortKey(name), (member, name))
            }
            .sorted { $0.key < $1.key }.map(\.member)
    }

    /// Checks and stores a membership. Call inside a transaction.
    func save(_ membership: Membership) async throws -> MembershipModel {
        let bloc = try await bloc(membership.blocID)
        let unit = try await UnitModel.find(membership.unitID, on: db)
        let others = try await memberships(ofBloc: membership.blocID).map(\.core)
        try Membership.validate(membership, bloc: bloc.core, unit: unit?.core, others: others)
        return try await upsert(membership, id: membership.id, as: MembershipModel.self)
    }

    func save(_ office: BlocOffice) async throws {
        try await persist(BlocOfficeModel(office), before: nil)
    }

    func offices(ofBloc blocID: UUID) async throws -> [BlocOfficeModel] {
        try await BlocOfficeModel.query(on: db).filter(\.$bloc.$id == blocID).with(\.$unit)
            .sort(\.$year, .descending).sort(\.$role).all()
    }

    func offices(ofUnit unitID: UUID) async throws -> [BlocOfficeModel] {
        try await BlocOfficeModel.query(on: db).filter(\.$unit.$id == unitID).with(\.$bloc)
            .sort(\.$year, .descending).all()
    }

    // MARK: - People

    func people(_ query: ListQuery) async throws -> Page<PersonModel> {
        var builder = PersonModel.query(on: db)
        for word in query.words { builder = builder.filter(\.$searchKey ~~ word) }
        if let kind = query.kind, !kind.isEmpty { builder = builder.filter(\.$category == kind) }
        if query.provinceID != nil || query.peopleScope != nil {
            builder = builder.join(AssignmentModel.self, on: \AssignmentModel.$person.$id == \PersonModel.$id)
                .join(UnitModel.self, on: \AssignmentModel.$unit.$id == \UnitModel.$id)
                .unique()
            if let province = query.provinceID { builder = builder.filter(UnitModel.self, \.$province.$id == province) }
            if let scope = query.peopleScope {
                builder = builder.group(.or) { group in
                    group.filter(UnitModel.self, \.$province.$id ~~ Array(scope.provinces))
                        .filter(AssignmentModel.self, \.$unit.$id ~~ Array(scope.units))
                }
            }
        }
        return try await builder.sort(\.$sortKey, query.descending ? .descending : .ascending)
            .paginate(query.pageRequest)
    }

    func person(_ id: UUID?) async throws -> PersonModel {
        guard let id, let model = try await PersonModel.find(id, on: db) else {
            throw DomainError.notFound("Không tìm thấy người này.")
        }
        return model
    }

    func save(_ person: Person) async throws -> PersonModel {
        return try await upsert(person, id: person.id, as: PersonModel.self)
    }

    func assignments(ofPerson personID: UUID) async throws -> [AssignmentModel] {
        try await AssignmentModel.query(on: db).filter(\.$person.$id == personID).with(\.$unit)
            .sort(\.$validFrom, .descending).all()
    }

    func assignments(ofUnit unitID: UUID) async throws -> [AssignmentModel] {
        try await AssignmentModel.query(on: db).filter(\.$unit.$id == unitID).with(\.$person)
            .sort(\.$validFrom, .descending).all()
    }

    /// Women and all staff of each unit on a day (a person counted once per unit however many
    /// posts), in one statement: for the women-priority tie-break. A unit with nobody is absent.
    func staffByGender(ofUnits unitIDs: [UUID], on day: LocalDate) async throws -> [UUID: StaffGenderCount] {
        guard !unitIDs.isEmpty else { return [:] }
        let rows = try await AssignmentModel.query(on: db).filter(\.$unit.$id ~~ unitIDs)
            .filter(\.$validFrom <= day.iso)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo >= day.iso) }
            .join(PersonModel.self, on: \AssignmentModel.$person.$id == \PersonModel.$id)
            .all()
        var people: [UUID: [UUID: Bool]] = [:]
        for row in rows {
            people[row.$unit.id, default: [:]][row.$person.id] = try row.joined(PersonModel.self).gender == Gender.female.rawValue
        }
        return people.mapValues { StaffGenderCount(women: $0.values.filter { $0 }.count, total: $0.count, day: day) }
    }

    /// Checks and stores an assignment. Call inside a transaction.
    func save(_ assignment: Assignment) async throws -> AssignmentModel {
        _ = try await person(assignment.personID)
        let unit = try await UnitModel.find(assignment.unitID, on: db)
        let others = try await assignments(ofPerson: assignment.personID).map(\.core)
        try Assignment.validate(assignment, unit: unit?.core, others: others)
        let model = AssignmentModel(assignment)
        try await persist(model, before: nil)
        return model
    }
}

/// A row that stores one Core value.
protocol StoresCoreValue {
    associatedtype Value
    init(_ value: Value)
    func update(from value: Value)
}

extension ProvinceModel: StoresCoreValue {}
extension UnitModel: StoresCoreValue {}
extension BlocModel: StoresCoreValue {}
extension MembershipModel: StoresCoreValue {}
extension PersonModel: StoresCoreValue {}

extension Request {
    /// Reads, and writes outside a transaction (none should), as the signed-in actor.
    var registry: RegistryStore { RegistryStore(db: db, auditor: auditor, reads: readsOnce) }

    private struct ReadsKey: StorageKey { typealias Value = RequestReads }

    /// A GET's reads, kept for the request; a request that writes keeps none, so that it
    /// sees what it wrote.
    private var readsOnce: RequestReads? {
        guard method == .GET || method == .HEAD else { return nil }
        if let reads = storage[ReadsKey.self] { return reads }
        let reads = RequestReads()
        storage[ReadsKey.self] = reads
        return reads
    }

    /// Runs `body` in one write transaction (`Application.write`) whose writes and audit
    /// entries stand or fall together.
    func write<T: Sendable>(_ body: @escaping @Sendable (RegistryStore) async throws -> T) async throws -> T {
        let auditor = self.auditor
        return try await application.write(on: db) { db in try await body(RegistryStore(db: db, auditor: auditor)) }
    }
}

extension Request {
    private struct MembersKey: StorageKey {
        typealias Value = [String: [(membership: MembershipModel, nameThen: String)]]
    }

    /// A bloc's members on a day, read once per request (the guard and the page both ask,
    /// and the names as they were that day need the whole lineage).
    func members(ofBloc blocID: UUID, on day: LocalDate) async throws -> [(membership: MembershipModel, nameThen: String)] {
        let key = blocID.uuidString + day.iso
        if let cached = storage[MembersKey.self]?[key] { return cached }
        let members = try await registry.members(ofBloc: blocID, on: day)
        var cache = storage[MembersKey.self] ?? [:]
        cache[key] = members
        storage[MembersKey.self] = cache
        return members
    }
}

/// The values one GET request has read, by key: the bloc, its year, its offices, the table.
final class RequestReads: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]

    func value<T: Sendable>(_ key: String, _ load: () async throws -> T) async throws -> T {
        // Unwrapped first: an absent key must not pass for a kept nil.
        if let kept = lock.withLock({ values[key] }), let value = kept as? T { return value }
        let value = try await load()
        lock.withLock { values[key] = value }
        return value
    }
}
