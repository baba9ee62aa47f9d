@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// The registry's writes take one path: the page and the API give the same refusal, in the
/// same words, for the same bad input, and write nothing.
extension AppTests {
    @Suite struct RegistryParityTests {
        @Test func thePageAndTheAPIRefuseTheSameBadRegistryInputAlike() async throws {
            try await withTestApp { app in
                let khanhHoa = try #require(try await ProvinceModel.query(on: app.db).filter(\.$name == "Khánh Hòa").first())
                let officer = try await app.makeUser("test.tinh.kha", roles: [.provincialOfficer(province: khanhHoa.id!)])
                let cookie = try await signIn(app, "test.tinh.kha")
                let csrf = try await csrfToken(app, cookie: cookie)
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Khánh Hòa")
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Khánh Hòa")
                let lạngSơn = try #require(try await ProvinceModel.query(on: app.db).filter(\.$name == "Lạng Sơn").first())
                struct Case { var page: String; var form: String; var api: String; var body: [String: String] }
                let cases = [
                    // A unit with no name and an impossible start.
                    Case(page: SiteURL.unitNew.path, form: "provinceID=\(khanhHoa.id!)&name=&shortName=X&kind=party_agency&validFrom=2025-02-30",
                         api: SiteURL.api(.units).path,
                         body: ["provinceID": khanhHoa.id!.uuidString, "name": "", "shortName": "X", "kind": "party_agency", "validFrom": "2025-02-30"]),
                    // A unit in a province that is not the officer's.
                    Case(page: SiteURL.unitNew.path, form: "provinceID=\(lạngSơn.id!)&name=S%E1%BB%9F+m%E1%BB%9Bi&shortName=SM&kind=state_agency",
                         api: SiteURL.api(.units).path,
                         body: ["provinceID": lạngSơn.id!.uuidString, "name": "Sở mới", "shortName": "SM", "kind": "state_agency"]),
                    // A membership that ends before it starts.
                    Case(page: SiteURL.blocMemberships(bloc.id!).path,
                         form: "unitID=\(unit.id!)&validFrom=2027-01-01&validTo=2026-01-01",
                         api: SiteURL.api(.blocMembers(bloc.id!)).path,
                         body: ["unitID": unit.id!.uuidString, "validFrom": "2027-01-01", "validTo": "2026-01-01"]),
                ]
                let before = try await (UnitModel.query(on: app.db).count(), MembershipModel.query(on: app.db).count())
                for c in cases {
                    var apiStatus = HTTPStatus.ok
                    var messages: [String] = []
                    try await app.send(.POST, c.api, as: .token(officer.token), beforeRequest: { req in
                        try req.content.encode(c.body, as: .json)
                    }) { res in
                        apiStatus = res.status
                        let problem = try res.json(ProblemBody.self)
                        messages = problem.errors?.map(\.message) ?? [problem.detail]
                    }
                    #expect(apiStatus.code >= 400 && apiStatus.code < 500, "\(c.api)")
                    try await app.send(.POST, c.page, as: .browser(cookie: cookie), beforeRequest: { req in
                        req.headers.contentType = .urlEncodedForm
                        req.body = .init(string: "_csrf=\(csrf)&" + c.form)
                    }) { res in
                        #expect(res.status == apiStatus, "\(c.page) «\(c.form)»: page \(res.status), API \(apiStatus)")
                        for message in messages {
                            #expect(res.text.contains(message.replacingOccurrences(of: "\"", with: "&quot;")),
                                    "\(c.page) «\(c.form)» should say «\(message)»")
                        }
                    }
                }
                let after = try await (UnitModel.query(on: app.db).count(), MembershipModel.query(on: app.db).count())
                #expect(before == after)
            }
        }
    }
}
