import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A refusal for lack of access, with its Vietnamese reason (401, 403, 429).
struct AccessDenied: Error {
    var status: HTTPResponseStatus
    var message: String
    var headers: HTTPHeaders = [:]
}

/// Who made this request, and how they proved it.
struct AuthState: Sendable {
    var actor: Actor?
    var user: UserModel?
    var session: SessionModel?
    /// Authenticated by an API token rather than a session cookie.
    var viaToken = false
    /// A session cookie came but its session had expired or was unknown.
    var sessionEnded = false
}

extension Request {
    private struct AuthKey: StorageKey { typealias Value = AuthState }

    var auth: AuthState {
        get { storage[AuthKey.self] ?? AuthState() }
        set { storage[AuthKey.self] = newValue }
    }

    var actor: Actor? { auth.actor }

    /// The client's address: the peer, as the server sees it. (Behind a proxy, configure the
    /// proxy to connect from a trusted address; forwarded headers are not trusted here.)
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }

    /// The audit log's view of this request's actor.
    var auditor: Auditor {
        let actor = self.actor
        let roles = actor?.roles ?? []
        return Auditor(
            actorID: actor?.userID, actorName: actor?.username ?? "(chưa đăng nhập)",
            role: roles.map(\.kind.rawValue).joined(separator: ","),
            scope: roles.compactMap { $0.scopeID?.uuidString }.joined(separator: ","),
            address: clientAddress, requestID: id, now: application.thidua.now, actor: actor)
    }

    /// The signed-in account, or 401.
    func signedInUser() throws -> UserModel {
        guard let user = auth.user else { throw AccessDenied(status: .unauthorized, message: "Bạn cần đăng nhập.") }
        return user
    }

    /// Asks the one decision function; throws 401 or 403 with the reason when refused.
    func authorize(_ action: Action, _ resource: Resource) throws {
        guard let actor else { throw AccessDenied(status: .unauthorized, message: "Bạn cần đăng nhập.") }
        let decision = Authorization.decide(actor, action, resource)
        guard decision.allowed else { throw AccessDenied(status: .forbidden, message: decision.reason) }
    }

    /// Whether the actor may; for showing or hiding links and buttons.
    func can(_ action: Action, _ resource: Resource) -> Bool {
        Authorization.decide(actor, action, resource).allowed
    }
}

/// Builds the `Actor` of a user: their roles, the provinces of their units, and the provinces
/// whose history they inherit (Khánh Hòa's officers read Ninh Thuận's past).
enum ActorLoader {
    static func actor(for user: UserModel, on db: any Database) async throws -> Actor {
        let grants = try await RoleGrantModel.query(on: db).filter(\.$user.$id == user.id!).all()
        let roles = grants.compactMap(\.role)
        let unitIDs = roles.compactMap { role -> UUID? in
            switch role {
            case .unitOfficer(let unit), .voter(let unit): unit
            default: nil
            }
        }
        var unitProvinces: [UUID: UUID] = [:]
        if !unitIDs.isEmpty {
            for unit in try await UnitModel.query(on: db).filter(\.$id ~~ unitIDs).all() {
                unitProvinces[unit.id!] = unit.$province.id
            }
        }
        var actor = Actor(userID: user.id!, username: user.username, roles: roles, unitProvinces: unitProvinces)
        let scoped = actor.readableProvinces
        if !scoped.isEmpty {
            let lineage = try await RegistryStore(db: db, auditor: .system("đọc")).lineage(of: .province)
            for province in scoped {
                actor.inheritedProvinces.formUnion(lineage.predecessors(of: province).map(\.to))
            }
            for province in actor.officerProvinces {
                actor.inheritedOfficerProvinces.formUnion(lineage.predecessors(of: province).map(\.to))
            }
        }
        return actor
    }
}
