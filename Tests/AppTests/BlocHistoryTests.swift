@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// Hà Nam's bloc of Party agencies (demo): in force 2023 to 30/6/2025, when Hà Nam merged into
/// Ninh Bình. Its past years are recorded by Hà Nam's officer or Ninh Bình's.
struct HistoryFixture {
    let app: Application
    let bloc: BlocModel
    let haNam: UUID
    let ninhBinh: UUID
    /// Hà Nam's units by short name.
    let units: [String: UUID]
    let successorOfficer: String
    let haNamOfficer: String
    let foreignOfficer: String
    let unitOfficer: String

    static let blocName = "Khối thi đua các Ban xây dựng Đảng và cơ quan trực thuộc Tỉnh ủy"

    static func make(_ app: Application) async throws -> HistoryFixture {
        let bloc = try await app.bloc(named: blocName, province: "Hà Nam")
        let members = try await MembershipModel.query(on: app.db).filter(\.$bloc.$id == bloc.id!).with(\.$unit).all()
        let units = Dictionary(members.map { ($0.unit.shortName, $0.$unit.id) }, uniquingKeysWith: { a, _ in a })
        let ninhBinh = try #require(try await ProvinceModel.query(on: app.db).filter(\.$name == "Ninh Bình").first()).id!
        let langSon = try #require(try await ProvinceModel.query(on: app.db).filter(\.$name == "Lạng Sơn").first()).id!
        return HistoryFixture(
            app: app, bloc: bloc, haNam: bloc.$province.id, ninhBinh: ninhBinh, units: units,
            successorOfficer: try await app.makeUser("test.tinh.nbh", roles: [.provincialOfficer(province: ninhBinh)]).token,
            haNamOfficer: try await app.makeUser("test.tinh.hna", roles: [.provincialOfficer(province: bloc.$province.id)]).token,
            foreignOfficer: try await app.makeUser("test.tinh.lsn", roles: [.provincialOfficer(province: langSon)]).token,
            unitOfficer: try await app.makeUser("test.dv.btctu", roles: [.unitOfficer(unit: units["BTCTU"]!)]).token)
    }

    func path(_ year: Int) -> String { SiteURL.api(.blocHistoryYear(bloc.id!, year)).path }

    /// 2024 as Hà Nam's year-end report gave it (sample data).
    func body(_ standings: [(String, String, String?)]? = nil, awards: [(String, String, String, String)]? = nil) -> [String: AnyCodable] {
        let rows = (standings ?? [("BTCTU", "1", "98,5"), ("VPTU", "2", "97"), ("UBKTTU", "3", nil)]).map { unit, rank, points in
            AnyCodable.object(["unitID": .string(units[unit]?.uuidString ?? unit), "rank": .string(rank),
                               "points": points.map(AnyCodable.string) ?? .null])
        }
        let awardRows = (awards ?? [("BTCTU", AwardCode.provinceFlag.rawValue, "25/QĐ-UBND", "2025-01-20")]).map { unit, code, number, date in
            AnyCodable.object(["unitID": .string(units[unit]?.uuidString ?? unit), "awardCode": .string(code),
                               "decisionNumber": .string(number), "decisionDate": .string(date)])
        }
        return ["source": "Báo cáo tổng kết số 15/BC-KTĐ ngày 20/12/2024 (dữ liệu mẫu)", "headUnitID": .string(units["UBKTTU"]!.uuidString),
                "deputyUnitID": .string(units["ĐUKDN"]!.uuidString), "standings": .array(rows), "awards": .array(awardRows)]
    }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, as token: String, json: [String: AnyCodable]? = nil, status: HTTPStatus,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse?
        try await app.send(method, path, as: .token(token), beforeRequest: { req in
            if let json { try req.content.encode(AnyCodable.object(json), as: .json) }
        }, sourceLocation: sourceLocation) { res in
            #expect(res.status == status, "\(method) \(path): \(res.text)", sourceLocation: sourceLocation)
            response = res
        }
        return response!
    }

    /// What a refused or bad request must leave as it was.
    func counts() async throws -> [Int] {
        [try await BlocHistoryYearModel.query(on: app.db).count(), try await BlocHistoryStandingModel.query(on: app.db).count(),
         try await AwardRecordModel.query(on: app.db).count(), try await BlocOfficeModel.query(on: app.db).count(),
         try await AuditEntryModel.query(on: app.db).count()]
    }
}

struct RecordedYearBody: Decodable {
    struct Standing: Decodable { var unitID: UUID; var unitNameThen: String; var rank: Int; var points: String? }
    struct Office: Decodable { var unitID: UUID; var unitNameThen: String }
    struct Award: Decodable { var unitID: UUID; var awardCode: String; var decisionNumber: String }
    var id: UUID; var year: Int; var source: String; var standings: [Standing]; var head: Office?; var deputy: Office?; var awards: [Award]
}

extension AppTests {
    @Suite struct BlocHistoryTests {
        @Test func theSuccessorProvinceRecordsAPastYearOfAnEndedBloc() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                // The live workflow stays refused for the ended bloc.
                let open = try await f.send(.POST, SiteURL.api(.blocYear(f.bloc.id!, 2024)).path, as: f.successorOfficer,
                                            json: ["headUnitID": .string(f.units["UBKTTU"]!.uuidString)], status: .forbidden)
                #expect(try open.json(ProblemBody.self).detail == "Khối đã hết hiệu lực.")

                let answer = try await f.send(.POST, f.path(2024), as: f.successorOfficer, json: f.body(), status: .created)
                    .json(RecordedYearBody.self)
                #expect(answer.standings.map(\.rank) == [1, 2, 3])
                #expect(answer.standings.map(\.unitNameThen) == ["Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"])
                #expect(answer.standings.map(\.points) == ["98,5", "97", nil])
                #expect(answer.head?.unitID == f.units["UBKTTU"] && answer.deputy?.unitID == f.units["ĐUKDN"])
                #expect(answer.awards.map(\.awardCode) == [AwardCode.provinceFlag.rawValue])
                // The award is on record for the unit, of the bloc, with its year as basis.
                let record = try #require(try await AwardRecordModel.query(on: app.db).filter(\.$subjectID == f.units["BTCTU"]!).first())
                #expect(record.year == 2024 && record.blocID == f.bloc.id && record.basisYears == "2024" && record.decisionID == nil)
                let audited = try await AuditEntryModel.query(on: app.db).filter(\.$resourceType == "bloc_history_year")
                    .filter(\.$resourceID == answer.id.uuidString).count()
                #expect(audited == 1)
                // Read back as the bloc is read; a second recording of the year is refused.
                let years = try await f.send(.GET, SiteURL.api(.blocHistory(f.bloc.id!)).path, as: f.haNamOfficer, status: .ok)
                    .json([RecordedYearBody].self)
                #expect(years.map(\.year) == [2024])
                let before = try await f.counts()
                let again = try await f.send(.POST, f.path(2024), as: f.haNamOfficer, json: f.body(awards: []), status: .conflict)
                #expect(try again.json(ProblemBody.self).detail.hasPrefix("Năm 2024 của khối đã được ghi lại"))
                #expect(try await f.counts() == before)
                // Nor can the recorded year be opened to run (the store's own check, under any route's).
                do {
                    _ = try await app.write { db in
                        try await RegistryStore(db: db, auditor: .system("test")).open(
                            bloc: f.bloc, year: 2024, head: f.units["UBKTTU"], deputy: nil, source: .none, today: testToday, now: Date())
                    }
                    Issue.record("a recorded year was opened")
                } catch let error as DomainError {
                    #expect(error.message.contains("đã được ghi lại theo báo cáo"), "\(error.message)")
                }
                #expect(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == f.bloc.id!).filter(\.$year == 2024).count() == 0)
            }
        }

        @Test func othersAndYearsOutsideTheBlocAreRefusedWithNothingWritten() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                let before = try await f.counts()
                // Someone without the right: 403, whatever the year.
                for (token, year, message) in [
                    (f.foreignOfficer, 2024, "Chỉ cán bộ TĐKT của tỉnh có khối (hoặc của tỉnh kế thừa sau sắp xếp) ghi lại được các năm đã qua của khối."),
                    (f.unitOfficer, 2024, "Chỉ cán bộ TĐKT của tỉnh có khối (hoặc của tỉnh kế thừa sau sắp xếp) ghi lại được các năm đã qua của khối."),
                    (f.foreignOfficer, 2022, "Chỉ cán bộ TĐKT của tỉnh có khối (hoặc của tỉnh kế thừa sau sắp xếp) ghi lại được các năm đã qua của khối."),
                ] {
                    let answer = try await f.send(.POST, f.path(year), as: token, json: f.body(), status: .forbidden)
                    #expect(try answer.json(ProblemBody.self).detail == message)
                }
                // The right province, a year the bloc cannot have: bad input of the field «year» (422).
                for (year, message) in [
                    (2022, "Năm 2022 nằm ngoài thời gian hiệu lực của khối (từ 01/01/2023 đến 30/06/2025)."),
                    (2027, "Năm 2027 chưa đến: chỉ ghi lại được các năm đã qua."),
                ] {
                    let answer = try await f.send(.POST, f.path(year), as: f.successorOfficer, json: f.body(), status: .unprocessableEntity)
                    let problem = try answer.json(ProblemBody.self)
                    #expect(problem.detail == message)
                    #expect(problem.errors?.first?.field == "year")
                }
                // A body that is not an object says so, not «Trường «»».
                for body in ["[]", "null", "\"2024\""] {
                    try await app.send(.POST, f.path(2024), as: .token(f.successorOfficer), beforeRequest: { req in
                        req.headers.contentType = .json
                        req.body = ByteBuffer(string: body)
                    }) { res in
                        #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(body): \(res.text)")
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.detail.hasSuffix(Problem.wholeBody), "\(body)")
                    }
                }
                // Refusals go to the audit log (the last count); nothing else is written.
                #expect(try await f.counts().dropLast() == before.dropLast())
            }
        }

        @Test func badInputIsRefusedInVietnameseWithNothingWritten() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                let outsider = try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn").id!.uuidString
                let before = try await f.counts()
                let cases: [([String: AnyCodable], String)] = [
                    (f.body([("BTCTU", "1", nil), ("VPTU", "1", nil)]),
                     "Hạng 1 được ghi cho cả «Ban Tổ chức Tỉnh ủy» và «Văn phòng Tỉnh ủy»; mỗi hạng một đơn vị."),
                    (f.body([(outsider, "1", nil)]),
                     "Dòng xếp hạng 1: đơn vị «Báo Lạng Sơn» không phải thành viên của khối trong năm 2024."),
                    (f.body([("BTCTU", "18446744073709551616", "99999999999")]),
                     "Dòng xếp hạng 1: hạng «18446744073709551616» phải từ 1 đến 500."),
                    (f.body([], awards: []),
                     "Hãy ghi xếp hạng của ít nhất một đơn vị thành viên (theo báo cáo tổng kết năm 2024)."),
                    (f.body(awards: [("BTCTU", AwardCode.provinceFlag.rawValue, "25/QĐ-UBND", "2027-01-20")]),
                     "Dòng khen thưởng 1: ngày quyết định 20/01/2027 ở sau hôm nay; chỉ ghi quyết định đã ký."),
                ]
                for (body, message) in cases {
                    let answer = try await f.send(.POST, f.path(2024), as: f.successorOfficer, json: body, status: .unprocessableEntity)
                    let problem = try answer.json(ProblemBody.self)
                    #expect((problem.errors ?? []).map(\.message).contains(message), "\(problem)")
                }
                // The head of 2024 is on record already (the seed report): another unit is refused.
                var other = f.body()
                other["headUnitID"] = .string(f.units["VPTU"]!.uuidString)
                let conflict = try await f.send(.POST, f.path(2024), as: f.successorOfficer, json: other, status: .conflict)
                #expect(try conflict.json(ProblemBody.self).detail == "Trưởng khối năm 2024 đã được ghi nhận là «Ủy ban Kiểm tra Tỉnh ủy»; không ghi khác được.")
                #expect(try await f.counts() == before)
            }
        }

        /// The chains of eligibility read a recorded year like one run here: its rank leads the
        /// bloc for the Cờ, and an award it recorded consumes its year.
        @Test func eligibilityChainsUseARecordedPastYear() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                let btctu = f.units["BTCTU"]!
                let successor = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Ninh Bình").id!
                for year in [2023, 2024] {
                    try await f.send(.POST, SiteURL.api(.unitRatings(btctu)).path, as: f.haNamOfficer,
                                     json: ["year": .string(String(year)), "rating": "htxsnv"], status: .created)
                }
                try await f.send(.POST, SiteURL.api(.unitRatings(successor)).path, as: f.successorOfficer,
                                 json: ["year": "2025", "rating": "htxsnv"], status: .created)
                struct Answer: Decodable {
                    struct Condition: Decodable { var key: String; var outcome: String; var records: [String] }
                    struct Explanation: Decodable { var conditions: [Condition] }
                    var explanation: Explanation
                }
                func condition(_ unit: UUID, _ award: AwardCode, _ year: Int, _ date: String, _ key: String) async throws -> Answer.Condition {
                    let path = SiteURL.api(.unitEligibility(unit)).path + "?award=\(award.rawValue)&year=\(year)&date=\(date)"
                    let answer = try await f.send(.GET, path, as: f.successorOfficer, status: .ok).json(Answer.self)
                    return try #require(answer.explanation.conditions.first { $0.key == key })
                }
                // Before: no standing for 2024; the 2-year chain of the successor reaches into 2024.
                #expect(try await condition(btctu, .provinceFlag, 2024, "2025-01-10", "ledBloc").outcome == "fail")
                #expect(try await condition(successor, .provinceMeritCollective, 2025, "2026-01-10", "chain").outcome == "pass")

                let body = f.body(awards: [("BTCTU", AwardCode.provinceMeritCollective.rawValue, "26/QĐ-UBND", "2025-01-20")])
                try await f.send(.POST, f.path(2024), as: f.successorOfficer, json: body, status: .created)

                let led = try await condition(btctu, .provinceFlag, 2024, "2025-01-10", "ledBloc")
                #expect(led.outcome == "pass")
                #expect(led.records == ["2024: hạng 1, \(HistoryFixture.blocName)"])
                // The Bằng khen of 2024 stood on 2024: the successor's chain stops there.
                let chain = try await condition(successor, .provinceMeritCollective, 2025, "2026-01-10", "chain")
                #expect(chain.outcome == "fail")
                #expect(chain.records == ["2025: HTXSNV", "Chuỗi dừng: năm 2024 đã được dùng làm căn cứ cho lần khen trước"])
            }
        }

        /// Kon Tum's Ban Dân tộc headed its bloc in 2021 and became Sở Dân tộc và Tôn giáo on
        /// 1/3/2025 (demo): the history of heads says who it was then, wherever it is listed.
        /// The successor's officer checks the ended bloc's members for the year it recorded,
        /// on the API and on the page, where the bloc is offered; the admin's page offers all.
        @Test func theSuccessorChecksTheEndedBlocsListAndTheAdminSeesEveryList() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                try await f.send(.POST, f.path(2024), as: f.successorOfficer, json: f.body(), status: .created)
                let body: [String: AnyCodable] = ["award": "co_tinh", "year": "2024", "date": "2025-01-10", "blocID": .string(f.bloc.id!.uuidString)]
                struct Lines: Decodable { struct Line: Decodable { var recipientID: UUID }; var lines: [Line] }
                let list = try await f.send(.POST, SiteURL.api(.eligibilityBatch).path, as: f.successorOfficer, json: body, status: .ok)
                #expect(Set(try list.json(Lines.self).lines.map(\.recipientID)).isSuperset(of: [f.units["BTCTU"]!, f.units["VPTU"]!]))
                // Another province's officer is still refused.
                try await f.send(.POST, SiteURL.api(.eligibilityBatch).path, as: f.foreignOfficer, json: body, status: .forbidden)
                // The page: the successor's choices hold the ended bloc, marked with its end.
                try await app.makeUser("tinh.nbh.list", roles: [.provincialOfficer(province: f.ninhBinh)])
                let cookie = try await signIn(app, "tinh.nbh.list")
                try await app.send(.GET, SiteURL.eligibilityList.path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("<option value=\"\(f.bloc.id!.uuidString)\""))
                    #expect(res.text.contains("\(HistoryFixture.blocName) (đến 30/06/2025)"))
                }
                // The admin's page lists the units and blocs the API lets it check.
                try await app.send(.GET, SiteURL.eligibilityList.path) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("<option value=\"\(f.bloc.id!.uuidString)\""))
                    // Every unit in force, of every province.
                    for unit in try await UnitModel.query(on: app.db).filter(\.$validTo == nil).all() {
                        #expect(res.text.contains("<option value=\"\(unit.id!.uuidString)\""), "\(unit.name)")
                    }
                }
            }
        }

        @Test func headsAndDeputiesKeepTheirNamesOfThatYear() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan tham mưu quản lý nhà nước về văn hóa - xã hội", province: "Kon Tum")
                let unit = try await app.unit(named: "Sở Dân tộc và Tôn giáo", province: "Kon Tum")
                struct OfficeBody: Decodable { var year: Int; var role: String; var unitNameThen: String; var unit: UnitBody }
                try await app.send(.GET, SiteURL.api(.blocOffices(bloc.id!)).path) { res in
                    let offices = try res.json([OfficeBody].self)
                    let head = try #require(offices.first { $0.year == 2021 && $0.role == "head" })
                    #expect(head.unitNameThen == "Ban Dân tộc")
                    #expect(head.unit.name == "Sở Dân tộc và Tôn giáo")
                }
                try await app.send(.GET, SiteURL.bloc(bloc.id!).path) { res in
                    #expect(res.cells.contains("<td>2021</td><td><a href=\"\(SiteURL.unit(unit.id!).path)\">Ban Dân tộc</a>"))
                }
                try await app.send(.GET, SiteURL.unitAwards(unit.id!).path) { res in
                    #expect(res.cells.contains("<td>2021</td><td>Trưởng khối</td><td>\(bloc.name)</td><td>Ban Dân tộc</td>"))
                }
            }
        }

        @Test func theBlocPageOffersThePastYearsAndItsFormRecordsOne() async throws {
            try await withTestApp { app in
                let f = try await HistoryFixture.make(app)
                try await app.makeUser("tinh.nbh.web", roles: [.provincialOfficer(province: f.ninhBinh)])
                let cookie = try await signIn(app, "tinh.nbh.web")
                try await app.send(.GET, SiteURL.bloc(f.bloc.id!).path, as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .ok)
                    for year in 2023...2025 { #expect(res.text.contains(SiteURL.blocHistory(f.bloc.id!, year).path)) }
                    #expect(!res.text.contains(SiteURL.blocHistory(f.bloc.id!, 2022).path))
                }
                let csrf = try await csrfToken(app, cookie: cookie)
                func field(_ name: String, _ value: String) -> String {
                    "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }
                let form = [field("_csrf", csrf), field("source", "Báo cáo số 9/BC-KTĐ (dữ liệu mẫu)"),
                            field("headUnitID", f.units["BTCTU"]!.uuidString),
                            field("unitID[]", f.units["BTCTU"]!.uuidString), field("rank[]", "1"), field("points[]", ""),
                            field("unitID[]", f.units["VPTU"]!.uuidString), field("rank[]", "2"), field("points[]", ""),
                            // A member the report did not rank: its row left blank, as the page says.
                            field("unitID[]", f.units["UBKTTU"]!.uuidString), field("rank[]", ""), field("points[]", ""),
                            field("awardUnitID[]", ""), field("awardCode[]", ""), field("decisionNumber[]", ""), field("decisionDate[]", "")]
                    .joined(separator: "&")
                try await app.send(.POST, SiteURL.blocHistory(f.bloc.id!, 2023).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(string: form)
                }) { res in #expect(res.status == .seeOther, "\(res.text)") }
                try await app.send(.GET, SiteURL.blocHistory(f.bloc.id!, 2023).path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("Báo cáo số 9/BC-KTĐ (dữ liệu mẫu)"))
                    #expect(res.cells.contains("<td>1</td><td>Ban Tổ chức Tỉnh ủy</td>"))
                }
                // The same form again: the page says why nothing was written.
                try await app.send(.POST, SiteURL.blocHistory(f.bloc.id!, 2023).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(string: form)
                }) { res in
                    #expect(res.status == .conflict)
                    #expect(res.text.contains("Năm 2023 của khối đã được ghi lại"), "\(res.text.prefix(3000))")
                }
            }
        }
    }
}
