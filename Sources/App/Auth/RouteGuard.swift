import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a route requires. Every route declares one when it is registered; a test walks the
/// route table and fails on any route without it.
enum Permission: Sendable, CustomStringConvertible {
    /// Anyone: the sign-in and reset pages, health, the API description, static files.
    case open
    /// Any signed-in user (their own account).
    case signedIn
    /// The decision of `Authorization` for this action on the resource the path names.
    case decide(Action, Target)

    var description: String {
        switch self {
        case .open: "open"
        case .signedIn: "signedIn"
        case .decide(let action, let target): "\(action.rawValue) \(target)"
        }
    }
}

/// The resource a route acts on, found from the path (and, for creations, checked again
/// against the body by the controller).
enum Target: Sendable {
    case registry
    case province(String)
    case unit(String)
    case bloc(String)
    case person(String)
    /// Creations whose scope comes in the body: allowed here if the actor could create in
    /// some scope of theirs; the controller checks the actual one.
    case newProvince, newUnit, newBloc, newPerson, reorganisation
    /// Creations in the province of the path (the imports): that province's officer, or the admin.
    case newUnitIn(String), newPersonIn(String)
    case accounts
    case account(String)
    case auditLog
    /// One member unit's part of the bloc's year in the path.
    case yearUnit(String, String)
    /// The province's templates and movements.
    case programme(String)
    /// One unit's score sheet of the bloc's year in the path.
    case sheet(String, String)
    /// The ranking of the bloc's year in the path.
    case ranking(String)
    /// A ballot session in the path: its voters, its bloc's head and members, open or closed.
    case ballot(String)
    // Awards (issue 14)
    /// The award proposal in the path.
    case proposal(String)
    /// A province's awards (statistics).
    case awardProvince(String)
    // History that awards stand on (issue 14 part 9)
    /// The past years of the bloc in the path, to be recorded.
    case blocHistory(String)

    func resources(for req: Request, actor: Actor) async throws -> [Resource] {
        let store = req.registry
        switch self {
        case .registry: return [.registry]
        case .province(let name): return [.province(id: try await store.province(try req.id(name)).id)]
        case .unit(let name): return [try await ResourceFacts.unit(try await store.unit(try req.id(name)), req: req)]
        case .bloc(let name):
            return [try await ResourceFacts.bloc(try await store.bloc(try req.id(name)), year: ResourceFacts.year(req), req: req)]
        case .person(let name): return [try await ResourceFacts.person(try req.id(name), req: req)]
        case .newProvince: return [.province(id: nil)]
        case .newUnit:
            return actor.officerProvinces.map { .unit(id: nil, province: $0, ended: false) } + (actor.isAdmin ? [.registry] : [])
        case .newUnitIn(let name): return [.unit(id: nil, province: try await store.province(try req.id(name)).id!, ended: false)]
        case .newPersonIn(let name): return [.person(id: nil, units: [], provinces: [try await store.province(try req.id(name)).id!])]
        case .newBloc:
            return actor.officerProvinces.map { .bloc(id: nil, province: $0, ended: false, year: req.today.year, head: nil, deputy: nil) }
                + (actor.isAdmin ? [.registry] : [])
        case .newPerson:
            return actor.officerProvinces.map { .person(id: nil, units: [], provinces: [$0]) }
                + actor.officerUnits.map { .person(id: nil, units: [$0], provinces: []) } + (actor.isAdmin ? [.registry] : [])
        case .reorganisation:
            return actor.officerProvinces.map { .reorganisation(provinces: [$0]) } + (actor.isAdmin ? [.registry] : [])
        case .accounts:
            return actor.officerProvinces.map { .account(roles: [.viewer(province: $0)], provinces: [$0]) }
                + (actor.isAdmin ? [.auditLog] : [])
        case .account(let name):
            guard let user = try await UserModel.find(try req.id(name), on: req.db) else {
                throw DomainError.notFound("Không tìm thấy tài khoản này.")
            }
            return [try await ResourceFacts.account(user, on: req.db)]
        case .auditLog: return [.auditLog]
        case .yearUnit(let blocName, let unitName):
            let bloc = try await store.bloc(try req.id(blocName))
            let unit = try await store.unit(try req.id(unitName))
            let offices = try await store.head(ofBloc: bloc.id!, year: try req.year())
            return [.yearUnit(unit: unit.id!, province: bloc.$province.id, head: offices.head)]
        case .programme(let name): return [.provinceProgramme(province: try await store.province(try req.id(name)).id!)]
        case .sheet(let blocName, let unitName):
            let facts = try await ScoringFacts.load(req, blocID: try req.id(blocName))
            return [facts.sheet(unit: try req.id(unitName))]
        case .ranking(let blocName):
            return [try await ScoringFacts.load(req, blocID: try req.id(blocName)).ranking]
        case .ballot(let name):
            return [try await BallotFacts.load(req, sessionID: try req.id(name)).resource]
        case .proposal(let name): return [try await store.proposal(try req.id(name)).resource]
        case .awardProvince(let name): return [.awardProvince(province: try await store.province(try req.id(name)).id!)]
        case .blocHistory(let name):
            return [ResourceFacts.blocHistory(try await store.bloc(try req.id(name)))]
        }
    }
}

/// What the scoring decisions need to know of a bloc's year: its head and deputy, its
/// members, whether its ranking is published, whether its units score each other.
struct ScoringFacts: Sendable {
    var blocID: UUID
    var province: UUID
    var head: UUID?
    var deputy: UUID?
    var members: Set<UUID>
    var published: Bool
    var crossScoring: Bool
    var kind: BlocKind

    private struct Key: StorageKey { typealias Value = ScoringFacts }

    /// Loaded once per request: the route guard and the controller ask the same question.
    static func load(_ req: Request, blocID: UUID) async throws -> ScoringFacts {
        if let cached = req.storage[Key.self], cached.blocID == blocID { return cached }
        let facts = try await fetch(req, blocID: blocID)
        req.storage[Key.self] = facts
        return facts
    }

    private static func fetch(_ req: Request, blocID: UUID) async throws -> ScoringFacts {
        let store = req.registry
        let bloc = try await store.bloc(blocID)
        let year = try req.year()
        let offices = try await store.head(ofBloc: blocID, year: year)
        guard let model = try await store.blocYearIfOpened(blocID, year) else {
            return ScoringFacts(blocID: blocID, province: bloc.$province.id, head: offices.head, deputy: offices.deputy, members: [],
                                published: false, crossScoring: false, kind: bloc.core.kind)
        }
        let day = RegistryStore.memberDay(year: model.year, dates: model.dates, today: req.today)
        let members = Set(try await req.members(ofBloc: blocID, on: day).map(\.membership.$unit.id))
        let table = try await store.table(ofYear: model.id!)
        let published = !(try await store.rankings(of: model.id!)).isEmpty
        return ScoringFacts(blocID: blocID, province: bloc.$province.id, head: offices.head, deputy: offices.deputy, members: members,
                            published: published, crossScoring: table?.rankingRules.variant == .crossScoring, kind: bloc.core.kind)
    }

    func sheet(unit: UUID) -> Resource {
        .sheet(unit: unit, province: province, head: head, deputy: deputy, members: members, published: published,
               crossScoring: crossScoring, kind: kind)
    }

    var ranking: Resource { .ranking(province: province, head: head, members: members, published: published) }
}

/// The facts (scope and state) of stored things, as `Authorization` wants them.
enum ResourceFacts {
    static func unit(_ model: UnitModel, req: Request) async throws -> Resource {
        let ended = model.validTo.flatMap(LocalDate.init).map { $0 < req.today } ?? false
        return .unit(id: model.id, province: model.$province.id, ended: ended)
    }

    /// The year in the path, else `?year=` or the year of `?at=`, else this year.
    static func year(_ req: Request) -> Int {
        if let year = try? req.year() { return year }
        if let year = req.queryText("year").flatMap(Int.init) { return year }
        if let at = req.queryText("at").flatMap(LocalDate.init) { return at.year }
        return req.today.year
    }

    static func bloc(_ model: BlocModel, year: Int, req: Request) async throws -> Resource {
        let offices = try await req.registry.head(ofBloc: model.id!, year: year)
        return bloc(model, year: year, head: offices.head, deputy: offices.deputy, today: req.today)
    }

    /// The bloc in a year whose head and deputy are already known (a page listing many years).
    static func bloc(_ model: BlocModel, year: Int, head: UUID?, deputy: UUID?, today: LocalDate) -> Resource {
        let ended = model.validTo.flatMap(LocalDate.init).map { $0 < today } ?? false
        return .bloc(id: model.id, province: model.$province.id, ended: ended, year: year, head: head, deputy: deputy)
    }

    static func person(_ id: UUID, req: Request) async throws -> Resource {
        _ = try await req.registry.person(id)
        let assignments = try await AssignmentModel.query(on: req.db).filter(\.$person.$id == id).with(\.$unit).all()
        return .person(id: id, units: Set(assignments.map(\.$unit.id)), provinces: Set(assignments.map(\.unit.$province.id)))
    }

    static func account(_ user: UserModel, on db: any Database) async throws -> Resource {
        let roles = try await RoleGrantModel.query(on: db).filter(\.$user.$id == user.id!).all().compactMap(\.role)
        return try await account(roles: roles, on: db)
    }

    /// An account's scope: the provinces its roles reach (a unit role, the unit's province).
    static func account(roles: [Role], on db: any Database) async throws -> Resource {
        try await RoleNames.Lookup.load(for: roles, on: db).resource(for: roles)
    }
}

/// Enforces a route's `Permission`. Anonymous: pages redirect to sign-in, the API answers 401.
/// Refused: 403 with the decision's reason, and refused writes go to the audit log.
struct RouteGuard: AsyncMiddleware {
    let permission: Permission

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        switch permission {
        case .open:
            break
        case .signedIn:
            guard req.actor != nil else { return try unauthenticated(req) }
        case .decide(let action, let target):
            guard let actor = req.actor else { return try unauthenticated(req) }
            let (allowed, firstRefusal) = try await target.decide(action, for: req, actor: actor)
            if allowed { return try await next.respond(to: req) }
            if req.method != .GET {
                try await req.write { store in
                    try await store.auditor.record(on: store.db, action: "denied", type: "request", id: req.redactedPath,
                                                   after: ["reason": firstRefusal.reason, "method": req.method.rawValue])
                }
            }
            throw AccessDenied(status: .forbidden, message: firstRefusal.reason)
        }
        return try await next.respond(to: req)
    }

    private func unauthenticated(_ req: Request) throws -> Response {
        let ended = req.auth.sessionEnded
        if req.url.path.hasPrefix("/api/") {
            throw AccessDenied(status: .unauthorized,
                               message: ended ? "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại."
                                   : "Bạn cần đăng nhập, hoặc gửi mã truy cập trong tiêu đề Authorization: Bearer.",
                               headers: ["WWW-Authenticate": "Bearer"])
        }
        var components = URLComponents()
        components.path = SiteURL.signIn.path
        var items = [URLQueryItem(name: "tiep", value: req.url.string)]
        if ended { items.append(URLQueryItem(name: "het-han", value: "1")) }
        components.queryItems = items
        return req.redirect(to: components.string ?? SiteURL.signIn.path, redirectType: .normal)
    }
}

extension Target {
    /// The guard's decision: allowed or not, and the first refusal's reason.
    func decide(_ action: Action, for req: Request, actor: Actor) async throws -> (allowed: Bool, refusal: Decision) {
        let decisions = try await resources(for: req, actor: actor).map { Authorization.decide(actor, action, $0) }
        let allowed = needsEvery ? !decisions.isEmpty && decisions.allSatisfy(\.allowed) : decisions.contains(where: \.allowed)
        return (allowed, decisions.first { !$0.allowed } ?? .deny("Vai trò của bạn không được phép làm việc này."))
    }

    /// A path resource must be allowed itself; a creation is allowed if any scope of the
    /// actor's allows it.
    var needsEvery: Bool {
        switch self {
        case .newUnit, .newBloc, .newPerson, .reorganisation, .accounts: false
        default: true
        }
    }
}
