import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A bloc's year as JSON: the whole year in one document, and the same writes as the pages.
struct YearDTO: Content {
    struct Member: Content {
        var unitID: UUID; var name: String; var signed: Bool; var registered: Bool; var acknowledged: Bool
        var targets: [String]
    }
    struct Signature: Content { var unitID: UUID; var signerName: String; var signerPosition: String; var signedAt: Date }
    struct Activity: Content {
        var id: UUID; var title: String; var startsOn: String; var endsOn: String?; var ownerUnitID: UUID?; var notes: String?
    }
    struct Step: Content { var transition: String; var from: String; var to: String; var reason: String?; var actor: String; var at: String }
    var blocID: UUID
    var year: Int
    var state: String
    var stateLabel: String
    var headUnitID: UUID?
    var deputyUnitID: UUID?
    var dates: YearDatesInput
    var availableTransitions: [String]
    var members: [Member]
    var signatures: [Signature]
    var plan: [Activity]
    var movements: [MovementDTO]
    var table: TableDTO?
    var history: [Step]
    var calendarFeed: String

    static func load(_ req: Request, context: YearContext) async throws -> YearDTO {
        let model = try context.opened()
        let store = req.registry
        let members = try await context.members(req)
        let signatures = try await store.signatures(of: model.id!)
        let registrations = Dictionary(try await store.registrations(of: model.id!).map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        let targets = try await store.targets(of: model.id!)
        let signed = Set(signatures.map(\.$unit.id))
        return YearDTO(
            blocID: context.bloc.id!, year: model.year, state: model.state, stateLabel: model.yearState.label,
            headUnitID: context.head, deputyUnitID: context.deputy, dates: YearDatesInput(model.dates),
            availableTransitions: YearMachine.available(from: model.yearState).map(\.rawValue),
            members: members.map { member in
                let id = member.membership.$unit.id
                return Member(unitID: id, name: member.nameThen, signed: signed.contains(id), registered: registrations[id] != nil,
                              acknowledged: registrations[id]?.acknowledgedAt != nil,
                              targets: targets.filter { $0.$unit.id == id }.map(\.text))
            },
            signatures: signatures.map { .init(unitID: $0.$unit.id, signerName: $0.signerName, signerPosition: $0.signerPosition, signedAt: $0.signedAt) },
            plan: try await store.plan(of: model.id!).map(\.core).map {
                .init(id: $0.id, title: $0.title, startsOn: $0.startsOn.iso, endsOn: $0.endsOn?.iso, ownerUnitID: $0.ownerUnitID, notes: $0.notes)
            },
            movements: try await store.movements(ofYear: model.id!).map { MovementDTO($0.core) },
            table: try await store.table(ofYear: model.id!).map(TableDTO.init),
            history: try await store.transitions(of: model.id!).map {
                .init(transition: $0.transition, from: $0.fromState, to: $0.toState, reason: $0.reason, actor: $0.actorName, at: $0.at)
            },
            calendarFeed: SiteURL.calendarFeed(model.calendarKey).path)
    }
}

struct MovementDTO: Content {
    var id: UUID; var provinceID: UUID; var scope: String; var blocID: UUID?; var unitID: UUID?; var kind: String
    var title: String; var launchedOn: String; var endsOn: String?; var launchingBody: String; var documentReference: String?
    var criterionIDs: [UUID]

    init(_ m: Movement) {
        id = m.id; provinceID = m.provinceID; scope = m.scope.rawValue; blocID = m.blocID; unitID = m.unitID; kind = m.kind.rawValue
        title = m.title; launchedOn = m.launchedOn.iso; endsOn = m.endsOn?.iso; launchingBody = m.launchingBody
        documentReference = m.documentReference; criterionIDs = m.criterionIDs
    }
}

struct TableDTO: Content {
    struct Item: Content {
        var id: UUID; var code: String; var parentCode: String?; var title: String; var kind: String; var maximum: String?
        var perEvent: String?; var cap: String?; var scorer: String; var evidenceRequired: Bool; var guidance: String?
    }
    var id: UUID
    var name: String
    var declaredTotal: String
    var bonusCap: String?
    var updatedAt: String
    var criteria: [Item]
    var rules: RankingRules

    init(_ model: ScoringTableModel) {
        let table = model.core
        let codes = Dictionary(table.criteria.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        id = model.id!
        name = model.name
        declaredTotal = table.declaredTotal.description
        bonusCap = table.bonusCap?.description
        updatedAt = model.updatedAt
        rules = model.rankingRules
        criteria = table.outline().map { node, _ in
            Item(id: node.id, code: node.code, parentCode: node.parentID.flatMap { codes[$0] }, title: node.title, kind: node.kind.rawValue,
                 maximum: node.maximum?.description, perEvent: node.perEvent?.description, cap: node.cap?.description,
                 scorer: node.scorer.rawValue, evidenceRequired: node.evidenceRequired, guidance: node.guidance)
        }
    }
}

struct RegistrationDTO: Content {
    struct Individual: Content { var personID: UUID; var fullName: String; var title: String; var titleLabel: String }
    var unitID: UUID
    var collectiveTitle: String
    var collectiveTitleLabel: String
    var individuals: [Individual]
    var submittedAt: Date
    var submittedBy: String
    var acknowledgedAt: Date?
    var acknowledgedBy: String?

    init(_ model: RegistrationModel) {
        let core = model.core
        unitID = core.unitID
        collectiveTitle = core.collectiveTitle.rawValue
        collectiveTitleLabel = core.collectiveTitle.label
        let names = Dictionary(model.individuals.map { ($0.$person.id, $0.$person.value?.fullName ?? "") }, uniquingKeysWith: { a, _ in a })
        individuals = core.individuals.map { .init(personID: $0.personID, fullName: names[$0.personID] ?? "", title: $0.title.rawValue, titleLabel: $0.title.label) }
        submittedAt = model.submittedAt
        submittedBy = model.submittedBy
        acknowledgedAt = model.acknowledgedAt
        acknowledgedBy = model.acknowledgedBy
    }
}

struct ProvinceYearDTO: Content {
    struct Bloc: Content {
        var blocID: UUID; var name: String; var state: String?; var stateLabel: String; var headUnitID: UUID?; var members: Int
        var unsigned: [UUID]; var unregistered: [UUID]
    }
    var provinceID: UUID
    var year: Int
    var blocs: [Bloc]
}

enum YearAPIController {
    static func year(req: Request) async throws -> YearDTO {
        try await YearDTO.load(req, context: try await YearContext.load(req))
    }

    static func open(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(OpenYearInput.self)
        try await YearService(req: req, context: context).open(headUnitID: input.headUnitID, deputyUnitID: input.deputyUnitID, source: input.source,
                                                         pactAt: input.pactAt)
        let dto = try await YearDTO.load(req, context: try await YearContext.load(req))
        return try await RegistryAPIController.created(dto, at: .api(.blocYear(context.bloc.id!, context.year)), on: req)
    }

    static func transition(req: Request) async throws -> YearDTO {
        let context = try await YearContext.load(req)
        try await YearService(req: req, context: context).transition(try req.content.decode(TransitionInput.self))
        return try await YearDTO.load(req, context: try await YearContext.load(req))
    }

    static func dates(req: Request) async throws -> YearDTO {
        let context = try await YearContext.load(req)
        try await YearService(req: req, context: context).saveDates(try req.content.decode(YearDatesInput.self))
        return try await YearDTO.load(req, context: try await YearContext.load(req))
    }

    static func addActivity(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        try await YearService(req: req, context: context).addActivity(try req.content.decode(ActivityInput.self))
        return try await RegistryAPIController.created(try await YearDTO.load(req, context: context),
                                                       at: .api(.blocYear(context.bloc.id!, context.year)), on: req)
    }

    static func addMovement(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        try await YearService(req: req, context: context).addMovement(try req.content.decode(MovementInput.self))
        return try await RegistryAPIController.created(try await YearDTO.load(req, context: context),
                                                       at: .api(.blocYear(context.bloc.id!, context.year)), on: req)
    }

    static func table(req: Request) async throws -> TableDTO {
        let model = try await YearContext.load(req).opened()
        guard let table = try await req.registry.table(ofYear: model.id!) else {
            throw DomainError.notFound("Năm thi đua chưa có bảng điểm.")
        }
        return TableDTO(table)
    }

    static func saveTable(req: Request) async throws -> TableDTO {
        let body = try req.content.decode(TableBody.self)
        let id = try await YearService(req: req, context: try await YearContext.load(req))
            .saveTable(rows: body.criteria, name: body.name, declaredTotal: body.declaredTotal, bonusCap: body.bonusCap,
                       reason: body.reason, rules: body.rules)
        return TableDTO(try await req.registry.table(id))
    }

    static func targets(req: Request) async throws -> YearDTO {
        let context = try await YearContext.load(req)
        let body = try req.content.decode(TargetsBody.self)
        try await YearService(req: req, context: context)
            .replaceTargets(body.targets.map { PactTarget(unitID: $0.unitID, criterionID: $0.criterionID, text: $0.text) }, unit: nil)
        return try await YearDTO.load(req, context: context)
    }

    static func sign(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let unit = try req.id("unitID")
        let input = try req.content.decode(SignInput.self)
        try await YearService(req: req, context: context).sign(unit: unit, signerName: input.signerName, signerPosition: input.signerPosition)
        return try await RegistryAPIController.created(try await YearDTO.load(req, context: context),
                                                       at: .api(.blocYearSignature(context.bloc.id!, context.year, unit)), on: req)
    }

    static func registration(req: Request) async throws -> RegistrationDTO {
        let model = try await YearContext.load(req).opened()
        guard let row = try await req.registry.registration(of: model.id!, unit: try req.id("unitID")) else {
            throw DomainError.notFound("Đơn vị chưa gửi đăng ký thi đua.")
        }
        return RegistrationDTO(row)
    }

    static func register(req: Request) async throws -> RegistrationDTO {
        let context = try await YearContext.load(req)
        let unit = try req.id("unitID")
        try await YearService(req: req, context: context).register(try req.content.decode(RegistrationBody.self).validated(unitID: unit))
        return try await registration(req: req)
    }

    static func acknowledge(req: Request) async throws -> RegistrationDTO {
        try await YearService(req: req, context: try await YearContext.load(req)).acknowledge(unit: try req.id("unitID"))
        return try await registration(req: req)
    }

    // MARK: - Province

    static func templates(req: Request) async throws -> [TableDTO] {
        let provinceID = try req.id("provinceID")
        _ = try await req.registry.province(provinceID)
        return try await req.registry.templates(ofProvince: provinceID).map(TableDTO.init)
    }

    static func template(req: Request) async throws -> TableDTO {
        TableDTO(try await ProgrammeService(req: req, provinceID: try req.id("provinceID")).template(try req.id("tableID")))
    }

    static func saveTemplate(req: Request) async throws -> Response {
        let body = try req.content.decode(TableBody.self)
        let saved = try await ProgrammeService(req: req, provinceID: try req.id("provinceID"))
            .saveTemplate(try? req.id("tableID"), rows: body.criteria, name: body.name, declaredTotal: body.declaredTotal,
                          bonusCap: body.bonusCap, rules: body.rules)
        return try await TableDTO(try await req.registry.table(saved.table.id!)).encodeResponse(status: saved.created ? .created : .ok, for: req)
    }

    static func movements(req: Request) async throws -> [MovementDTO] {
        let provinceID = try req.id("provinceID")
        _ = try await req.registry.province(provinceID)
        return try await req.registry.movements(ofProvince: provinceID).map { MovementDTO($0.core) }
    }

    static func addProvinceMovement(req: Request) async throws -> Response {
        let provinceID = try req.id("provinceID")
        let movement = try await ProgrammeService(req: req, provinceID: provinceID).addMovement(try req.content.decode(MovementInput.self))
        return try await RegistryAPIController.created(MovementDTO(movement), at: .api(.provinceMovements(provinceID)), on: req)
    }

    static func provinceYear(req: Request) async throws -> ProvinceYearDTO {
        let provinceID = try req.id("provinceID")
        _ = try await req.registry.province(provinceID)
        let year = try req.year()
        let overview = try await req.registry.overview(ofProvince: provinceID, year: year, today: req.today)
        return ProvinceYearDTO(provinceID: provinceID, year: year, blocs: overview.map {
            .init(blocID: $0.bloc.id!, name: $0.bloc.name, state: $0.year?.state, stateLabel: $0.year?.yearState.label ?? "Chưa mở năm",
                  headUnitID: $0.head?.id, members: $0.members.count, unsigned: $0.unsigned.map(\.id), unregistered: $0.unregistered.map(\.id))
        })
    }
}
