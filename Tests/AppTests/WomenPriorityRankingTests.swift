@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

extension AppTests {
    /// Issue 14 part 10: units level on every score are ordered by the share of women in their
    /// staff at the year's end, against the province's threshold in force then.
    @Suite struct WomenPriorityRankingTests {
        struct RankingBody: Decodable {
            struct Priority: Decodable { var prioritised: Bool; var reason: String }
            struct Row: Decodable { var unitID: UUID; var rank: Int; var tied: Bool; var priority: Priority? }
            struct Result: Decodable { var rows: [Row]; var ties: [[UUID]]; var leader: UUID? }
            var published: Bool
            var result: Result
        }

        @Test func levelUnitsAreOrderedByTheirShareOfWomenUnderTheProvincesThreshold() async throws {
            try await withTestApp { app in
                // Setup: a year in scoring whose table breaks ties by the women-priority rule; the
                // province sets the share to 60 % from 2027; two units' staff in the registry.
                let s = try await ScoringFixture.make(app)
                let awards = AwardFixture(year: s.year)
                let (vptu, btctu) = (s.year.units["VPTU"]!, s.year.units["BTCTU"]!)
                let before = try await AssignmentModel.query(on: app.db).filter(\.$unit.$id ~~ Array(s.year.units.values)).count()
                try #require(before == 0, "the fixture's units start without staff")
                var table = YearFixture.templateBody
                table["reason"] = "Hội nghị khối thống nhất ưu tiên tập thể đông nữ khi bằng điểm"
                table["rules"] = .object(["variant": "head", "tieBreaks": .array(["women_priority"]), "normalise": .bool(false),
                                          "disagreementPercent": .int(25), "bands": .array([.object(["minimum": .int(90), "label": "Xuất sắc"])])])
                try await s.year.send(.PUT, s.api(.blocYearTable(s.year.bloc.id!, 2027)), as: s.year.head, json: table, status: .ok)
                try await s.year.send(.POST, s.api(.awardParameters(s.year.province)), as: s.year.provincial, json: AnyCodable.object([
                    "validFrom": "2027-01-01", "reference": "Quyết định số 12/2026/QĐ-UBND",
                    "values": .object(["womenPriorityPercent": .string("60")])]), status: .created)
                for (index, gender) in ["female", "female", "female", "male", "male"].enumerated() {
                    _ = try await awards.person("Cán bộ VP \(index)", gender: gender, unit: "VPTU")   // 3 of 5: 60 %
                }
                for (index, gender) in ["female", "female", "male", "male"].enumerated() {
                    _ = try await awards.person("Cán bộ BTC \(index)", gender: gender, unit: "BTCTU")  // 2 of 4: 50 %
                }
                // Joins after the year's end: not counted (counted, Ban Tổ chức would reach 3 of 5).
                _ = try await awards.person("Cán bộ BTC mới", gender: "female", unit: "BTCTU", since: "2028-02-01")

                // Act: every unit scores the same; the head publishes.
                try await s.scoreEveryone(step: 0)
                let path = s.api(.ranking(s.year.bloc.id!, 2027))
                try await s.year.send(.POST, path, as: s.year.head, json: [String: String](), status: .created)

                // Check: Văn phòng leads alone with the reason; Ban Tổ chức is level with the rest,
                // below the share, and a unit with no staff recorded says so.
                let ranking = try await s.year.send(.GET, path, as: s.year.officers["TCT"]!, status: .ok).json(RankingBody.self)
                #expect(ranking.published)
                let rows = Dictionary(uniqueKeysWithValues: ranking.result.rows.map { ($0.unitID, $0) })
                #expect(ranking.result.rows.first?.unitID == vptu && rows[vptu]?.rank == 1 && rows[vptu]?.tied == false)
                #expect(ranking.result.leader == vptu)
                #expect(rows[vptu]?.priority?.reason == "Ưu tiên tập thể có từ 60 % nữ trở lên (3 nữ / 5 người, tính đến 31/12/2027).")
                #expect(rows[btctu]?.priority?.prioritised == false)
                #expect(rows[btctu]?.priority?.reason == "Không ưu tiên: tỷ lệ nữ 50 % (2 nữ / 4 người, tính đến 31/12/2027), dưới 60 %.")
                #expect(rows[btctu]?.rank == 2 && rows[btctu]?.tied == true)
                let unstaffed = try #require(rows[s.year.units["TCT"]!])
                #expect(unstaffed.priority?.reason.hasPrefix("Không ưu tiên: chưa có số liệu nhân sự") == true)
                #expect(ranking.result.ties == [ranking.result.rows.dropFirst().map(\.unitID)])
                // The ranking page shows the reason next to the tie.
                try await app.send(.GET, SiteURL.year(s.year.bloc.id!, 2027, .ranking).path, as: .token(s.year.head)) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Bằng thành tích: Ưu tiên tập thể có từ 60 % nữ trở lên (3 nữ / 5 người, tính đến 31/12/2027)."))
                    #expect(res.text.contains("Không ưu tiên: tỷ lệ nữ 50 %"))
                }
                // And so do the documents of the ranking.
                try await app.send(.GET, SiteURL.year(s.year.bloc.id!, 2027, .rankingDocx).path, as: .token(s.year.head)) { res in
                    let lines = try AppTests.DocumentTests.paragraphs(Data(buffer: res.body))
                    #expect(lines.contains { $0.contains("Ưu tiên khi bằng điểm — ") && $0.contains("3 nữ / 5 người") })
                }
                try await app.send(.GET, SiteURL.year(s.year.bloc.id!, 2027, .rankingXlsx).path, as: .token(s.year.head)) { res in
                    let sheet = try #require(try XlsxReader.read(Data(buffer: res.body)).first)
                    #expect(sheet.rows.contains { $0.first?.raw.contains("Ưu tiên tập thể có từ 60 % nữ trở lên (3 nữ / 5 người") == true })
                }
            }
        }

        @Test func theTablePageOffersTheTieBreaksInWordsInOrder() async throws {
            try await withTestApp { app in
                // Setup: a year in planning; the head in a browser.
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let path = SiteURL.year(year.bloc.id!, 2027, .table).path
                try await app.send(.GET, path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("<select name=\"tieBreak[]\">"))
                    #expect(res.text.contains(">Ưu tiên tập thể có tỷ lệ nữ từ mức tỉnh quy định trở lên</option>"))
                    #expect(!res.text.contains("more_bonus ("), "no code to type")
                }
                // Act: the head puts the women-priority rule first, then more bonus; two places left blank.
                let form = "_csrf=\(csrf)&name=B%E1%BA%A3ng&declaredTotal=100&bonusCap="
                    + "&code[]=I&parentCode[]=&title[]=Nh%C3%B3m&kind[]=group&maximum[]=&perEvent[]=&cap[]=&scorer[]=self&evidence[]=0&guidance[]="
                    + "&code[]=1&parentCode[]=I&title[]=M%E1%BB%A5c%20m%E1%BB%99t&kind[]=base&maximum[]=100&perEvent[]=&cap[]=&scorer[]=head&evidence[]=1&guidance[]="
                    + "&variant=head&tieBreak[]=women_priority&tieBreak[]=more_bonus&tieBreak[]=&tieBreak[]=&bands=95%20Xu%E1%BA%A5t%20s%E1%BA%AFc"
                    + "&normalise=0&disagreementPercent=25"
                try await app.send(.POST, path, as: .browser(cookie: cookie), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: form)
                }) { res in #expect(res.status == .seeOther, "\(res.text.prefix(500))") }
                // Check: the table's rules, in that order, and the page shows them chosen.
                struct Body: Decodable { struct Rules: Decodable { var tieBreaks: [String] }; var rules: Rules }
                let saved = try await year.send(.GET, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, status: .ok).json(Body.self)
                #expect(saved.rules.tieBreaks == ["women_priority", "more_bonus"])
                try await app.send(.GET, path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("<option value=\"women_priority\" selected>"))
                    #expect(res.text.contains("<option value=\"more_bonus\" selected>"))
                }
            }
        }
    }
}
