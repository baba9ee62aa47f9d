@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments
import VaporTesting

extension AppTests {
    /// Tờ trình đề nghị khen thưởng (issue 15): the author's format, a number of its "TTr"
    /// series taken when it is sent, the lines as its list.
    @Suite struct ProposalDocumentTests {
        /// The Party Committee's Organisation Board (a Party agency of Khánh Hòa) proposes one
        /// of its staff and itself for 2025.
        @Test func aUnitsProposalIsPrintedInItsFormatAndNumberedEachTimeItIsSent() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let unit = f.year.units["BTCTU"]!
                let officer = f.year.officers["BTCTU"]!
                let unitName = try await app.registry(of: app).unit(unit).name
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                               json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                for (subject, recipient, code, summary) in [("individual", lan, "ldtt", "Hoàn thành xuất sắc nhiệm vụ năm 2025"),
                                                            ("collective", unit, "ttldtt", "Tập thể hoàn thành xuất sắc nhiệm vụ")] {
                    try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                        "subject": subject, "recipientID": recipient.uuidString, "awardCode": code, "summary": summary], status: .ok)
                }
                func text(as token: String) async throws -> [String] {
                    let res = try await f.year.send(.GET, f.api(.awardProposalDocument(id)), as: token, status: .ok)
                    #expect(res.headers.contentType == DocumentFile.docxType)
                    return try DocumentTests.paragraphs(Data(buffer: res.body))
                }

                // A draft: the Party format (HD 36), the number's place blank, the day the province's.
                let draft = try await text(as: officer)
                #expect(Array(draft.prefix(6)) == ["TỈNH ỦY KHÁNH HÒA", DocumentFormat.uppercased(unitName), "*", "Số      -TTr/BTCTU",
                                                   "ĐẢNG CỘNG SẢN VIỆT NAM", "Khánh Hòa, ngày 22 tháng 11 năm 2026"], "\(draft.prefix(6))")
                #expect(draft.contains("TỜ TRÌNH") && draft.contains("Về việc đề nghị khen thưởng thành tích năm 2025"))
                #expect(draft.contains("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa (qua Sở Nội vụ)."))
                #expect(draft.contains { $0.hasPrefix("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15") })
                #expect(draft.contains("Căn cứ kết quả bình xét thi đua, khen thưởng năm 2025 của \(unitName);"))
                #expect(draft.contains { $0.hasPrefix("\(unitName) kính đề nghị") && $0.contains("01 tập thể và 01 cá nhân") })
                #expect(draft.contains("Lao động tiên tiến: 01 cá nhân") && draft.contains("Tập thể lao động tiên tiến: 01 tập thể"))
                // The list: the lines in the proposal's order, with position, unit and summary.
                let list = Array(draft.drop { $0 != "STT" }.prefix(15))
                #expect(list == ProposalDocument.listHeaders
                        + ["1", "Nguyễn Thị Lan", "Chuyên viên, \(unitName)", "Lao động tiên tiến", "Hoàn thành xuất sắc nhiệm vụ năm 2025",
                           "2", unitName, "Tỉnh ủy Khánh Hòa", "Tập thể lao động tiên tiến", "Tập thể hoàn thành xuất sắc nhiệm vụ"],
                        "\(list)")
                #expect(draft.contains("Hồ sơ kèm theo") && draft.contains("Kính trình Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa xem xét, quyết định./."))
                #expect(draft.contains("THỦ TRƯỞNG ĐƠN VỊ") && draft.contains("- Lưu: VT, BTCTU."))
                #expect(try await IssuedDocumentModel.query(on: app.db).count() == 0)

                // Who may not read the proposal may not read its tờ trình.
                try await f.year.send(.GET, f.api(.awardProposalDocument(id)), as: f.year.officers["TCT"]!, status: .forbidden)

                // Sent: the next number of the unit's TTr series, filed with the submission.
                try await f.act(id, .submit, as: officer, json: ["acknowledgeWarnings": .bool(true)])
                let first = try #require(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "TTr").first())
                #expect(first.numberText == "Số 01-TTr/BTCTU" && first.issuerUnitID == unit && first.year == 2026)
                let sent = try await f.year.send(.GET, f.api(.awardProposalDocument(id)), as: f.year.provincial, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: sent.body)) == first.sha256)
                let sentText = try DocumentTests.paragraphs(Data(buffer: sent.body))
                #expect(sentText.contains("Số 01-TTr/BTCTU") && Array(sentText.dropFirst(4)) == Array(draft.dropFirst(4)))
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "issue").count() == 1)

                // The page shows the number and links the same file.
                let page = try await f.year.send(.GET, SiteURL.proposal(id).path, as: officer, status: .ok).text
                #expect(page.contains("Đã phát hành, Số 01-TTr/BTCTU") && page.contains(SiteURL.proposalDocx(id).path))
                let pageFile = try await f.year.send(.GET, SiteURL.proposalDocx(id).path, as: officer, status: .ok)
                #expect(Data(buffer: pageFile.body) == Data(buffer: sent.body))

                // Returned, it is a draft again; sent again, it is a tờ trình of its own, the next number.
                try await f.act(id, .returnToAuthor, as: f.year.provincial, json: ["reason": "Bổ sung báo cáo thành tích"])
                #expect(try await text(as: officer).contains("Số      -TTr/BTCTU"))
                let again = try await f.year.send(.GET, SiteURL.proposal(id).path, as: officer, status: .ok).text
                #expect(again.contains("Dự thảo, chưa có số") && !again.contains("Đã phát hành, Số 01-TTr/BTCTU"))
                try await f.act(id, .submit, as: officer, json: ["acknowledgeWarnings": .bool(true)])
                #expect(try await text(as: f.year.provincial).contains("Số 02-TTr/BTCTU"))
                #expect(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "TTr").count() == 2)
                if PDFSupport.available {
                    let pdf = try await f.year.send(.GET, SiteURL.proposalPDF(id).path, as: officer, status: .ok)
                    #expect(pdf.headers.contentType == DocumentFile.pdfType && PDFConverter.pageCount(Data(buffer: pdf.body)) >= 1)
                }
            }
        }

        /// A submission refused (warnings not acknowledged) takes no number.
        @Test func aRefusedSubmissionTakesNoNumber() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let unit = f.year.units["BTCTU"]!
                let officer = f.year.officers["BTCTU"]!
                let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                               json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                    "subject": "individual", "recipientID": lan.uuidString, "awardCode": "ldtt", "summary": "Năm 2025"], status: .ok)
                try await f.act(id, .submit, as: officer, status: .conflict)
                #expect(try await IssuedDocumentModel.query(on: app.db).count() == 0)
                #expect(try await f.proposal(id, as: officer).status == "draft")
            }
        }
    }
}

extension AppTests {
    /// Báo cáo sơ kết / tổng kết (issue 15) of the Lạng Sơn Party cluster's 2020 (the demo's
    /// year, ranking published): the Party heading, the year's statistics, the BC series.
    @Suite struct YearReportTests {
        @Test func theYearEndReportCarriesTheYearsStatisticsAndIsNumberedInTheHeadsSeries() async throws {
            try await withTestApp { app in
                let langSon = try await DocumentTests.LangSon.make(app)
                let bloc = langSon.bloc
                let model = try #require(try await app.registry(of: app).blocYearIfOpened(bloc.id!, 2020))
                let ranking = try #require(try await app.registry(of: app).currentRanking(of: model.id!))
                let members = ranking.rows.count   // every member of 2020 is ranked
                let docxPath = langSon.page(.reportDocx(.annual))
                let draft = try DocumentTests.paragraphs(Data(buffer: try await send(app, .GET, docxPath, as: langSon.head, status: .ok).body))
                #expect(Array(draft.prefix(6)) == ["TỈNH ỦY LẠNG SƠN", "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "*", "Số      -BC/TCT",
                                                   "ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 22 tháng 11 năm 2026"], "\(draft.prefix(6))")
                #expect(draft.contains("BÁO CÁO") && draft.contains("Tổng kết công tác thi đua, khen thưởng năm 2020 của \(bloc.name)"))
                #expect(draft.contains { $0.hasPrefix("\(bloc.name) có \(members) đơn vị thành viên; Cụm trưởng: Trường Chính trị Hoàng Văn Thụ") },
                        "\(draft.filter { $0.hasPrefix(bloc.name + " có") })")
                // The published ranking, row by row.
                let rows = ranking.rows.map { ["\($0.rank)", $0.name, $0.final.description, $0.classification] }
                let table = Array(draft.drop { $0 != "Hạng" }.prefix(4 + rows.count * 4))
                #expect(table == YearReport.rankingHeaders + rows.flatMap { $0 }, "\(table)")
                #expect(draft.contains { $0.hasPrefix("Đề nghị khen thưởng") && $0.contains("lượt") })
                #expect(draft.contains("III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"))

                // Only the head issues; the number is the next of its BC series; shown unchanged after.
                let issue = langSon.page(.reportIssue(.annual))
                let other = try await app.makeUser("test.ubkttu.ls", roles: [
                    .unitOfficer(unit: try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn").id!)]).token
                try await send(app, .POST, issue, as: other, status: .forbidden)
                try await send(app, .POST, issue, as: langSon.head, status: .seeOther)
                let issued = try #require(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "BC").first())
                #expect(issued.numberText == "Số 01-BC/TCT" && issued.year == 2026)
                let file = try await send(app, .GET, docxPath, as: langSon.head, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: file.body)) == issued.sha256)
                let page = try await send(app, .GET, langSon.page(.overview), as: langSon.head, status: .ok).text
                #expect(page.contains("đã phát hành, <strong>Số 01-BC/TCT</strong>") && page.contains(langSon.page(.reportIssue(.midYear))))
                #expect(!page.contains(issue))
                // The mid-year report is a series number of its own: the next, 02.
                try await send(app, .POST, langSon.page(.reportIssue(.midYear)), as: langSon.head, status: .seeOther)
                #expect(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "BC").all().map(\.numberText).sorted()
                        == ["Số 01-BC/TCT", "Số 02-BC/TCT"])

                // Its tables as XLSX: members, movements, ranking, awards.
                let xlsx = try XlsxReader.read(Data(buffer: try await send(app, .GET, langSon.page(.reportXlsx(.annual)), as: langSon.head,
                                                                           status: .ok).body))
                #expect(xlsx.map(\.name) == ["Thành viên", "Phong trào", "Xếp hạng", "Khen thưởng"])
                #expect(xlsx[0].rows.count == 2 + members && xlsx[2].rows[1].map(\.raw) == YearReport.rankingHeaders)
                #expect(xlsx[2].rows.dropFirst(2).map { $0[1].raw } == ranking.rows.map(\.name))
                #expect(xlsx[3].rows.last?.first?.raw == "Tổng cộng")
            }
        }

        /// The API's report routes are the page's files: the same draft, one issue (a second is
        /// refused), the spreadsheet; PDF where LibreOffice is, else the page says why.
        @Test func theReportsAndTheHandoverAreOnTheAPIAndAsPDF() async throws {
            try await withTestApp { app in
                let langSon = try await DocumentTests.LangSon.make(app)
                let (bloc, head) = (langSon.bloc.id!, langSon.head)
                let pageDraft = try await send(app, .GET, langSon.page(.reportDocx(.annual)), as: head, status: .ok)
                let apiDraft = try await send(app, .GET, langSon.api(.reportDocument(bloc, 2020, .annual)), as: head, status: .ok)
                #expect(try DocumentTests.paragraphs(Data(buffer: apiDraft.body)) == DocumentTests.paragraphs(Data(buffer: pageDraft.body)))
                try await send(app, .GET, SiteURL.api(.blocYear(bloc, 2020)).path + "/reports/yearly/document", as: head, status: .notFound)
                let sheets = try XlsxReader.read(Data(buffer: try await send(app, .GET, langSon.api(.reportSpreadsheet(bloc, 2020, .midYear)),
                                                                             as: head, status: .ok).body))
                #expect(sheets.map(\.name) == ["Thành viên", "Phong trào", "Khen thưởng"])   // a mid-year report ranks no one
                #expect(sheets[0].rows[0][0].raw.hasSuffix("(số liệu đến ngày 22/11/2026)"), "\(sheets[0].rows[0])")

                let other = try await app.makeUser("test.ubkttu.ls2", roles: [
                    .unitOfficer(unit: try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn").id!)]).token
                try await send(app, .POST, langSon.api(.reportIssue(bloc, 2020, .annual)), as: other, status: .forbidden)
                // A year still being planned has nothing to report yet: no number is taken.
                let year2020 = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == bloc).filter(\.$year == 2020).first())
                let state = year2020.state
                year2020.state = YearState.planning.rawValue
                try await year2020.save(on: app.db)
                for kind in ReportKind.allCases {
                    let early = try await send(app, .POST, langSon.api(.reportIssue(bloc, 2020, kind)), as: head, status: .conflict)
                    #expect(try early.json(ProblemBody.self).detail == kind.issueRefusal(state: .planning))
                }
                #expect(try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "BC").count() == 0)
                year2020.state = state
                try await year2020.save(on: app.db)
                let issued = try await send(app, .POST, langSon.api(.reportIssue(bloc, 2020, .annual)), as: head, status: .created)
                    .json(Issued.self)
                #expect(issued.number == "Số 01-BC/TCT")
                let again = try await send(app, .POST, langSon.api(.reportIssue(bloc, 2020, .annual)), as: head, status: .conflict)
                #expect(try again.json(ProblemBody.self).detail.contains("đã được phát hành, Số 01-BC/TCT"))
                let file = try await send(app, .GET, langSon.api(.reportDocument(bloc, 2020, .annual)), as: head, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: file.body)) == issued.sha256)

                // The handover record of the demo's conference (it recorded the flag).
                let year = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == bloc).filter(\.$year == 2020).first())
                let model = try #require(try await ConferenceModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).first())
                let conference = model.id!
                let unrecorded = try await send(app, .GET, langSon.api(.handoverDocument(bloc, 2020, conference)), as: head, status: .conflict)
                #expect(unrecorded.text.contains("chưa ghi việc trao cờ luân lưu"))
                model.flagFrom = try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn").id
                model.flagTo = langSon.school
                try await model.save(on: app.db)
                let handover = try await send(app, .POST, langSon.api(.handoverIssue(bloc, 2020, conference)), as: head, status: .created)
                    .json(Issued.self)
                #expect(handover.number.hasSuffix("-BB/TCT"))
                let record = try await send(app, .GET, langSon.api(.handoverDocument(bloc, 2020, conference)), as: head, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: record.body)) == handover.sha256)
                // Issued, the record is what the conference did: its flag is no longer changed.
                let flagPath = langSon.api(.conferenceFlag(bloc, 2020, conference))
                var changed: TestingHTTPResponse?
                try await app.send(.PUT, flagPath, as: .token(head), beforeRequest: { req in
                    try req.content.encode(["fromUnitID": langSon.school.uuidString, "toUnitID": model.flagFrom!.uuidString], as: .json)
                }) { changed = $0 }
                let refusal = try #require(changed)
                #expect(refusal.status == .conflict)
                #expect(try refusal.json(ProblemBody.self).detail.contains("đã phát hành (\(handover.number))"))
                #expect(try await ConferenceModel.find(conference, on: app.db)?.flagTo == langSon.school)

                // PDF: converted where LibreOffice is; elsewhere refused with the reason, and the pages say so.
                let yearPage = try await send(app, .GET, langSon.page(.overview), as: head, status: .ok).text
                let console = try await send(app, .GET, langSon.page(.conference(conference)), as: head, status: .ok).text
                if PDFSupport.available {
                    #expect(yearPage.contains(langSon.page(.reportPDF(.annual))) && console.contains(langSon.page(.handoverPDF(conference))))
                    for path in [langSon.page(.reportPDF(.annual)), langSon.page(.handoverPDF(conference))] {
                        let pdf = try await send(app, .GET, path, as: head, status: .ok)
                        #expect(pdf.headers.contentType == DocumentFile.pdfType && Data(buffer: pdf.body).starts(with: Array("%PDF".utf8)))
                    }
                } else {
                    #expect(!yearPage.contains(langSon.page(.reportPDF(.annual))) && console.contains(PDFSupport.unavailable))
                    #expect(try await send(app, .GET, langSon.page(.reportPDF(.annual)), as: head, status: .conflict).text
                        .contains("LibreOffice"))
                }
            }
        }

        struct Issued: Decodable { var number: String; var sha256: String }

        @discardableResult
        func send(_ app: Application, _ method: HTTPMethod, _ path: String, as token: String, status: HTTPStatus) async throws -> TestingHTTPResponse {
            var response: TestingHTTPResponse?
            try await app.send(method, path, as: .token(token)) { res in
                #expect(res.status == status, "\(method) \(path): \(res.text.prefix(400))")
                response = res
            }
            return response!
        }
    }
}

extension AppTests {
    /// Biên bản bàn giao cờ luân lưu (issue 15): from the conference that recorded the flag.
    @Suite struct HandoverDocumentTests {
        @Test func theHandoverRecordNamesBothSidesAndTakesTheNextMinutesNumber() async throws {
            try await withTestApp { app in
                let langSon = try await DocumentTests.LangSon.make(app)
                let year = try #require(try await BlocYearModel.query(on: app.db).filter(\.$bloc.$id == langSon.bloc.id!)
                    .filter(\.$year == 2020).first())
                let conference = try #require(try await ConferenceModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).first())
                let docx = langSon.page(.handoverDocx(conference.id!))
                let reports = YearReportTests()
                // Setup: a conference that has not recorded the flag has no handover record.
                conference.flagFrom = nil
                conference.flagTo = nil
                try await conference.save(on: app.db)
                let refused = try await reports.send(app, .GET, docx, as: langSon.head, status: .conflict)
                #expect(refused.text.contains("chưa ghi việc trao cờ luân lưu"))
                let checks = try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn")
                conference.flagFrom = checks.id
                conference.flagTo = langSon.school
                try await conference.save(on: app.db)

                let lines = try DocumentTests.paragraphs(Data(buffer: try await reports.send(app, .GET, docx, as: langSon.head, status: .ok).body))
                #expect(Array(lines.prefix(6)) == ["TỈNH ỦY LẠNG SƠN", "CỤM THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "*", "Số      -BB/TCT",
                                                   "ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 30 tháng 12 năm 2020"], "\(lines.prefix(6))")
                #expect(lines.contains("Bàn giao cờ luân lưu của \(langSon.bloc.name)"))
                #expect(lines.contains("I. BÊN GIAO") && lines.contains("Đơn vị: Ủy ban Kiểm tra Tỉnh ủy."))
                #expect(lines.contains("II. BÊN NHẬN") && lines.contains("Đơn vị: Trường Chính trị Hoàng Văn Thụ."))
                #expect(lines.contains { $0.hasPrefix("Cờ luân lưu của \(langSon.bloc.name), theo kết quả thi đua năm 2020") })
                #expect(lines.contains("ĐẠI DIỆN BÊN GIAO") && lines.contains("ĐẠI DIỆN BÊN NHẬN") && lines.contains(conference.chair))

                // The conference page offers it; only the head issues it, in its BB series of 2020.
                let page = try await reports.send(app, .GET, langSon.page(.conference(conference.id!)), as: langSon.head, status: .ok).text
                #expect(page.contains(docx) && page.contains(langSon.page(.handoverIssue(conference.id!))))
                let other = try await app.makeUser("test.ubkttu.ls", roles: [.unitOfficer(unit: checks.id!)]).token
                try await reports.send(app, .POST, langSon.page(.handoverIssue(conference.id!)), as: other, status: .forbidden)
                let before = try await IssuedDocumentModel.query(on: app.db).filter(\.$type == "BB").filter(\.$year == 2020).count()
                try await reports.send(app, .POST, langSon.page(.handoverIssue(conference.id!)), as: langSon.head, status: .seeOther)
                let issued = try #require(try await IssuedDocumentModel.query(on: app.db)
                    .filter(\.$subject == HandoverDocument.subject(conference.id!)).first())
                #expect(issued.sequence == before + 1 && issued.numberText.hasSuffix("-BB/TCT") && issued.year == 2020)
                let file = try await reports.send(app, .GET, docx, as: langSon.head, status: .ok)
                #expect(ContentStore.sha256(Data(buffer: file.body)) == issued.sha256)
            }
        }
    }
}
