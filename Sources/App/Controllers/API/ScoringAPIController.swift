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
    /// The unit's own items as the unit scored them.
    var selfTotal: String
    /// The same items after review.
    var reviewedSelfItemsTotal: String
    /// Every item, bonus and deduction after review.
    var reviewedTotal: String
    var evidence: [Evidence]
    var history: [Event]
    var extendedTo: String?
    var extensionReason: String?

    static func load(_ req: Request, context: ScoringContext, unitID: UUID) async throws -> SheetDTO {
        let state = try await ScoringService(req: req, context: context).sheetState(unit: unitID)
        guard let sheet = state.sheet else {
            throw DomainError.notFound("Đơn vị chưa có bảng điểm \(context.round == .annual ? "cả năm" : "sơ kết").")
        }
        func encode(_ values: SheetValues, _ reasons: [UUID: String]) -> [String: Value] {
            Dictionary(uniqueKeysWithValues: values.map { id, score in
                (id.uuidString, Value(points: score.points?.description, events: score.events, flagged: score.flagged, reason: reasons[id]))
            })
        }
        return SheetDTO(
            unitID: unitID, round: context.round.rawValue, status: sheet.status, statusLabel: sheet.sheetStatus.label,
            version: sheet.version, selfValues: encode(state.own, [:]), reviewValues: encode(state.mine, state.mineReasons),
            selfTotal: state.totals.selfScored.description, reviewedSelfItemsTotal: state.totals.reviewedSelfItems.description,
            reviewedTotal: state.totals.total.description,
            evidence: state.evidence.map {
                .init(id: $0.id!, criterionID: $0.criterionID, name: $0.originalName, kind: $0.kind, size: $0.size, version: $0.version, sha256: $0.sha256)
            },
            history: state.events.map {
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

    /// Saves values of one stage against the version the client read (0 for a sheet never
    /// saved); 409 with the stored values when someone saved in between.
    static func save(req: Request, stage: SheetStage) async throws -> SheetDTO {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let body = try req.jsonBody(SheetBody.self)
        do {
            try await ScoringService(req: req, context: context)
                .save(try body.values(table: context.table), reasons: body.reasonsByID, stage: stage, unit: unitID, version: body.version)
        } catch is SheetConflict {
            throw SheetConflictProblem(current: try await SheetDTO.load(req, context: context, unitID: unitID))
        }
        return try await SheetDTO.load(req, context: context, unitID: unitID)
    }

    static func saveSelf(req: Request) async throws -> SheetDTO { try await save(req: req, stage: .selfScore) }
    static func saveReview(req: Request) async throws -> SheetDTO { try await save(req: req, stage: .review) }

    /// Submit, return, finalise, reopen: one route each, as on the pages.
    static func act(_ action: SheetAction) -> @Sendable (Request) async throws -> SheetDTO {
        { req in
            let context = try await ScoringContext.load(req)
            let unitID = try req.id("unitID")
            let input = try req.optionalJSONBody(SheetActionInput.self, otherwise: SheetActionInput())
            try await ScoringService(req: req, context: context).act(action, reason: input.reason, unit: unitID)
            return try await SheetDTO.load(req, context: context, unitID: unitID)
        }
    }

    static func extend(req: Request) async throws -> SheetDTO {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let input = try req.jsonBody(ExtensionInput.self)
        try await ScoringService(req: req, context: context).extend(unit: unitID, to: input.extendedTo, reason: input.reason)
        return try await SheetDTO.load(req, context: context, unitID: unitID)
    }

    static func upload(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        let upload = try req.uploadForm(EvidenceUpload.self)
        let file = try await ScoringService(req: req, context: context).attach(upload.file, criterion: upload.criterionID, unit: unitID)
        return try await RegistryAPIController.created(try await SheetDTO.load(req, context: context, unitID: unitID),
                                                       at: .api(.evidence(context.year.bloc.id!, context.year.year, unitID, file.id!)), on: req)
    }

    static func ranking(req: Request) async throws -> RankingDTO {
        let context = try await ScoringContext.load(req, round: "annual")
        let service = ScoringService(req: req, context: context)
        let versions = try await req.registry.rankings(of: context.model.id!)
        let current = versions.first { $0.supersededAt == nil }
        if let current, let result = req.published(current)?.result {
            return RankingDTO(published: true, version: current.version, publishedAt: current.publishedAt, reason: current.reason,
                              result: result, missing: try await service.unfinished(), history: versions.map(\.version))
        }
        let live = try await service.liveRanking()
        return RankingDTO(published: false, version: nil, publishedAt: nil, reason: nil, result: live.result, missing: live.missing,
                          history: versions.map(\.version))
    }

    static func publish(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        _ = try await ScoringService(req: req, context: context)
            .publish(reason: try req.optionalJSONBody(PublishInput.self, otherwise: PublishInput()).reason)
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
