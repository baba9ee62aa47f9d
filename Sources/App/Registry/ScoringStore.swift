import Crypto
import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Score sheets, their stages, evidence, and the published ranking. Every rule is Core's;
/// this loads, asks, stores and logs.
extension RegistryStore {
    func sheet(of yearID: UUID, unit unitID: UUID, round: ScoringRound) async throws -> ScoreSheetModel? {
        try await ScoreSheetModel.query(on: db).filter(\.$blocYear.$id == yearID).filter(\.$unit.$id == unitID)
            .filter(\.$round == round.rawValue).first()
    }

    func sheets(of yearID: UUID, round: ScoringRound) async throws -> [ScoreSheetModel] {
        try await ScoreSheetModel.query(on: db).filter(\.$blocYear.$id == yearID).filter(\.$round == round.rawValue).all()
    }

    /// The sheet, created empty the first time it is needed, at version 0: the version a
    /// client saw while no sheet was stored. Two first saves at once: the second finds the
    /// unique key taken, which is the same conflict as a stale version.
    func ensureSheet(of yearID: UUID, unit unitID: UUID, round: ScoringRound, now: Date) async throws -> ScoreSheetModel {
        if let existing = try await sheet(of: yearID, unit: unitID, round: round) { return existing }
        let sheet = ScoreSheetModel(yearID: yearID, unitID: unitID, round: round, now: now)
        do {
            try await sheet.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw SheetConflict()
        }
        return sheet
    }

    /// Values of one stage (and one reviewer), with their reasons.
    func values(of sheetID: UUID, stage: SheetStage, reviewer: String = "") async throws -> (values: SheetValues, reasons: [UUID: String]) {
        let rows = try await ScoreEntryModel.query(on: db).filter(\.$sheet.$id == sheetID).filter(\.$stage == stage.rawValue)
            .filter(\.$reviewer == reviewer).all()
        return (Dictionary(rows.map { ($0.criterionID, $0.score) }, uniquingKeysWith: { a, _ in a }),
                Dictionary(rows.compactMap { row in row.reason.map { (row.criterionID, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// Peer marks of a year's sheets: reviewer unit → reviewed unit → criterion → points.
    func peerMarks(of sheets: [ScoreSheetModel]) async throws -> [UUID: CrossScoring.Marks] {
        let unitOf = Dictionary(uniqueKeysWithValues: sheets.map { ($0.id!, $0.$unit.id) })
        guard !sheets.isEmpty else { return [:] }
        let rows = try await ScoreEntryModel.query(on: db).filter(\.$sheet.$id ~~ sheets.map { $0.id! })
            .filter(\.$stage == SheetStage.review.rawValue).filter(\.$reviewer != "").all()
        var marks: [UUID: CrossScoring.Marks] = [:]
        for row in rows {
            guard let reviewer = UUID(uuidString: row.reviewer), let unit = unitOf[row.$sheet.id], let points = row.points else { continue }
            marks[reviewer, default: [:]][unit, default: [:]][row.criterionID] = Points(hundredths: points)
        }
        return marks
    }

    /// Takes the optimistic lock: succeeds only if the sheet is still at `expected`.
    /// PostgreSQL re-checks the condition after waiting for a concurrent writer; SQLite
    /// serialises writers. Reading back the write token tells whose update won.
    func claim(_ sheet: ScoreSheetModel, expected: Int, now: Date) async throws {
        let token = UUID().uuidString
        let next = try NumberRange.nextVersion(after: expected)
        try await ScoreSheetModel.query(on: db).filter(\.$id == sheet.id!).filter(\.$version == expected)
            .set(\.$version, to: next).set(\.$lastWrite, to: token).set(\.$updatedAt, to: now).update()
        guard let fresh = try await ScoreSheetModel.find(sheet.id!, on: db), fresh.lastWrite == token else {
            throw SheetConflict()
        }
        sheet.version = fresh.version
        sheet.lastWrite = token
        sheet.updatedAt = now
    }

    /// Writes one stage's values (replacing that stage's rows for the items sent).
    func write(_ values: SheetValues, reasons: [UUID: String] = [:], stage: SheetStage, reviewer: String = "",
               into sheet: ScoreSheetModel, now: Date) async throws {
        let existing = try await ScoreEntryModel.query(on: db).filter(\.$sheet.$id == sheet.id!).filter(\.$stage == stage.rawValue)
            .filter(\.$reviewer == reviewer).all()
        let byCriterion = Dictionary(existing.map { ($0.criterionID, $0) }, uniquingKeysWith: { a, _ in a })
        var before: [String: String?] = [:], after: [String: String?] = [:]
        for (id, score) in values {
            let note = reasons[id].map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
            if score == ItemScore() && note == nil {
                // An empty entry clears the item: its row goes, and the log says what it held.
                guard let existing = byCriterion[id] else { continue }
                before[id.uuidString] = Self.describe(existing.score) + (existing.reason.map { " — \($0)" } ?? "")
                after[id.uuidString] = .some(nil)
                try await existing.delete(on: db)
                continue
            }
            let row = byCriterion[id] ?? ScoreEntryModel()
            let old = byCriterion[id].map { Self.describe($0.score) }
            row.$sheet.id = sheet.id!
            row.criterionID = id
            row.stage = stage.rawValue
            row.reviewer = reviewer
            row.points = score.points?.hundredths
            row.events = score.events
            row.flagged = score.flagged
            row.reason = reasons[id].map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
            row.enteredBy = auditor.actorName
            row.enteredAt = now
            let new = Self.describe(score) + (row.reason.map { " — \($0)" } ?? "")
            if old != new {
                before[id.uuidString] = old
                after[id.uuidString] = new
            }
            try await row.save(on: db)
        }
        if !after.isEmpty {
            after["stage"] = stage.rawValue + (reviewer.isEmpty ? "" : ":\(reviewer)")
            after["version"] = String(sheet.version)
            try await auditor.record(on: db, action: "score", type: "score_sheet", id: sheet.id?.uuidString, before: before, after: after)
        }
    }

    static func describe(_ score: ItemScore) -> String {
        [score.points.map { "\($0) điểm" }, score.events.map { "\($0) lần" }, score.flagged ? "có" : nil].compactMap { $0 }
            .joined(separator: ", ")
    }

    /// Moves the sheet through its states, with the reason, in its history and the log.
    func move(_ sheet: ScoreSheetModel, _ action: SheetAction, reason: String?, now: Date) async throws {
        let from = sheet.sheetStatus
        let to = try SheetRules.next(from, action: action, reason: reason)
        let note = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        sheet.status = to.rawValue
        if action == .submit { sheet.submittedAt = now }
        if action == .returnToUnit { sheet.returnedReason = note }
        try await sheet.save(on: db)
        let event = SheetEventModel()
        event.$sheet.id = sheet.id!
        event.action = action.rawValue
        event.fromStatus = from.rawValue
        event.toStatus = to.rawValue
        event.reason = note
        event.actorName = auditor.actorName
        event.at = now
        try await event.create(on: db)
        try await auditor.record(on: db, action: action.rawValue, type: "score_sheet", id: sheet.id?.uuidString,
                                 before: ["status": from.rawValue], after: ["status": to.rawValue, "reason": note])
    }

    func events(of sheetID: UUID) async throws -> [SheetEventModel] {
        try await SheetEventModel.query(on: db).filter(\.$sheet.$id == sheetID).sort(\.$at).all()
    }

    // MARK: - Evidence

    func evidence(of sheetID: UUID, current: Bool = true) async throws -> [EvidenceFileModel] {
        var query = EvidenceFileModel.query(on: db).filter(\.$sheet.$id == sheetID)
        if current { query = query.filter(\.$replacedAt == nil) }
        return try await query.sort(\.$uploadedAt).all()
    }

    /// Stores the bytes under their SHA-256 (once, whoever uploads them) and records the
    /// file against the item; a second file for the same item replaces the first, which is
    /// kept as an older version.
    func attach(_ data: Data, name: String, kind: EvidenceKind, to sheet: ScoreSheetModel, criterion: UUID,
                directory: String, now: Date) async throws -> EvidenceFileModel {
        let sha = try ContentStore.put(data, in: directory)
        let previous = try await EvidenceFileModel.query(on: db).filter(\.$sheet.$id == sheet.id!)
            .filter(\.$criterionID == criterion).filter(\.$replacedAt == nil).all()
        for old in previous {
            old.replacedAt = now
            try await old.save(on: db)
        }
        let file = EvidenceFileModel()
        file.$sheet.id = sheet.id!
        file.criterionID = criterion
        file.sha256 = sha
        file.size = data.count
        file.kind = kind.rawValue
        file.originalName = VietnameseText.normalized(name)
        file.version = try NumberRange.nextVersion(after: previous.map(\.version).max() ?? 0)
        file.uploadedBy = auditor.actorName
        file.uploadedAt = now
        try await file.create(on: db)
        try await auditor.record(on: db, action: previous.isEmpty ? "upload" : "replace", type: "evidence", id: file.id?.uuidString,
                                 before: previous.first.map { ["sha256": $0.sha256, "version": String($0.version)] } ?? [:],
                                 after: ["sheetID": sheet.id?.uuidString, "criterionID": criterion.uuidString, "sha256": sha,
                                         "size": String(data.count), "kind": kind.rawValue, "name": file.originalName,
                                         "version": String(file.version)])
        return file
    }

    static func path(of file: EvidenceFileModel, in directory: String) -> String {
        ContentStore.path(of: file.sha256, in: directory)
    }

    // MARK: - Final values and the ranking

    /// The values each sheet counts with (Core's merge of the unit's own values, the
    /// official review and, in cross-scoring, the peers' marks averaged over `peerSheets`).
    func finalValues(of sheets: [ScoreSheetModel], peerSheets: [ScoreSheetModel], table: ScoringTable,
                     rules: RankingRules) async throws -> [UUID: SheetValues] {
        let peers = rules.variant == .crossScoring ? try await peerAverages(over: peerSheets, table: table, rules: rules) : nil
        var result: [UUID: SheetValues] = [:]
        for sheet in sheets {
            result[sheet.$unit.id] = SheetRules.merged(own: try await values(of: sheet.id!, stage: .selfScore).values,
                                                       official: try await values(of: sheet.id!, stage: .review).values,
                                                       peerAverages: peers?[sheet.$unit.id])
        }
        return result
    }

    /// The peers' marks averaged per unit and item (optionally normalised), over `sheets`.
    func peerAverages(over sheets: [ScoreSheetModel], table: ScoringTable, rules: RankingRules) async throws -> [UUID: [UUID: Points]] {
        CrossScoring.aggregate(table: table, marks: try await peerMarks(of: sheets), normalise: rules.normalise,
                               disagreementPercent: rules.disagreementPercent).points
    }

    func rankings(of yearID: UUID) async throws -> [RankingModel] {
        try await once("rankings \(yearID)") {
            try await RankingModel.query(on: db).filter(\.$blocYear.$id == yearID).sort(\.$version, .descending).all()
        }
    }

    /// After a first publication, each next one is a correction and needs its reason.
    static func checkCorrection(reason: String?, previous: [RankingModel]) throws {
        if !previous.isEmpty && VietnameseText.normalized(reason ?? "").isEmpty {
            throw DomainError.invalid(field: "reason", "Bảng xếp hạng đã công bố; đính chính cần ghi rõ lý do.")
        }
    }

    /// Publishes the ranking of every member's final sheet; a later publication is a
    /// correction that needs a reason and keeps the earlier one, superseded.
    func publish(_ result: RankingResult, of model: BlocYearModel, reason: String?, now: Date) async throws -> RankingModel {
        let previous = try await rankings(of: model.id!)
        let note = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        let snapshot = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        // The same correction sent again (a double click, a retry): the one already published.
        if let current = previous.first(where: { $0.supersededAt == nil }), note != nil, current.reason == note,
           current.result == result {
            return current
        }
        try Self.checkCorrection(reason: reason, previous: previous)
        for old in previous where old.supersededAt == nil {
            old.supersededAt = now
            try await old.save(on: db)
        }
        let ranking = RankingModel()
        ranking.$blocYear.id = model.id!
        ranking.version = try NumberRange.nextVersion(after: previous.map(\.version).max() ?? 0)
        ranking.publishedAt = now
        ranking.publishedBy = auditor.actorName
        ranking.reason = note
        ranking.snapshot = snapshot
        try await ranking.create(on: db)
        try await auditor.record(on: db, action: previous.isEmpty ? "publish" : "correct", type: "ranking", id: ranking.id?.uuidString,
                                 after: ["yearID": model.id?.uuidString, "version": String(ranking.version), "reason": note,
                                         "order": result.rows.map { "\($0.rank). \($0.name) \($0.final)" }.joined(separator: "; ")])
        return ranking
    }
}

/// Two officers saved the same sheet: the second save found a newer version.
struct SheetConflict: Error {}
