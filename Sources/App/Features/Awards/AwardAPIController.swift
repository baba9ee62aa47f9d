import Fluent
import Foundation
import ThiDuaCore
import Vapor

struct AwardTypeDTO: Content {
    var code: String; var name: String; var kind: String; var subject: String; var level: String; var decidedBy: String
    var legalBasis: String; var article: String; var validFrom: String; var validTo: String?; var provincial: Bool

    init(_ t: AwardType) {
        code = t.code.rawValue; name = t.name; kind = t.kind.rawValue; subject = t.subject.rawValue; level = t.level.rawValue
        decidedBy = t.decidedBy; legalBasis = t.legalBasis.citation; article = t.article; validFrom = t.validity.from.iso
        validTo = t.validity.to?.iso; provincial = t.provincial
    }
}

struct RecordedDTO: Content { var id: UUID; var message: String }

/// "Đủ điều kiện hay không, và vì sao": the verdict, its summary and the rule's explanation.
struct EligibilityDTO: Content {
    var outcome: String
    var eligible: Bool
    var summary: String
    var explanation: Explanation

    init(_ explanation: Explanation) {
        outcome = explanation.outcome.rawValue
        eligible = explanation.eligible
        summary = explanation.summary
        self.explanation = explanation
    }
}

struct ProposalDTO: Content {
    struct Line: Content {
        var id: UUID; var subject: String; var recipientID: UUID; var recipientName: String; var unitID: UUID; var awardCode: String
        var awardName: String; var summary: String; var status: String; var returnReason: String?
        /// "pass", "fail" or "review"; nil when the rule could not be asked.
        var eligibility: String?
        var explanation: Explanation?
    }
    struct Step: Content { var action: String; var from: String; var to: String; var reason: String?; var actor: String; var at: Date }
    struct Decision: Content { var number: String; var date: String; var issuer: String; var signer: String }
    struct Council: Content { var date: String; var votesFor: Int; var votesAgainst: Int; var note: String? }
    var id: UUID
    var kind: String
    var provinceID: UUID
    var authorUnitID: UUID
    var blocID: UUID?
    var year: Int
    var title: String
    var status: String
    var statusLabel: String
    var submittedOn: String?
    var returnReason: String?
    var lines: [Line]
    var warnings: [String]
    var council: Council?
    var decision: Decision?
    var history: [Step]

    static func load(_ proposal: AwardProposalModel, service: AwardService, withLines: Bool = true) async throws -> ProposalDTO {
        let store = service.req.registry
        let lines = withLines ? try await store.lines(of: proposal.id!) : []
        let explanations = try await service.explanations(of: proposal, lines: lines)
        let warnings = withLines ? try await service.warnings(of: proposal, lines: lines, explanations: explanations).messages : []
        let decision = try await store.decision(ofProposal: proposal.id!)
        let catalogue = service.catalogue
        return ProposalDTO(
            id: proposal.id!, kind: proposal.kind, provinceID: proposal.provinceID, authorUnitID: proposal.authorUnitID, blocID: proposal.blocID,
            year: proposal.year, title: proposal.title, status: proposal.status, statusLabel: proposal.proposalStatus.label,
            submittedOn: proposal.submittedOn, returnReason: proposal.returnReason,
            lines: lines.map { line in
                let explanation = explanations[line.id!]
                return Line(id: line.id!, subject: line.subject, recipientID: line.subjectID, recipientName: line.recipientName, unitID: line.unitID,
                            awardCode: line.code, awardName: catalogue.type(AwardCode(line.code))?.name ?? line.code, summary: line.summary,
                            status: line.status, returnReason: line.returnReason, eligibility: explanation?.outcome.rawValue,
                            explanation: explanation)
            },
            warnings: warnings,
            council: proposal.councilDate.map {
                Council(date: $0, votesFor: proposal.councilFor ?? 0, votesAgainst: proposal.councilAgainst ?? 0, note: proposal.councilNote)
            },
            decision: decision.map { Decision(number: $0.number, date: $0.date, issuer: $0.issuer, signer: $0.signer) },
            history: try await store.events(ofProposal: proposal.id!).map {
                Step(action: $0.action, from: $0.fromStatus, to: $0.toStatus, reason: $0.reason, actor: $0.actorName, at: $0.at)
            })
    }
}

/// One dated version of a province's parameters, values as text by field name.
struct AwardParametersDTO: Content {
    var id: UUID; var validFrom: String; var validTo: String?; var reference: String; var values: [String: String]

    init(_ model: AwardParameterVersionModel) {
        id = model.id!; validFrom = model.validFrom; validTo = model.validTo; reference = model.reference
        values = model.core?.parameters.fields ?? [:]
    }
}

/// `/api/v1` for the awards: the same service as the pages; handlers decode, call, encode.
enum AwardAPIController {
    static func catalogue(req: Request) async throws -> [AwardTypeDTO] {
        try req.checkQueryNames(["subject", "at"])
        let at = try req.queryDate("at") ?? req.today
        let subject = req.queryText("subject").flatMap(AwardSubject.init(rawValue:))
        let types = AwardService(req: req).catalogue.types.filter { $0.validity.contains(at) && (subject == nil || $0.subject == subject) }
        return types.map(AwardTypeDTO.init)
    }

    static func personRating(req: Request) async throws -> Response {
        let model = try await AwardService(req: req).recordRating(person: try req.id("personID"), try req.content.decode(RatingInput.self))
        return try await RecordedDTO(id: model.id!, message: "Đã ghi xếp loại năm \(model.year).").encodeResponse(status: .created, for: req)
    }

    static func unitRating(req: Request) async throws -> Response {
        let model = try await AwardService(req: req).recordRating(unit: try req.id("unitID"), try req.content.decode(RatingInput.self))
        return try await RecordedDTO(id: model.id!, message: "Đã ghi xếp loại năm \(model.year).").encodeResponse(status: .created, for: req)
    }

    static func discipline(req: Request) async throws -> Response {
        let model = try await AwardService(req: req).recordDiscipline(person: try req.id("personID"), try req.content.decode(DisciplineInput.self))
        return try await RecordedDTO(id: model.id!, message: "Đã ghi kỷ luật, xem xét.").encodeResponse(status: .created, for: req)
    }

    static func initiative(req: Request) async throws -> Response {
        let model = try await AwardService(req: req).recordInitiative(person: try req.id("personID"), try req.content.decode(InitiativeInput.self))
        return try await RecordedDTO(id: model.id!, message: "Đã ghi sáng kiến «\(model.title)».").encodeResponse(status: .created, for: req)
    }

    static func eligibility(_ subject: AwardSubject) -> @Sendable (Request) async throws -> EligibilityDTO {
        { req in
            try req.checkQueryNames(["award", "year", "date"])
            let id = try req.id(subject == .individual ? "personID" : "unitID")
            return EligibilityDTO(try await AwardService(req: req).explain(subject: subject, id: id, code: req.queryText("award"),
                                                                           year: req.queryText("year"), date: req.queryText("date")))
        }
    }

    static func history(_ subject: AwardSubject) -> @Sendable (Request) async throws -> [AwardHistoryEntry] {
        { req in
            try await AwardService(req: req).awardHistory(subject: subject, id: try req.id(subject == .individual ? "personID" : "unitID"))
        }
    }

    static func proposals(req: Request) async throws -> [ProposalDTO] {
        try req.checkQueryNames(["status"])
        let service = AwardService(req: req)
        var result: [ProposalDTO] = []
        for proposal in try await service.proposals(status: req.queryText("status")) {
            result.append(try await ProposalDTO.load(proposal, service: service, withLines: false))
        }
        return result
    }

    static func createProposal(req: Request) async throws -> Response {
        let service = AwardService(req: req)
        let proposal = try await service.createProposal(try req.content.decode(ProposalInput.self))
        return try await RegistryAPIController.created(try await ProposalDTO.load(proposal, service: service), at: .api(.awardProposal(proposal.id!)), on: req)
    }

    static func proposal(req: Request) async throws -> ProposalDTO {
        let service = AwardService(req: req)
        return try await ProposalDTO.load(try await req.registry.proposal(try req.id("proposalID")), service: service)
    }

    /// Runs an action on the proposal in the path, then answers with the proposal as it stands.
    static func act(_ body: @escaping @Sendable (AwardService, UUID, Request) async throws -> Void) -> @Sendable (Request) async throws -> ProposalDTO {
        { req in
            let id = try req.id("proposalID")
            let service = AwardService(req: req)
            try await body(service, id, req)
            return try await ProposalDTO.load(try await req.registry.proposal(id), service: service)
        }
    }

    static let addLine = act { service, id, req in _ = try await service.addLine(proposal: id, try req.content.decode(ProposalLineInput.self)) }
    static let removeLine = act { service, id, req in try await service.removeLine(proposal: id, line: try req.id("lineID")) }
    static let submit = act { service, id, req in try await service.submit(proposal: id, try req.decodeOptional(ProposalActionInput.self)) }
    static let receive = act { service, id, _ in try await service.receive(proposal: id) }
    static let returnProposal = act { service, id, req in try await service.returnProposal(id, try req.content.decode(ProposalActionInput.self)) }
    static let toCouncil = act { service, id, _ in try await service.toCouncil(proposal: id) }
    static let vote = act { service, id, req in try await service.recordVote(proposal: id, try req.content.decode(CouncilVoteInput.self)) }
    static let decide = act { service, id, req in _ = try await service.decide(proposal: id, try req.content.decode(DecisionInput.self)) }

    static func parameters(req: Request) async throws -> [AwardParametersDTO] {
        try await AwardService(req: req).parameterVersions(province: try req.id("provinceID")).map(AwardParametersDTO.init)
    }

    static func addParameters(req: Request) async throws -> Response {
        let model = try await AwardService(req: req).addParameters(province: try req.id("provinceID"),
                                                                   try req.content.decode(AwardParametersInput.self))
        return try await AwardParametersDTO(model).encodeResponse(status: .created, for: req)
    }

    static func statistics(req: Request) async throws -> AwardStatistics {
        try req.checkQueryNames(["year"])
        var issues = IssueCollector()
        let year = NumberRange.read(req.queryText("year"), in: NumberRange.year, field: "year", label: "Năm", into: &issues)
        try issues.finish()
        return try await AwardService(req: req).statistics(province: try req.id("provinceID"), year: year)
    }
}

extension Request {
    /// A body that may be empty (an action with nothing to say): the input's defaults.
    func decodeOptional<T: Content & Sendable>(_ type: T.Type) throws -> T where T: Decodable {
        guard let body = body.data, body.readableBytes > 0 else { return try JSONDecoder().decode(T.self, from: Data("{}".utf8)) }
        return try content.decode(T.self)
    }
}
