@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// The actor (roles, scope, lineage) is kept between requests, never past a change.
    @Suite struct ActorCacheTests {
        /// Two instances on one database: the role is withdrawn through one, and the other,
        /// whose cache holds the officer's actor, refuses the very next request.
        @Test func aWithdrawnRoleIsRefusedOnEveryInstanceAtTheNextRequest() async throws {
            try await withTestApp { app in
                // Setup: a provincial officer of Lạng Sơn reads a bloc there on instance B.
                let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let officer = try await app.makeUser("tinh.lsn.kiemtra", roles: [.provincialOfficer(province: bloc.$province.id)])
                let grant = try #require(try await RoleGrantModel.query(on: app.db).filter(\.$user.$id == officer.user.id!).first())
                let path = SiteURL.year(bloc.id!, 2020, .ranking).path
                try await withTestApp(database: app.thidua.config.database) { other in
                    for _ in 1...2 {
                        try await other.send(.GET, path, as: .token(officer.token)) { res in #expect(res.status == .ok) }
                    }
                    // The second request was served from the cache: only the credential was read.
                    let statements = try await other.statements {
                        try await other.send(.GET, SiteURL.api(.me).path, as: .token(officer.token)) { res in #expect(res.status == .ok) }
                    }
                    #expect(statements.count == 1, "\(statements)")

                    // Act: the admin withdraws the role on instance A.
                    try await app.send(.POST, SiteURL.userRoleRemove(officer.user.id!, grant.id!).path) { res in
                        #expect(res.status == .seeOther)
                    }

                    // Check: instance B refuses at once, the page and the API alike.
                    try await other.send(.GET, path, as: .token(officer.token)) { res in #expect(res.status == .forbidden) }
                    try await other.send(.GET, SiteURL.api(.ranking(bloc.id!, 2020)).path, as: .token(officer.token)) { res in
                        #expect(res.status == .forbidden)
                    }
                }
            }
        }

        /// A write that cannot change what anyone may do (here a new API token and a refused
        /// sign-in; a ballot or a score alike) keeps every cached actor: a burst of votes does not make each
        /// voter's next request reload roles, units and the lineage.
        @Test func aWriteThatChangesNoGrantKeepsTheCachedActor() async throws {
            try await withTestApp { app in
                // Setup: the officer's actor is cached.
                let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let officer = try await app.makeUser("tinh.lsn.giu", roles: [.provincialOfficer(province: bloc.$province.id)])
                let other = try await app.makeUser("tinh.lsn.khac", roles: [.provincialOfficer(province: bloc.$province.id)])
                try await app.send(.GET, SiteURL.api(.me).path, as: .token(officer.token)) { res in #expect(res.status == .ok) }

                // Act: another account makes a token (an audited write).
                try await app.send(.POST, SiteURL.api(.tokens).path, as: .token(other.token), beforeRequest: { req in
                    try req.content.encode(["name": "máy tính bảng"], as: .json)
                }) { res in #expect(res.status == .created) }
                // …and someone fails to sign in (an audited attempt anyone can make at will).
                _ = try await signIn(app, "tinh.lsn.khac", "sai-mat-khau", expect: .unauthorized)

                // Check: the officer's next request reads only the credential.
                let statements = try await app.statements {
                    try await app.send(.GET, SiteURL.api(.me).path, as: .token(officer.token)) { res in #expect(res.status == .ok) }
                }
                #expect(statements.count == 1, "\(statements)")
            }
        }

        /// A role granted is used at once too (the same stamp moves).
        @Test func aGrantedRoleIsUsedAtTheNextRequest() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let other = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let officer = try await app.makeUser("tinh.lsn.moi", roles: [.provincialOfficer(province: bloc.$province.id)])
                try await app.send(.GET, SiteURL.bloc(other.id!).path, as: .token(officer.token)) { res in #expect(res.status == .forbidden) }

                try await app.send(.POST, SiteURL.userRoles(officer.user.id!).path, beforeRequest: { req in
                    try req.content.encode(["role": RoleKind.provincialOfficer.rawValue, "provinceID": other.$province.id.uuidString],
                                           as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }

                try await app.send(.GET, SiteURL.bloc(other.id!).path, as: .token(officer.token)) { res in #expect(res.status == .ok) }
            }
        }
    }
}
