import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum HomeController {
    /// «Việc cần làm»: each role's pending work, its years' lines with their deadlines and
    /// late marks, each leading to the page where it is done. An admin, who has no bloc's
    /// work, sees the registry's overview.
    struct HomePage: Encodable {
        struct Item: Encodable {
            var text: String
            var href: String
            var deadline: String?
            var overdue: Bool
            var done: Bool
        }
        /// One bloc's year as one unit (or its head) sees it.
        struct Section: Encodable {
            var heading: String
            var href: String
            var note: String
            var items: [Item]
        }
        struct StateGroup: Encodable { var state: String; var label: String; var years: [Link] }
        struct Overview: Encodable {
            var provinces: Int
            var blocs: Int
            var units: Int
            var people: Int
            var reorganisations: Int
        }
        var head: PageHead
        var today: String
        var pending: Int
        var sections: [Section]
        var states: [StateGroup]
        var late: [Item]
        var proposals: [Item]
        var provinces: [Link]
        var published: [Link]
        var showSearch: Bool
        var overview: Overview?
    }

    static func show(req: Request) async throws -> Response {
        // A voter who holds no other role has one thing to do here: vote.
        if req.actor?.isVoterOnly == true {
            return req.redirect(to: SiteURL.ballots.path)
        }
        let work = try await req.application.pendingCounts.work(for: req)
        var overview: HomePage.Overview?
        if req.actor?.isAdmin == true {
            overview = .init(provinces: try await ProvinceModel.query(on: req.db).count(),
                             blocs: try await BlocModel.query(on: req.db).count(),
                             units: try await UnitModel.query(on: req.db).count(),
                             people: try await PersonModel.query(on: req.db).count(),
                             reorganisations: try await ReorganisationEventModel.query(on: req.db).count())
        }
        return try await req.view.render("home", HomePage(
            head: req.head("Việc cần làm", section: "home"), today: req.today.vietnamese, pending: work.count,
            sections: work.sections, states: work.states, late: work.late, proposals: work.proposals,
            provinces: work.provinces, published: work.published, showSearch: req.can(.read, .registry),
            overview: overview)).encodeResponse(for: req)
    }

    /// `{"status":"ok","database":"sqlite"}` once the database answers a query.
    static func health(req: Request) async throws -> HealthDTO {
        _ = try await ProvinceModel.query(on: req.db).count()
        return HealthDTO(status: "ok", database: req.thidua.config.database.name)
    }

    static func openAPI(req: Request) async throws -> Response {
        let path = req.application.directory.workingDirectory + "openapi.yaml"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return response
    }
}
