@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// A year of the fixture taken to the scoring step, with the table's criteria by code.
struct ScoringFixture {
    let year: YearFixture
    let criteria: [String: UUID]

    static func make(_ app: Application) async throws -> ScoringFixture {
        let year = try await YearFixture.make(app)
        _ = try await year.openFromTemplate()
        for (short, token) in year.officers {
            try await year.send(.POST, year.api(.blocYearSignature(year.bloc.id!, 2027, year.units[short]!)), as: token,
                                json: ["signerName": "Thủ trưởng \(short)", "signerPosition": "Thủ trưởng"], status: .created)
        }
        for transition in ["sign_pact", "start", "open_scoring"] {
            try await year.send(.POST, year.api(.blocYearTransitions(year.bloc.id!, 2027)), as: year.head,
                                json: ["transition": transition], status: .ok)
        }
        let table = try await year.send(.GET, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, status: .ok)
            .json(YearFixture.TableBody.self)
        return ScoringFixture(year: year, criteria: Dictionary(uniqueKeysWithValues: table.criteria.map { ($0.code, $0.id) }))
    }

    func sheetPath(_ short: String) -> String { year.api(.sheet(year.bloc.id!, 2027, year.units[short]!)) }
    func api(_ url: SiteURL.API) -> String { year.api(url) }

    /// JSON values by code: "1": 48 → points; "D1": .events(1).
    func values(_ points: [String: Double], events: [String: Int] = [:], flagged: [String] = []) -> AnyCodable {
        var result: [String: AnyCodable] = [:]
        for (code, value) in points { result[criteria[code]!.uuidString] = .object(["points": .string(String(value))]) }
        for (code, count) in events { result[criteria[code]!.uuidString] = .object(["events": .int(count)]) }
        for code in flagged { result[criteria[code]!.uuidString] = .object(["flagged": .bool(true)]) }
        return .object(result)
    }

    func reasons(_ byCode: [String: String]) -> AnyCodable {
        .object(Dictionary(uniqueKeysWithValues: byCode.map { (criteria[$0.key]!.uuidString, AnyCodable.string($0.value)) }))
    }

    struct SheetBody: Decodable {
        struct Value: Decodable { var points: String?; var events: Int?; var flagged: Bool; var reason: String? }
        var status: String
        var version: Int
        var selfValues: [String: Value]
        var reviewValues: [String: Value]
        var selfTotal: String
        var reviewedSelfItemsTotal: String
        var reviewedTotal: String
        var evidence: [Evidence]
        struct Evidence: Decodable { var id: UUID; var sha256: String; var version: Int }
    }

    @discardableResult
    func saveSelf(_ short: String, _ points: [String: Double], version: Int = 0, status: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
        try await year.send(.PUT, sheetPath(short), as: year.officers[short]!,
                            json: AnyCodable.object(["version": .int(version), "values": values(points)]), status: status)
    }

    /// Uploads a file through the API as multipart form data.
    @discardableResult
    func upload(_ short: String, code: String, name: String, data: Data, status: HTTPStatus = .created) async throws -> TestingHTTPResponse {
        let boundary = "thidua-\(UUID().uuidString)"
        var body = Data()
        body.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"criterionID\"\r\n\r\n\(criteria[code]!.uuidString)\r\n".data(using: .utf8)!)
        body.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".data(using: .utf8)!)
        body.append(data)
        body.append("\r\n--\(boundary)--\r\n".data(using: .utf8)!)
        var response: TestingHTTPResponse?
        try await year.app.send(.POST, api(.sheetEvidence(year.bloc.id!, 2027, year.units[short]!)), as: .token(year.officers[short]!),
                                beforeRequest: { req in
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(data: body)
        }) { res in
            #expect(res.status == status, "\(res.text)")
            response = res
        }
        return response!
    }

    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    func act(_ short: String, _ action: SheetAction, as token: String, reason: String? = nil, status: HTTPStatus = .ok) async throws {
        var body: [String: String] = [:]
        if let reason { body["reason"] = reason }
        try await year.send(.POST, api(.sheetAction(year.bloc.id!, 2027, year.units[short]!, action)), as: token, json: body, status: status)
    }

    /// Who concludes a unit's review: the head, and for the head's own sheet the deputy.
    func reviewer(of short: String) -> String { short == "UBKTTU" ? year.officers["BPTTH"]! : year.head }

    /// The reviewers score the items the table gives them: the head's (3) and the province's (4).
    func scoreReviewersItems(_ short: String, head: Double = 15, province: Double = 8) async throws {
        var sheet = try await year.send(.GET, sheetPath(short), as: reviewer(of: short), status: .ok).json(SheetBody.self)
        let review = api(.sheetReview(year.bloc.id!, 2027, year.units[short]!))
        try await year.send(.PUT, review, as: reviewer(of: short), json: AnyCodable.object([
            "version": .int(sheet.version), "values": values(["3": head]), "reasons": reasons(["3": "Theo sổ theo dõi hoạt động của khối"])]),
                            status: .ok)
        sheet = try await year.send(.GET, sheetPath(short), as: year.provincial, status: .ok).json(SheetBody.self)
        try await year.send(.PUT, review, as: year.provincial, json: AnyCodable.object([
            "version": .int(sheet.version), "values": values(["4": province]), "reasons": reasons(["4": "Theo hồ sơ báo cáo gửi Sở Nội vụ"])]),
                            status: .ok)
    }

    /// Every member scores itself, attaches evidence and submits; the reviewers score their
    /// items and the lead reviewer finalises; each next unit `step` points more (0: all level).
    func scoreEveryone(base: Double = 40, step: Double = 1) async throws {
        for (index, short) in year.officers.keys.sorted().enumerated() {
            try await saveSelf(short, ["1": base + Double(index) * step, "2": 15])
            try await upload(short, code: "1", name: "bao-cao-\(short).pdf", data: Self.pdf)
            try await act(short, .submit, as: year.officers[short]!)
            try await scoreReviewersItems(short)
            try await act(short, .finalise, as: reviewer(of: short))
        }
    }
}

extension AppTests {
    @Suite struct ScoringTests {

        @Test func eachStageKeepsItsValuesAndEveryChangeItsReason() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("VPTU", ["1": 48, "2": 18])
                // Required evidence is missing: the submission is refused and says which.
                let refused = try await s.year.send(.POST, s.api(.sheetAction(s.year.bloc.id!, 2027, s.year.units["VPTU"]!, .submit)),
                                                    as: s.year.officers["VPTU"]!, json: [String: String](), status: .unprocessableEntity)
                #expect(refused.text.contains("bắt buộc có minh chứng"))
                let uploaded = try await s.upload("VPTU", code: "1", name: "Báo cáo tổng kết.pdf", data: ScoringFixture.pdf)
                    .json(ScoringFixture.SheetBody.self)
                let sha = try #require(uploaded.evidence.first?.sha256)
                let stored = app.thidua.config.filesDirectory + "/" + sha.prefix(2) + "/" + sha
                #expect(FileManager.default.contents(atPath: stored) == ScoringFixture.pdf)
                try await s.act("VPTU", .submit, as: s.year.officers["VPTU"]!)
                // After submitting, evidence can no longer change.
                try await s.upload("VPTU", code: "1", name: "khac.pdf", data: ScoringFixture.pdf, status: .conflict)

                // The head's change without a reason is refused; with one it is kept beside the unit's.
                let review = s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["VPTU"]!))
                var sheet = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.head, status: .ok).json(ScoringFixture.SheetBody.self)
                try await s.year.send(.PUT, review, as: s.year.head, json: AnyCodable.object([
                    "version": .int(sheet.version), "values": s.values(["1": 45])]), status: .unprocessableEntity)
                try await s.year.send(.PUT, review, as: s.year.head, json: AnyCodable.object([
                    "version": .int(sheet.version), "values": s.values(["1": 45, "3": 15], events: ["D1": 1]),
                    "reasons": s.reasons(["1": "Chỉ tiêu thu hút đầu tư đạt 90%", "3": "Vắng 1 hội nghị khối", "D1": "Báo cáo quý III chậm 5 ngày"]),
                ]), status: .ok)
                // The province's item is not scored yet: finalising is refused and names it.
                let early = try await s.year.send(.POST, s.api(.sheetAction(s.year.bloc.id!, 2027, s.year.units["VPTU"]!, .finalise)),
                                                  as: s.year.head, json: [String: String](), status: .conflict)
                #expect(early.text.contains("4. Thực hiện chế độ báo cáo với tỉnh (cấp tỉnh chấm)"))
                sheet = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.provincial, status: .ok).json(ScoringFixture.SheetBody.self)
                try await s.year.send(.PUT, review, as: s.year.provincial, json: AnyCodable.object([
                    "version": .int(sheet.version), "values": s.values(["4": 10]), "reasons": s.reasons(["4": "Báo cáo đủ, đúng hạn"])]), status: .ok)
                try await s.act("VPTU", .finalise, as: s.year.head)
                sheet = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.officers["VPTU"]!, status: .ok).json(ScoringFixture.SheetBody.self)
                let item = s.criteria["1"]!.uuidString
                #expect(sheet.status == "final")
                #expect(sheet.selfValues[item]?.points == "48")
                #expect(sheet.reviewValues[item]?.points == "45")
                #expect(sheet.reviewValues[item]?.reason == "Chỉ tiêu thu hút đầu tư đạt 90%")
                // Like with like: the unit's own items before and after review; then the whole.
                #expect(sheet.selfTotal == "66" && sheet.reviewedSelfItemsTotal == "62")  // 45 + 18 − 1 (D1 is the unit's item)
                #expect(sheet.reviewedTotal == "87")  // 45 + 18 + 15 + 10 − 1
                let history = try await SheetEventModel.query(on: app.db).all().map(\.action)
                #expect(history.contains("submit") && history.contains("finalise"))
                // A return needs a reason.
                try await s.act("VPTU", .reopen, as: s.year.head, status: .unprocessableEntity)
            }
        }

        @Test func aSecondSaveOfAnOlderVersionIsRefusedAndShowsBoth() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let first = try await s.saveSelf("TCT", ["1": 40]).json(ScoringFixture.SheetBody.self)
                // Two officers loaded version `first.version`; the first saves, the second is refused.
                try await s.saveSelf("TCT", ["1": 42], version: first.version)
                let conflict = try await s.saveSelf("TCT", ["1": 30], version: first.version, status: .conflict)
                #expect(conflict.text.contains("vừa được người khác lưu"))
                #expect(conflict.text.contains("\"current\""))
                let now = try await s.year.send(.GET, s.sheetPath("TCT"), as: s.year.officers["TCT"]!, status: .ok).json(ScoringFixture.SheetBody.self)
                #expect(now.selfValues[s.criteria["1"]!.uuidString]?.points == "42")
                // Points above the maximum or below zero are refused.
                try await s.saveSelf("TCT", ["1": 51], status: .unprocessableEntity)
                try await s.saveSelf("TCT", ["2": -1], status: .unprocessableEntity)
            }
        }

        @Test func evidenceIsCheckedByContentAndServedOnlyToThoseWhoMaySeeIt() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let fake = try await s.upload("BTCTU", code: "1", name: "bao-cao.pdf", data: Data("Không phải PDF".utf8),
                                              status: .unprocessableEntity)
                #expect(fake.text.contains("nội dung không phải"))
                let sheet = try await s.upload("BTCTU", code: "1", name: "bao-cao.pdf", data: ScoringFixture.pdf).json(ScoringFixture.SheetBody.self)
                let replaced = try await s.upload("BTCTU", code: "1", name: "bao-cao-2.pdf", data: ScoringFixture.pdf + Data("%v2".utf8))
                    .json(ScoringFixture.SheetBody.self)
                #expect(replaced.evidence.count == 1 && replaced.evidence[0].version == 2)
                let file = s.api(.evidence(s.year.bloc.id!, 2027, s.year.units["BTCTU"]!, sheet.evidence[0].id))
                try await app.send(.GET, file, as: .token(s.year.officers["BTCTU"]!)) { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
                    #expect(Data(buffer: res.body) == ScoringFixture.pdf)
                }
                // Another unit sees neither the sheet nor its evidence before the ranking is published.
                try await s.year.send(.GET, file, as: s.year.officers["TCT"]!, status: .forbidden)
                try await s.year.send(.GET, s.sheetPath("BTCTU"), as: s.year.officers["TCT"]!, status: .forbidden)
                try await app.send(.GET, SiteURL.year(s.year.bloc.id!, 2027, .sheet(s.year.units["BTCTU"]!)).path,
                                   as: .token(s.year.officers["TCT"]!)) { res in #expect(res.status == .forbidden) }
                try await s.year.send(.GET, s.sheetPath("BTCTU"), as: s.year.head, status: .ok)
                // A unit does not score another's sheet.
                try await s.year.send(.PUT, s.sheetPath("BTCTU"), as: s.year.officers["TCT"]!,
                                      json: AnyCodable.object(["version": .int(0), "values": s.values(["1": 50])]), status: .forbidden)
            }
        }

        @Test func theRankingIsPublishedThenCorrectedWithAReasonKeepingTheOld() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let ranking = s.api(.ranking(s.year.bloc.id!, 2027))
                // Before every sheet is final, nothing is published and members cannot look.
                try await s.year.send(.POST, ranking, as: s.year.head, json: [String: String](), status: .conflict)
                try await s.scoreEveryone()
                try await s.year.send(.GET, ranking, as: s.year.officers["TCT"]!, status: .forbidden)
                try await s.year.send(.POST, ranking, as: s.year.head, json: [String: String](), status: .created)
                // Now every member sees the table and the others' sheets.
                let first = try await s.year.send(.GET, ranking, as: s.year.officers["TCT"]!, status: .ok)
                #expect(first.text.contains("\"published\":true"))
                try await s.year.send(.GET, s.sheetPath("BTCTU"), as: s.year.officers["TCT"]!, status: .ok)
                // A correction needs a reason, re-ranks and keeps the first.
                try await s.year.send(.POST, ranking, as: s.year.head, json: [String: String](), status: .unprocessableEntity)
                try await s.act("VPTU", .reopen, as: s.year.head, reason: "Bổ sung điểm thưởng sáng kiến được công nhận")
                let sheet = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.head, status: .ok).json(ScoringFixture.SheetBody.self)
                try await s.year.send(.PUT, s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["VPTU"]!)), as: s.year.head,
                                      json: AnyCodable.object(["version": .int(sheet.version), "values": s.values([:], events: ["T1": 4]),
                                                               "reasons": s.reasons(["T1": "4 sáng kiến cấp tỉnh"])]), status: .ok)
                try await s.act("VPTU", .finalise, as: s.year.head)
                try await s.year.send(.POST, ranking, as: s.year.head, json: ["reason": "Bổ sung điểm thưởng sáng kiến cho Văn phòng Tỉnh ủy"],
                                      status: .created)
                let year = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                let versions = try await RankingModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).sort(\.$version).all()
                #expect(versions.map(\.version) == [1, 2])
                #expect(versions[0].supersededAt != nil && versions[1].supersededAt == nil)
                #expect(versions[1].reason?.contains("sáng kiến") == true)
                let vptu = try #require(versions[1].result?.rows.first { $0.unitID == s.year.units["VPTU"] })
                let before = try #require(versions[0].result?.rows.first { $0.unitID == s.year.units["VPTU"] })
                #expect(vptu.final - before.final == 2)
                // With every sheet final, the year can go on to its conference.
                try await s.year.send(.POST, s.year.api(.blocYearTransitions(s.year.bloc.id!, 2027)), as: s.year.head,
                                      json: ["transition": "hold_conference"], status: .ok)
            }
        }

        @Test func theSheetFormsWorkFromABrowserWithUploadAndConflict() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let unit = s.year.units["VPTU"]!
                let cookie = try await signIn(app, "test.vptu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let page = SiteURL.year(s.year.bloc.id!, 2027, .sheet(unit)).path
                func post(_ path: String, _ form: String, expect status: HTTPStatus, contains: String? = nil) async throws {
                    try await app.send(.POST, path, as: .browser(cookie: cookie), beforeRequest: { req in
                        req.headers.contentType = .urlEncodedForm
                        req.body = .init(string: "_csrf=\(csrf)&" + form)
                    }) { res in
                        #expect(res.status == status, "\(path): \(res.text.prefix(400))")
                        if let contains { #expect(res.text.contains(contains), "should show «\(contains)»") }
                    }
                }
                let one = s.criteria["1"]!.uuidString, two = s.criteria["2"]!.uuidString
                // A sheet never stored is at version 0: the first save from the page works.
                try await post(page, "version=0&criterionID[]=\(one)&value[]=47,5&criterionID[]=\(two)&value[]=19", expect: .seeOther)
                // The same form posted twice (a double click) changes nothing and is no error.
                try await post(page, "version=0&criterionID[]=\(one)&value[]=47,5&criterionID[]=\(two)&value[]=19", expect: .seeOther)
                // Other values at version 0: someone saved in between.
                try await post(page, "version=0&criterionID[]=\(one)&value[]=30&criterionID[]=\(two)&value[]=19", expect: .conflict,
                               contains: "Đang lưu: 47,5")
                try await post(page, "version=1&criterionID[]=\(one)&value[]=55", expect: .unprocessableEntity, contains: "vượt điểm tối đa")
                // A multipart upload carries its CSRF token in the form.
                let boundary = "b\(UUID().uuidString)"
                var body = Data()
                for (name, value) in [("_csrf", csrf), ("criterionID", one)] {
                    body.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".data(using: .utf8)!)
                }
                body.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Báo cáo.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".data(using: .utf8)!)
                body.append(ScoringFixture.pdf)
                body.append("\r\n--\(boundary)--\r\n".data(using: .utf8)!)
                try await app.send(.POST, SiteURL.year(s.year.bloc.id!, 2027, .sheetEvidence(unit)).path, as: .browser(cookie: cookie),
                                   beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                    req.body = ByteBuffer(data: body)
                }) { res in #expect(res.status == .seeOther, "\(res.text.prefix(400))") }
                try await post(SiteURL.year(s.year.bloc.id!, 2027, .sheetAction(unit, .submit)).path, "", expect: .seeOther)
                try await app.send(.GET, page, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("Đã nộp, chờ thẩm định"))
                    #expect(res.text.contains("Báo cáo.pdf"))
                }
            }
        }

        @Test func peersScoreEachOtherAndTheirMarksAreAveraged() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                // The bloc agreed on cross-scoring: a change of the locked table, with its reason.
                var body = YearFixture.templateBody
                body["reason"] = "Hội nghị khối thống nhất chấm chéo"
                body["rules"] = .object(["variant": "cross", "tieBreaks": .array(["more_bonus"]), "normalise": .bool(false),
                                         "disagreementPercent": .int(25),
                                         "bands": .array([.object(["minimum": .int(90), "label": "Xuất sắc"])])])
                let table = try await s.year.send(.PUT, s.api(.blocYearTable(s.year.bloc.id!, 2027)), as: s.year.head, json: body, status: .ok)
                #expect(table.text.contains("\"variant\":\"cross\""))
                try await s.saveSelf("VPTU", ["1": 48, "2": 18])
                try await s.upload("VPTU", code: "1", name: "bc.pdf", data: ScoringFixture.pdf)
                try await s.act("VPTU", .submit, as: s.year.officers["VPTU"]!)
                let review = s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["VPTU"]!))
                // A unit never marks itself; two peers mark, and the unit gets their average.
                try await s.year.send(.PUT, review, as: s.year.officers["VPTU"]!, json: AnyCodable.object([
                    "version": .int(0), "values": s.values(["1": 40])]), status: .forbidden)
                for (peer, points) in [("TCT", 40.0), ("BTCTU", 44.0)] {
                    let seen = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.officers[peer]!, status: .ok)
                        .json(ScoringFixture.SheetBody.self)
                    try await s.year.send(.PUT, review, as: s.year.officers[peer]!, json: AnyCodable.object([
                        "version": .int(seen.version), "values": s.values(["1": points]),
                        "reasons": s.reasons(["1": "Theo báo cáo, chỉ tiêu chưa đạt hết"])]), status: .ok)
                }
                // A peer cannot enter what only the head scores.
                try await s.year.send(.PUT, review, as: s.year.officers["TCT"]!, json: AnyCodable.object([
                    "version": .int(0), "values": s.values(["3": 30]), "reasons": s.reasons(["3": "x"])]), status: .unprocessableEntity)
                try await s.scoreReviewersItems("VPTU", head: 0, province: 0)
                try await s.act("VPTU", .finalise, as: s.year.head)
                let ranking = try await s.year.send(.GET, s.api(.ranking(s.year.bloc.id!, 2027)), as: s.year.head, status: .ok)
                struct Body: Decodable { struct Result: Decodable { var rows: [Row] }; struct Row: Decodable { var final: Double; var classification: String }; var result: Result }
                let rows = try ranking.json(Body.self).result.rows
                #expect(rows.first?.final == 60)   // (40 + 44) / 2 = 42, plus its own 18
                #expect(rows.first?.classification == "Chưa hoàn thành")
            }
        }

        @Test func theVirusScannerAndTheSizeLimitRefuseAnUploadBeforeItIsStored() async throws {
            // A stand-in scanner: "infected" when the file holds the EICAR marker.
            let scanner = ["sh", "-c", "if grep -q EICAR-STANDARD-ANTIVIRUS-TEST-FILE \"$0\"; then exit 1; fi; exit 0"]
            try await withTestApp(adjust: { $0.evidenceScanCommand = scanner; $0.evidenceLimit = 4_096 }) { app in
                let s = try await ScoringFixture.make(app)
                let infected = ScoringFixture.pdf + Data("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".utf8)
                let refused = try await s.upload("TCT", code: "1", name: "nhiem.pdf", data: infected, status: .unprocessableEntity)
                #expect(refused.text.contains("phần mềm quét virus từ chối"))
                let large = try await s.upload("TCT", code: "1", name: "lon.pdf", data: ScoringFixture.pdf + Data(count: 5_000),
                                               status: .unprocessableEntity)
                #expect(large.text.contains("vượt giới hạn"))
                let files = (try? FileManager.default.subpathsOfDirectory(atPath: app.thidua.config.filesDirectory)) ?? []
                let stored = try await EvidenceFileModel.query(on: app.db).all().map(\.sha256)
                // Nothing refused reached the store: every file there is a recorded one.
                #expect(!files.filter { $0.count == 67 }.isEmpty)
                #expect(files.filter { $0.count == 67 }.allSatisfy { path in stored.contains { path.hasSuffix($0) } })
                try await s.upload("TCT", code: "1", name: "sach.pdf", data: ScoringFixture.pdf)
            }
        }

        @Test func scoringPagesRender() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.scoreEveryone()
                let id = s.year.bloc.id!
                let unit = s.year.units["VPTU"]!
                let pages: [(SiteURL, String)] = [
                    (.year(id, 2027, .sheets), "Đã thẩm định xong"),
                    (.year(id, 2027, .sheet(unit)), "bao-cao-VPTU.pdf"),
                    (.year(id, 2027, .ranking), "<svg"),
                    (.year(id, 2027, .analysis), "Tự chấm so với sau thẩm định"),
                ]
                for (url, expected) in pages {
                    try await app.send(.GET, url.path, as: .token(s.year.head)) { res in
                        #expect(res.status == .ok, "\(url.path): \(res.text.prefix(300))")
                        #expect(res.text.contains(expected), "\(url.path) should show «\(expected)»")
                    }
                }
                try await app.send(.GET, SiteURL.year(id, 2027, .sheets).path + "?dot=so-ket", as: .token(s.year.head)) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Tổng hợp 6 tháng"))
                }
            }
        }
    }
}
