import Fluent
import Foundation
import ThiDuaCore
import Vapor

struct RuleDTO: Content {
    var shareNumerator: Int
    var shareDenominator: Int
    var strict: Bool
    var base: String
    var quorumNumerator: Int
    var quorumDenominator: Int
    var source: String

    init(_ rule: ThresholdRule) {
        shareNumerator = rule.share.numerator; shareDenominator = rule.share.denominator; strict = rule.strict
        base = rule.base.rawValue; quorumNumerator = rule.quorum.numerator; quorumDenominator = rule.quorum.denominator
        source = rule.source
    }
}

/// A session as anyone allowed to read it sees it: turnout while open; the result, with the
/// rule that made it, only after close.
struct BallotSessionDTO: Content {
    struct Line: Content { var unitID: UUID; var votes: Int; var passed: Bool; var elected: Bool; var tied: Bool }
    struct Result: Content {
        var cast: Int; var electronic: Int; var paper: Int; var paperBatches: Int; var valid: Int; var invalid: Int
        var needed: Int; var quorumNeeded: Int; var quorumMet: Bool; var closedWithoutQuorumReason: String?
        var lines: [Line]; var elected: [UUID]; var needsFurtherRound: Bool; var reasoning: [String]
    }
    var id: UUID
    var conferenceID: UUID
    var purpose: String
    var title: String
    var state: String
    var round: Int
    var candidates: [UUID]
    var seats: Int
    var maxChoices: Int
    var rule: RuleDTO
    var eligible: [UUID]
    var members: Int
    var turnout: Int
    var effect: String?
    var previousID: UUID?
    var outcome: String?
    var result: Result?

    static func load(_ req: Request, _ session: BallotSessionModel) async throws -> BallotSessionDTO {
        let spec = try session.spec
        let result = try session.result
        return BallotSessionDTO(
            id: session.id!, conferenceID: session.$conference.id, purpose: session.purpose, title: session.title, state: session.state,
            round: spec.round, candidates: spec.candidates, seats: spec.seats, maxChoices: spec.maxChoices, rule: RuleDTO(spec.rule),
            eligible: spec.eligible.sorted { $0.uuidString < $1.uuidString }, members: spec.members,
            turnout: try await req.registry.turnout(of: session.id!), effect: session.effect, previousID: session.previousID,
            outcome: session.outcome,
            result: result.map { r in
                Result(cast: r.cast, electronic: r.electronic, paper: r.paper, paperBatches: r.paperBatches, valid: r.valid,
                       invalid: r.invalid, needed: r.needed, quorumNeeded: r.quorumNeeded, quorumMet: r.quorumMet,
                       closedWithoutQuorumReason: r.closedWithoutQuorumReason,
                       lines: r.lines.map { .init(unitID: $0.candidate, votes: $0.votes, passed: $0.passed, elected: $0.elected, tied: $0.tied) },
                       elected: r.elected, needsFurtherRound: r.needsFurtherRound, reasoning: r.reasoning)
            })
    }
}

struct ConferenceDTO: Content {
    struct Attendee: Content { var unitID: UUID; var present: Bool; var delegate: String? }
    var id: UUID
    var kind: String
    var heldOn: String
    var place: String
    var chair: String
    var secretary: String
    var tallyCommittee: [String]
    var agenda: [String]
    var flagFromUnitID: UUID?
    var flagToUnitID: UUID?
    var attendance: [Attendee]
    var sessions: [BallotSessionDTO]

    static func load(_ req: Request, _ model: ConferenceModel) async throws -> ConferenceDTO {
        let store = req.registry
        var sessions: [BallotSessionDTO] = []
        for session in try await store.sessions(of: model.id!) { sessions.append(try await BallotSessionDTO.load(req, session)) }
        return ConferenceDTO(
            id: model.id!, kind: model.kind, heldOn: model.heldOn, place: model.place, chair: model.chair, secretary: model.secretary,
            tallyCommittee: model.committee, agenda: model.agendaItems, flagFromUnitID: model.flagFrom, flagToUnitID: model.flagTo,
            attendance: try await store.attendance(of: model.id!).map { .init(unitID: $0.unitID, present: $0.present, delegate: $0.delegate) },
            sessions: sessions)
    }
}

/// The voting API: the same use cases as the pages, as JSON.
enum VotingAPIController {
    static func conferences(req: Request) async throws -> [ConferenceDTO] {
        try req.checkQueryNames([])
        let context = try await YearContext.load(req)
        var list: [ConferenceDTO] = []
        for model in try await req.registry.conferences(of: try context.opened().id!) { list.append(try await ConferenceDTO.load(req, model)) }
        return list
    }

    static func schedule(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let body = try req.jsonBody(ConferenceInput.self)
        let model = try await VotingService(req: req).schedule(context, kind: body.kind, heldOn: body.heldOn, place: body.place,
                                                               chair: body.chair, secretary: body.secretary,
                                                               tallyCommittee: body.tallyCommittee, agenda: body.agenda)
        return try await RegistryAPIController.created(try await ConferenceDTO.load(req, model),
                                                       at: .api(.conference(context.bloc.id!, context.year, model.id!)), on: req)
    }

    static func conference(req: Request) async throws -> ConferenceDTO {
        try req.checkQueryNames([])
        let context = try await YearContext.load(req)
        return try await ConferenceDTO.load(req, try await req.registry.conference(try req.id("conferenceID"), of: try context.opened().id!))
    }

    struct AttendanceBody: Content { var attendance: [ConferenceDTO.Attendee] }

    static func attendance(req: Request) async throws -> ConferenceDTO {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        let body = try req.jsonBody(AttendanceBody.self)
        try await VotingService(req: req).recordAttendance(
            context, conference: id, roll: body.attendance.map { Attendance(unitID: $0.unitID, present: $0.present, delegate: $0.delegate ?? "") })
        return try await ConferenceDTO.load(req, try await req.registry.conference(id, of: try context.opened().id!))
    }

    struct FlagBody: Content { var fromUnitID: UUID?; var toUnitID: UUID? }

    static func flag(req: Request) async throws -> ConferenceDTO {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        let body = try req.jsonBody(FlagBody.self)
        try await VotingService(req: req).handOverFlag(context, conference: id, from: body.fromUnitID, to: body.toUnitID)
        return try await ConferenceDTO.load(req, try await req.registry.conference(id, of: try context.opened().id!))
    }

    struct OpenBody: Content {
        var purpose: String
        var title: String?
        var candidates: [UUID]
        var seats: Int
        var maxChoices: Int
        var rule: RuleDTO
        var effect: String?
    }

    static func open(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let body = try req.jsonBody(OpenBody.self)
        let input = VotingService.OpenInput(
            purpose: body.purpose, title: body.title, candidates: body.candidates, seats: body.seats, maxChoices: body.maxChoices,
            shareNumerator: body.rule.shareNumerator, shareDenominator: body.rule.shareDenominator, strict: body.rule.strict,
            base: body.rule.base, quorumNumerator: body.rule.quorumNumerator, quorumDenominator: body.rule.quorumDenominator,
            ruleSource: body.rule.source, effect: body.effect)
        let session = try await VotingService(req: req).open(context, conference: try req.id("conferenceID"), input)
        return try await RegistryAPIController.created(try await BallotSessionDTO.load(req, session), at: .api(.ballot(session.id!)), on: req)
    }

    struct CloseBody: Content { var reason: String? }

    static func close(req: Request) async throws -> BallotSessionDTO {
        let context = try await YearContext.load(req)
        let body = try req.optionalJSONBody(CloseBody.self, otherwise: CloseBody())
        let session = try await VotingService(req: req).close(context, session: try req.id("sessionID"), reason: body.reason)
        return try await BallotSessionDTO.load(req, session)
    }

    struct PaperBody: Content {
        struct Votes: Content { var unitID: UUID; var votes: Int }
        var units: [UUID]
        var collected: Int
        var invalid: Int
        var votes: [Votes]
    }

    static func paper(req: Request) async throws -> BallotSessionDTO {
        let context = try await YearContext.load(req)
        let id = try req.id("sessionID")
        let body = try req.jsonBody(PaperBody.self)
        guard Set(body.votes.map(\.unitID)).count == body.votes.count else {
            throw DomainError.invalid(field: "votes", "Mỗi ứng viên chỉ ghi số phiếu một lần.")
        }
        try await VotingService(req: req).enterPaper(context, session: id, units: body.units, collected: body.collected, invalid: body.invalid,
                                                     votes: Dictionary(uniqueKeysWithValues: body.votes.map { ($0.unitID, $0.votes) }))
        return try await BallotSessionDTO.load(req, try await req.registry.session(id))
    }

    static func nextRound(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let session = try await VotingService(req: req).nextRound(context, session: try req.id("sessionID"))
        return try await RegistryAPIController.created(try await BallotSessionDTO.load(req, session), at: .api(.ballot(session.id!)), on: req)
    }

    struct RecogniseBody: Content { var role: String; var unitID: UUID }

    static func recognise(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let body = try req.jsonBody(RecogniseBody.self)
        try await VotingService(req: req).recognise(context, role: body.role, unit: body.unitID)
        return try await RegistryAPIController.created(try await RegistryAPIController.offices(req: req),
                                                       at: .api(.blocOffices(context.bloc.id!)), on: req)
    }

    static func session(req: Request) async throws -> BallotSessionDTO {
        try req.checkQueryNames([])
        let facts = try await BallotFacts.load(req, sessionID: try req.id("sessionID"))
        try req.authorize(.read, facts.resource)
        return try await BallotSessionDTO.load(req, facts.session)
    }

    struct VoteBody: Content { var choices: [UUID]; var unitID: UUID? }
    struct Receipt: Content { var sessionID: UUID; var receipt: String }

    static func vote(req: Request) async throws -> Response {
        let id = try req.id("sessionID")
        let body = try req.jsonBody(VoteBody.self)
        let code = try await VotingService(req: req).cast(session: id, unit: body.unitID, choices: body.choices)
        return try await RegistryAPIController.created(Receipt(sessionID: id, receipt: code), at: .api(.ballotBulletin(id)), on: req)
    }

    struct Bulletin: Content { var sessionID: UUID; var receiptHashes: [String] }

    static func bulletin(req: Request) async throws -> Bulletin {
        try req.checkQueryNames([])
        let facts = try await BallotFacts.load(req, sessionID: try req.id("sessionID"))
        return Bulletin(sessionID: facts.session.id!, receiptHashes: try await VotingService(req: req).bulletin(facts))
    }
}
