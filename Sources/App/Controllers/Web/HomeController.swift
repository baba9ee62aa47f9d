import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum HomeController {
    struct HomePage: Encodable {
        struct BlocRow: Encodable {
            var bloc: Link
            var province: String
            var kind: String
            var active: Bool
        }
        var head: PageHead
        var provinces: Int
        var blocs: Int
        var units: Int
        var people: Int
        var reorganisations: Int
        var blocRows: [BlocRow]
        var today: String
    }

    static func show(req: Request) async throws -> Response {
        // A voter who holds no other role has one thing to do here: vote.
        if let actor = req.actor, !actor.voterUnits.isEmpty, actor.roles.allSatisfy({ $0.kind == .voter }) {
            return req.redirect(to: SiteURL.ballots.path)
        }
        let scope = req.readableProvinces
        // The scope filters in the database (an index on the province), not after reading all.
        var query = BlocModel.query(on: req.db)
        if let scope { query = query.filter(\.$province.$id ~~ Array(scope)) }
        let blocs = try await query.with(\.$province).sort(\.$sortKey).all()
        let today = req.today
        return try await req.view.render("home", HomePage(
            head: req.head("Trang chủ", section: "home"),
            provinces: try await ProvinceModel.query(on: req.db).count(),
            blocs: blocs.count,
            units: try await UnitModel.query(on: req.db).count(),
            people: try await PersonModel.query(on: req.db).count(),
            reorganisations: try await ReorganisationEventModel.query(on: req.db).count(),
            blocRows: blocs.map {
                .init(bloc: Link(label: $0.name, href: SiteURL.bloc($0.id!).path), province: $0.province.name,
                      kind: $0.core.kind.label, active: $0.core.validity.contains(today))
            },
            today: today.vietnamese)).encodeResponse(for: req)
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
