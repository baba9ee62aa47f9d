import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The use cases of a bloc's year, its table, its pact and its registrations: the one path
/// that the pages and the API take. Each authorises with `Authorization`, checks with Core
/// (through the store, which asks Core) and writes and audits in one transaction. Handlers
/// decode what was sent into Core values, call one of these and render.
struct YearService {
    let req: Request
    let context: YearContext

    private var now: Date { req.thidua.now() }
    private var today: LocalDate { req.today }

    /// Mở năm thi đua: the province (naming the first head) or the year's head unit.
    func open(headUnitID: String?, deputyUnitID: String?, source text: String?, pactAt: String? = nil) async throws {
        try req.authorize(.openYear, context.resource)
        guard let source = TableSource(text) else { throw DomainError.invalid(field: "source", "Nguồn bảng điểm không hợp lệ.") }
        var issues = IssueCollector()
        let head = Self.optionalID(headUnitID, field: "headUnitID", label: "Đơn vị Trưởng khối", into: &issues)
        let deputy = Self.optionalID(deputyUnitID, field: "deputyUnitID", label: "Đơn vị Phó trưởng khối", into: &issues)
        issues.check([nil, "", "conference"].contains(pactAt), field: "pactAt", "Nơi ký giao ước không hợp lệ.")
        try issues.finish()
        let conference = pactAt == "conference" ? try await previousYearEndConference() : nil
        if pactAt == "conference" && conference == nil {
            throw DomainError.invalid(field: "pactAt", "Năm \(context.year - 1) chưa có hội nghị tổng kết để ký giao ước năm \(context.year).")
        }
        let (bloc, year, today, now) = (context.bloc, context.year, today, now)
        let pact = conference.map { (LocalDate($0.heldOn), $0.place) }
        _ = try await req.write { store in
            let model = try await store.open(bloc: bloc, year: year, head: head, deputy: deputy, source: source, today: today, now: now)
            if let pact { try await store.save(dates: YearDates(pactDate: pact.0, pactPlace: pact.1), of: model) }
        }
    }

    /// The year-end conference of the year before, where next year's pact may be signed.
    func previousYearEndConference() async throws -> ConferenceModel? {
        guard let previous = try await req.registry.blocYearIfOpened(context.bloc.id!, context.year - 1) else { return nil }
        return try await req.registry.conferences(of: previous.id!).last { $0.conferenceKind == .yearEnd }
    }

    /// A step of the year, forward or (with a reason) back.
    /// Chuyển bước: the state the year is in after it.
    @discardableResult
    func transition(_ input: TransitionInput) async throws -> YearState {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let transition = try input.validated()
        let (today, now) = (today, now)
        let members = try await memberUnits()
        let (bloc, year, actor) = (context.bloc, context.year, req.actor?.userID)
        return try await req.write { store in
            let to = try await store.apply(transition, to: model, reason: input.reason, today: today, now: now)
            // Every member is told where the year now stands: what it has to do next.
            let text = to == .pactSigned
                ? "Giao ước thi đua \(bloc.name) năm \(year) đã khóa: năm thi đua chuyển sang bước «\(to.label)»."
                : "\(bloc.name) năm \(year) chuyển sang bước «\(to.label)»."
            try await store.notify(.units(members), .yearStep, text, href: SiteURL.year(bloc.id!, year).path, now: now, except: actor)
            return to
        }
    }

    /// What the step would do, judged as the step judges it, without doing it: for the
    /// confirmation asked before it (refused here, it is refused with the same words).
    func previewTransition(_ input: TransitionInput) async throws -> (transition: YearTransition, from: YearState, to: YearState) {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let transition = try input.validated()
        return (transition, model.yearState, try await req.registry.judge(transition, of: model, reason: input.reason, today: today))
    }

    func saveDates(_ input: YearDatesInput) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let dates = try input.validated()
        try await req.write { try await $0.save(dates: dates, of: model) }
    }

    func addActivity(_ input: ActivityInput) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let activity = try input.validated()
        let members = try await memberUnits()
        try await req.write { try await $0.add(activity, to: model, members: members) }
    }

    func removeActivity(_ id: UUID) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        try await req.write { try await $0.removeActivity(id, of: model) }
    }

    /// A movement the bloc (or one of its units) launches, linked to the year.
    func addMovement(_ input: MovementInput) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let movement = try input.validated(provinceID: context.bloc.$province.id, blocID: context.bloc.id)
        let members = try await memberUnits()
        try await req.write { try await $0.save(movement, linkTo: model, members: members) }
    }

    /// Links a movement the province launched to the year.
    func link(movement text: String?) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        guard let id = text.flatMap(UUID.init(uuidString:)) else {
            throw DomainError.invalid(field: "movementID", "Hãy chọn một phong trào.")
        }
        try await req.write { try await $0.link(id, to: model) }
    }

    // MARK: - The table

    /// The year's table as a whole; once the pact is signed, a change needs its reason.
    func saveTable(rows: [CriterionRow], name: String?, declaredTotal: String?, bonusCap: String?, reason: String?,
                   rules: RankingRules?) async throws -> UUID {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let now = now
        return try await req.write {
            try await $0.saveYearTable(rows: rows, name: name, declaredTotal: declaredTotal, bonusCap: bonusCap, reason: reason,
                                       rules: rules, year: model, now: now).id!
        }
    }

    /// Copies a provincial template or last year's table into the year.
    func copyTable(source text: String?) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        guard let source = TableSource(text), source != .none else {
            throw DomainError.invalid(field: "source", "Hãy chọn bảng điểm để sao chép.")
        }
        let (bloc, now) = (context.bloc, now)
        try await req.write { store in
            guard let table = try await store.table(from: source, bloc: bloc, year: model.year) else {
                throw DomainError.invalid(field: "source", "Không tìm thấy bảng điểm để sao chép.")
            }
            try await store.copy(table, toYear: model, now: now)
        }
    }

    // MARK: - The pact

    /// Chỉ tiêu: replaces the targets of one unit (or, with nil, of every unit named).
    func replaceTargets(_ targets: [PactTarget], unit: UUID?) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        let members = try await memberUnits()
        let normalised = targets.map { PactTarget(unitID: $0.unitID, criterionID: $0.criterionID, text: VietnameseText.normalized($0.text)) }
        try await req.write { try await $0.replaceTargets(normalised, of: model, unitID: unit, members: members) }
    }

    /// Ký giao ước for one's own unit.
    func sign(unit: UUID, signerName: String?, signerPosition: String?) async throws {
        try req.authorize(.signPact, unitResource(unit))
        let model = try context.opened()
        let members = try await memberUnits()
        let signature = PactSignature(unitID: unit, signerName: signerName ?? "", signerPosition: signerPosition ?? "", signedAt: now)
        let (bloc, year, actor, now) = (context.bloc, context.year, req.actor?.userID, now)
        // The head (who locks the pact once all have signed) is told of each signature.
        let head = context.head.map { Set([$0]) } ?? []
        let name = try await UnitModel.find(unit, on: req.db)?.name ?? ""
        try await req.write { store in
            try await store.sign(signature, in: model, members: members)
            try await store.notify(.units(head), .pactSigned, "\(name) đã ký giao ước thi đua \(bloc.name) năm \(year).",
                                   href: SiteURL.year(bloc.id!, year, .pact).path, now: now, except: actor)
        }
    }

    // MARK: - Registrations

    /// Đăng ký thi đua of one's own unit: its collective title and its staff's titles.
    func register(_ registration: Registration) async throws {
        try req.authorize(.register, unitResource(registration.unitID))
        let model = try context.opened()
        let members = try await memberUnits()
        let day = RegistryStore.memberDay(year: context.year, dates: model.dates, today: today)
        let now = now
        try await req.write { try await $0.register(registration, in: model, members: members, day: day, now: now) }
    }

    /// The head acknowledges a unit's registration, which locks it.
    func acknowledge(unit: UUID) async throws {
        try req.authorize(.leadBloc, context.resource)
        let model = try context.opened()
        guard let row = try await req.registry.registration(of: model.id!, unit: unit) else {
            throw DomainError.notFound("Đơn vị chưa gửi đăng ký thi đua.")
        }
        let now = now
        try await req.write { try await $0.acknowledge(row, now: now) }
    }

    // MARK: - Helpers

    func memberUnits() async throws -> Set<UUID> { Set(try await context.members(req).map(\.membership.$unit.id)) }

    private func unitResource(_ unit: UUID) -> Resource {
        .yearUnit(unit: unit, province: context.bloc.$province.id, head: context.head)
    }

    /// An optional unit id: blank is none, anything else must be an id.
    /// `choice` names what the list holds («một khối» for a bloc's field).
    static func optionalID(_ text: String?, field: String, label: String, choice: String = "một đơn vị",
                           into issues: inout IssueCollector) -> UUID? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            issues.add(FieldIssue(field: field, "\(label): hãy chọn \(choice) trong danh sách."))
            return nil
        }
        return id
    }
}

/// The province's programme: its table templates and the movements it launches.
struct ProgrammeService {
    let req: Request
    let provinceID: UUID

    /// A template of this province, or not found.
    func template(_ tableID: UUID) async throws -> ScoringTableModel {
        let table = try await req.registry.table(tableID)
        guard table.$province.id == provinceID else { throw DomainError.notFound("Không tìm thấy bảng tiêu chí mẫu này.") }
        return table
    }

    /// Creates a template, or replaces the one named.
    func saveTemplate(_ tableID: UUID?, rows: [CriterionRow], name: String?, declaredTotal: String?, bonusCap: String?,
                      rules: RankingRules?) async throws -> (table: ScoringTableModel, created: Bool) {
        try req.authorize(.update, .provinceProgramme(province: provinceID))
        _ = try await req.registry.province(provinceID)
        let existing = tableID == nil ? nil : try await template(tableID!)
        let (provinceID, now) = (provinceID, req.thidua.now())
        let saved = try await req.write {
            try await $0.saveTemplate(rows: rows, name: name, declaredTotal: declaredTotal, bonusCap: bonusCap, rules: rules,
                                      province: provinceID, existing: existing, now: now)
        }
        return (saved, existing == nil)
    }

    /// A movement launched by the province.
    func addMovement(_ input: MovementInput) async throws -> Movement {
        try req.authorize(.update, .provinceProgramme(province: provinceID))
        _ = try await req.registry.province(provinceID)
        var input = input
        input.scope = "province"
        let movement = try input.validated(provinceID: provinceID, blocID: nil)
        try await req.write { try await $0.save(movement, linkTo: nil, members: []) }
        return movement
    }
}
