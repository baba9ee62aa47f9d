import Foundation
import Testing
@testable import ThiDuaCore

/// Awards: role × action × state × scope.
@Suite struct AwardAuthorizationTests {
    let province = UUID(), otherProvince = UUID()
    let unit = UUID(), otherUnit = UUID()

    var provincial: Actor { Actor(userID: UUID(), username: "tinh", roles: [.provincialOfficer(province: province)]) }
    var foreignProvincial: Actor { Actor(userID: UUID(), username: "tinh2", roles: [.provincialOfficer(province: otherProvince)]) }
    var officer: Actor { Actor(userID: UUID(), username: "dv", roles: [.unitOfficer(unit: unit)], unitProvinces: [unit: province]) }
    var otherOfficer: Actor { Actor(userID: UUID(), username: "dv2", roles: [.unitOfficer(unit: otherUnit)], unitProvinces: [otherUnit: province]) }
    var admin: Actor { Actor(userID: UUID(), username: "admin", roles: [.admin]) }

    func allowed(_ actor: Actor, _ action: Action, _ resource: Resource) -> Bool { Authorization.decide(actor, action, resource).allowed }

    @Test func theAuthorEditsOnlyWhileDraftOrReturned() {
        for status in ProposalStatus.allCases {
            let resource = Resource.proposal(author: unit, province: province, status: status)
            #expect(allowed(officer, .proposeAward, resource) == status.editable)
            #expect(!allowed(otherOfficer, .proposeAward, resource))
            #expect(!allowed(provincial, .proposeAward, resource))
            #expect(!allowed(admin, .proposeAward, resource))
        }
    }

    @Test func onlyTheProvinceDecides() {
        let resource = Resource.proposal(author: unit, province: province, status: .submitted)
        #expect(allowed(provincial, .decideAward, resource))
        #expect(!allowed(foreignProvincial, .decideAward, resource))
        #expect(!allowed(officer, .decideAward, resource))
        #expect(!allowed(admin, .decideAward, resource))
        #expect(allowed(officer, .read, resource))
        #expect(!allowed(otherOfficer, .read, resource))
    }

    @Test func recordsOfAPersonByTheirUnitAndOfACollectiveByTheProvince() {
        let person = Resource.person(id: UUID(), units: [unit], provinces: [province])
        #expect(allowed(officer, .recordAchievements, person))
        #expect(allowed(provincial, .recordAchievements, person))
        #expect(!allowed(otherOfficer, .recordAchievements, person))
        let collective = Resource.unit(id: unit, province: province, ended: false)
        #expect(!allowed(officer, .recordAchievements, collective))
        #expect(allowed(provincial, .recordAchievements, collective))
        #expect(!allowed(foreignProvincial, .recordAchievements, collective))
    }
}
