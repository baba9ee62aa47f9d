import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Where a new year's scoring table comes from.
enum TableSource: Sendable, Equatable {
    case none
    /// Bảng tiêu chí mẫu of the province.
    case template(UUID)
    /// The bloc's table of the year before.
    case previousYear

    init?(_ text: String?) {
        switch text ?? "" {
        case "", "none": self = .none
        case "previous": self = .previousYear
        default:
            guard let raw = text, raw.hasPrefix("template:"), let id = UUID(uuidString: String(raw.dropFirst(9))) else { return nil }
            self = .template(id)
        }
    }
}

/// The year's work: opening, stepping, plan, movements, table, pact, registrations. Every
/// write goes through Core's rules first and into the audit log with the row it changes.
extension RegistryStore {
    func blocYear(_ blocID: UUID, _ year: Int) async throws -> BlocYearModel {
        guard let model = try await blocYearIfOpened(blocID, year) else {
            throw DomainError.notFound("Khối chưa mở năm thi đua \(year).")
        }
        return model
    }

    func blocYearIfOpened(_ blocID: UUID, _ year: Int) async throws -> BlocYearModel? {
        try await once("year \(blocID) \(year)") {
            try await BlocYearModel.query(on: db).filter(\.$bloc.$id == blocID).filter(\.$year == year).first()
        }
    }

    func years(ofBloc blocID: UUID) async throws -> [BlocYearModel] {
        try await BlocYearModel.query(on: db).filter(\.$bloc.$id == blocID).sort(\.$year, .descending).all()
    }

    /// The day whose members are the year's: the pact's day once set; before that, today if
    /// it is in the year, else the year's first day.
    static func memberDay(year: Int, dates: YearDates, today: LocalDate) -> LocalDate {
        if let pact = dates.pactDate { return pact }
        return today.year == year ? today : LocalDate(year: year, month: 1, day: 1)!
    }

    func members(of model: BlocYearModel, today: LocalDate) async throws -> [(membership: MembershipModel, nameThen: String)] {
        try await members(ofBloc: model.$bloc.id, on: Self.memberDay(year: model.year, dates: model.dates, today: today))
    }

    func head(ofBloc blocID: UUID, year: Int) async throws -> (head: UUID?, deputy: UUID?) {
        let offices = try await once("offices \(blocID) \(year)") {
            try await BlocOfficeModel.query(on: db).filter(\.$bloc.$id == blocID).filter(\.$year == year).all()
        }
        return (offices.first { $0.role == BlocOfficeRole.head.rawValue }?.$unit.id,
                offices.first { $0.role == BlocOfficeRole.deputy.rawValue }?.$unit.id)
    }

    // MARK: - Opening and steps

    /// Opens a year in planning. The head and deputy come from the previous conference's
    /// election when recorded; for a first year the province names them here.
    func open(bloc: BlocModel, year: Int, head: UUID?, deputy: UUID?, source: TableSource, today: LocalDate,
              now: Date) async throws -> BlocYearModel {
        if try await blocYearIfOpened(bloc.id!, year) != nil {
            throw DomainError.conflict("Khối đã mở năm thi đua \(year).")
        }
        // A past year recorded from its reports is history, not a year to run again.
        if let recorded = try await BlocHistoryYearModel.query(on: db).filter(\.$bloc.$id == bloc.id!).filter(\.$year == year).first() {
            throw DomainError.conflict("Năm \(year) của khối đã được ghi lại theo báo cáo («\(recorded.source)»): không mở lại để điều hành được.")
        }
        var issues = IssueCollector()
        issues.check(bloc.core.validity.overlaps(DatePeriod(from: LocalDate(year: year, month: 1, day: 1)!,
                                                            to: LocalDate(year: year, month: 12, day: 31)!)),
                     field: "year", "Khối không còn hiệu lực trong năm \(year).")
        let offices = try await self.head(ofBloc: bloc.id!, year: year)
        // Naming the first head is the province's act, not a unit's (the demo loader, with no
        // actor, stands for the province).
        if offices.head == nil, head != nil, let actor = auditor.actor, !actor.officerProvinces.contains(bloc.$province.id) {
            throw AccessDenied(status: .forbidden, message: "Chỉ cán bộ TĐKT tỉnh xác định Trưởng khối năm đầu.")
        }
        let members = Set(try await members(ofBloc: bloc.id!, on: Self.memberDay(year: year, dates: YearDates(), today: today))
            .map(\.membership.$unit.id))
        if offices.head == nil {
            issues.check(head != nil, field: "headUnitID", "Năm đầu tiên cần chọn đơn vị Trưởng khối.")
            if let head { issues.check(members.contains(head), field: "headUnitID", "Đơn vị Trưởng khối phải là thành viên của khối.") }
            if let deputy {
                issues.check(members.contains(deputy), field: "deputyUnitID", "Đơn vị Phó trưởng khối phải là thành viên của khối.")
                issues.check(deputy != head, field: "deputyUnitID", "Trưởng khối và Phó trưởng khối phải là hai đơn vị khác nhau.")
            }
        }
        try issues.finish()
        if offices.head == nil, let head {
            try await save(BlocOffice(blocID: bloc.id!, year: year, role: .head, unitID: head, basis: .recognised))
            if let deputy { try await save(BlocOffice(blocID: bloc.id!, year: year, role: .deputy, unitID: deputy, basis: .recognised)) }
        }
        let model = BlocYearModel(blocID: bloc.id!, year: year, openedAt: Auditor.timestamp(now))
        try await persist(model, before: nil)
        if let table = try await table(from: source, bloc: bloc, year: year) {
            try await copy(table, toYear: model, now: now)
        }
        return model
    }

    /// What the year machine judges a step by: members, head, signatures, final sheets, open
    /// ballots. The step itself and the page that shows which steps are possible read these.
    func facts(of model: BlocYearModel, today: LocalDate) async throws -> YearFacts {
        let members = Set(try await members(of: model, today: today).map(\.membership.$unit.id))
        let signed = Set(try await signatures(of: model.id!).map(\.$unit.id))
        let offices = try await head(ofBloc: model.$bloc.id, year: model.year)
        let finalSheets = Set(try await sheets(of: model.id!, round: .annual).filter { $0.sheetStatus == .final }.map(\.$unit.id))
        let openBallots = model.yearState == .conference ? try await sessions(ofYear: model.id!).filter(\.isOpen).count : 0
        return YearFacts(members: members, head: offices.head, signed: signed, finalSheets: finalSheets, openBallots: openBallots)
    }

    /// One step of the year, checked by the state machine; a step back needs a reason.
    /// The state the step leads to, or Core's refusal naming the units it concerns (the
    /// confirmation asks this before the step, the step again inside its write).
    func judge(_ transition: YearTransition, of model: BlocYearModel, reason: String?, today: LocalDate) async throws -> YearState {
        do {
            return try YearMachine.apply(transition, to: model.yearState, facts: try await facts(of: model, today: today), reason: reason)
        } catch let error as YearError {
            let names = Dictionary(try await members(of: model, today: today).map { ($0.membership.$unit.id, $0.nameThen) },
                                   uniquingKeysWith: { first, _ in first })
            throw DomainError.invalid(field: transition == .reopen ? "reason" : "transition", error.message(naming: names))
        }
    }

    @discardableResult
    func apply(_ transition: YearTransition, to model: BlocYearModel, reason: String?, today: LocalDate,
               now: Date) async throws -> YearState {
        let from = model.yearState
        let to = try await judge(transition, of: model, reason: reason, today: today)
        let before = model.auditFields
        model.state = to.rawValue
        let note = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        try await model.save(on: db)
        var after = model.auditFields
        after["transition"] = transition.rawValue
        after["reason"] = note
        try await auditor.record(on: db, action: "transition", type: BlocYearModel.auditType, id: model.id?.uuidString,
                                 before: before, after: after)
        try await YearTransitionModel(yearID: model.id!, transition: transition, from: from, to: to, reason: note,
                                      actorName: auditor.actorName, at: Auditor.timestamp(now)).create(on: db)
        return to
    }

    func transitions(of yearID: UUID) async throws -> [YearTransitionModel] {
        try await YearTransitionModel.query(on: db).filter(\.$blocYear.$id == yearID).sort(\.$at).all()
    }

    func save(dates: YearDates, of model: BlocYearModel) async throws {
        try dates.validate(year: model.year)
        if model.yearState != .planning, dates.pactDate != model.dates.pactDate {
            throw DomainError.invalid(field: "pactDate", "Giao ước đã ký; ngày ký giao ước không đổi được nữa.")
        }
        let before = model.auditFields
        model.dates = dates
        try await persist(model, before: before)
    }

    // MARK: - Plan

    func plan(of yearID: UUID) async throws -> [PlanActivityModel] {
        try await PlanActivityModel.query(on: db).filter(\.$blocYear.$id == yearID).with(\.$ownerUnit)
            .sort(\.$startsOn).sort(\.$title).all()
    }

    func add(_ activity: PlanActivity, to model: BlocYearModel, members: Set<UUID>) async throws {
        guard model.yearState != .closed else { throw DomainError.conflict("Năm thi đua đã kết thúc.") }
        try activity.validate(year: model.year, members: members)
        try await persist(PlanActivityModel(activity, yearID: model.id!), before: nil)
    }

    func removeActivity(_ id: UUID, of model: BlocYearModel) async throws {
        guard let row = try await PlanActivityModel.find(id, on: db), row.$blocYear.id == model.id else {
            throw DomainError.notFound("Không tìm thấy hoạt động này trong kế hoạch.")
        }
        guard model.yearState != .closed else { throw DomainError.conflict("Năm thi đua đã kết thúc.") }
        let before = row.auditFields
        try await row.delete(on: db)
        try await auditor.record(on: db, action: "delete", type: PlanActivityModel.auditType, id: id.uuidString, before: before)
    }

    // MARK: - Movements

    func movements(ofYear yearID: UUID) async throws -> [MovementModel] {
        let links = try await YearMovementModel.query(on: db).filter(\.$blocYear.$id == yearID).all()
        guard !links.isEmpty else { return [] }
        return try await MovementModel.query(on: db).filter(\.$id ~~ links.map(\.$movement.id)).with(\.$criteria)
            .with(\.$unit).sort(\.$launchedOn).sort(\.$sortKey).all()
    }

    func movements(ofProvince provinceID: UUID) async throws -> [MovementModel] {
        try await MovementModel.query(on: db).filter(\.$province.$id == provinceID).filter(\.$scope == MovementScope.province.rawValue)
            .with(\.$criteria).sort(\.$launchedOn, .descending).sort(\.$sortKey).all()
    }

    /// Stores a movement, checked against the year's members and table when it is the
    /// bloc's, and links it into the year.
    func save(_ movement: Movement, linkTo model: BlocYearModel?, members: Set<UUID>) async throws {
        var criteria: Set<UUID> = []
        if let model, let table = try await table(ofYear: model.id!) { criteria = Set(table.criteria.compactMap(\.id)) }
        try movement.validate(members: members, criteria: criteria)
        let row = MovementModel(movement)
        try await persist(row, before: nil)
        for id in movement.criterionIDs { try await MovementCriterionModel(movementID: movement.id, criterionID: id).create(on: db) }
        if let model { try await link(movement.id, to: model) }
    }

    func link(_ movementID: UUID, to model: BlocYearModel) async throws {
        guard let movement = try await MovementModel.find(movementID, on: db) else {
            throw DomainError.notFound("Không tìm thấy phong trào này.")
        }
        let bloc = try await bloc(model.$bloc.id)
        guard movement.$province.id == bloc.$province.id,
              movement.$bloc.id == nil || movement.$bloc.id == bloc.id else {
            throw DomainError.invalid(field: "movementID", "Phong trào này không do tỉnh của khối hoặc chính khối phát động.")
        }
        let existing = try await YearMovementModel.query(on: db).filter(\.$blocYear.$id == model.id!)
            .filter(\.$movement.$id == movementID).first()
        guard existing == nil else { throw DomainError.conflict("Phong trào đã có trong năm thi đua.") }
        try await YearMovementModel(yearID: model.id!, movementID: movementID).create(on: db)
        try await auditor.record(on: db, action: "link", type: "year_movement", id: model.id?.uuidString,
                                 after: ["movementID": movementID.uuidString, "title": movement.title])
    }

    // MARK: - Scoring tables

    func table(_ id: UUID) async throws -> ScoringTableModel {
        guard let model = try await ScoringTableModel.query(on: db).filter(\.$id == id).with(\.$criteria).first() else {
            throw DomainError.notFound("Không tìm thấy bảng điểm này.")
        }
        return model
    }

    func table(ofYear yearID: UUID) async throws -> ScoringTableModel? {
        try await once("table \(yearID)") {
            // The table with its criteria in one statement (a left join: a new table has none).
            let rows = try await ScoringTableModel.query(on: db).filter(\.$blocYear.$id == yearID)
                .join(CriterionModel.self, on: \ScoringTableModel.$id == \CriterionModel.$table.$id, method: .left).all()
            guard let table = rows.first else { return nil }
            // A table without criteria is its one row with the criterion's columns null; any other
            // row must decode, so that a criterion is never dropped in silence.
            let own = rows.filter { $0.id == table.id }
            if own.count == 1, (try? table.joined(CriterionModel.self)) == nil {
                table.$criteria.value = []
            } else {
                table.$criteria.value = try own.map { try $0.joined(CriterionModel.self) }
            }
            return table
        }
    }

    func templates(ofProvince provinceID: UUID) async throws -> [ScoringTableModel] {
        try await ScoringTableModel.query(on: db).filter(\.$province.$id == provinceID).with(\.$criteria).sort(\.$name).all()
    }

    /// Writes a checked table: criteria keep their rows by id, removed ones go (with their
    /// movement links), new ones are added. A year's table after the pact needs a reason.
    func save(_ table: ScoringTable, name: String, into model: ScoringTableModel, year: BlocYearModel?, reason: String?,
              rules: RankingRules? = nil, now: Date) async throws {
        let reason = try TableChangeRule.check(state: year?.yearState, reason: reason)
        let before = model.id == nil ? nil : model.auditFields
        if let rules { model.rankingRules = rules }
        model.name = name
        model.declaredTotal = table.declaredTotal.hundredths
        model.bonusCap = table.bonusCap?.hundredths
        model.updatedAt = Auditor.timestamp(now)
        try await model.save(on: db)
        let old = model.id == nil ? [] : try await CriterionModel.query(on: db).filter(\.$table.$id == model.id!).all()
        let keep = Set(table.criteria.map(\.id))
        let removed = old.filter { !keep.contains($0.id!) }
        if !removed.isEmpty {
            try await MovementCriterionModel.query(on: db).filter(\.$criterionID ~~ removed.map { $0.id! }).delete()
            try await CriterionModel.query(on: db).filter(\.$id ~~ removed.map { $0.id! }).delete()
        }
        let oldByID = Dictionary(uniqueKeysWithValues: old.map { ($0.id!, $0) })
        for criterion in table.criteria {
            let row = CriterionModel(criterion, tableID: model.id!)
            if let existing = oldByID[criterion.id] {
                existing.parentID = row.parentID
                existing.code = row.code
                existing.title = row.title
                existing.kind = row.kind
                existing.maximum = row.maximum
                existing.perEvent = row.perEvent
                existing.cap = row.cap
                existing.guidance = row.guidance
                existing.evidenceRequired = row.evidenceRequired
                existing.scorer = row.scorer
                existing.position = row.position
                try await existing.save(on: db)
            } else {
                try await row.create(on: db)
            }
        }
        model.$criteria.value = table.criteria.map { CriterionModel($0, tableID: model.id!) }
        var after = model.auditFields
        after["reason"] = reason
        try await auditor.record(on: db, action: before == nil ? "create" : "update", type: ScoringTableModel.auditType,
                                 id: model.id?.uuidString, before: before ?? [:], after: after)
        if let reason {
            try await TableChangeModel(tableID: model.id!, reason: reason, actorName: auditor.actorName,
                                       at: Auditor.timestamp(now), summary: Self.outline(table)).create(on: db)
        }
    }

    /// The table a source names for a bloc's year: a template of the bloc's province, or the
    /// bloc's table of the year before; nil for none.
    func table(from source: TableSource, bloc: BlocModel, year: Int) async throws -> ScoringTableModel? {
        switch source {
        case .none: return nil
        case .template(let id):
            let template = try await table(id)
            guard template.$province.id == bloc.$province.id else {
                throw DomainError.invalid(field: "source", "Bảng tiêu chí mẫu này không phải của tỉnh có khối.")
            }
            return template
        case .previousYear:
            guard let previous = try await blocYearIfOpened(bloc.id!, year - 1), let table = try await table(ofYear: previous.id!) else {
                throw DomainError.invalid(field: "source", "Khối chưa có bảng điểm năm \(year - 1) để sao chép.")
            }
            return table
        }
    }

    /// Builds a year's table from typed rows (criteria keep their ids by code) and stores it.
    func saveYearTable(rows: [CriterionRow], name: String?, declaredTotal: String?, bonusCap: String?, reason: String?,
                       rules: RankingRules?, year model: BlocYearModel, now: Date) async throws -> ScoringTableModel {
        var issues = IssueCollector()
        let typed = TextRules.optionalText(name, field: "name", label: "Tên bảng điểm", into: &issues) ?? ""
        try issues.finish()
        let existing = try await table(ofYear: model.id!)
        let table = try TableDraft.build(rows: rows, declaredTotal: declaredTotal, bonusCap: bonusCap,
                                         existing: existing?.core.criteria ?? [])
        let target = existing ?? ScoringTableModel()
        target.$blocYear.id = model.id
        try await save(table, name: typed.isEmpty ? (existing?.name ?? "Bảng tiêu chí năm \(model.year)") : typed, into: target,
                       year: model, reason: reason, rules: rules, now: now)
        return target
    }

    /// Builds a province's template from typed rows and stores it (new when `existing` is nil).
    func saveTemplate(rows: [CriterionRow], name: String?, declaredTotal: String?, bonusCap: String?, rules: RankingRules?,
                      province provinceID: UUID, existing: ScoringTableModel?, now: Date) async throws -> ScoringTableModel {
        var issues = IssueCollector()
        let name = TextRules.requiredName(name ?? existing?.name, field: "name", label: "Tên bảng tiêu chí mẫu", into: &issues)
        var table: ScoringTable?
        issues.run {
            table = try TableDraft.build(rows: rows, declaredTotal: declaredTotal, bonusCap: bonusCap, existing: existing?.core.criteria ?? [])
        }
        try issues.finish()
        let target = existing ?? ScoringTableModel()
        target.$province.id = provinceID
        try await save(table!, name: name, into: target, year: nil, reason: nil, rules: rules, now: now)
        return target
    }

    /// Copies a table (a template, last year's) into a year still being planned.
    func copy(_ source: ScoringTableModel, toYear model: BlocYearModel, now: Date) async throws {
        guard model.yearState == .planning else {
            throw DomainError.conflict("Giao ước đã ký; không thay cả bảng điểm được, hãy sửa từng tiêu chí và ghi lý do.")
        }
        let target: ScoringTableModel
        if let existing = try await table(ofYear: model.id!) {
            try await MovementCriterionModel.query(on: db).filter(\.$criterionID ~~ existing.criteria.map { $0.id! }).delete()
            try await CriterionModel.query(on: db).filter(\.$table.$id == existing.id!).delete()
            existing.$criteria.value = []
            target = existing
        } else {
            target = ScoringTableModel()
            target.$blocYear.id = model.id
        }
        target.rankingRulesJSON = source.rankingRulesJSON
        try await save(source.core.copied(), name: source.name, into: target, year: model, reason: nil, now: now)
    }

    func changes(ofTable tableID: UUID) async throws -> [TableChangeModel] {
        try await TableChangeModel.query(on: db).filter(\.$table.$id == tableID).sort(\.$at, .descending).all()
    }

    /// "I=60; 1=40; …": a line per table for the change log.
    static func outline(_ table: ScoringTable) -> String {
        table.outline().map { "\($0.criterion.code) \($0.criterion.kind.rawValue) \($0.criterion.maximum?.description ?? $0.criterion.perEvent?.description ?? "")" }
            .joined(separator: "; ")
    }

    // MARK: - Pact

    func targets(of yearID: UUID) async throws -> [PactTargetModel] {
        try await PactTargetModel.query(on: db).filter(\.$blocYear.$id == yearID).sort(\.$position).all()
    }

    func signatures(of yearID: UUID) async throws -> [PactSignatureModel] {
        try await PactSignatureModel.query(on: db).filter(\.$blocYear.$id == yearID).sort(\.$signedAt).all()
    }

    /// Replaces one unit's targets (or all units' when `unitID` is nil).
    func replaceTargets(_ targets: [PactTarget], of model: BlocYearModel, unitID: UUID?, members: Set<UUID>) async throws {
        try PactRules.validate(targets, state: model.yearState, members: members)
        var query = PactTargetModel.query(on: db).filter(\.$blocYear.$id == model.id!)
        if let unitID { query = query.filter(\.$unit.$id == unitID) }
        let old = try await query.all()
        let before = Dictionary(old.enumerated().map { ("\($0.element.$unit.id.uuidString)#\($0.offset)", Optional($0.element.text)) },
                                uniquingKeysWith: { first, _ in first })
        for row in old { try await row.delete(on: db) }
        for (index, target) in targets.enumerated() {
            try await PactTargetModel(target, yearID: model.id!, position: index).create(on: db)
        }
        let after = Dictionary(targets.enumerated().map { ("\($0.element.unitID.uuidString)#\($0.offset)", Optional($0.element.text)) },
                               uniquingKeysWith: { first, _ in first })
        try await auditor.record(on: db, action: "update", type: "pact_targets", id: model.id?.uuidString, before: before, after: after)
    }

    func sign(_ signature: PactSignature, in model: BlocYearModel, members: Set<UUID>) async throws {
        let existing = try await signatures(of: model.id!).map(\.core)
        let signed = try PactRules.sign(signature, state: model.yearState, members: members, existing: existing)
        try await persist(PactSignatureModel(signed.last!, yearID: model.id!, recordedBy: auditor.actorName), before: nil)
    }

    // MARK: - Registrations

    func registrations(of yearID: UUID) async throws -> [RegistrationModel] {
        try await RegistrationModel.query(on: db).filter(\.$blocYear.$id == yearID).with(\.$individuals) { $0.with(\.$person) }.all()
    }

    func registration(of yearID: UUID, unit unitID: UUID) async throws -> RegistrationModel? {
        try await RegistrationModel.query(on: db).filter(\.$blocYear.$id == yearID).filter(\.$unit.$id == unitID)
            .with(\.$individuals) { $0.with(\.$person) }.first()
    }

    /// The unit's staff on a day, with their names, for the registration form and its check.
    func staff(ofUnit unitID: UUID, on day: LocalDate) async throws -> [(id: UUID, name: String, position: String)] {
        try await assignments(ofUnit: unitID).filter { $0.core.period.contains(day) }
            .map { (id: $0.$person.id, name: $0.person.fullName, position: $0.position) }
            .sorted { VietnameseText.personSortKey($0.name) < VietnameseText.personSortKey($1.name) }
    }

    /// Submits (or resubmits, before acknowledgement) a unit's registration.
    func register(_ registration: Registration, in model: BlocYearModel, members: Set<UUID>, day: LocalDate,
                  now: Date) async throws {
        guard members.contains(registration.unitID) else {
            throw DomainError.invalid(field: "unitID", "Đơn vị không phải thành viên của khối trong năm \(model.year).")
        }
        let existing = try await self.registration(of: model.id!, unit: registration.unitID)
        try RegistrationRules.checkWindow(state: model.yearState, acknowledged: existing?.acknowledgedAt != nil)
        let staff = try await staff(ofUnit: registration.unitID, on: day)
        let names = try await PersonModel.query(on: db).filter(\.$id ~~ registration.individuals.map(\.personID)).all()
        try RegistrationRules.validate(registration, staff: Set(staff.map(\.id)),
                                       names: Dictionary(uniqueKeysWithValues: names.map { ($0.id!, $0.fullName) }))
        let before = existing?.auditFields
        let row = existing ?? RegistrationModel()
        row.$blocYear.id = model.id!
        row.$unit.id = registration.unitID
        row.collectiveTitle = registration.collectiveTitle.rawValue
        row.submittedAt = now
        row.submittedBy = auditor.actorName
        try await row.save(on: db)
        try await RegistrationIndividualModel.query(on: db).filter(\.$registration.$id == row.id!).delete()
        for (index, target) in registration.individuals.enumerated() {
            try await RegistrationIndividualModel(registrationID: row.id!, target: target, position: index).create(on: db)
        }
        var after = row.auditFields
        after["individuals"] = registration.individuals.map { "\($0.personID.uuidString):\($0.title.rawValue)" }.joined(separator: ",")
        try await auditor.record(on: db, action: before == nil ? "create" : "update", type: RegistrationModel.auditType,
                                 id: row.id?.uuidString, before: before ?? [:], after: after)
    }

    func acknowledge(_ row: RegistrationModel, now: Date) async throws {
        guard row.acknowledgedAt == nil else { throw DomainError.conflict("Bản đăng ký đã được xác nhận.") }
        let before = row.auditFields
        row.acknowledgedAt = now
        row.acknowledgedBy = auditor.actorName
        try await persist(row, before: before)
    }
}

extension BlocYearModel: Audited {
    static var auditType: String { "bloc_year" }
    var auditFields: [String: String?] {
        // The calendar key is a secret address: never logged.
        ["blocID": $bloc.id.uuidString, "year": String(year), "state": state, "pactDate": pactDate, "pactPlace": pactPlace,
         "registrationDeadline": registrationDeadline, "midYearDate": midYearDate, "selfScoreDeadline": selfScoreDeadline,
         "conferenceDate": conferenceDate]
    }
}

extension PlanActivityModel: Audited {
    static var auditType: String { "plan_activity" }
    var auditFields: [String: String?] {
        ["yearID": $blocYear.id.uuidString, "title": title, "startsOn": startsOn, "endsOn": endsOn,
         "ownerUnitID": $ownerUnit.id?.uuidString, "notes": notes]
    }
}

extension MovementModel: Audited {
    static var auditType: String { "movement" }
    var auditFields: [String: String?] {
        ["provinceID": $province.id.uuidString, "scope": scope, "blocID": $bloc.id?.uuidString, "unitID": $unit.id?.uuidString,
         "kind": kind, "title": title, "launchedOn": launchedOn, "endsOn": endsOn, "launchingBody": launchingBody,
         "documentReference": documentReference]
    }
}

extension ScoringTableModel: Audited {
    static var auditType: String { "scoring_table" }
    var auditFields: [String: String?] {
        let table = $criteria.value.map { _ in core }
        return ["provinceID": $province.id?.uuidString, "yearID": $blocYear.id?.uuidString, "name": name,
                "declaredTotal": Points(hundredths: declaredTotal).description,
                "bonusCap": bonusCap.map { Points(hundredths: $0).description },
                "criteria": table.map(RegistryStore.outline), "rules": rankingRulesJSON]
    }
}

extension PactSignatureModel: Audited {
    static var auditType: String { "pact_signature" }
    var auditFields: [String: String?] {
        ["yearID": $blocYear.id.uuidString, "unitID": $unit.id.uuidString, "signerName": signerName,
         "signerPosition": signerPosition, "signedAt": Auditor.timestamp(signedAt)]
    }
}

extension RegistrationModel: Audited {
    static var auditType: String { "registration" }
    var auditFields: [String: String?] {
        ["yearID": $blocYear.id.uuidString, "unitID": $unit.id.uuidString, "collectiveTitle": collectiveTitle,
         "submittedBy": submittedBy, "acknowledgedBy": acknowledgedBy]
    }
}

/// One bloc's year as the province sees it.
struct BlocYearSummary: Sendable {
    var bloc: BlocModel
    var year: BlocYearModel?
    var head: UnitModel?
    var members: [(id: UUID, name: String)]
    var unsigned: [(id: UUID, name: String)]
    var unregistered: [(id: UUID, name: String)]
}

extension RegistryStore {
    /// Every bloc of the province in force during the year, with where its year stands and
    /// which members have not signed or registered.
    func overview(ofProvince provinceID: UUID, year: Int, today: LocalDate) async throws -> [BlocYearSummary] {
        let start = LocalDate(year: year, month: 1, day: 1)!, end = LocalDate(year: year, month: 12, day: 31)!
        let blocs = try await BlocModel.query(on: db).filter(\.$province.$id == provinceID).with(\.$province).sort(\.$sortKey).all()
            .filter { $0.core.validity.overlaps(DatePeriod(from: start, to: end)) }
        var result: [BlocYearSummary] = []
        for bloc in blocs {
            let model = try await blocYearIfOpened(bloc.id!, year)
            let day = Self.memberDay(year: year, dates: model?.dates ?? YearDates(), today: today)
            let members = try await self.members(ofBloc: bloc.id!, on: day).map { (id: $0.membership.$unit.id, name: $0.nameThen) }
            let offices = try await head(ofBloc: bloc.id!, year: year)
            var head: UnitModel?
            if let id = offices.head { head = try await unit(id) }
            var unsigned = members, unregistered = members
            if let model {
                let signed = Set(try await signatures(of: model.id!).map(\.$unit.id))
                let registered = Set(try await RegistrationModel.query(on: db).filter(\.$blocYear.$id == model.id!).all().map(\.$unit.id))
                unsigned = members.filter { !signed.contains($0.id) }
                unregistered = members.filter { !registered.contains($0.id) }
            }
            result.append(BlocYearSummary(bloc: bloc, year: model, head: head, members: members, unsigned: unsigned,
                                          unregistered: unregistered))
        }
        return result
    }
}
