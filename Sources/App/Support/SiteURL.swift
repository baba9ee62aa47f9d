import Foundation
import Vapor

/// Every route of the site and API, in one place: routes register from it and links are
/// built from it, so a link cannot point at a route that does not exist.
enum SiteURL: Sendable, Hashable {
    case home
    case healthz
    case openAPI
    case provinces, province(UUID), provinceNew, provinceEdit(UUID)
    case units, unit(UUID), unitNew, unitEdit(UUID)
    case blocs, bloc(UUID), blocNew, blocEdit(UUID), blocMemberships(UUID), blocMembershipEnd(UUID, UUID)
    case people, person(UUID), personNew, personEdit(UUID), personAssignments(UUID)
    case reorganisations, reorganisationNew
    case api(API)

    /// The JSON API, under `/api/v1`.
    enum API: Sendable, Hashable {
        case provinces, province(UUID), provinceLineage(UUID)
        case units, unit(UUID), unitLineage(UUID)
        case blocs, bloc(UUID), blocMembers(UUID), blocOffices(UUID)
        case people, person(UUID)
        case reorganisations

        var segments: [Segment] {
            switch self {
            case .provinces: ["provinces"]
            case .province(let id): ["provinces", .id("provinceID", id)]
            case .provinceLineage(let id): ["provinces", .id("provinceID", id), "lineage"]
            case .units: ["units"]
            case .unit(let id): ["units", .id("unitID", id)]
            case .unitLineage(let id): ["units", .id("unitID", id), "lineage"]
            case .blocs: ["blocs"]
            case .bloc(let id): ["blocs", .id("blocID", id)]
            case .blocMembers(let id): ["blocs", .id("blocID", id), "members"]
            case .blocOffices(let id): ["blocs", .id("blocID", id), "offices"]
            case .people: ["people"]
            case .person(let id): ["people", .id("personID", id)]
            case .reorganisations: ["reorganisations"]
            }
        }
    }

    enum Segment: Sendable, Hashable, ExpressibleByStringLiteral {
        case constant(String)
        /// A parameter: its name for the route, its value for a link.
        case id(String, UUID)

        init(stringLiteral value: String) { self = .constant(value) }
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .openAPI: ["openapi.yaml"]
        case .provinces: ["tinh"]
        case .province(let id): ["tinh", .id("provinceID", id)]
        case .provinceNew: ["tinh", "moi"]
        case .provinceEdit(let id): ["tinh", .id("provinceID", id), "sua"]
        case .units: ["don-vi"]
        case .unit(let id): ["don-vi", .id("unitID", id)]
        case .unitNew: ["don-vi", "moi"]
        case .unitEdit(let id): ["don-vi", .id("unitID", id), "sua"]
        case .blocs: ["khoi"]
        case .bloc(let id): ["khoi", .id("blocID", id)]
        case .blocNew: ["khoi", "moi"]
        case .blocEdit(let id): ["khoi", .id("blocID", id), "sua"]
        case .blocMemberships(let id): ["khoi", .id("blocID", id), "thanh-vien"]
        case .blocMembershipEnd(let bloc, let membership):
            ["khoi", .id("blocID", bloc), "thanh-vien", .id("membershipID", membership), "ket-thuc"]
        case .people: ["can-bo"]
        case .person(let id): ["can-bo", .id("personID", id)]
        case .personNew: ["can-bo", "moi"]
        case .personEdit(let id): ["can-bo", .id("personID", id), "sua"]
        case .personAssignments(let id): ["can-bo", .id("personID", id), "cong-tac"]
        case .reorganisations: ["sap-xep"]
        case .reorganisationNew: ["sap-xep", "moi"]
        case .api(let api): ["api", "v1"] + api.segments
        }
    }

    /// The link: "/don-vi/3F2…".
    var path: String {
        "/" + segments.map { segment -> String in
            switch segment {
            case .constant(let text): text
            case .id(_, let id): id.uuidString
            }
        }.joined(separator: "/")
    }

    /// The route pattern: ["don-vi", ":unitID"].
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .id(let name, _): .parameter(name)
            }
        }
    }

    var isAPI: Bool { if case .api = self { true } else { false } }
}

extension UUID {
    /// Stands for "any id" when a route is registered from a `SiteURL`.
    static let pattern = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Request {
    /// A UUID path parameter; a malformed one is "not found", as a missing row would be.
    func id(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound)
        }
        return id
    }
}
