import Fluent
import Foundation
import Vapor

/// Registers every route from `SiteURL`. Writes arrive as forms (pages) or JSON (API).
func routes(_ app: Application) throws {
    func get<R: AsyncResponseEncodable>(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> R) {
        app.get(url.pathComponents, use: handler)
    }
    func post<R: AsyncResponseEncodable>(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> R) {
        app.post(url.pathComponents, use: handler)
    }
    func put<R: AsyncResponseEncodable>(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> R) {
        app.put(url.pathComponents, use: handler)
    }
    let id = UUID.pattern

    get(.home, HomeController.show)
    get(.healthz, HomeController.health)
    get(.openAPI, HomeController.openAPI)

    get(.provinces, ProvinceController.index)
    get(.provinceNew, ProvinceController.new)
    post(.provinceNew, ProvinceController.save)
    get(.province(id), ProvinceController.show)
    get(.provinceEdit(id), ProvinceController.edit)
    post(.provinceEdit(id), ProvinceController.save)

    get(.units, UnitController.index)
    get(.unitNew, UnitController.new)
    post(.unitNew, UnitController.save)
    get(.unit(id), UnitController.show)
    get(.unitEdit(id), UnitController.edit)
    post(.unitEdit(id), UnitController.save)

    get(.blocs, BlocController.index)
    get(.blocNew, BlocController.new)
    post(.blocNew, BlocController.save)
    get(.bloc(id), BlocController.show)
    get(.blocEdit(id), BlocController.edit)
    post(.blocEdit(id), BlocController.save)
    post(.blocMemberships(id), BlocController.addMembership)
    post(.blocMembershipEnd(id, id), BlocController.endMembership)

    get(.people, PersonController.index)
    get(.personNew, PersonController.new)
    post(.personNew, PersonController.save)
    get(.person(id), PersonController.show)
    get(.personEdit(id), PersonController.edit)
    post(.personEdit(id), PersonController.save)
    post(.personAssignments(id), PersonController.addAssignment)

    get(.reorganisations, ReorganisationController.index)
    get(.reorganisationNew, ReorganisationController.new)
    post(.reorganisationNew, ReorganisationController.create)

    typealias API = RegistryAPIController
    get(.api(.provinces), API.provinces)
    post(.api(.provinces), API.createProvince)
    get(.api(.province(id)), API.province)
    put(.api(.province(id)), API.updateProvince)
    get(.api(.provinceLineage(id)), API.provinceLineage)
    get(.api(.units), API.units)
    post(.api(.units), API.createUnit)
    get(.api(.unit(id)), API.unit)
    put(.api(.unit(id)), API.updateUnit)
    get(.api(.unitLineage(id)), API.unitLineage)
    get(.api(.blocs), API.blocs)
    post(.api(.blocs), API.createBloc)
    get(.api(.bloc(id)), API.bloc)
    put(.api(.bloc(id)), API.updateBloc)
    get(.api(.blocMembers(id)), API.members)
    post(.api(.blocMembers(id)), API.addMember)
    get(.api(.blocOffices(id)), API.offices)
    get(.api(.people), API.people)
    post(.api(.people), API.createPerson)
    get(.api(.person(id)), API.person)
    put(.api(.person(id)), API.updatePerson)
    get(.api(.reorganisations), API.reorganisations)
    post(.api(.reorganisations), API.createReorganisation)
}
