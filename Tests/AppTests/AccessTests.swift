@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// Signs in through the real form, as a browser does; returns the session cookie.
func signIn(_ app: Application, _ username: String, _ password: String = testPassword,
            expect status: HTTPStatus = .seeOther) async throws -> String {
    var preCSRF = ""
    try await app.send(.GET, SiteURL.signIn.path, as: .anonymous) { res in
        preCSRF = try #require(res.headers.setCookie?[Cookies.preSessionCSRF]?.string)
    }
    var cookie = ""
    try await app.send(.POST, SiteURL.signIn.path, as: .anonymous, beforeRequest: { req in
        req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(preCSRF)")
        try req.content.encode(["username": username, "password": password, "_csrf": preCSRF, "tiep": "/"],
                               as: .urlEncodedForm)
    }) { res in
        #expect(res.status == status, "sign-in of \(username)")
        cookie = res.headers.setCookie?[Cookies.session]?.string ?? ""
    }
    return cookie
}

/// The CSRF token a page's forms carry.
func csrfToken(_ app: Application, cookie: String) async throws -> String {
    var token = ""
    try await app.send(.GET, SiteURL.account.path, as: .browser(cookie: cookie)) { res in
        let html = res.text
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        token = String(html[start...].prefix { $0 != "\"" })
    }
    return token
}

extension AppTests {
    @Suite struct AccessTests {

        /// Every registered route declares its permission; every guarded one refuses an
        /// anonymous visitor, and every decided one refuses an actor with no scope there.
        @Test func everyRouteHasAnAuthorizationDecision() async throws {
            try await withTestApp { app in
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận")
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let person = try #require(try await PersonModel.query(on: app.db).first())
                let membership = try #require(try await MembershipModel.query(on: app.db).first())
                let other = try await app.makeUser("nguoi.khac", roles: [.unitOfficer(unit: unit.id!)])
                let grant = try #require(try await RoleGrantModel.query(on: app.db).filter(\.$user.$id == other.user.id!).first())
                let token = try #require(try await APITokenModel.query(on: app.db).filter(\.$user.$id == other.user.id!).first())
                // A voter of a Lạng Sơn unit outside the demo's cluster: no scope in Ninh Thuận,
                // no registry rights at all, no say in the cluster's ballots.
                let langSon = try await app.unit(named: "Đảng ủy Khối Doanh nghiệp tỉnh", province: "Lạng Sơn")
                let session = try #require(try await BallotSessionModel.query(on: app.db).first())
                let voter = try await app.makeUser("phieu.test", roles: [.voter(unit: langSon.id!)])
                // Awards: a proposal of the Ninh Thuận unit with one line, for the proposal routes.
                let proposal = AwardProposalModel()
                proposal.kind = "unit"; proposal.provinceID = unit.$province.id; proposal.authorUnitID = unit.id!; proposal.year = 2025
                proposal.title = "Tờ trình"; proposal.status = "draft"; proposal.createdAt = app.thidua.now()
                try await proposal.create(on: app.db)
                let line = AwardProposalLineModel()
                line.$proposal.id = proposal.id!; line.subject = "collective"; line.subjectID = unit.id!; line.unitID = unit.id!
                line.recipientName = unit.name; line.code = "ttldtt"; line.summary = ""; line.status = "proposed"; line.position = 0
                try await line.create(on: app.db)
                let ids: [String: String] = [
                    "provinceID": unit.$province.id.uuidString, "unitID": unit.id!.uuidString, "blocID": bloc.id!.uuidString,
                    "personID": person.id!.uuidString, "membershipID": membership.id!.uuidString,
                    "userID": other.user.id!.uuidString, "grantID": grant.id!.uuidString, "tokenID": token.id!.uuidString,
                    "token": "r_khong-co", "year": "2026", "activityID": UUID().uuidString, "tableID": UUID().uuidString,
                    "fileID": UUID().uuidString, "proposalID": proposal.id!.uuidString, "lineID": line.id!.uuidString,
                    "conferenceID": session.$conference.id.uuidString, "sessionID": session.id!.uuidString,
                    // Notifications (issue 16 part 1): anyone's id; only its recipient reads it.
                    "notificationID": UUID().uuidString,
                    "report": ReportKind.annual.rawValue,
                ]
                var guarded = 0
                for route in app.routes.all {
                    let name = "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
                    let permission = route.userInfo["permission"] as? Permission
                    #expect(permission != nil, "\(name) has no authorization decision")
                    guard let permission else { continue }
                    let path = "/" + route.path.map { component -> String in
                        switch component {
                        case .constant(let text): text
                        case .parameter(let parameter): ids[parameter] ?? "?"
                        default: ""
                        }
                    }.joined(separator: "/")
                    // A write declares the decision of what it does, never mere reading, so this
                    // walk sees its real rule.
                    if route.method != .GET, case .decide(.read, _) = permission {
                        Issue.record("\(name) writes but is declared with read permission")
                    }
                    if case .open = permission { continue }
                    guarded += 1
                    try await app.send(route.method, path, as: .anonymous) { res in
                        if path.hasPrefix("/api/") {
                            #expect(res.status == .unauthorized, "\(name) must refuse an anonymous caller")
                            #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                        } else {
                            #expect(res.status == .seeOther, "\(name) must send an anonymous visitor to sign in")
                            #expect(res.headers.first(name: .location)?.hasPrefix(SiteURL.signIn.path) == true, "\(name)")
                        }
                    }
                    if case .decide = permission {
                        try await app.send(route.method, path, as: .token(voter.token)) { res in
                            #expect(res.status == .forbidden, "\(name) must refuse an actor out of scope, got \(res.status)")
                        }
                    }
                }
                #expect(guarded > 70)
            }
        }

        @Test func unitOfficerChangesOwnUnitButNotAnother() async throws {
            try await withTestApp { app in
                let own = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Khánh Hòa")
                let other = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Khánh Hòa")
                let officer = try await app.makeUser("donvi.kha.btctu", roles: [.unitOfficer(unit: own.id!)])
                let auditBefore = try await AuditEntryModel.query(on: app.db).count()
                func body(_ unit: UnitModel, name: String) -> [String: String] {
                    ["provinceID": unit.$province.id.uuidString, "name": name, "shortName": unit.shortName,
                     "kind": unit.kind, "validFrom": unit.validFrom]
                }
                try await app.send(.PUT, "api/v1/units/\(own.id!)", as: .token(officer.token), beforeRequest: { req in
                    try req.content.encode(body(own, name: "Ban Tổ chức Tỉnh ủy Khánh Hòa"))
                }) { res in #expect(res.status == .ok) }
                try await app.send(.PUT, "api/v1/units/\(other.id!)", as: .token(officer.token), beforeRequest: { req in
                    try req.content.encode(body(other, name: "Đổi tên trái phép"))
                }) { res in
                    #expect(res.status == .forbidden)
                    let problem = try res.json(ProblemBody.self)
                    #expect(problem.detail == "Bạn chỉ sửa được thông tin đơn vị của mình.")
                }
                // The page's edit URL, called directly: refused too.
                try await app.send(.GET, SiteURL.unitEdit(other.id!).path, as: .token(officer.token)) { res in
                    #expect(res.status == .forbidden)
                    #expect(res.text.contains("Bạn chỉ sửa được thông tin đơn vị của mình."))
                }
                #expect(try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Khánh Hòa").name == "Văn phòng Tỉnh ủy")
                let entries = try await AuditEntryModel.query(on: app.db).filter(\.$sequence > auditBefore).sort(\.$sequence).all()
                #expect(entries.contains { $0.action == "update" && $0.resourceID == own.id!.uuidString
                    && $0.actorName == "donvi.kha.btctu" && $0.changes.contains("Ban Tổ chức Tỉnh ủy Khánh Hòa") })
                #expect(entries.contains { $0.action == "denied" && $0.resourceID == "/api/v1/units/\(other.id!)" })
                // Another province's data is not even listed.
                try await app.send(.GET, "api/v1/units?q=ban%20to%20chuc&per=100", as: .token(officer.token)) { res in
                    let provinces = Set(try res.json(PageOf<UnitBody>.self).items.compactMap(\.provinceName))
                    #expect(provinces == ["Khánh Hòa", "Ninh Thuận"])
                }
            }
        }

        @Test func browserSessionNeedsItsOwnCSRFToken() async throws {
            try await withTestApp { app in
                let province = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận").$province.id
                try await app.makeUser("tinh.nth", roles: [.provincialOfficer(province: province)])
                try await app.makeUser("tinh.khac", roles: [.provincialOfficer(province: province)])
                let cookie = try await signIn(app, "tinh.nth")
                let otherCookie = try await signIn(app, "tinh.khac")
                let csrf = try await csrfToken(app, cookie: cookie)
                let otherCSRF = try await csrfToken(app, cookie: otherCookie)
                #expect(csrf != otherCSRF)
                let form = ["provinceID": province.uuidString, "name": "Ban Nội chính Tỉnh ủy", "shortName": "BNCTU",
                            "kind": "party_agency", "validFrom": "2020-01-01"]
                let before = try await UnitModel.query(on: app.db).count()
                for (token, label) in [(nil, "missing"), (otherCSRF, "replayed from another session")] as [(String?, String)] {
                    try await app.send(.POST, SiteURL.unitNew.path, as: .browser(cookie: cookie), beforeRequest: { req in
                        var body = form
                        if let token { body["_csrf"] = token }
                        try req.content.encode(body, as: .urlEncodedForm)
                    }) { res in
                        #expect(res.status == .forbidden, "CSRF \(label)")
                        #expect(res.text.contains("mã chống giả mạo"))
                    }
                }
                #expect(try await UnitModel.query(on: app.db).count() == before)
                try await app.send(.POST, SiteURL.unitNew.path, as: .browser(cookie: cookie), beforeRequest: { req in
                    var body = form
                    body["_csrf"] = csrf
                    try req.content.encode(body, as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                #expect(try await UnitModel.query(on: app.db).count() == before + 1)
                // Signed out, the same token and cookie are worth nothing.
                try await app.send(.POST, SiteURL.signOut.path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                try await app.send(.GET, SiteURL.units.path, as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location)?.contains("het-han=1") == true)
                }
            }
        }

        @Test func signInRefusalsSayTheSameAndAFloodIsThrottled() async throws {
            try await withTestApp(demo: false) { app in
                let (user, _) = try await app.makeUser("can.bo", roles: [.admin])
                var messages: [String] = []
                for (name, password) in [("khong.co.ai", "sai mat khau 1"), ("can.bo", "sai mat khau 2")] {
                    try await app.send(.GET, SiteURL.signIn.path, as: .anonymous) { _ in }
                    _ = try await signIn(app, name, password, expect: .unauthorized)
                }
                try await app.send(.GET, "api/v1/audit?action=sign_in_failed") { res in
                    struct Entries: Decodable { struct Item: Decodable { var actorName: String; var changes: String }; var items: [Item] }
                    let items = try res.json(Entries.self).items
                    #expect(items.count == 2)
                    #expect(!items.contains { $0.changes.contains("sai mat khau") })
                    messages = items.map(\.actorName)
                }
                #expect(Set(messages) == ["khong.co.ai", "can.bo"])
                for attempt in 3...6 { _ = try await signIn(app, "can.bo", "sai lan \(attempt)", expect: .unauthorized) }
                // The sixth try is refused before the password is even looked at: right or wrong.
                _ = try await signIn(app, "can.bo", testPassword, expect: .tooManyRequests)
                try await app.send(.GET, SiteURL.signIn.path, as: .anonymous) { _ in }
                var pre = ""
                try await app.send(.GET, SiteURL.signIn.path, as: .anonymous) { res in
                    pre = res.headers.setCookie?[Cookies.preSessionCSRF]?.string ?? ""
                }
                try await app.send(.POST, SiteURL.signIn.path, as: .anonymous, beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(pre)")
                    try req.content.encode(["username": "can.bo", "password": testPassword, "_csrf": pre], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .tooManyRequests)
                    #expect(res.headers.first(name: "Retry-After").flatMap(Int.init).map { $0 > 0 } == true)
                    #expect(res.text.contains("Đăng nhập sai quá nhiều lần"))
                }
                #expect(try await SessionModel.query(on: app.db).filter(\.$user.$id == user.id!).count() == 0)
            }
        }

        @Test func disabledAccountsExpiredSessionsForgedCookiesAndRevokedTokensAreRefused() async throws {
            let clock = TestClock()
            try await withTestApp(demo: false, clock: clock) { app in
                let (user, token) = try await app.makeUser("nguoi.dung", roles: [.admin])
                let cookie = try await signIn(app, "nguoi.dung")
                try await app.send(.GET, "/", as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("nguoi.dung"))
                    #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                    let setCookie = res.headers.first(name: .setCookie) ?? ""
                    #expect(!setCookie.contains(Cookies.session))
                }
                // Forged: a cookie the server never issued.
                try await app.send(.GET, "api/v1/me", as: .browser(cookie: "s_gia-mao")) { res in
                    #expect(res.status == .unauthorized)
                }
                // Idle for longer than the idle limit: the session is over.
                clock.advance(app.thidua.config.sessionIdle + 1)
                try await app.send(.GET, "api/v1/me", as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .unauthorized)
                    let decoded = try res.json(ProblemBody.self)
                    #expect(decoded.detail.contains("hết hạn"))
                }
                #expect(try await SessionModel.query(on: app.db).count() == 0)
                // Revoked token.
                try await app.send(.GET, "api/v1/me", as: .token(token)) { res in #expect(res.status == .ok) }
                let model = try #require(try await APITokenModel.query(on: app.db).filter(\.$user.$id == user.id!).first())
                try await app.send(.POST, "api/v1/tokens/\(model.id!)/revoke", as: .token(token)) { res in #expect(res.status == .ok) }
                try await app.send(.GET, "api/v1/me", as: .token(token)) { res in
                    #expect(res.status == .unauthorized)
                    let decoded = try res.json(ProblemBody.self)
                    #expect(decoded.detail.contains("thu hồi"))
                }
                // Disabled by an admin: sessions end and sign-in is refused.
                let second = try await signIn(app, "nguoi.dung")
                try await app.send(.POST, "api/v1/users/\(user.id!)/disable") { res in #expect(res.status == .ok) }
                try await app.send(.GET, "api/v1/me", as: .browser(cookie: second)) { res in #expect(res.status == .unauthorized) }
                _ = try await signIn(app, "nguoi.dung", expect: .forbidden)
            }
        }

        @Test func accountLifecycleWithResetLinkAndPasswordPolicy() async throws {
            try await withTestApp(demo: false) { app in
                var resetPath = ""
                var userID = ""
                try await app.send(.POST, "api/v1/users", beforeRequest: { req in
                    try req.content.encode(["username": "Nguyen.Van.An", "displayName": "Nguyễn Văn An", "role": "admin"])
                }) { res in
                    #expect(res.status == .created)
                    struct Body: Decodable { struct User: Decodable { var id: String; var username: String }; var user: User; var resetPath: String? }
                    let body = try res.json(Body.self)
                    #expect(body.user.username == "nguyen.van.an")
                    resetPath = try #require(body.resetPath)
                    userID = body.user.id
                }
                var pre = ""
                try await app.send(.GET, resetPath, as: .anonymous) { res in
                    #expect(res.status == .ok)
                    pre = res.headers.setCookie?[Cookies.preSessionCSRF]?.string ?? ""
                }
                for (password, expected) in [("123456789a", "phổ biến"), ("ngắn", "ít nhất")] {
                    try await app.send(.POST, resetPath, as: .anonymous, beforeRequest: { req in
                        req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(pre)")
                        try req.content.encode(["password": password, "confirmation": password, "_csrf": pre], as: .urlEncodedForm)
                    }) { res in
                        #expect(res.status == .unprocessableEntity)
                        #expect(res.text.contains(expected))
                    }
                }
                let good = "Cờ luân lưu của khối 2026"
                try await app.send(.POST, resetPath, as: .anonymous, beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(pre)")
                    try req.content.encode(["password": good, "confirmation": good, "_csrf": pre], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                // The link works once.
                try await app.send(.GET, resetPath, as: .anonymous) { res in #expect(res.status == .notFound) }
                _ = try await signIn(app, "nguyen.van.an", good)
                let stored = try #require(try await UserModel.find(UUID(uuidString: userID), on: app.db))
                #expect(stored.passwordHash.hasPrefix("$2b$12$") || stored.passwordHash.hasPrefix("$2y$12$"))
                // Nothing secret ever reaches the log.
                for entry in try await AuditEntryModel.query(on: app.db).all() {
                    #expect(!entry.changes.contains(good))
                    #expect(!entry.changes.contains("$2"))
                    #expect(!entry.changes.contains(app.adminToken))
                    #expect(!entry.changes.contains(String(resetPath.split(separator: "/").last!)))
                }
            }
        }

        @Test func resetTokensNeverReachLogsOrTheAuditLog() async throws {
            try await withTestApp(demo: false) { app in
                let request = Request(application: app, method: .GET, url: URI(path: "/dat-lai-mat-khau/r_bi-mat"),
                                      on: app.eventLoopGroup.next())
                #expect(request.redactedPath == "/dat-lai-mat-khau/…")
                let other = Request(application: app, method: .GET, url: URI(path: "/don-vi"), on: app.eventLoopGroup.next())
                #expect(other.redactedPath == "/don-vi")
            }
        }

        @Test func everyRegistryWriteIsAuditedWithBeforeAndAfter() async throws {
            try await withTestApp { app in
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Hà Nam")
                try await app.send(.PUT, "api/v1/units/\(unit.id!)", beforeRequest: { req in
                    try req.content.encode(["provinceID": unit.$province.id.uuidString, "name": "Văn phòng Tỉnh ủy Hà Nam",
                                            "shortName": "VPTU", "kind": "party_agency", "parentBody": unit.parentBody ?? "",
                                            "validFrom": unit.validFrom, "validTo": unit.validTo ?? ""])
                }) { res in #expect(res.status == .ok) }
                let entry = try #require(try await AuditEntryModel.query(on: app.db).sort(\.$sequence, .descending).first())
                #expect(entry.action == "update")
                #expect(entry.resourceType == "unit")
                #expect(entry.actorName == "quantri")
                #expect(entry.role == "admin")
                #expect(entry.changes == #"{"name":{"after":"Văn phòng Tỉnh ủy Hà Nam","before":"Văn phòng Tỉnh ủy"}}"#)
                #expect(!entry.requestID.isEmpty)
            }
        }

        /// Two app instances over one database: a session opened on one is honoured by the other.
        @Test func sessionsAreSharedByTwoInstances() async throws {
            try await withTestApp(demo: false) { first in
                try await first.makeUser("hai.may", roles: [.admin])
                let cookie = try await signIn(first, "hai.may")
                try await withTestApp(database: first.thidua.config.database) { second in
                    try await second.send(.GET, "api/v1/me", as: .browser(cookie: cookie)) { res in
                        #expect(res.status == .ok)
                        #expect(res.text.contains("hai.may"))
                    }
                }
            }
        }

        /// An account with two browsers signed in and an API token, and what ends it all.
        struct Opened {
            var user: UserModel
            var first: String
            var second: String
            var token: String
        }

        func opened(_ app: Application, _ username: String) async throws -> Opened {
            let (user, token) = try await app.makeUser(username, roles: [.admin])
            let first = try await signIn(app, username)
            let second = try await signIn(app, username)
            for actor in [TestActor.browser(cookie: first), .browser(cookie: second), .token(token)] {
                try await app.send(.GET, "api/v1/me", as: actor) { res in #expect(res.status == .ok) }
            }
            return Opened(user: user, first: first, second: second, token: token)
        }

        func expectEnded(_ app: Application, _ actors: [TestActor], _ user: UserModel) async throws {
            for actor in actors {
                try await app.send(.GET, "api/v1/me", as: actor) { res in #expect(res.status == .unauthorized) }
            }
            #expect(try await APITokenModel.query(on: app.db).filter(\.$user.$id == user.id!).filter(\.$revokedAt == nil).count() == 0)
        }

        @Test func aPasswordChangeEndsEverySessionAndTokenAndRenewsTheBrowsersOwn() async throws {
            try await withTestApp(demo: false) { app in
                let account = try await opened(app, "doi.mat.khau")
                let csrf = try await csrfToken(app, cookie: account.first)
                let new = "Mật khẩu mới của khối 2027"
                var renewed = ""
                try await app.send(.POST, SiteURL.accountPassword.path, as: .browser(cookie: account.first), beforeRequest: { req in
                    try req.content.encode(["current": testPassword, "password": new, "confirmation": new, "_csrf": csrf],
                                           as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .seeOther)
                    renewed = res.headers.setCookie?[Cookies.session]?.string ?? ""
                }
                try await expectEnded(app, [.browser(cookie: account.first), .browser(cookie: account.second),
                                            .token(account.token)], account.user)
                #expect(!renewed.isEmpty && renewed != account.first)
                try await app.send(.GET, "api/v1/me", as: .browser(cookie: renewed)) { res in #expect(res.status == .ok) }
            }
        }

        @Test func aResetEndsEverySessionAndToken() async throws {
            try await withTestApp(demo: false) { app in
                let account = try await opened(app, "dat.lai")
                let token = try await Accounts(db: app.db, auditor: .system("test"), application: app)
                    .createResetLink(for: account.user)
                let path = SiteURL.passwordReset(token).path
                let csrf = try await preSessionCSRF(app, path: path)
                let new = "Cờ luân lưu của khối 2027"
                try await app.send(.POST, path, as: .anonymous, beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.preSessionCSRF)=\(csrf)")
                    try req.content.encode(["password": new, "confirmation": new, "_csrf": csrf], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                try await expectEnded(app, [.browser(cookie: account.first), .browser(cookie: account.second),
                                            .token(account.token)], account.user)
            }
        }

        @Test func signingOutEverywhereEndsEverySessionAndToken() async throws {
            try await withTestApp(demo: false) { app in
                let account = try await opened(app, "dang.xuat")
                let csrf = try await csrfToken(app, cookie: account.first)
                try await app.send(.POST, SiteURL.accountSignOutEverywhere.path, as: .browser(cookie: account.first),
                                   beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                try await expectEnded(app, [.browser(cookie: account.first), .browser(cookie: account.second),
                                            .token(account.token)], account.user)
                let entry = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$action == "sign_out_everywhere").first())
                #expect(entry.changes.contains(#""tokensRevoked":{"after":"1""#))
            }
        }

        @Test func disablingAnAccountEndsEverySessionAndToken() async throws {
            try await withTestApp(demo: false) { app in
                let account = try await opened(app, "bi.khoa")
                try await app.send(.POST, "api/v1/users/\(account.user.id!)/disable") { res in #expect(res.status == .ok) }
                try await expectEnded(app, [.browser(cookie: account.first), .browser(cookie: account.second),
                                            .token(account.token)], account.user)
            }
        }

        @Test func afterSignInOnlyAPathOfThisSiteIsFollowed() async throws {
            try await withTestApp(demo: false) { app in
                try await app.makeUser("di.tiep", roles: [.admin])
                let csrf = try await preSessionCSRF(app)
                for next in ["/\t/evil.example/", "//evil.example/", "/\\evil.example", "https://evil.example/", "/%09/evil.example/"] {
                    let result = try await postSignIn(app, csrf: csrf, username: "di.tiep", password: testPassword, next: next)
                    #expect(result.status == .seeOther)
                    #expect(result.location == "/", "tiếp=\(next)")
                }
                let kept = try await postSignIn(app, csrf: csrf, username: "di.tiep", password: testPassword, next: "/don-vi?trang=2")
                #expect(kept.location == "/don-vi?trang=2")
                // Signed in already, the sign-in page sends the browser on: the same rule.
                let cookie = try await signIn(app, "di.tiep")
                try await app.send(.GET, SiteURL.signIn.path + "?tiep=/%09/evil.example/", as: .browser(cookie: cookie)) { res in
                    #expect(res.headers.first(name: .location) == "/")
                }
            }
        }
    }
}
