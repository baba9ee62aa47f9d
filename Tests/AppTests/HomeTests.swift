@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// «Việc cần làm»: each role's home on the demo (Khánh Hòa 2026 in planning, 4 of 6
    /// members signed, 2 registered; today 22/11/2026, after every planning deadline).
    @Suite struct HomeTests {
        struct KhanhHoa2026 {
            var bloc: BlocModel
            var year: BlocYearModel
            var head: UUID
            var members: [(id: UUID, name: String)]
            var signed: Set<UUID>
            var registered: Set<UUID>

            var unsigned: [(id: UUID, name: String)] { members.filter { !signed.contains($0.id) } }
            var unregistered: [(id: UUID, name: String)] { members.filter { !registered.contains($0.id) } }

            static func load(_ app: Application) async throws -> KhanhHoa2026 {
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Khánh Hòa")
                let year = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == bloc.id!)
                    .filter(\.$year == 2026).first())
                let head = try #require(try await BlocOfficeModel.query(on: app.db).filter(\.$bloc.$id == bloc.id!)
                    .filter(\.$year == 2026).filter(\.$role == BlocOfficeRole.head.rawValue).first()).$unit.id
                let store = RegistryStore(db: app.db, auditor: .system("test"))
                let members = try await store.members(of: year, today: testToday).map { ($0.membership.$unit.id, $0.membership.unit.name) }
                let signed = Set(try await store.signatures(of: year.id!).map(\.$unit.id))
                let registered = Set(try await RegistrationModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).all().map(\.$unit.id))
                return KhanhHoa2026(bloc: bloc, year: year, head: head, members: members, signed: signed, registered: registered)
            }
        }

        static func home(_ app: Application, as actor: TestActor) async throws -> String {
            var text = ""
            try await app.send(.GET, SiteURL.home.path, as: actor) { res in
                #expect(res.status == .ok)
                text = res.text
            }
            return text
        }

        @Test func aUnitOfficerSeesItsPactUnsignedAndOverdueUntilItSigns() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let unit = try #require(year.unsigned.first { $0.id != year.head })
                let (_, token) = try await app.makeUser("donvi.kha.chuaky", roles: [.unitOfficer(unit: unit.id)])
                let pact = SiteURL.year(year.bloc.id!, 2026, .pact).path
                let before = try await Self.home(app, as: .token(token))
                #expect(before.contains("Khối thi đua các cơ quan Đảng tỉnh — năm 2026"))
                #expect(before.contains("<a href=\"\(pact)\">Chưa ký giao ước thi đua</a> <span class=\"deadline\">hạn 26/02/2026</span> <strong class=\"late\">Quá hạn</strong>"))
                #expect(before.contains("<a href=\"\(SiteURL.year(year.bloc.id!, 2026, .registration(unit.id)).path)\">Chưa đăng ký thi đua</a>"))
                #expect(before.contains("Có <strong class=\"pending-total\">2</strong> việc đang chờ."))
                #expect(!before.contains("Việc của Trưởng khối"), "not the head")

                try await app.send(.POST, SiteURL.api(.blocYearSignature(year.bloc.id!, 2026, unit.id)).path, as: .token(token),
                                   beforeRequest: { req in
                    try req.content.encode(SignInput(signerName: "Nguyễn Văn Ký", signerPosition: "Thủ trưởng đơn vị"), as: .json)
                }) { res in #expect(res.status == .created) }
                let after = try await Self.home(app, as: .token(token))
                #expect(!after.contains("Chưa ký giao ước"))
                #expect(after.contains("Đã ký giao ước ngày "))
                #expect(after.contains("Có <strong class=\"pending-total\">1</strong> việc đang chờ."))
            }
        }

        @Test func theHeadSeesTheMembersNotSignedAndNotRegisteredByName() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let (_, token) = try await app.makeUser("donvi.kha.truongkhoi", roles: [.unitOfficer(unit: year.head)])
                let page = try await Self.home(app, as: .token(token))
                #expect(page.contains("Việc của Trưởng khối: Khối thi đua các cơ quan Đảng tỉnh — năm 2026"))
                let unsigned = year.unsigned.map(\.name).joined(separator: ", ")
                #expect(!unsigned.isEmpty && page.contains("\(year.unsigned.count) đơn vị chưa ký giao ước: \(unsigned)"))
                let unregistered = year.unregistered.map(\.name).joined(separator: ", ")
                #expect(page.contains("\(year.unregistered.count) đơn vị chưa đăng ký thi đua: \(unregistered)"))
                #expect(page.contains("Hội nghị tổng kết ngày 18/12/2026"))
            }
        }

        @Test func theProvinceSeesItsBlocsByStepAndTheLateUnits() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let (_, token) = try await app.makeUser("tinh.kha.test", roles: [.provincialOfficer(province: year.bloc.$province.id)])
                let page = try await Self.home(app, as: .token(token))
                #expect(page.contains("Khối, cụm theo bước của năm thi đua"))
                #expect(page.contains("<span class=\"state state-planning\">Xây dựng kế hoạch</span>"))
                #expect(page.contains("<a href=\"\(SiteURL.year(year.bloc.id!, 2026).path)\">Khối thi đua các cơ quan Đảng tỉnh — năm 2026</a>"))
                let unsigned = year.unsigned.map(\.name).joined(separator: ", ")
                #expect(page.contains("Khối thi đua các cơ quan Đảng tỉnh: \(year.unsigned.count) đơn vị ký giao ước sau hạn hoặc chưa ký: \(unsigned)"))
                #expect(page.contains("Tờ trình khen thưởng chờ xử lý"))
                // The navigation counts the same lines on every page.
                try await app.send(.GET, SiteURL.blocs.path, as: .token(token)) { res in
                    #expect(res.text.contains("class=\"pending-count\""))
                }
            }
        }

        @Test func theViewerSeesItsProvinceAndWhatIsPublishedNoWork() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let (_, token) = try await app.makeUser("xem.kha.test", roles: [.viewer(province: year.bloc.$province.id)])
                let page = try await Self.home(app, as: .token(token))
                #expect(page.contains("<a href=\"\(SiteURL.province(year.bloc.$province.id).path)\">Tỉnh Khánh Hòa</a>"))
                #expect(page.contains("Kết quả đã công bố"))
                #expect(page.contains("Không có việc nào đang chờ."))
                #expect(!page.contains("pending-count"))
            }
        }
    }
}
