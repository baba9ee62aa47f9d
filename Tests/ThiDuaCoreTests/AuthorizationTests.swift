import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct AuthorizationTests {
    let ninhThuan = UUID(), langSon = UUID()
    let bao = UUID(), ubkt = UUID(), otherUnit = UUID()

    var admin: Actor { Actor(userID: UUID(), username: "admin", roles: [.admin]) }
    var provincial: Actor { Actor(userID: UUID(), username: "tinh", roles: [.provincialOfficer(province: ninhThuan)]) }
    var baoOfficer: Actor {
        Actor(userID: UUID(), username: "bao", roles: [.unitOfficer(unit: bao)], unitProvinces: [bao: ninhThuan])
    }
    var voter: Actor { Actor(userID: UUID(), username: "phieu", roles: [.voter(unit: bao)], unitProvinces: [bao: ninhThuan]) }
    var viewer: Actor { Actor(userID: UUID(), username: "xem", roles: [.viewer(province: ninhThuan)]) }

    func bloc(year: Int, head: UUID?, ended: Bool = false, province: UUID? = nil) -> Resource {
        .bloc(id: UUID(), province: province ?? ninhThuan, ended: ended, year: year, head: head, deputy: nil)
    }

    func allowed(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Bool {
        Authorization.decide(actor, action, resource).allowed
    }

    @Test func anonymousIsAlwaysRefusedWithAReason() {
        for action in Action.allCases {
            for resource: Resource in [.registry, .province(id: ninhThuan), .ownAccount, .auditLog] {
                let decision = Authorization.decide(nil, action, resource)
                #expect(!decision.allowed)
                #expect(decision.reason == "Bạn cần đăng nhập.")
            }
        }
    }

    @Test func adminMayDoEverythingButLeadABlocOrActForAUnit() {
        for action in Action.allCases where ![.leadBloc, .signPact, .register, .scoreOwn, .review, .concludeReview].contains(action) {
            #expect(allowed(admin, action, .unit(id: bao, province: langSon, ended: true)))
            #expect(allowed(admin, action, .auditLog))
        }
        #expect(!allowed(admin, .leadBloc, bloc(year: 2020, head: bao)))
    }

    @Test func provincialOfficerActsInTheirProvinceOnly() {
        let p = provincial
        #expect(allowed(p, .read, .registry))
        #expect(allowed(p, .create, .unit(id: nil, province: ninhThuan, ended: false)))
        #expect(!allowed(p, .create, .unit(id: nil, province: langSon, ended: false)))
        #expect(allowed(p, .update, .unit(id: bao, province: ninhThuan, ended: true)))
        #expect(!allowed(p, .update, .unit(id: otherUnit, province: langSon, ended: false)))
        #expect(allowed(p, .manageMembers, bloc(year: 2020, head: bao)))
        #expect(!allowed(p, .manageMembers, bloc(year: 2020, head: bao, ended: true)))
        #expect(allowed(p, .update, bloc(year: 2020, head: bao, ended: true)))
        #expect(!allowed(p, .manageMembers, bloc(year: 2020, head: bao, province: langSon)))
        #expect(allowed(p, .reorganise, .reorganisation(provinces: [ninhThuan])))
        #expect(!allowed(p, .reorganise, .reorganisation(provinces: [ninhThuan, langSon])))
        #expect(!allowed(p, .create, .province(id: nil)))
        #expect(!allowed(p, .readAudit, .auditLog))
        #expect(!allowed(p, .leadBloc, bloc(year: 2020, head: bao)))
        #expect(allowed(p, .manageUsers, .account(roles: [.unitOfficer(unit: bao)], provinces: [ninhThuan])))
        #expect(!allowed(p, .manageUsers, .account(roles: [.unitOfficer(unit: otherUnit)], provinces: [langSon])))
        #expect(!allowed(p, .manageUsers, .account(roles: [.admin], provinces: [])))
        #expect(!allowed(p, .manageUsers, .account(roles: [.provincialOfficer(province: ninhThuan)], provinces: [ninhThuan])))
    }

    @Test func headOfficerScopeFollowsTheBlocsYear() {
        let officer = baoOfficer
        // Báo Ninh Thuận heads the bloc in 2020; Ủy ban Kiểm tra in 2021.
        #expect(allowed(officer, .leadBloc, bloc(year: 2020, head: bao)))
        #expect(!allowed(officer, .leadBloc, bloc(year: 2021, head: ubkt)))
        #expect(Authorization.decide(officer, .leadBloc, bloc(year: 2021, head: ubkt)).reason
                == "Đơn vị của bạn không phải Trưởng khối năm 2021.")
        #expect(!allowed(officer, .leadBloc, bloc(year: 2020, head: bao, ended: true)))
        #expect(!allowed(officer, .manageMembers, bloc(year: 2020, head: bao)))
    }

    @Test func unitOfficerChangesOnlyTheirOwnLiveUnit() {
        let officer = baoOfficer
        #expect(allowed(officer, .read, .registry))
        #expect(allowed(officer, .read, .unit(id: otherUnit, province: ninhThuan, ended: false)))
        #expect(!allowed(officer, .read, .unit(id: otherUnit, province: langSon, ended: false)))
        #expect(allowed(officer, .update, .unit(id: bao, province: ninhThuan, ended: false)))
        #expect(!allowed(officer, .update, .unit(id: bao, province: ninhThuan, ended: true)))
        #expect(!allowed(officer, .update, .unit(id: ubkt, province: ninhThuan, ended: false)))
        #expect(!allowed(officer, .create, .unit(id: nil, province: ninhThuan, ended: false)))
        #expect(allowed(officer, .create, .person(id: nil, units: [bao], provinces: [ninhThuan])))
        #expect(!allowed(officer, .update, .person(id: UUID(), units: [ubkt], provinces: [ninhThuan])))
        #expect(allowed(officer, .read, .person(id: UUID(), units: [bao], provinces: [ninhThuan])))
        #expect(!allowed(officer, .read, .person(id: UUID(), units: [ubkt], provinces: [ninhThuan])))
        #expect(!allowed(officer, .reorganise, .reorganisation(provinces: [ninhThuan])))
        #expect(!allowed(officer, .manageUsers, .account(roles: [.voter(unit: bao)], provinces: [ninhThuan])))
    }

    @Test func voterSeesNothingOfTheRegistry() {
        for action in Action.allCases {
            #expect(!allowed(voter, action, .registry))
            #expect(!allowed(voter, action, .unit(id: bao, province: ninhThuan, ended: false)))
            #expect(!allowed(voter, action, bloc(year: 2020, head: bao)))
        }
        #expect(allowed(voter, .update, .ownAccount))
    }

    @Test func viewerReadsTheirProvinceButChangesNothing() {
        #expect(allowed(viewer, .read, .registry))
        #expect(allowed(viewer, .read, bloc(year: 2020, head: bao)))
        #expect(!allowed(viewer, .read, bloc(year: 2020, head: bao, province: langSon)))
        #expect(!allowed(viewer, .read, .person(id: UUID(), units: [bao], provinces: [ninhThuan])))
        for action in Action.allCases where action != .read {
            #expect(!allowed(viewer, action, .unit(id: bao, province: ninhThuan, ended: false)))
            #expect(!allowed(viewer, action, bloc(year: 2020, head: bao)))
        }
    }
}

@Suite struct AccessRulesTests {
    @Test func passwordPolicyRefusesShortCommonAndNameBasedPasswords() {
        #expect(throws: DomainError.self) { try PasswordPolicy.check("ngắn", username: "an") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check("matkhau123", username: "an") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check("Mật Khẩu 123", username: "an") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check("nguyenvanan-2025", username: "nguyenvanan") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check("aaaaaaaaaaaa", username: "an") }
        #expect(throws: Never.self) { try PasswordPolicy.check("Cờ thi đua 2025 của khối!", username: "an") }
    }

    @Test func auditChainFindsTheFirstAlteredEntry() {
        let hash: (String) -> String = { String($0.hashValue, radix: 16) }
        var entries: [(record: AuditRecord, hash: String)] = []
        var previous = AuditChain.genesis
        for sequence in 1...5 {
            let record = AuditRecord(sequence: sequence, at: "2026-11-22T10:00:0\(sequence).000Z", actorID: nil,
                                     actorName: "admin", role: "admin", scope: "", action: "update",
                                     resourceType: "unit", resourceID: "u\(sequence)", changes: "{}",
                                     address: "127.0.0.1", requestID: "r\(sequence)", previousHash: previous)
            let digest = hash(record.canonicalText)
            entries.append((record, digest))
            previous = digest
        }
        #expect(AuditChain.verify(entries, hash: hash) == .intact(count: 5))
        var altered = entries
        altered[2].record.actorName = "người khác"
        #expect(AuditChain.verify(altered, hash: hash) == .broken(sequence: 3, reason: "Nội dung mục đã bị sửa sau khi ghi."))
        var removed = entries
        removed.remove(at: 1)
        guard case .broken(let sequence, _) = AuditChain.verify(removed, hash: hash) else {
            Issue.record("a removed entry must break the chain")
            return
        }
        #expect(sequence == 3)
    }

    @Test func auditChangesListOnlyChangedFieldsAsCanonicalJSON() {
        let text = AuditChain.changes(before: ["name": "Báo \"A\"", "kind": "press", "to": nil],
                                      after: ["name": "Báo B", "kind": "press", "to": "2025-06-30"])
        #expect(text == #"{"name":{"after":"Báo B","before":"Báo \"A\""},"to":{"after":"2025-06-30","before":null}}"#)
    }

    @Test func loginThrottleLocksAfterTheLimitAndSaysHowLong() {
        let throttle = LoginThrottle(window: 900, maximumPerAccount: 5, maximumPerAddress: 20)
        let now = Date(timeIntervalSince1970: 1_000_000)
        let four = (1...4).map { now.addingTimeInterval(Double(-$0 * 10)) }
        #expect(throttle.wait(accountFailures: four, addressFailures: four, now: now) == nil)
        let five = four + [now.addingTimeInterval(-100)]
        #expect(throttle.wait(accountFailures: five, addressFailures: five, now: now) == 800)
        let old = (1...10).map { now.addingTimeInterval(Double(-1000 - $0)) }
        #expect(throttle.wait(accountFailures: old, addressFailures: old, now: now) == nil)
    }
}
