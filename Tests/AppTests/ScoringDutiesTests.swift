@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// The defects found by playing a year that the demo had not prepared: versions of a sheet
/// never stored, conflicts of interest, members only, and the page and the API refusing alike.
extension AppTests {
    @Suite struct ScoringDutiesTests {

        @Test func aSheetNeverStoredIsSavedAtVersionZeroAndAStaleVersionNeverOverwrites() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                // The client read "no sheet yet": version 0. The first save works.
                let first = try await s.saveSelf("TCT", ["1": 40], version: 0).json(ScoringFixture.SheetBody.self)
                #expect(first.version == 1)
                // Version 0 again is stale now: refused, the stored value stays.
                try await s.saveSelf("TCT", ["1": 12], version: 0, status: .conflict)
                let stored = try await s.year.send(.GET, s.sheetPath("TCT"), as: s.year.officers["TCT"]!, status: .ok)
                    .json(ScoringFixture.SheetBody.self)
                #expect(stored.selfValues[s.criteria["1"]!.uuidString]?.points == "40")
                // Versions out of range are refused by name, never trap.
                for version in [Int.max, -1] {
                    let refused = try await s.saveSelf("TCT", ["1": 41], version: version, status: .unprocessableEntity)
                    #expect(try refused.json(ProblemBody.self).errors?.contains { $0.field == "version" } == true)
                }
            }
        }

        @Test func theHeadNeverConcludesItsOwnSheetAndTheDeputyReviewsIt() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("UBKTTU", ["1": 45, "2": 18])
                try await s.upload("UBKTTU", code: "1", name: "bao-cao.pdf", data: ScoringFixture.pdf)
                try await s.act("UBKTTU", .submit, as: s.year.head)
                // Its own sheet: neither its review nor its conclusion.
                let own = s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["UBKTTU"]!))
                try await s.year.send(.PUT, own, as: s.year.head, json: AnyCodable.object([
                    "version": .int(2), "values": s.values(["3": 20]), "reasons": s.reasons(["3": "Tự chấm"])]), status: .forbidden)
                try await s.act("UBKTTU", .finalise, as: s.year.head, status: .forbidden)
                // Another member is not the deputy and cannot either.
                try await s.act("UBKTTU", .finalise, as: s.year.officers["TCT"]!, status: .forbidden)
                // The deputy reviews and, with the province's item scored, concludes.
                try await s.scoreReviewersItems("UBKTTU")
                try await s.act("UBKTTU", .finalise, as: s.year.officers["BPTTH"]!)
                // The deputy does not conclude other members' sheets: that is the head's.
                try await s.saveSelf("TCT", ["1": 40, "2": 15])
                try await s.upload("TCT", code: "1", name: "bc.pdf", data: ScoringFixture.pdf)
                try await s.act("TCT", .submit, as: s.year.officers["TCT"]!)
                try await s.scoreReviewersItems("TCT")
                try await s.act("TCT", .finalise, as: s.year.officers["BPTTH"]!, status: .forbidden)
                try await s.act("TCT", .finalise, as: s.year.head)
            }
        }

        @Test func withoutADeputyTheProvinceReviewsTheHeadsSheet() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                // Setup: this year names no deputy (three of the seeds' years name none).
                try await BlocOfficeModel.query(on: app.db).filter(\.$bloc.$id == s.year.bloc.id!).filter(\.$year == 2027)
                    .filter(\.$role == BlocOfficeRole.deputy.rawValue).delete()
                try await s.saveSelf("UBKTTU", ["1": 45, "2": 18])
                try await s.upload("UBKTTU", code: "1", name: "bao-cao.pdf", data: ScoringFixture.pdf)
                try await s.act("UBKTTU", .submit, as: s.year.head)
                let review = s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["UBKTTU"]!))
                let sheet = try await s.year.send(.GET, s.sheetPath("UBKTTU"), as: s.year.provincial, status: .ok)
                    .json(ScoringFixture.SheetBody.self)
                // The province scores the head's item, its own, and changes a unit's item with a reason.
                try await s.year.send(.PUT, review, as: s.year.provincial, json: AnyCodable.object([
                    "version": .int(sheet.version), "values": s.values(["1": 44, "3": 18, "4": 9]),
                    "reasons": s.reasons(["1": "Một chỉ tiêu đạt 95%", "3": "Theo sổ theo dõi", "4": "Theo hồ sơ báo cáo"])]), status: .ok)
                try await s.act("UBKTTU", .finalise, as: s.year.provincial)
                let final = try await s.year.send(.GET, s.sheetPath("UBKTTU"), as: s.year.head, status: .ok).json(ScoringFixture.SheetBody.self)
                #expect(final.status == "final" && final.reviewedTotal == "89")  // 44 + 18 + 18 + 9
            }
        }

        @Test func onlyTheProvinceScoresItsItemsAndFinalisingNamesWhatIsMissing() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("TCT", ["1": 40, "2": 15])
                try await s.upload("TCT", code: "1", name: "bc.pdf", data: ScoringFixture.pdf)
                try await s.act("TCT", .submit, as: s.year.officers["TCT"]!)
                let review = s.api(.sheetReview(s.year.bloc.id!, 2027, s.year.units["TCT"]!))
                // The head may not enter the province's item, nor the province the head's.
                let byHead = try await s.year.send(.PUT, review, as: s.year.head, json: AnyCodable.object([
                    "version": .int(2), "values": s.values(["4": 10]), "reasons": s.reasons(["4": "x"])]), status: .unprocessableEntity)
                #expect(byHead.text.contains("4 (cấp tỉnh chấm)"))
                try await s.year.send(.PUT, review, as: s.year.provincial, json: AnyCodable.object([
                    "version": .int(2), "values": s.values(["3": 10]), "reasons": s.reasons(["3": "x"])]), status: .unprocessableEntity)
                // Nothing scored by the reviewers yet: both items are named.
                let refused = try await s.year.send(.POST, s.api(.sheetAction(s.year.bloc.id!, 2027, s.year.units["TCT"]!, .finalise)),
                                                    as: s.year.head, json: [String: String](), status: .conflict)
                #expect(refused.text.contains("3. Tham gia hoạt động của khối (Trưởng khối chấm)"))
                #expect(refused.text.contains("4. Thực hiện chế độ báo cáo với tỉnh (cấp tỉnh chấm)"))
                // The province does not conclude a member's sheet: the head does.
                try await s.scoreReviewersItems("TCT")
                try await s.act("TCT", .finalise, as: s.year.provincial, status: .forbidden)
                try await s.act("TCT", .finalise, as: s.year.head)
            }
        }

        @Test func aUnitOutsideTheBlocNeitherScoresNorEntersTheRanking() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let outsiderUnit = try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn")
                let path = s.year.api(.sheet(s.year.bloc.id!, 2027, outsiderUnit.id!))
                try await s.year.send(.PUT, path, as: s.year.outsider,
                                      json: AnyCodable.object(["version": .int(0), "values": s.values(["1": 50])]), status: .forbidden)
                try await s.year.send(.POST, s.year.api(.sheetAction(s.year.bloc.id!, 2027, outsiderUnit.id!, .submit)), as: s.year.outsider,
                                      json: [String: String](), status: .forbidden)
                try await app.send(.POST, s.year.api(.sheetEvidence(s.year.bloc.id!, 2027, outsiderUnit.id!)), as: .token(s.year.outsider),
                                   beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=x")
                    req.body = ByteBuffer(string: "--x--\r\n")
                }) { res in #expect(res.status == .forbidden) }
                let year = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                #expect(try await ScoreSheetModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).count() == 0)
                // A final sheet of a unit that is not a member (written outside the app) is not ranked.
                let stray = ScoreSheetModel(yearID: year.id!, unitID: outsiderUnit.id!, round: .annual, now: app.thidua.now())
                stray.status = SheetStatus.final.rawValue
                try await stray.create(on: app.db)
                try await s.scoreEveryone()
                try await s.year.send(.POST, s.api(.ranking(s.year.bloc.id!, 2027)), as: s.year.head, json: [String: String](), status: .created)
                let ranking = try await s.year.send(.GET, s.api(.ranking(s.year.bloc.id!, 2027)), as: s.year.head, status: .ok)
                #expect(!ranking.text.contains(outsiderUnit.id!.uuidString))
                #expect(ranking.text.contains(s.year.units["TCT"]!.uuidString))
            }
        }

        @Test func thePageAndTheAPIRefuseTheSameBadInputWithTheSameMessage() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let unit = s.year.units["VPTU"]!
                let cookie = try await signIn(app, "test.vptu")
                let csrf = try await csrfToken(app, cookie: cookie)
                try await s.saveSelf("VPTU", ["1": 40], version: 0)
                let one = s.criteria["1"]!.uuidString, three = s.criteria["3"]!.uuidString
                let unknown = UUID().uuidString
                // (page form, API body) pairs of the same bad input.
                let cases: [(String, AnyCodable)] = [
                    ("version=1&criterionID[]=\(unknown)&value[]=5",
                     .object(["version": .int(1), "values": .object([unknown: .object(["points": "5"])])])),
                    ("version=1&criterionID[]=not-an-id&value[]=5",
                     .object(["version": .int(1), "values": .object(["not-an-id": .object(["points": "5"])])])),
                    ("version=1&criterionID[]=\(one)&value[]=51", .object(["version": .int(1), "values": s.values(["1": 51])])),
                    ("version=1&criterionID[]=\(three)&value[]=10", .object(["version": .int(1), "values": s.values(["3": 10])])),
                    ("version=99&criterionID[]=\(one)&value[]=41", .object(["version": .int(99), "values": s.values(["1": 41])])),
                ]
                for (form, body) in cases {
                    let api = try await s.year.send(.PUT, s.sheetPath("VPTU"), as: s.year.officers["VPTU"]!, json: body)
                    #expect(api.status == .unprocessableEntity || api.status == .conflict, "\(form): \(api.text)")
                    let problem = try api.json(ProblemBody.self)
                    let messages = (problem.errors ?? []).map(\.message) + (problem.errors?.isEmpty == false ? [] : [problem.detail])
                    try await app.send(.POST, SiteURL.year(s.year.bloc.id!, 2027, .sheet(unit)).path, as: .browser(cookie: cookie),
                                       beforeRequest: { req in
                        req.headers.contentType = .urlEncodedForm
                        req.body = .init(string: "_csrf=\(csrf)&" + form)
                    }) { res in
                        #expect(res.status == api.status, "\(form)")
                        for message in messages { #expect(res.text.contains(message), "page of «\(form)» should say «\(message)»") }
                    }
                }
                // Nothing was written by any of them.
                let stored = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.officers["VPTU"]!, status: .ok)
                    .json(ScoringFixture.SheetBody.self)
                #expect(stored.version == 1 && stored.selfValues.count == 1)
            }
        }

        @Test func aRefusedFormKeepsWhatWasTypedAndALateOneSaysTheSheetMovedOn() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let unit = s.year.units["VPTU"]!
                try await s.saveSelf("VPTU", ["1": 40, "2": 15])
                try await s.upload("VPTU", code: "1", name: "bc.pdf", data: ScoringFixture.pdf)
                // The unit's officer opened the form before submitting; the sheet moves on.
                let unitCookie = try await signIn(app, "test.vptu")
                let unitCSRF = try await csrfToken(app, cookie: unitCookie)
                try await s.act("VPTU", .submit, as: s.year.officers["VPTU"]!)
                let one = s.criteria["1"]!.uuidString, three = s.criteria["3"]!.uuidString
                try await app.send(.POST, SiteURL.year(s.year.bloc.id!, 2027, .sheet(unit)).path, as: .browser(cookie: unitCookie),
                                   beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "_csrf=\(unitCSRF)&version=1&criterionID[]=\(one)&value[]=44")
                }) { res in
                    #expect(res.status == .conflict)
                    #expect(res.text.contains("Bảng điểm đã nộp"))
                }
                // The head changes a unit's item without a reason: refused, and every value typed is still there.
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                try await app.send(.POST, SiteURL.year(s.year.bloc.id!, 2027, .sheetReview(unit)).path, as: .browser(cookie: cookie),
                                   beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "_csrf=\(csrf)&version=1&criterionID[]=\(one)&value[]=37,5&reason[]=&criterionID[]=\(three)&value[]=17&reason[]=Theo+s%E1%BB%95")
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("khác điểm tự chấm; hãy ghi lý do"))
                    #expect(res.text.contains("value=\"37,5\""), "the head's value is kept")
                    #expect(res.text.contains("value=\"17\""), "the head's item is kept")
                    #expect(res.text.contains("value=\"Theo sổ\""), "the reason typed is kept")
                }
                let stored = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.head, status: .ok).json(ScoringFixture.SheetBody.self)
                #expect(stored.reviewValues.isEmpty && stored.selfValues[one]?.points == "40")
            }
        }

        @Test func extremeValuesAlreadyStoredNeverCrashAPageThatShowsThem() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("TCT", ["1": 40])
                // Setup: values beyond every range, as an older build could have stored them.
                let year = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                let sheet = try #require(try await ScoreSheetModel.query(on: app.db).filter(\.$blocYear.$id == year.id!)
                    .filter(\.$unit.$id == s.year.units["TCT"]!).first())
                for (code, points, events) in [("1", Int.max, nil), ("T1", nil, Int.max), ("D1", nil, Int.max), ("2", Int.min, nil)] as [(String, Int?, Int?)] {
                    let row = ScoreEntryModel()
                    row.$sheet.id = sheet.id!
                    row.criterionID = s.criteria[code]!
                    row.stage = code == "2" ? SheetStage.review.rawValue : SheetStage.selfScore.rawValue
                    row.reviewer = ""
                    row.points = points
                    row.events = events
                    row.flagged = false
                    row.enteredBy = "test"
                    row.enteredAt = Date()
                    try await ScoreEntryModel.query(on: app.db).filter(\.$sheet.$id == sheet.id!).filter(\.$criterionID == s.criteria[code]!)
                        .filter(\.$stage == row.stage).delete()
                    try await row.create(on: app.db)
                }
                sheet.status = SheetStatus.final.rawValue
                try await sheet.save(on: app.db)
                // Act and check: every page and answer that shows the sheet still answers.
                let id = s.year.bloc.id!, unit = s.year.units["TCT"]!
                for url in [SiteURL.year(id, 2027, .sheet(unit)), .year(id, 2027, .sheets), .year(id, 2027, .ranking),
                            .year(id, 2027, .analysis)] {
                    try await app.send(.GET, url.path, as: .token(s.year.head)) { res in
                        #expect(res.status == .ok, "\(url.path): \(res.status)")
                    }
                }
                for path in [s.sheetPath("TCT"), s.api(.ranking(id, 2027)), s.api(.sheets(id, 2027))] {
                    try await s.year.send(.GET, path, as: s.year.head, status: .ok)
                }
            }
        }

        @Test func aSaveThatChangesNothingWritesNothingAndABlankFieldClearsTheItem() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.saveSelf("VPTU", ["1": 40, "2": 15])
                func auditCount() async throws -> Int { try await AuditEntryModel.query(on: app.db).count() }
                let entries = try await auditCount()
                // The same values again, or nothing at all: no new version, nothing in the log.
                for body in [s.values(["1": 40, "2": 15]), AnyCodable.object([:])] {
                    let sheet = try await s.year.send(.PUT, s.sheetPath("VPTU"), as: s.year.officers["VPTU"]!,
                                                      json: AnyCodable.object(["version": .int(1), "values": body]), status: .ok)
                        .json(ScoringFixture.SheetBody.self)
                    #expect(sheet.version == 1)
                }
                #expect(try await auditCount() == entries)
                // A form sent to the API is refused, not read as an empty body.
                try await app.send(.PUT, s.sheetPath("VPTU"), as: .token(s.year.officers["VPTU"]!), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "version=1&criterionID[]=\(s.criteria["1"]!)&value[]=39")
                }) { res in #expect(res.status == .unsupportedMediaType) }
                // On the page, emptying a field clears the item, as `points: null` does on the API.
                let cookie = try await signIn(app, "test.vptu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let unit = s.year.units["VPTU"]!
                let beforeClearing = try await auditCount()
                try await app.send(.POST, SiteURL.year(s.year.bloc.id!, 2027, .sheet(unit)).path, as: .browser(cookie: cookie),
                                   beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "_csrf=\(csrf)&version=1&criterionID[]=\(s.criteria["1"]!)&value[]=40&criterionID[]=\(s.criteria["2"]!)&value[]=")
                }) { res in #expect(res.status == .seeOther, "\(res.text.prefix(300))") }
                let sheet = try await s.year.send(.GET, s.sheetPath("VPTU"), as: s.year.officers["VPTU"]!, status: .ok)
                    .json(ScoringFixture.SheetBody.self)
                #expect(sheet.version == 2 && sheet.selfValues[s.criteria["2"]!.uuidString] == nil)
                #expect(sheet.selfValues[s.criteria["1"]!.uuidString]?.points == "40")
                #expect(try await auditCount() == beforeClearing + 1)
            }
        }

        @Test func aCorrectionSentTwiceAtOncePublishesOnceAndABodyIsOptional() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.scoreEveryone()
                let ranking = s.api(.ranking(s.year.bloc.id!, 2027))
                // No body at all: the spec says the reason is optional for a first publication.
                try await app.send(.POST, ranking, as: .token(s.year.head)) { res in #expect(res.status == .created, "\(res.text)") }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<5 {
                        group.addTask {
                            try await s.year.send(.POST, ranking, as: s.year.head, json: ["reason": "Đính chính số liệu"], status: .created)
                        }
                    }
                    try await group.waitForAll()
                }
                let year = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                #expect(try await RankingModel.query(on: app.db).filter(\.$blocYear.$id == year.id!).count() == 2)
            }
        }

        @Test func theHeadDoesNotExtendItsOwnDeadlineItsReviewerDoes() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let own = s.api(.sheetExtension(s.year.bloc.id!, 2027, s.year.units["UBKTTU"]!))
                let body = ["extendedTo": "2027-12-31", "reason": "Chờ số liệu quý IV"]
                try await s.year.send(.POST, own, as: s.year.head, json: body, status: .forbidden)
                try await s.year.send(.POST, own, as: s.year.officers["BPTTH"]!, json: body, status: .ok)
                try await s.year.send(.POST, s.api(.sheetExtension(s.year.bloc.id!, 2027, s.year.units["TCT"]!)), as: s.year.head,
                                      json: body, status: .ok)
            }
        }

        @Test func theAnalysisComparesTheUnitsOwnItemsOnly() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                try await s.scoreEveryone()
                // Every unit's own items were accepted as scored: no inflation, though the
                // reviewers added 23 points of their own items to each sheet.
                try await app.send(.GET, SiteURL.year(s.year.bloc.id!, 2027, .analysis).path, as: .token(s.year.head)) { res in
                    #expect(res.status == .ok)
                    #expect(!res.text.contains("<tr class=\"changed\">"), "\(res.text)")
                }
                let sheet = try await s.year.send(.GET, s.sheetPath("TCT"), as: s.year.head, status: .ok).json(ScoringFixture.SheetBody.self)
                #expect(sheet.selfTotal == sheet.reviewedSelfItemsTotal)
            }
        }
    }
}
