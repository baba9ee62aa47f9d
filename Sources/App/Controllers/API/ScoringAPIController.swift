import Fluent
import Foundation
import ThiDuaCore
import Vapor

struct SheetDTO: Content {
    struct Value: Content { var points: String?; var events: Int?; var flagged: Bool; var reason: String? }
    struct Evidence: Content { var id: UUID; var criterionID: UUID; var name: String; var kind: String; var size: Int; var version: Int; var sha256: String }
    struct Event: Content { var action: String; var from: String; var to: String; var reason: String?; var actor: String; var at: Date }
    var unitID: UUID
    var round: String
    var status: String
    var statusLabel: String
    var version: Int
    var selfValues: [String: Value]
    var reviewValues: [String: Value]
    var selfTotal: String
    var reviewedTotal: String
    var evidence: [Evidence]
    var history: [Event]
    var extendedTo: String?
    var extensionReason: String?

    static func load(_ req: Request, context: ScoringContext, unitID: UUID) async throws -> SheetDTO {
        let store = req.registry
        guard let sheet = try await store.sheet(of: context.model.id!, unit: unitID, round: context.round) else {
            throw DomainError.notFound("Đơn vị chưa có bảng điểm \(context.round == .annual ? "cả năm" : "sơ kết").")
        }
        let own = try await store.values(of: sheet.id!, stage: .selfScore)
        let review = try await store.values(of: sheet.id!, stage: .review)
        func encode(_ values: SheetValues, _ reasons: [UUID: String]) -> [String: Value] {
            Dictionary(uniqueKeysWithValues: values.map { id, score in
                (id.uuidString, Value(points: score.points?.description, events: score.events, flagged: score.flagged, reason: reasons[id]))
            })
        }
        var merged = own.values
        for (id, value) in review.values { merged[id] = value }
        return SheetDTO(
            unitID: unitID, round: context.round.rawValue, status: sheet.status, statusLabel: sheet.sheetStatus.label,
            version: sheet.version, selfValues: encode(own.values, own.reasons), reviewValues: encode(review.values, review.reasons),
            selfTotal: ScoreAnalysis.total(own.values, table: context.table).description,
            reviewedTotal: ScoreAnalysis.total(merged, table: context.table).description,
            evidence: try await store.evidence(of: sheet.id!).map {
                .init(id: $0.id!, criterionID: $0.criterionID, name: $0.originalName, kind: $0.kind, size: $0.size, version: $0.version, sha256: $0.sha256)
            },
            history: try await store.events(of: sheet.id!).map {
                .init(action: $0.action, from: $0.fromStatus, to: $0.toStatus, reason: $0.reason, actor: $0.actorName, at: $0.at)
            },
            extendedTo: sheet.extendedTo, extensionReason: sheet.extensionReason)
    }
}

struct RankingDTO: Content {
    var published: Bool
    var version: Int?
    var publishedAt: Date?
    var reason: String?
    var result: RankingResult
    var missing: [String]
    var history: [Int]
}

enum ScoringAPIController {
    static func sheets(req: Request) async throws -> [SheetSummaryDTO] {
        let context = try await ScoringContext.load(req)
        let members = try await context.year.members(req)
        let sheets = Dictionary(try await req.registry.sheets(of: context.model.id!, round: context.round).map { ($0.$unit.id, $0) },
                                uniquingKeysWith: { a, _ in a })
        return members.map { member in
            let unit = member.membership.$unit.id
            let readable = req.can(.read, context.facts.sheet(unit: unit))
            return SheetSummaryDTO(unitID: unit, name: member.nameThen, status: sheets[unit]?.status ?? "none", readable: readable)
        }
    }

    static func sheet(req: Request) async throws -> SheetDTO {
        try await SheetDTO.load(req, context: try await ScoringContext.load(req), unitID: try req.id("unitID"))
    }

    /// Saves values of the stage the body names against the version it was read at; 409 with
    /// both versions' values when someone saved in between.
    static func save(req: Request, stage: SheetStage) async throws -> SheetDTO {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let body = try req.content.decode(SheetBody.self)
        let values = try body.values(table: context.table)
        let reviewer = context.reviewer(req, sheetUnit: unitID)
        let canLead = req.can(.leadBloc, context.year.resource)
        let (model, round, now) = (context.model, context.round, req.thidua.now())
        do {
            let (table, expected) = (context.table, body.version == 0 ? nil : Optional(body.version))
            try await req.write { store in
                if stage == .selfScore {
                    try await store.saveOwn(values, year: model, unit: unitID, round: round, expected: expected, now: now)
                } else {
                    try await store.saveReview(values, reasons: body.reasonsByID, table: table, year: model, unit: unitID, round: round,
                                               reviewer: reviewer, canLead: canLead, expected: expected, now: now)
                }
            }
        } catch is SheetConflict {
            let current = try await SheetDTO.load(req, context: context, unitID: unitID)
            throw SheetConflictProblem(current: current)
        }
        return try await SheetDTO.load(req, context: context, unitID: unitID)
    }

    static func saveSelf(req: Request) async throws -> SheetDTO { try await save(req: req, stage: .selfScore) }
    static func saveReview(req: Request) async throws -> SheetDTO { try await save(req: req, stage: .review) }

    static func act(req: Request) async throws -> SheetDTO {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        try await ScoringController.perform(req: req, context: context, unitID: unitID, input: try req.content.decode(SheetActionInput.self))
        return try await SheetDTO.load(req, context: context, unitID: unitID)
    }

    static func extend(req: Request) async throws -> SheetDTO {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        try await ScoringController.extend(req: req, context: context, unitID: unitID, input: try req.content.decode(ExtensionInput.self))
        return try await SheetDTO.load(req, context: context, unitID: unitID)
    }

    static func upload(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let file = try await ScoringController.attach(req: req, context: context, unitID: unitID)
        return try await RegistryAPIController.created(try await SheetDTO.load(req, context: context, unitID: unitID),
                                                       at: .api(.evidence(context.year.bloc.id!, context.year.year, unitID, file.id!)), on: req)
    }

    static func ranking(req: Request) async throws -> RankingDTO {
        let context = try await ScoringContext.load(req, round: "annual")
        let versions = try await req.registry.rankings(of: context.model.id!)
        let current = versions.first { $0.supersededAt == nil }
        if let current, let result = current.result {
            return RankingDTO(published: true, version: current.version, publishedAt: current.publishedAt, reason: current.reason,
                              result: result, missing: try await ScoringController.unfinished(req: req, context: context),
                              history: versions.map(\.version))
        }
        let live = try await ScoringController.computeRanking(req: req, context: context)
        return RankingDTO(published: false, version: nil, publishedAt: nil, reason: nil, result: live.0, missing: live.missing,
                          history: versions.map(\.version))
    }

    static func publish(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        _ = try await ScoringController.publish(req: req, context: context, reason: try req.content.decode(PublishInput.self).reason)
        return try await RegistryAPIController.created(try await ranking(req: req), at: .api(.ranking(context.year.bloc.id!, context.year.year)), on: req)
    }
}

struct SheetSummaryDTO: Content {
    var unitID: UUID
    var name: String
    var status: String
    var readable: Bool
}

/// 409 with the values as they are now stored, so the client can show both.
struct SheetConflictProblem: Error {
    var current: SheetDTO
}
