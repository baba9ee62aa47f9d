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
        // Nor vote (a unit's leader does), nor recognise a bloc's head (the province does).
        // Nor record, propose or decide awards (the units' and the province's work).
        for action in Action.allCases where ![.leadBloc, .signPact, .register, .scoreOwn, .review, .concludeReview, .vote,
                                                    .recogniseOffices, .recordAchievements, .proposeAward, .decideAward,
                                                    .recordHistory].contains(action) {
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
        // A viewer has no unit: the refusal says who may, not that "your unit" is not the head.
        #expect(Authorization.decide(viewer, .leadBloc, bloc(year: 2021, head: ubkt)).reason
                == "Chỉ cán bộ TĐKT của đơn vị Trưởng khối năm 2021 điều hành khối.")
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

    /// Stand-ins for HMAC and SHA-256: deterministic, and different for the key.
    static func fnv(_ text: String) -> String {
        var value: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        return String(value, radix: 16)
    }
    static func keyed(_ text: String) -> String { fnv("khóa|" + text) }
    static func plain(_ text: String) -> String { fnv(text) }

    /// Five entries sealed with the key, and a checkpoint after each.
    static func chain(_ count: Int = 5) -> (entries: [(record: AuditRecord, hash: String)], checkpoints: [AuditChain.Checkpoint]) {
        var entries: [(record: AuditRecord, hash: String)] = []
        var checkpoints: [AuditChain.Checkpoint] = []
        var previous = AuditChain.genesis
        for sequence in 1...count {
            let record = AuditRecord(sequence: sequence, at: "2026-11-22T10:00:0\(sequence).000Z", actorID: nil,
                                     actorName: "admin", role: "admin", scope: "", action: "update",
                                     resourceType: "unit", resourceID: "u\(sequence)", changes: "{}",
                                     address: "127.0.0.1", requestID: "r\(sequence)", previousHash: previous)
            let digest = AuditChain.seal(record, keyed: keyed)
            entries.append((record, digest))
            checkpoints.append(.make(.init(sequence: sequence, hash: digest), at: record.at, keyed: keyed))
            previous = digest
        }
        return (entries, checkpoints)
    }

    static func verify(_ entries: [(record: AuditRecord, hash: String)], _ checkpoints: [AuditChain.Checkpoint]) -> AuditChain.Verdict {
        AuditChain.verify(entries, checkpoints: checkpoints, keyed: keyed, plain: plain)
    }

    /// Recomputes every hash from `index` on with `hash`, linking each to the one before.
    static func rechained(_ entries: [(record: AuditRecord, hash: String)], from index: Int,
                          hash: (AuditRecord) -> String) -> [(record: AuditRecord, hash: String)] {
        var result = entries
        var previous = index == 0 ? AuditChain.genesis : result[index - 1].hash
        for position in index..<result.count {
            result[position].record.previousHash = previous
            result[position].hash = hash(result[position].record)
            previous = result[position].hash
        }
        return result
    }

    @Test func anIntactChainGivesItsHead() {
        let (entries, checkpoints) = Self.chain()
        let verdict = Self.verify(entries, checkpoints)
        #expect(verdict.isIntact)
        #expect(verdict.count == 5)
        #expect(verdict.head == .init(sequence: 5, hash: entries[4].hash))
        #expect(verdict.lastCheckpoint?.sequence == 5)
        #expect(verdict.summary.contains(entries[4].hash))
    }

    @Test func anEditedEntryIsNamedAsEdited() {
        var (entries, checkpoints) = Self.chain()
        entries[2].record.actorName = "người khác"
        let breach = Self.verify(entries, checkpoints).breach
        #expect(breach?.kind == .edited)
        #expect(breach?.sequence == 3)
    }

    @Test func anEntryDeletedInTheMiddleIsNamedAsDeleted() {
        var (entries, checkpoints) = Self.chain()
        entries.remove(at: 1)
        let breach = Self.verify(entries, checkpoints).breach
        #expect(breach?.kind == .deleted)
        #expect(breach?.sequence == 2)
    }

    @Test func aCutTailIsNamedByTheLastCheckpoint() {
        let (entries, checkpoints) = Self.chain()
        let cut = Array(entries.prefix(3))
        // Without checkpoints a shorter chain is still a good chain: that is why they exist.
        #expect(Self.verify(cut, []).isIntact)
        let breach = Self.verify(cut, checkpoints).breach
        #expect(breach?.kind == .truncated)
        #expect(breach?.sequence == 4)
    }

    @Test func aChainRecomputedWithoutTheKeyIsNamedAsRechained() {
        var (entries, checkpoints) = Self.chain()
        entries[2].record.actorName = "người khác"
        // Keyed format, the attacker's own key.
        let forged = Self.rechained(entries, from: 2) { AuditChain.keyedPrefix + Self.fnv("khóa khác|" + $0.canonicalText) }
        #expect(Self.verify(forged, checkpoints).breach == .init(kind: .rechained, sequence: 3,
            reason: "Từ mục này, các mã băm đã được tính lại mà không có khóa nhật ký."))
        // Plain SHA-256 after keyed entries.
        let plainTail = Self.rechained(entries, from: 2) { Self.plain($0.canonicalText) }
        #expect(Self.verify(plainTail, checkpoints).breach?.kind == .rechained)
        // Plain from the first entry, as if the log predated the key: the checkpoints disagree.
        let plainAll = Self.rechained(entries, from: 0) { Self.plain($0.canonicalText) }
        let breach = Self.verify(plainAll, checkpoints).breach
        #expect(breach?.kind == .rechained)
        #expect(breach?.sequence == 5)
    }

    @Test func aCheckpointNotSealedWithTheKeyIsNamed() {
        let (entries, checkpoints) = Self.chain()
        var forged = checkpoints
        forged[4].link.hash = "k1:giả"
        #expect(Self.verify(entries, forged).breach?.kind == .forgedCheckpoint)
    }

    @Test func entriesFromBeforeTheKeyAreCountedAndStillChecked() {
        let (entries, _) = Self.chain()
        // The first two entries as an older version wrote them (bare SHA-256), the rest keyed.
        let plain = Self.rechained(entries, from: 0) { Self.plain($0.canonicalText) }
        let mixed = Self.rechained(plain, from: 2) { AuditChain.seal($0, keyed: Self.keyed) }
        let verdict = Self.verify(mixed, [])
        #expect(verdict.isIntact)
        #expect(verdict.unkeyedCount == 2)
        var edited = mixed
        edited[0].record.actorName = "người khác"
        #expect(Self.verify(edited, []).breach?.kind == .edited)
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

@Suite struct RedirectTargetTests {
    @Test func pathsOfThisSiteAreKept() {
        for path in ["/", "/don-vi", "/don-vi?trang=2&q=ba%20ria", "/khoi/3f2a/nam/2026#diem", "/t%C3%ACm"] {
            #expect(RedirectTarget.sameOriginPath(path) == path, "\(path)")
        }
    }

    @Test func anythingThatCouldLeaveTheSiteIsRefused() {
        let refused = [
            nil, "", "don-vi", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
            "/\t/evil.example/", "/\n/evil.example", "\t//evil.example", " /x", "/x y",
            "/%09/evil.example/", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5cevil.example",
            "/%250A/evil.example", "/%252F/evil.example", "/%E2%80%8B/evil.example", "/%E2%80%AE/x",
            "https://evil.example/", "javascript:alert(1)", "HTTP://evil.example", "/x\u{7F}", "/%7F", "/%C2%85",
            "/tìm", "/%ZZ", "/" + String(repeating: "a", count: RedirectTarget.maximumLength),
        ]
        for path in refused {
            #expect(RedirectTarget.sameOriginPath(path) == nil, "\(String(describing: path))")
        }
    }
}
