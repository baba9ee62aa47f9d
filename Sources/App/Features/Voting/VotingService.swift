import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// What a ballot session's decisions need: the session, its year, its bloc's head and
/// members, and its province. Loaded once per request (the route guard and the use case
/// ask the same question).
struct BallotFacts: Sendable {
    let session: BallotSessionModel
    let spec: BallotSpec
    let year: BlocYearModel
    let bloc: BlocModel
    let head: UUID?
    let members: Set<UUID>

    private struct Key: StorageKey { typealias Value = BallotFacts }

    static func load(_ req: Request, sessionID: UUID) async throws -> BallotFacts {
        if let cached = req.storage[Key.self], cached.session.id == sessionID { return cached }
        let facts = try await load(sessionID, on: req.db)
        req.storage[Key.self] = facts
        return facts
    }

    /// One statement: the session joined to its year and bloc, with the head of that year
    /// (every ballot asks, so it costs one read, not five).
    static func load(_ sessionID: UUID, on db: any Database) async throws -> BallotFacts {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "CSDL không nhận câu lệnh SQL.") }
        let (sessions, years, blocs, offices) = (BallotSessionModel.schema, BlocYearModel.schema, BlocModel.schema, BlocOfficeModel.schema)
        let head = SQLSubquery.select { sub in
            sub.column("unit_id").from(offices)
                .where(SQLColumn("bloc_id", table: offices), .equal, SQLColumn("id", table: blocs))
                .where(SQLColumn("year", table: offices), .equal, SQLColumn("year", table: years))
                .where(SQLColumn("role", table: offices), .equal, SQLBind(BlocOfficeRole.head.rawValue))
                .limit(1)
        }
        let row = try await sql.select()
            .columns(of: BallotSessionModel.self, prefix: "s_").columns(of: BlocYearModel.self, prefix: "y_")
            .columns(of: BlocModel.self, prefix: "b_").column(SQLAlias(head, as: SQLIdentifier("head_unit")))
            .from(sessions)
            .join(years, on: SQLColumn("id", table: years), .equal, SQLColumn("bloc_year_id", table: sessions))
            .join(blocs, on: SQLColumn("id", table: blocs), .equal, SQLColumn("bloc_id", table: years))
            .where(SQLColumn("id", table: sessions), .equal, SQLBind(sessionID))
            .first()
        guard let row else { throw DomainError.notFound("Không tìm thấy phiên bỏ phiếu này.") }
        let session = try PrefixedRow(row: row, prefix: "s_").decode(fluentModel: BallotSessionModel.self)
        let year = try PrefixedRow(row: row, prefix: "y_").decode(fluentModel: BlocYearModel.self)
        let bloc = try PrefixedRow(row: row, prefix: "b_").decode(fluentModel: BlocModel.self)
        let spec = try session.spec
        return BallotFacts(session: session, spec: spec, year: year, bloc: bloc,
                           head: try row.decode(column: "head_unit", as: UUID?.self), members: spec.memberUnits)
    }

    var resource: Resource {
        .ballotSession(province: bloc.$province.id, head: head, members: members, eligible: spec.eligible, closed: !session.isOpen)
    }
}

/// The voting use cases: conferences, roll calls, ballot sessions, casting, paper batches,
/// closing, further rounds, the election's effect and the province's recognition. Each
/// authorises with `Authorization`, checks with Core, writes and audits in one transaction;
/// the pages and the API only decode, call and render. Nothing here returns a count of
/// choices before a session has closed.
struct VotingService {
    let req: Request

    private var now: Date { req.thidua.now() }

    // MARK: - The head's conference

    /// Lên lịch hội nghị.
    func schedule(_ context: YearContext, kind: String?, heldOn: String?, place: String?, chair: String?, secretary: String?,
                  tallyCommittee: String?, agenda: String?) async throws -> ConferenceModel {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        guard year.yearState != .closed else { throw DomainError.conflict("Năm thi đua đã kết thúc.") }
        let draft = try ConferenceDraft.parse(kind: kind, heldOn: heldOn, place: place, chair: chair, secretary: secretary,
                                              tallyCommittee: tallyCommittee, agenda: agenda, year: context.year)
        let now = now
        return try await req.write { try await $0.schedule(draft, year: year, now: now) }
    }

    /// Điểm danh: every member unit present or not, with its delegate.
    func recordAttendance(_ context: YearContext, conference id: UUID, roll: [Attendance]) async throws {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        let members = Set(try await context.members(req).map(\.membership.$unit.id))
        let roll = roll.map { Attendance(unitID: $0.unitID, present: $0.present, delegate: VietnameseText.normalized($0.delegate)) }
        try Attendance.check(roll, members: members)
        try await req.write { store in
            try await store.record(roll, of: try await store.conference(id, of: year.id!))
        }
    }

    /// Cờ luân lưu: who handed the bloc's flag over, and who took it.
    func handOverFlag(_ context: YearContext, conference id: UUID, from: UUID?, to: UUID?) async throws {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        let members = Set(try await context.members(req).map(\.membership.$unit.id))
        var issues = IssueCollector()
        issues.check(from.map(members.contains) ?? true, field: "fromUnitID", "Đơn vị giao cờ phải là thành viên của khối.")
        issues.check(to.map(members.contains) ?? false, field: "toUnitID", "Hãy chọn đơn vị nhận cờ trong các thành viên của khối.")
        issues.check(from == nil || from != to, field: "toUnitID", "Đơn vị nhận cờ phải khác đơn vị giao cờ.")
        try issues.finish()
        try await req.write { store in
            let conference = try await store.conference(id, of: year.id!)
            // Once the record is issued, what it says the conference did stays so.
            let issued = try await IssuedDocumentModel.query(on: store.db).filter(\.$subject == HandoverDocument.subject(id)).first()
            if let refusal = FlagHandover.recordRefusal(issuedNumber: issued?.numberText) { throw DomainError.conflict(refusal) }
            try await store.handOverFlag(of: conference, from: from, to: to)
        }
    }

    /// What a head asks to open: read from a form or a body, checked by Core.
    struct OpenInput: Sendable {
        var purpose: String?
        var title: String?
        var candidates: [UUID]
        var seats: Int?
        var maxChoices: Int?
        var shareNumerator: Int?
        var shareDenominator: Int?
        var strict: Bool
        var base: String?
        var quorumNumerator: Int?
        var quorumDenominator: Int?
        var ruleSource: String?
        var effect: String?
    }

    /// Mở phiên bỏ phiếu: the voters are the units present at the roll call, fixed now.
    func open(_ context: YearContext, conference id: UUID, _ input: OpenInput) async throws -> BallotSessionModel {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        guard year.yearState == .conference else {
            throw DomainError.conflict("Chỉ mở phiên bỏ phiếu khi năm thi đua ở bước «\(YearState.conference.label)» (hiện tại: «\(year.yearState.label)»).")
        }
        let store = req.registry
        let conference = try await store.conference(id, of: year.id!)
        guard conference.conferenceKind == .yearEnd else {
            throw DomainError.conflict("Bỏ phiếu suy tôn và bầu Trưởng khối diễn ra tại hội nghị tổng kết.")
        }
        let members = try await context.members(req).map(\.membership.$unit.id)
        let present = Set(try await store.attendance(of: id).filter(\.present).map(\.unitID))
        var issues = IssueCollector()
        let purpose = BallotPurpose(rawValue: input.purpose ?? "")
        issues.check(purpose != nil, field: "purpose", "Hãy chọn nội dung bỏ phiếu.")
        issues.check(Set(input.candidates).isSubset(of: Set(members)), field: "candidates", "Ứng viên phải là đơn vị thành viên của khối.")
        let effect = input.effect.flatMap { $0.isEmpty ? nil : ElectionEffect(rawValue: $0) }
        issues.check(input.effect.map { $0.isEmpty || effect != nil } ?? true, field: "effect", "Hiệu lực của kết quả bầu không hợp lệ.")
        let base = ThresholdBase(rawValue: input.base ?? "")
        issues.check(base != nil, field: "base", "Hãy chọn căn cứ tính tỷ lệ (tổng số thành viên hoặc số có mặt).")
        let typed = TextRules.optionalText(input.title, field: "title", label: "Tên phiên bỏ phiếu", into: &issues)
        let source = TextRules.reason(input.ruleSource, field: "ruleSource", label: "Căn cứ của ngưỡng", into: &issues)
        try issues.finish()
        let title = typed ?? purpose!.label
        let rule = ThresholdRule(share: Fraction(input.shareNumerator ?? 0, input.shareDenominator ?? 0), strict: input.strict,
                                 base: base!, quorum: Fraction(input.quorumNumerator ?? 0, input.quorumDenominator ?? 0),
                                 source: source ?? "")
        // Candidates in the published ranking's order, where there is one.
        let order = try await rankingOrder(of: year)
        let candidates = Self.inRankingOrder(input.candidates, order: order)
        let spec = BallotSpec(purpose: purpose!, candidates: candidates, seats: input.seats ?? 0,
                              maxChoices: input.maxChoices ?? 0, rule: rule, eligible: present, members: members.count,
                              memberUnits: Set(members))
        try spec.validate()
        let (now, effectValue) = (now, purpose!.office == nil ? nil : (effect ?? .elect))
        return try await req.write { try await $0.open(spec, title: title, effect: effectValue, previous: nil, conference: conference, now: now) }
    }

    /// Units by their place in the ranking; those without one keep their order, after.
    static func inRankingOrder(_ units: [UUID], order: [UUID: Int]) -> [UUID] {
        units.enumerated().sorted { left, right in
            let l = order[left.element] ?? Int.max, r = order[right.element] ?? Int.max
            return l == r ? left.offset < right.offset : l < r
        }.map(\.element)
    }

    /// The place of each unit in the latest published ranking.
    func rankingOrder(of year: BlocYearModel) async throws -> [UUID: Int] {
        guard let result = try await req.registry.rankings(of: year.id!).first?.result else { return [:] }
        return Dictionary(result.rows.enumerated().map { ($0.element.unitID, $0.offset) }, uniquingKeysWith: min)
    }

    /// Kết thúc phiên: the count, once; without quorum only with a reason for the minutes.
    func close(_ context: YearContext, session id: UUID, reason: String?) async throws -> BallotSessionModel {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        let facts = try await BallotFacts.load(req, sessionID: id)
        guard facts.year.id == year.id else { throw DomainError.notFound("Phiên bỏ phiếu không thuộc năm thi đua này.") }
        var issues = IssueCollector()
        let reason = TextRules.reason(reason, field: "reason", into: &issues)
        try issues.finish()
        let (now, blocID, number) = (now, context.bloc.id!, context.year)
        return try await req.write { try await $0.close(id, reasonWithoutQuorum: reason, blocID: blocID, year: number, now: now) }
    }

    /// Phiếu giấy: a batch the tally committee counted, with the units that voted on paper.
    func enterPaper(_ context: YearContext, session id: UUID, units: [UUID], collected: Int?, invalid: Int?,
                    votes: [UUID: Int]) async throws {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        let facts = try await BallotFacts.load(req, sessionID: id)
        guard facts.year.id == year.id else { throw DomainError.notFound("Phiên bỏ phiếu không thuộc năm thi đua này.") }
        let batch = PaperBatch(collected: collected ?? units.count, invalid: invalid ?? 0, votes: votes)
        let (now, name) = (now, req.auditor.actorName)
        try await req.write { try await $0.enter(batch, units: units, in: id, enteredBy: name, now: now) }
    }

    /// Bỏ phiếu vòng sau, among the tied or the unelected, for the seats left.
    func nextRound(_ context: YearContext, session id: UUID) async throws -> BallotSessionModel {
        try req.authorize(.leadBloc, context.resource)
        let year = try context.opened()
        let facts = try await BallotFacts.load(req, sessionID: id)
        guard facts.year.id == year.id else { throw DomainError.notFound("Phiên bỏ phiếu không thuộc năm thi đua này.") }
        guard let result = try facts.session.result else {
            throw DomainError.conflict("Phiên bỏ phiếu chưa kết thúc; chưa thể bỏ phiếu vòng sau.")
        }
        let store = req.registry
        let present = Set(try await store.attendance(of: facts.session.$conference.id).filter(\.present).map(\.unitID))
        guard let spec = Tally.nextRound(after: facts.spec, result: result, eligible: present) else {
            throw DomainError.conflict("Kết quả đã đủ, không cần bỏ phiếu vòng sau.")
        }
        try spec.validate()
        let conference = try await store.conference(facts.session.$conference.id, of: year.id!)
        let (now, title, effect) = (now, "\(facts.session.title) — vòng \(spec.round)", facts.session.electionEffect)
        return try await req.write { store in
            // Asked inside the write: two requests at once open one round, not two.
            guard try await store.sessions(of: conference.id!).allSatisfy({ $0.previousID != id }) else {
                throw DomainError.conflict("Đã mở vòng sau của phiên này.")
            }
            return try await store.open(spec, title: title, effect: effect, previous: id, conference: conference, now: now)
        }
    }

    /// Công nhận: the province names next year's head or deputy that the conference introduced.
    func recognise(_ context: YearContext, role text: String?, unit: UUID?) async throws {
        try req.authorize(.recogniseOffices, context.resource)
        let year = try context.opened()
        var issues = IssueCollector()
        let role = BlocOfficeRole(rawValue: text ?? "")
        issues.check(role != nil, field: "role", "Hãy chọn Trưởng khối hoặc Phó trưởng khối.")
        issues.check(unit != nil, field: "unitID", "Hãy chọn đơn vị.")
        try issues.finish()
        let members = Set(try await context.members(req).map(\.membership.$unit.id))
        let (blocID, next) = (context.bloc.id!, year.year + 1)
        try await req.write { try await $0.recognise(role!, unit: unit!, year: next, of: blocID, members: members) }
    }

    // MARK: - The voter

    /// The unit the signed-in voter casts for in this session: the one of theirs on the list
    /// (named when they vote for several).
    func voterUnit(_ facts: BallotFacts, chosen: UUID?) throws -> UUID {
        let mine = (req.actor?.voterUnits ?? []).intersection(facts.spec.eligible)
        if let chosen {
            guard mine.contains(chosen) else { throw DomainError.invalid(field: "unitID", "Bạn không bỏ phiếu cho đơn vị này.") }
            return chosen
        }
        guard mine.count == 1, let unit = mine.first else {
            throw DomainError.invalid(field: "unitID", mine.isEmpty ? "Đơn vị của bạn không có tên trong danh sách bỏ phiếu."
                                                                  : "Bạn bỏ phiếu cho nhiều đơn vị: hãy chọn đơn vị.")
        }
        return unit
    }

    /// Bỏ phiếu kín: returns the receipt code, shown once; only its hash is kept.
    func cast(session id: UUID, unit chosen: UUID?, choices: [UUID]) async throws -> String {
        let facts = try await BallotFacts.load(req, sessionID: id)
        try req.authorize(.vote, facts.resource)
        let unit = try voterUnit(facts, chosen: chosen)
        guard Set(choices).count == choices.count else {
            throw DomainError.invalid(field: "choices", "Mỗi ứng viên chỉ được chọn một lần.")
        }
        try facts.spec.check(choices: Set(choices))
        var generator = SystemRandomNumberGenerator()
        let code = ReceiptCode.make(from: (0..<ReceiptCode.length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try await req.application.ballotQueue.cast(BallotCast(session: id, unit: unit, choices: Set(choices),
                                                               receiptHash: RegistryStore.receiptHash(code), auditor: req.auditor))
        return code
    }

    /// Whether the voter's unit has cast its ballot in the session (never what it chose).
    func hasVoted(_ facts: BallotFacts) async throws -> Bool {
        let mine = (req.actor?.voterUnits ?? []).intersection(facts.spec.eligible)
        guard !mine.isEmpty else { return false }
        return try await ParticipationModel.query(on: req.db).filter(\.$sessionID == facts.session.id!)
            .filter(\.$unitID ~~ Array(mine)).count() == mine.count
    }

    /// The sessions open now for the signed-in voter's units.
    func openForVoter() async throws -> [BallotSessionModel] {
        let mine = req.actor?.voterUnits ?? []
        guard !mine.isEmpty else { return [] }
        return try await BallotSessionModel.query(on: req.db).filter(\.$state == "open").sort(\.$openedAt).all()
            .filter { session in ((try? session.spec.eligible) ?? []).isDisjoint(with: mine) == false }
    }

    // MARK: - Reading a session

    /// The result, only once the session has closed: before that, for anyone, a refusal.
    func result(_ facts: BallotFacts) throws -> TallyResult {
        try req.authorize(.read, facts.resource)
        guard !facts.session.isOpen, let result = try facts.session.result else {
            throw DomainError.conflict("Kết quả chỉ có sau khi phiên bỏ phiếu kết thúc; trong khi bỏ phiếu chỉ hiện số đơn vị đã bỏ phiếu.")
        }
        return result
    }

    /// Bảng công khai: the receipt hashes of a closed session.
    func bulletin(_ facts: BallotFacts) async throws -> [String] {
        _ = try result(facts)
        return try await req.registry.receiptHashes(of: facts.session.id!)
    }
}
