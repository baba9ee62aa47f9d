import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The scoring use cases: the one path that the pages and the API take for every action on
/// score sheets and the ranking. Each authorises with `Authorization` (on the sheet's
/// parties: members only, nobody judging their own unit), checks with Core, and writes and
/// audits in one transaction. Handlers only decode, call and render.
struct ScoringService {
    let req: Request
    let context: ScoringContext

    private var yearID: UUID { context.model.id! }

    func parties(_ unit: UUID) -> SheetParties {
        let facts = context.facts
        return SheetParties(unit: unit, province: facts.province, head: facts.head, deputy: facts.deputy, members: facts.members,
                            crossScoring: facts.crossScoring, kind: facts.kind)
    }

    /// What the signed-in officer does on this unit's sheet.
    func duties(_ unit: UUID) -> Set<SheetDuty> {
        guard let actor = req.actor else { return [] }
        return parties(unit).duties(units: actor.officerUnits, provinces: actor.officerProvinces)
    }

    // MARK: - Reading

    /// One sheet as its readers see it: each stage's values, what the ranking counts, the
    /// totals, the evidence and the history.
    struct SheetState: Sendable {
        var sheet: ScoreSheetModel?
        var status: SheetStatus
        var version: Int
        var own: SheetValues
        /// The review entered by the head, the deputy and the province.
        var official: SheetValues
        var officialReasons: [UUID: String]
        /// What the signed-in reviewer entered: the official review, or their own peer marks.
        var mine: SheetValues
        var mineReasons: [UUID: String]
        var merged: SheetValues
        var totals: SheetTotals
        var evidence: [EvidenceFileModel]
        var oldEvidence: [EvidenceFileModel]
        var events: [SheetEventModel]
    }

    func sheetState(unit: UUID) async throws -> SheetState {
        let store = req.registry
        let sheet = try await store.sheet(of: yearID, unit: unit, round: context.round)
        var state = SheetState(sheet: sheet, status: sheet?.sheetStatus ?? .draft, version: sheet?.version ?? 0, own: [:], official: [:],
                               officialReasons: [:], mine: [:], mineReasons: [:], merged: [:],
                               totals: SheetTotals(table: context.table, own: [:], merged: [:]), evidence: [], oldEvidence: [], events: [])
        guard let sheet else { return state }
        state.own = try await store.values(of: sheet.id!, stage: .selfScore).values
        (state.official, state.officialReasons) = try await store.values(of: sheet.id!, stage: .review)
        let reviewer = reviewerKey(for: unit)
        (state.mine, state.mineReasons) = reviewer.isEmpty
            ? (state.official, state.officialReasons) : try await store.values(of: sheet.id!, stage: .review, reviewer: reviewer)
        state.merged = SheetRules.merged(own: state.own, official: state.official, peerAverages: try await peerAverages()?[unit])
        state.totals = SheetTotals(table: context.table, own: state.own, merged: state.merged)
        // The current files and those they replaced, in one read.
        let files = try await store.evidence(of: sheet.id!, current: false)
        state.evidence = files.filter { $0.replacedAt == nil }
        state.oldEvidence = files.filter { $0.replacedAt != nil }
        state.events = try await store.events(of: sheet.id!)
        return state
    }

    /// What each sheet counts with (Core's merge), peers' marks averaged over the whole round.
    func mergedValues(of sheets: [ScoreSheetModel]) async throws -> [UUID: SheetValues] {
        let store = req.registry
        let all = context.rules.variant == .crossScoring ? try await store.sheets(of: yearID, round: context.round) : []
        return try await store.finalValues(of: sheets, peerSheets: all, table: context.table, rules: context.rules)
    }

    /// The peers' averaged marks per unit in cross-scoring; nil when the head reviews.
    func peerAverages() async throws -> [UUID: [UUID: Points]]? {
        guard context.rules.variant == .crossScoring else { return nil }
        let store = req.registry
        return try await store.peerAverages(over: store.sheets(of: yearID, round: context.round), table: context.table,
                                            rules: context.rules)
    }

    /// The reviewer key of the signed-in officer on a sheet: "" for the official review,
    /// the officer's member unit for a peer's marks in cross-scoring.
    func reviewerKey(for unit: UUID) -> String {
        guard context.rules.variant == .crossScoring, duties(unit).contains(.peer) else { return "" }
        let mine = (req.actor?.officerUnits ?? []).intersection(context.facts.members).subtracting([unit])
        return mine.sorted { $0.uuidString < $1.uuidString }.first?.uuidString ?? ""
    }

    // MARK: - Saving values

    /// The outcome of a save: written, or found already saved (a form posted twice).
    enum Saved: Sendable { case written, unchanged }

    /// Saves one stage's values against the version the client read (0 for a sheet never
    /// saved). A stale version is refused with `SheetConflict`, unless what was sent is
    /// exactly what is stored (a double click), which changes nothing.
    @discardableResult
    func save(_ values: SheetValues, reasons: [UUID: String], stage: SheetStage, unit: UUID, version: Int) async throws -> Saved {
        // The edge has checked it; a caller inside the app is held to the same range, far
        // enough from Int.max that the lock's "+ 1" never traps.
        guard NumberRange.version.contains(version) else {
            throw DomainError.invalid(field: "version", "Phiên bản bảng điểm phải là số nguyên từ 0 đến \(NumberRange.version.upperBound).")
        }
        let parties = parties(unit)
        let duties = duties(unit)
        let table = context.table
        let reviewer = stage == .review ? reviewerKey(for: unit) : ""
        // A peer's marks on the unit's own items are kept under the peer; the rest is the
        // official review (or, for the unit, its own values).
        let peer = reviewer.isEmpty ? [:] : SheetRules.only([.selfScore], of: values, table: table)
        let official = values.filter { peer[$0.key] == nil }
        switch stage {
        case .selfScore:
            try req.authorize(.scoreOwn, context.facts.sheet(unit: unit))
            guard context.open else {
                throw DomainError.conflict(ScoringWindow.message(midYear: context.round == .midYear, state: context.model.yearState))
            }
            try SheetRules.checkReviewScope(values, table: table, allowed: [.selfScore], kind: context.year.bloc.core.kind)
        case .review:
            try req.authorize(.review, context.facts.sheet(unit: unit))
            try SheetRules.checkReviewScope(values, table: table, allowed: parties.reviewScorers(duties), kind: context.year.bloc.core.kind)
        }
        let (model, round, now) = (context.model, context.round, req.thidua.now())
        do {
            let wrote = try await req.write { store -> Bool in
                let sheet = try await store.ensureSheet(of: model.id!, unit: unit, round: round, now: now)
                switch stage {
                case .selfScore:
                    guard SheetRules.editableByUnit(sheet.sheetStatus) else {
                        throw DomainError.conflict("Bảng điểm đã nộp; muốn sửa, hãy đề nghị Trưởng khối trả lại.")
                    }
                case .review:
                    guard SheetRules.reviewable(sheet.sheetStatus) else {
                        throw DomainError.conflict("Chỉ thẩm định được bảng điểm đã nộp (bảng này: «\(sheet.sheetStatus.label)»).")
                    }
                    let own = try await store.values(of: sheet.id!, stage: .selfScore).values
                    try SheetRules.checkReview(values, reasons: reasons, selfValues: own, table: table)
                }
                // What is sent is what is stored (nothing typed, a form posted twice): nothing to
                // write, no version to move, nothing for the audit log.
                if try await Self.stored(official, peer: peer, reasons: reasons, stage: stage, reviewer: reviewer, of: sheet, in: store) {
                    return false
                }
                try await store.claim(sheet, expected: version, now: now)
                if !official.isEmpty {
                    try await store.write(official, reasons: reasons, stage: stage, into: sheet, now: now)
                }
                if !peer.isEmpty {
                    try await store.write(peer, reasons: reasons, stage: .review, reviewer: reviewer, into: sheet, now: now)
                }
                return true
            }
            return wrote ? .written : .unchanged
        } catch is SheetConflict {
            if let sheet = try await req.registry.sheet(of: yearID, unit: unit, round: context.round),
               try await Self.stored(official, peer: peer, reasons: reasons, stage: stage, reviewer: reviewer, of: sheet, in: req.registry) {
                return .unchanged
            }
            throw SheetConflict()
        }
    }

    /// Whether every value and reason sent is the one stored (an empty entry is an absent one).
    private static func stored(_ official: SheetValues, peer: SheetValues, reasons: [UUID: String], stage: SheetStage, reviewer: String,
                               of sheet: ScoreSheetModel, in store: RegistryStore) async throws -> Bool {
        func same(_ sent: SheetValues, _ stored: (values: SheetValues, reasons: [UUID: String])) -> Bool {
            sent.allSatisfy { id, value in
                (stored.values[id] ?? ItemScore()) == value
                    && (stored.reasons[id] ?? "") == VietnameseText.normalized(reasons[id] ?? "")
            }
        }
        guard same(official, try await store.values(of: sheet.id!, stage: stage)) else { return false }
        if peer.isEmpty { return true }
        return same(peer, try await store.values(of: sheet.id!, stage: .review, reviewer: reviewer))
    }

    // MARK: - Moving the sheet

    /// Submit (the unit); return, finalise, reopen (the lead reviewer, never the unit itself).
    func act(_ action: SheetAction, reason: String?, unit: UUID) async throws {
        let resource = context.facts.sheet(unit: unit)
        let midYear = context.round == .midYear
        let state = context.model.yearState
        switch action {
        case .submit:
            try req.authorize(.scoreOwn, resource)
            guard context.open else { throw DomainError.conflict(ScoringWindow.message(midYear: midYear, state: state)) }
        case .returnToUnit, .finalise, .reopen:
            try req.authorize(.concludeReview, resource)
            try ScoringWindow.checkConclusion(midYear: midYear, state: state)
        }
        let (model, round, now, today, table, deadline) = (context.model, context.round, req.thidua.now(), req.today, context.table,
                                                          context.deadline())
        let notice = try await notice(of: action, unit: unit, reason: reason)
        let actor = req.actor?.userID
        try await req.write { store in
            let sheet: ScoreSheetModel
            if action == .submit {
                sheet = try await store.ensureSheet(of: model.id!, unit: unit, round: round, now: now)
            } else {
                guard let existing = try await store.sheet(of: model.id!, unit: unit, round: round) else {
                    throw DomainError.conflict("Đơn vị chưa nộp bảng điểm.")
                }
                sheet = existing
            }
            if action == .submit {
                let own = try await store.values(of: sheet.id!, stage: .selfScore).values
                let evidence = Set(try await store.evidence(of: sheet.id!).map(\.criterionID))
                try SheetRules.checkSubmission(own, table: table, evidence: evidence, today: today, deadline: deadline,
                                               extendedTo: sheet.extendedTo.flatMap(LocalDate.init))
            }
            if action == .finalise {
                _ = try SheetRules.next(sheet.sheetStatus, action: action)
                try SheetRules.checkFinalisation(try await store.values(of: sheet.id!, stage: .review).values, table: table,
                                                 kind: context.year.bloc.core.kind)
            }
            try await store.move(sheet, action, reason: reason, now: now)
            try await store.notify(notice.to, notice.kind, notice.text, href: notice.href, now: now, except: actor)
        }
    }

    /// Who is told of a sheet's step (issue 16 part 1): the reviewer of a submitted sheet, the
    /// unit of a returned, concluded or reopened one.
    private func notice(of action: SheetAction, unit: UUID, reason: String?) async throws
        -> (to: NotificationRecipients, kind: NotificationKind, text: String, href: String) {
        let name = try await UnitModel.find(unit, on: req.db)?.name ?? ""
        let year = context.year
        let sheet = context.round == .midYear ? "bảng điểm sơ kết" : "bảng điểm"
        let title = "\(year.bloc.name) năm \(year.year)"
        let href = SiteURL.year(year.bloc.id!, year.year, .sheet(unit)).path + (context.round == .midYear ? "?dot=so-ket" : "")
        let because = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : " Lý do: \($0)" } ?? ""
        return switch action {
        case .submit: (.reviewer(of: parties(unit)), .sheetSubmitted, "\(name) đã nộp \(sheet) \(title) để thẩm định.", href)
        case .returnToUnit: (.units([unit]), .sheetReturned, "\(name): \(sheet) \(title) bị trả lại.\(because)", href)
        case .finalise: (.units([unit]), .sheetFinalised, "\(name): \(sheet) \(title) đã hoàn tất thẩm định.", href)
        case .reopen: (.units([unit]), .sheetReopened, "\(name): \(sheet) \(title) được mở lại để sửa.\(because)", href)
        }
    }

    /// Gia hạn: the lead reviewer lets one unit submit after the deadline, with a reason; the
    /// head's own sheet is extended by whoever reviews it, never by the head itself.
    func extend(unit: UUID, to text: String?, reason text2: String?) async throws {
        try req.authorize(.concludeReview, context.facts.sheet(unit: unit))
        var issues = IssueCollector()
        let date = TextRules.requiredDate(text, field: "extendedTo", label: "Gia hạn đến ngày", into: &issues)
        let reason = TextRules.requiredName(text2, field: "reason", label: "Lý do gia hạn", maximum: 1000, into: &issues)
        if let date, let deadline = context.deadline() {
            issues.check(date > deadline, field: "extendedTo", "Ngày gia hạn phải sau hạn chung (\(deadline.vietnamese)).")
        }
        try issues.finish()
        let (model, round, now) = (context.model, context.round, req.thidua.now())
        try await req.write { store in
            let sheet = try await store.ensureSheet(of: model.id!, unit: unit, round: round, now: now)
            let before: [String: String?] = ["extendedTo": sheet.extendedTo, "reason": sheet.extensionReason]
            sheet.extendedTo = date!.iso
            sheet.extensionReason = reason
            try await sheet.save(on: store.db)
            try await store.auditor.record(on: store.db, action: "extend", type: "score_sheet", id: sheet.id?.uuidString,
                                           before: before, after: ["extendedTo": date!.iso, "reason": reason])
        }
    }

    // MARK: - Evidence

    /// Minh chứng: checks the file by its content, scans it when a scanner is set, and stores
    /// it against one of the unit's own items while the sheet is with the unit.
    func attach(_ file: File?, criterion text: String?, unit: UUID) async throws -> EvidenceFileModel {
        try req.authorize(.scoreOwn, context.facts.sheet(unit: unit))
        guard let criterion = text.flatMap(UUID.init(uuidString:)),
              let item = context.table.criteria.first(where: { $0.id == criterion && $0.kind != .group }) else {
            throw DomainError.invalid(field: "criterionID", "Hãy chọn tiêu chí của minh chứng.")
        }
        guard item.scorer == .selfScore else {
            throw DomainError.invalid(field: "criterionID",
                                      "Tiêu chí «\(item.code). \(item.title)» do \(item.scorer.reviewerLabel(in: context.year.bloc.core.kind)) chấm; đơn vị không nộp minh chứng cho tiêu chí này.")
        }
        guard let file, file.data.readableBytes > 0 else {
            throw DomainError.invalid(field: "file", "Hãy chọn tệp minh chứng.")
        }
        let data = Data(buffer: file.data)
        let kind = try EvidenceKind.check(data, name: file.filename, limit: req.thidua.config.evidenceLimit)
        if let command = req.thidua.config.evidenceScanCommand {
            try await EvidenceScanner.scan(data, name: file.filename, command: command, on: req)
        }
        let (model, round, now, directory) = (context.model, context.round, req.thidua.now(), req.thidua.config.filesDirectory)
        return try await req.write { store in
            let sheet = try await store.ensureSheet(of: model.id!, unit: unit, round: round, now: now)
            guard SheetRules.editableByUnit(sheet.sheetStatus) else {
                throw DomainError.conflict("Bảng điểm đã nộp: không thêm, thay hay xóa minh chứng được nữa.")
            }
            return try await store.attach(data, name: EvidenceKind.ownName(file.filename), kind: kind, to: sheet, criterion: criterion,
                                          directory: directory, now: now)
        }
    }

    // MARK: - The ranking

    /// The ranking of the members' final annual sheets as they stand, and the members whose
    /// sheet is not final yet.
    func liveRanking() async throws -> (result: RankingResult, missing: [String]) {
        let members = try await context.year.members(req)
        let memberUnits = Set(members.map(\.membership.$unit.id))
        let final = try await req.registry.sheets(of: yearID, round: .annual)
            .filter { $0.sheetStatus == .final && memberUnits.contains($0.$unit.id) }
        let values = try await mergedValues(of: final)
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let finalUnits = Set(final.map(\.$unit.id))
        let (priority, staff) = try await womenPriority(units: Array(finalUnits))
        let result = Ranking.compute(table: context.table, rules: context.rules, sheets: final.map {
            UnitSheet(unitID: $0.$unit.id, name: names[$0.$unit.id] ?? "", values: values[$0.$unit.id] ?? [:], staff: staff[$0.$unit.id])
        }, priority: priority)
        return (result, members.filter { !finalUnits.contains($0.membership.$unit.id) }.map(\.nameThen))
    }

    /// The women-priority threshold of the bloc's province in force at the year's end, and the
    /// units' staff by gender that day; nothing is read when the table does not use it.
    func womenPriority(units: [UUID]) async throws -> (WomenPriority.Rule, [UUID: StaffGenderCount]) {
        let yearEnd = LocalDate(year: context.year.year, month: 12, day: 31)!
        guard context.rules.tieBreaks.contains(.womenPriority) else { return (WomenPriority.Rule(day: yearEnd), [:]) }
        let schedule = try await AwardService(req: req).eligibility(province: context.year.bloc.$province.id).parameters
        return (WomenPriority.Rule(percent: schedule.version(on: yearEnd).parameters.womenPriorityPercent, day: yearEnd),
                try await req.registry.staffByGender(ofUnits: units, on: yearEnd))
    }

    /// Members whose annual sheet is not final, by name.
    func unfinished() async throws -> [String] {
        let final = Set(try await req.registry.sheets(of: yearID, round: .annual).filter { $0.sheetStatus == .final }.map(\.$unit.id))
        return try await context.year.members(req).filter { !final.contains($0.membership.$unit.id) }.map(\.nameThen)
    }

    /// What would be published, checked as publishing checks it, without publishing: for the
    /// confirmation asked before it. The version it would be, and the ranking.
    func previewPublication(reason: String?) async throws -> (version: Int, result: RankingResult) {
        let result = try await publishable()
        let previous = try await req.registry.rankings(of: yearID)
        try RegistryStore.checkCorrection(reason: reason, previous: previous)
        return (try NumberRange.nextVersion(after: previous.map(\.version).max() ?? 0), result)
    }

    /// The ranking, once the head may publish it and every member's sheet is final.
    private func publishable() async throws -> RankingResult {
        try req.authorize(.leadBloc, context.year.resource)
        try ScoringWindow.checkPublication(state: context.model.yearState)
        let (result, missing) = try await liveRanking()
        guard missing.isEmpty else {
            throw DomainError.conflict("Còn \(missing.count) đơn vị chưa có bảng điểm thẩm định xong: \(missing.joined(separator: ", ")).")
        }
        return result
    }

    /// Công bố: once every member's sheet is final; a later one is a correction with a reason.
    func publish(reason: String?) async throws -> RankingModel {
        let result = try await publishable()
        let (model, now) = (context.model, req.thidua.now())
        return try await req.write { try await $0.publish(result, of: model, reason: reason, now: now) }
    }
}
