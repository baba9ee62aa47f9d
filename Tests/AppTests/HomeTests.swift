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

        /// The navigation's count is kept through writes that cannot change anyone's work (a
        /// new API token here; a ballot or a sign-in alike): the next page reads no more than a
        /// warm one.
        @Test func theCountIsKeptThroughAWriteThatChangesNoOnesWork() async throws {
            try await withTestApp { app in
                // Setup: a member's officer, its count worked out and kept.
                let year = try await KhanhHoa2026.load(app)
                let unit = try #require(year.unsigned.first { $0.id != year.head })
                let (_, token) = try await app.makeUser("donvi.kha.giudem", roles: [.unitOfficer(unit: unit.id)])
                let (_, other) = try await app.makeUser("donvi.kha.khac", roles: [.unitOfficer(unit: unit.id)])
                let path = SiteURL.bloc(year.bloc.id!).path
                _ = try await Self.page(app, path, as: .token(token))
                let warm = try await app.statements { _ = try await Self.page(app, path, as: .token(token)) }

                // Act: another account makes an API token (an audited write).
                try await app.send(.POST, SiteURL.api(.tokens).path, as: .token(other), beforeRequest: { req in
                    try req.content.encode(["name": "điện thoại"], as: .json)
                }) { res in #expect(res.status == .created) }

                // Check: the page reads what a warm one does; the count was not worked out again.
                let after = try await app.statements { _ = try await Self.page(app, path, as: .token(token)) }
                #expect(after.count == warm.count, "\(after.map(\.sql))")
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

        /// Lạng Sơn's cluster, 2020: Trường Chính trị Hoàng Văn Thụ heads it, Ủy ban Kiểm tra deputises.
        @Test func aClustersOfficesAreCalledCụmTrưởngAndCụmPhó() async throws {
            try await withTestApp { app in
                for (name, office) in [("Trường Chính trị Hoàng Văn Thụ", "Cụm trưởng"), ("Ủy ban Kiểm tra Tỉnh ủy", "Cụm phó")] {
                    let unit = try await app.unit(named: name, province: "Lạng Sơn")
                    let (_, token) = try await app.makeUser("donvi.lsn.\(unit.shortName.lowercased())", roles: [.unitOfficer(unit: unit.id!)])
                    let page = try await Self.home(app, as: .token(token))
                    #expect(page.contains("Việc của \(office): Cụm thi đua các cơ quan đảng tỉnh — năm 2020"))
                    #expect(page.contains("\(name) là \(office) năm 2020"))
                    #expect(!page.contains("Trưởng khối") && !page.contains("Phó trưởng khối"))
                }
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

        @Test func theHeadSeesTheSheetAwaitingItsReviewAndTheUnitSeesItSubmitted() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("VPTU", ["1": 48, "2": 18])
                try await s.upload("VPTU", code: "1", name: "bao-cao.pdf", data: ScoringFixture.pdf)
                let unit = try #require(try await UnitModel.find(s.year.units["VPTU"]!, on: app.db))
                let sheet = SiteURL.year(s.year.bloc.id!, 2027, .sheet(unit.id!)).path
                let review = "<a href=\"\(sheet)\">Thẩm định bảng điểm của \(unit.name)</a>"
                #expect(!(try await Self.home(app, as: .token(s.year.head))).contains(review), "not submitted yet")
                #expect(try await Self.home(app, as: .token(s.year.officers["VPTU"]!)).contains("<a href=\"\(sheet)\">Chưa nộp bảng tự chấm điểm</a>"))

                try await s.act("VPTU", .submit, as: s.year.officers["VPTU"]!)
                let head = try await Self.home(app, as: .token(s.year.head))
                #expect(head.contains("Việc của Trưởng khối: Khối thi đua các cơ quan Đảng tỉnh — năm 2027"))
                #expect(head.contains(review))
                let own = try await Self.home(app, as: .token(s.year.officers["VPTU"]!))
                #expect(own.contains("<a href=\"\(sheet)\">Bảng điểm: Đã nộp, chờ thẩm định</a>"))
                #expect(!own.contains("Chưa nộp bảng tự chấm điểm</a>"))
            }
        }

        // MARK: - Only the controls one may use

        static func page(_ app: Application, _ path: String, as actor: TestActor) async throws -> String {
            var text = ""
            try await app.send(.GET, path, as: actor) { res in
                #expect(res.status == .ok, "\(path)")
                text = res.text
            }
            return text
        }

        @Test func aViewerIsShownNoControlThatItsRoutesWouldRefuse() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let province = year.bloc.$province.id
                let (_, viewer) = try await app.makeUser("xem.kha.nut", roles: [.viewer(province: province)])
                let (_, officer) = try await app.makeUser("tinh.kha.nut", roles: [.provincialOfficer(province: province)])
                let bloc = SiteURL.bloc(year.bloc.id!).path
                let edit = "href=\"\(SiteURL.blocEdit(year.bloc.id!).path)\""
                let seen = try await Self.page(app, bloc, as: .token(viewer))
                for control in [edit, ">Kết thúc</button>", "Thêm thành viên", "action=\"\(SiteURL.blocMemberships(year.bloc.id!).path)\""] {
                    #expect(!seen.contains(control), "the viewer is shown \(control)")
                }
                let managed = try await Self.page(app, bloc, as: .token(officer))
                #expect(managed.contains(edit) && managed.contains(">Kết thúc</button>") && managed.contains("Thêm thành viên"))

                let unit = try #require(year.members.first)
                let unitPage = try await Self.page(app, SiteURL.unit(unit.id).path, as: .token(viewer))
                #expect(!unitPage.contains(SiteURL.unitEdit(unit.id).path))
                #expect(!unitPage.contains("href=\"/can-bo/"), "a viewer reads no one's personal page")
                let lists = try await Self.page(app, SiteURL.units.path, as: .token(viewer))
                #expect(!lists.contains(SiteURL.unitNew.path))
                let yearPage = try await Self.page(app, SiteURL.year(year.bloc.id!, 2026).path, as: .token(viewer))
                #expect(!yearPage.contains("/dang-ky/"), "registrations are for the unit, its head and the province")
                #expect(!yearPage.contains(SiteURL.year(year.bloc.id!, 2026, .ranking).path), "not published yet")
                for (path, label) in [(SiteURL.year(year.bloc.id!, 2026, .dates).path, "dates"), (SiteURL.year(year.bloc.id!, 2026, .transition).path, "steps")] {
                    #expect(!yearPage.contains(path), "\(label)")
                }
            }
        }

        @Test func theHeadSeesThePactLockDisabledNamingTheUnitsThatHaveNotSigned() async throws {
            try await withTestApp { app in
                let year = try await KhanhHoa2026.load(app)
                let (_, head) = try await app.makeUser("donvi.kha.khoa", roles: [.unitOfficer(unit: year.head)])
                let page = try await Self.page(app, SiteURL.year(year.bloc.id!, 2026).path, as: .token(head))
                // In Vietnamese order («Ủy ban …» before «Văn phòng …»).
                let names = year.unsigned.map(\.name).sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }.joined(separator: ", ")
                #expect(page.contains("<button type=\"button\" disabled aria-describedby=\"ly-do-0\">Khóa giao ước (mọi thành viên đã ký)</button>"))
                #expect(page.contains("Còn \(year.unsigned.count) đơn vị thành viên chưa ký giao ước. \(names)."))
                #expect(!page.contains("name=\"transition\" value=\"sign_pact\""), "no form posts the lock")
                // The head follows each member's registration.
                for member in year.members {
                    #expect(page.contains(SiteURL.year(year.bloc.id!, 2026, .registration(member.id)).path))
                }
            }
        }
    }
}
