@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

/// The awards' lists (issue 14, parts 6-7): a whole list's eligibility at once, and the
/// certificate list of a decision.
struct ListBody: Decodable {
    struct Counts: Decodable { var total: Int; var pass: Int; var fail: Int; var review: Int }
    struct Line: Decodable {
        var recipientID: UUID; var recipientName: String; var detail: String; var outcome: String; var eligible: Bool; var summary: String
        var explanation: AwardFixture.EligibilityBody.Explanation
    }
    var award: String; var awardName: String; var year: Int; var scope: String; var counts: Counts; var lines: [Line]
}

struct RecipientsBody: Decodable {
    struct Row: Decodable { var position: Int; var name: String; var positionAndUnit: String; var awardName: String; var subject: String }
    var number: String; var attachedTo: String; var rows: [Row]
}

extension AwardFixture {
    /// Xét cả danh sách through the API.
    @discardableResult
    func list(_ body: [String: AnyCodable], as token: String, status: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
        try await year.send(.POST, api(.eligibilityBatch), as: token, json: AnyCodable.object(body), status: status)
    }

    func staffList(_ short: String, award: String = "ldtt", extra: [String: AnyCodable] = [:]) -> [String: AnyCodable] {
        ["award": .string(award), "year": "2025", "date": "2026-01-10", "unitID": .string(year.units[short]!.uuidString)]
            .merging(extra) { $1 }
    }
}

extension AppTests {
    @Suite struct AwardListTests {
        /// Lan (HTXSNV) passes LĐTT, Hùng (HTNV) and Minh (no rating) fail on the rating,
        /// each line with its article; the same explanation as the single check.
        @Test func aUnitChecksItsWholeStaffAtOnceAndSeesEachLinesReasons() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let officer = f.year.officers["BTCTU"]!
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                let hung = try await f.person("Lê Văn Hùng", gender: "male", unit: "BTCTU")
                let minh = try await f.person("Trần Văn Minh", gender: "male", unit: "BTCTU")
                let stranger = try await f.person("Võ Thị Khác", unit: "TCT")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                try await f.rate(hung, 2025, "htnv", by: "BTCTU")

                let list = try await f.list(f.staffList("BTCTU"), as: officer).json(ListBody.self)
                let byID = Dictionary(uniqueKeysWithValues: list.lines.map { ($0.recipientID, $0) })
                #expect(list.awardName == "Lao động tiên tiến" && list.scope.hasPrefix("Cán bộ của "))
                #expect(byID[lan]?.outcome == "pass" && byID[hung]?.outcome == "fail" && byID[minh]?.outcome == "fail")
                #expect(byID[stranger] == nil)
                #expect(byID[lan]?.detail.hasPrefix("Chuyên viên, ") == true)
                #expect(list.counts.total == list.lines.count && list.counts.pass + list.counts.fail + list.counts.review == list.counts.total)
                let rating = try #require(byID[hung]?.explanation.conditions.first { $0.key == "rating" })
                #expect(rating.outcome == "fail" && rating.records == ["2025: HTNV"])
                #expect(rating.citation.hasPrefix("Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"))
                #expect(byID[minh]?.summary.hasPrefix("Chưa đủ điều kiện Lao động tiên tiến: Xếp loại") == true)
                // The same answer as the single check, condition by condition.
                let single = try await f.year.send(.GET, f.api(.personEligibility(hung)) + "?award=ldtt&year=2025&date=2026-01-10",
                                                   as: officer, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(single.explanation.ruleID == byID[hung]?.explanation.ruleID)
                #expect(single.explanation.conditions.map { "\($0.key) \($0.outcome) \($0.records) \($0.citation)" }
                        == byID[hung]?.explanation.conditions.map { "\($0.key) \($0.outcome) \($0.records) \($0.citation)" })

                // Filtered to the failing, and ordered with the failing first.
                let failing = try await f.list(f.staffList("BTCTU", extra: ["outcome": "fail"]), as: officer).json(ListBody.self)
                #expect(!failing.lines.isEmpty && failing.lines.allSatisfy { $0.outcome == "fail" })
                #expect(failing.counts.total == list.counts.total)
                #expect(Set(failing.lines.map(\.recipientID)).isSuperset(of: [hung, minh]) && !failing.lines.contains { $0.recipientID == lan })
                let ordered = try await f.list(f.staffList("BTCTU", extra: ["order": "outcome"]), as: officer).json(ListBody.self)
                let firstPass = ordered.lines.firstIndex { $0.outcome != "fail" } ?? ordered.lines.count
                #expect(ordered.lines[firstPass...].allSatisfy { $0.outcome != "fail" } && ordered.lines.count == list.lines.count)
                // Narrowed to some of the staff.
                let two = try await f.list(f.staffList("BTCTU", extra: ["recipientIDs": .array([.string(lan.uuidString), .string(hung.uuidString)])]),
                                           as: officer).json(ListBody.self)
                #expect(Set(two.lines.map(\.recipientID)) == [lan, hung])

                // The page shows the verdicts and offers the file; the file has a header row and every line.
                let query = "award=ldtt&year=2025&date=2026-01-10&unitID=\(f.year.units["BTCTU"]!.uuidString)"
                let page = try await f.year.send(.GET, SiteURL.eligibilityList.path + "?" + query + "&outcome=fail", as: officer, status: .ok).text
                #expect(page.contains("Lê Văn Hùng") && page.contains("Trần Văn Minh") && !page.contains("Nguyễn Thị Lan"))
                #expect(page.contains("Chưa đủ điều kiện (\(list.counts.fail)) ✓") && page.contains("Tải XLSX"))
                #expect(page.contains("Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"))
                // The form keeps what was asked: the title, the unit.
                #expect(page.contains(#"<option value="ldtt" selected>"#) && page.contains(#"<option value="\#(f.year.units["BTCTU"]!.uuidString)" selected>"#))
                let file = try await f.year.send(.GET, SiteURL.eligibilityListXlsx.path + "?" + query, as: officer, status: .ok)
                #expect(file.headers.contentType == DocumentFile.xlsxType)
                let rows = try XlsxReader.read(Data(buffer: file.body))[0].rows
                #expect(rows[0][0].raw == "KẾT QUẢ XÉT ĐIỀU KIỆN LAO ĐỘNG TIÊN TIẾN NĂM 2025")
                #expect(rows[2].map(\.raw) == ["STT", "Họ và tên / Tên đơn vị", "Chức vụ, đơn vị", "Kết quả",
                                               "Điều kiện chưa đạt, cần xem xét (căn cứ)", "Quy định áp dụng"])
                #expect(rows.count == 3 + list.lines.count)
                let hungRow = try #require(rows.first { $0.count > 1 && $0[1].raw == "Lê Văn Hùng" })
                #expect(hungRow[3].raw == "Không đạt" && hungRow[4].raw.contains("Điều 24") && hungRow[5].raw == "ldtt@152/2025/NĐ-CP")
                // The API gives the same file for the same body as the JSON answer (the failing lines here).
                let apiFile = try await f.year.send(.POST, f.api(.eligibilityBatchSpreadsheet), as: officer,
                                                    json: AnyCodable.object(f.staffList("BTCTU", extra: ["outcome": "fail"])), status: .ok)
                #expect(apiFile.headers.contentType == DocumentFile.xlsxType)
                let apiRows = try XlsxReader.read(Data(buffer: apiFile.body))[0].rows
                #expect(apiRows.count == 3 + list.counts.fail)
                #expect(apiRows.dropFirst(3).map { $0[1].raw }.contains("Lê Văn Hùng") && !apiRows.contains { $0.count > 1 && $0[1].raw == "Nguyễn Thị Lan" })
                try await f.year.send(.POST, f.api(.eligibilityBatchSpreadsheet), as: f.year.outsider,
                                      json: AnyCodable.object(f.staffList("BTCTU")), status: .forbidden)
            }
        }

        @Test func aBlocsMembersAreCheckedForACollectiveTitleByTheProvinceAndTheHead() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let body: [String: AnyCodable] = ["award": "co_tinh", "year": "2027", "date": "2028-01-10", "blocID": .string(f.year.bloc.id!.uuidString)]
                let list = try await f.list(body, as: f.year.provincial).json(ListBody.self)
                #expect(Set(list.lines.map(\.recipientID)) == Set(f.year.units.values))
                #expect(list.lines.allSatisfy { $0.detail == f.year.bloc.name })
                // No ranking published: no unit led the bloc, each says so with its article.
                #expect(list.lines.allSatisfy { $0.explanation.conditions.first { $0.key == "ledBloc" }?.outcome == "fail" })
                // The year's head (once the year is opened under it) checks its members too.
                try await f.list(body, as: f.year.head, status: .forbidden)
                _ = try await f.year.openFromTemplate()
                try await f.list(body, as: f.year.head)
                let refused = try await f.list(body, as: f.year.officers["BTCTU"]!, status: .forbidden).json(ProblemBody.self)
                #expect(refused.detail == "Chỉ Trưởng khối năm 2027 và cán bộ TĐKT tỉnh xét điều kiện cho các đơn vị thành viên của khối.")
            }
        }

        @Test func badListsAreRefusedInVietnamese() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let officer = f.year.officers["BTCTU"]!
                _ = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                func detail(_ body: [String: AnyCodable], as token: String? = nil, _ status: HTTPStatus = .unprocessableEntity) async throws -> String {
                    try await f.list(body, as: token ?? officer, status: status).json(ProblemBody.self).detail
                }
                // Someone else's unit.
                #expect(try await detail(f.staffList("TCT"), .forbidden) == "Bạn chỉ xét điều kiện khen thưởng cho cán bộ của đơn vị mình.")
                try await f.list(f.staffList("BTCTU"), as: f.year.outsider, status: .forbidden)
                // An unknown title, a collective title for a unit's staff.
                #expect(try await detail(f.staffList("BTCTU", award: "khong_co")) == "Không có danh hiệu, hình thức «khong_co» trong danh mục.")
                #expect(try await detail(f.staffList("BTCTU", award: "co_tinh")).contains("dành cho tập thể: hãy chọn một khối"))
                // An empty list: nobody worked there in 2000.
                #expect(try await detail(f.staffList("BTCTU", extra: ["year": "2000"])).contains("danh sách trống"))
                // Too long a list, before anything is read.
                let many = AnyCodable.array((0...EligibilityList.maximum).map { _ in .string(UUID().uuidString) })
                #expect(try await detail(f.staffList("BTCTU", extra: ["recipientIDs": many])) == "Danh sách có 5001 dòng, quá 5000 dòng một lần xét; hãy xét từng phần.")
                // Someone not on the list; a unit and a bloc at once; neither.
                let stranger = try await f.person("Võ Thị Khác", unit: "TCT")
                #expect(try await detail(f.staffList("BTCTU", extra: ["recipientIDs": .array([.string(stranger.uuidString)])])).contains("không công tác tại"))
                #expect(try await detail(f.staffList("BTCTU", extra: ["blocID": .string(f.year.bloc.id!.uuidString)])).hasPrefix("Hãy chọn một đơn vị"))
                #expect(try await detail(["award": "ldtt", "year": "2025"]).hasPrefix("Hãy chọn một đơn vị"))
                #expect(try await detail(f.staffList("BTCTU", extra: ["outcome": "sai"])).hasPrefix("Bộ lọc «sai» không hợp lệ"))
                #expect(try await detail(f.staffList("BTCTU", extra: ["year": "1999"])).contains("Năm thành tích"))
                // The page says the same on the page.
                let page = try await f.year.send(.GET, SiteURL.eligibilityList.path + "?award=khong_co&unitID=\(f.year.units["BTCTU"]!.uuidString)",
                                                 as: officer, status: .unprocessableEntity).text
                #expect(page.contains("Không có danh hiệu, hình thức «khong_co» trong danh mục."))
            }
        }

        /// The whole list's histories are read in a fixed number of statements: a unit of 8
        /// staff costs what a unit of 2 does (a check per person would add ~7 a person).
        @Test func aWholeListIsReadInABoundedNumberOfStatements() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let officer = f.year.officers["BTCTU"]!
                func statements() async throws -> [QueryCounter.Statement] {
                    try await f.list(f.staffList("BTCTU"), as: officer)   // warms the session and the caches
                    return try await app.statements { try await f.list(f.staffList("BTCTU"), as: officer) }
                }
                for index in 0..<2 { try await f.year.send(.POST, f.api(.personRatings(try await f.person("Người \(index)", unit: "BTCTU"))), as: officer,
                                                           json: ["year": "2025", "rating": "httnv"], status: .created) }
                let small = try await statements()
                for index in 2..<8 { try await f.year.send(.POST, f.api(.personRatings(try await f.person("Người \(index)", unit: "BTCTU"))), as: officer,
                                                           json: ["year": "2025", "rating": "httnv"], status: .created) }
                let large = try await statements()
                #expect(large.count == small.count, "\(small.count) then \(large.count):\n\(large.map(\.sql).joined(separator: "\n"))")
                // Budget: the credential, the unit and its province, the parameters, the staff,
                // the six history tables; nothing per person.
                #expect(large.count <= 12, "\(large.count) statements:\n\(large.map(\.sql).joined(separator: "\n"))")
                // A bloc's members: one bound whatever the number asked of them. The lineage
                // reaching back from them is three statements a generation of reorganisations
                // (the Khánh Hòa demo units have several since 2025; two units may reach back
                // fewer generations than all), the rest one statement a table (the years recorded
                // from past reports, one joined statement, included).
                let bloc: [String: AnyCodable] = ["award": "ttldtt", "year": "2027", "date": "2028-01-10", "blocID": .string(f.year.bloc.id!.uuidString)]
                let some = Array(f.year.units.values.prefix(2)).map { AnyCodable.string($0.uuidString) }
                try await f.list(bloc, as: f.year.provincial)
                let all = try await app.statements { try await f.list(bloc, as: f.year.provincial) }
                let two = try await app.statements { try await f.list(bloc.merging(["recipientIDs": .array(some)]) { $1 }, as: f.year.provincial) }
                #expect(two.count <= all.count && all.count <= 33, "\(two.count) then \(all.count):\n\(all.map(\.sql).joined(separator: "\n"))")
            }
        }

        /// From a recorded decision: its recipients as JSON, DOCX in the People's Committee's
        /// format with the decision's number and date, and XLSX; nothing before the decision.
        @Test func aDecisionsCertificateListIsPrintedInTheIssuersFormat() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let unit = f.year.units["BTCTU"]!
                let officer = f.year.officers["BTCTU"]!
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                               json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                var lines: [UUID] = []
                for (subject, recipient, code) in [("individual", lan, "ldtt"), ("collective", unit, "ttldtt")] {
                    lines.append(try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                        "subject": subject, "recipientID": recipient.uuidString, "awardCode": code, "summary": "Năm 2025"], status: .ok)
                        .json(AwardFixture.ProposalBody.self).lines.last!.id)
                }
                try await f.act(id, .submit, as: officer, json: ["acknowledgeWarnings": .bool(true)])
                try await f.act(id, .receive, as: f.year.provincial)
                try await f.act(id, .toCouncil, as: f.year.provincial)
                // Not decided yet: no list to print.
                let early = try await f.year.send(.GET, f.api(.decisionRecipients(id)), as: officer, status: .conflict).json(ProblemBody.self)
                #expect(early.detail == "Tờ trình chưa có quyết định khen thưởng: chưa có danh sách kèm theo quyết định.")
                try await f.act(id, .decide, as: f.year.provincial, json: [
                    "number": "15/QĐ-UBND", "date": "2026-02-01", "issuer": "UBND tỉnh Khánh Hòa", "signer": "Nguyễn Văn A",
                    "approvedLineIDs": .array(lines.map { .string($0.uuidString) })])

                let body = try await f.year.send(.GET, f.api(.decisionRecipients(id)), as: officer, status: .ok).json(RecipientsBody.self)
                #expect(body.attachedTo == "Kèm theo Quyết định số 15/QĐ-UBND ngày 01 tháng 02 năm 2026 của Chủ tịch UBND tỉnh Khánh Hòa")
                let unitName = try await app.registry(of: app).unit(unit).name
                #expect(body.rows.map(\.position) == [1, 2])
                #expect(body.rows.map(\.name) == ["Nguyễn Thị Lan", unitName])
                #expect(body.rows[0].positionAndUnit == "Chuyên viên, \(unitName)" && body.rows[0].awardName == "Lao động tiên tiến")
                #expect(body.rows[1].subject == "collective")
                try await f.year.send(.GET, f.api(.decisionRecipients(id)), as: f.year.officers["TCT"]!, status: .forbidden)

                let docx = try await f.year.send(.GET, f.api(.decisionRecipientsDocument(id)), as: f.year.provincial, status: .ok)
                #expect(docx.headers.contentType == DocumentFile.docxType)
                let text = try DocumentTests.paragraphs(Data(buffer: docx.body))
                #expect(Array(text.prefix(5)) == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "________", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                  "Độc lập - Tự do - Hạnh phúc"])
                #expect(text.contains("DANH SÁCH") && text.contains("(\(body.attachedTo))"))
                #expect(text.contains("Nguyễn Thị Lan") && text.contains("Chuyên viên, \(unitName)") && text.contains("Lao động tiên tiến"))
                #expect(!text.contains { $0.hasPrefix("Số:") })
                // An annex: no signature block, no «Nơi nhận» (the decision carries them).
                let xml = String(decoding: try #require(try OfficeZip.read(Data(buffer: docx.body), limit: 50_000_000)["word/document.xml"]), as: UTF8.self)
                #expect(xml.components(separatedBy: "<w:tbl>").count - 1 == 2 && !text.contains("Nơi nhận:"))
                let xlsx = try await f.year.send(.GET, f.api(.decisionRecipientsSpreadsheet(id)), as: f.year.provincial, status: .ok)
                let rows = try XlsxReader.read(Data(buffer: xlsx.body))[0].rows
                #expect(rows[1][0].raw == "(\(body.attachedTo))")
                #expect(rows[2].map(\.raw) == AwardListDocuments.recipientHeaders)
                #expect(rows[3].map(\.raw) == ["1", "Nguyễn Thị Lan", "Chuyên viên, \(unitName)", "Lao động tiên tiến"])

                // The proposal page links the list; the page's files are the API's.
                let page = try await f.year.send(.GET, SiteURL.proposal(id).path, as: officer, status: .ok).text
                #expect(page.contains(SiteURL.decisionRecipientsDocx(id).path) && page.contains(SiteURL.decisionRecipientsXlsx(id).path))
                let pageFile = try await f.year.send(.GET, SiteURL.decisionRecipientsDocx(id).path, as: officer, status: .ok)
                #expect(try DocumentTests.paragraphs(Data(buffer: pageFile.body)) == text)
                if PDFSupport.available {
                    let pdf = try await f.year.send(.GET, SiteURL.decisionRecipientsPDF(id).path, as: officer, status: .ok)
                    #expect(pdf.headers.contentType == DocumentFile.pdfType)
                    #expect(PDFConverter.pageCount(Data(buffer: pdf.body)) == 1)
                }
            }
        }
    }
}
