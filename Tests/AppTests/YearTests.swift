@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    @Suite struct YearTests {

        @Test func templateIsCopiedIntoAYearLockedByThePactAndChangedOnlyWithAReason() async throws {
            try await withTestApp { app in
                // Setup: a province template, and 2027 opened from it.
                let year = try await YearFixture.make(app)
                let templateID = try await year.openFromTemplate()
                let template = try await year.send(.GET, year.api(.provinceTemplate(year.province, templateID)), as: year.provincial,
                                                   status: .ok).json(YearFixture.TableBody.self)
                var table = try await year.send(.GET, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, status: .ok)
                    .json(YearFixture.TableBody.self)
                // The copy is the same tree under fresh ids.
                #expect(table.criteria.map(\.code) == template.criteria.map(\.code))
                #expect(Set(table.criteria.map(\.id)).isDisjoint(with: template.criteria.map(\.id)))

                // Act: every member signs, the head locks the pact.
                for (short, token) in year.officers {
                    try await year.send(.POST, year.api(.blocYearSignature(year.bloc.id!, 2027, year.units[short]!)), as: token,
                                        json: ["signerName": "Nguyễn Văn \(short)", "signerPosition": "Trưởng ban"], status: .created)
                }
                let locked = try await year.send(.POST, year.api(.blocYearTransitions(year.bloc.id!, 2027)), as: year.head,
                                                 json: ["transition": "sign_pact"], status: .ok).json(YearFixture.YearBody.self)
                #expect(locked.state == "pact_signed")

                // Check: a change without a reason is refused and nothing moves.
                var body = YearFixture.templateBody
                body["criteria"] = .array([
                    YearFixture.row("I", nil, "Thực hiện nhiệm vụ chính trị", "group", max: "70"),
                    YearFixture.row("1", "I", "Kết quả nhiệm vụ chuyên môn được giao", "base", max: "45", evidence: true),
                    YearFixture.row("2", "I", "Cải cách hành chính, chuyển đổi số", "base", max: "25"),
                    YearFixture.row("II", nil, "Công tác thi đua, khen thưởng", "group", max: "30"),
                    YearFixture.row("3", "II", "Tham gia hoạt động của khối", "base", max: "30", scorer: "head"),
                ])
                let refused = try await year.send(.PUT, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, json: body,
                                                  status: .unprocessableEntity).json(ProblemBody.self)
                #expect(refused.detail.contains("cần ghi rõ lý do"))
                let unchanged = try await year.send(.GET, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, status: .ok)
                    .json(YearFixture.TableBody.self)
                #expect(unchanged.criteria.map(\.maximum) == table.criteria.map(\.maximum))

                // A reasoned change goes through, keeps the ids of the codes that stay, and is logged.
                body["reason"] = "Theo Công văn số 15/SNV-TĐKT điều chỉnh trọng số cải cách hành chính"
                table = try await year.send(.PUT, year.api(.blocYearTable(year.bloc.id!, 2027)), as: year.head, json: body,
                                            status: .ok).json(YearFixture.TableBody.self)
                #expect(table.criteria.first { $0.code == "2" }?.maximum == "25")
                #expect(table.criteria.first { $0.code == "1" }?.id == unchanged.criteria.first { $0.code == "1" }?.id)
                #expect(!table.criteria.contains { $0.code == "T1" })
                let changes = try await TableChangeModel.query(on: app.db).filter(\.$table.$id == table.id).all()
                #expect(changes.map(\.reason) == [body["reason"].flatMap { if case .string(let s) = $0 { s } else { nil } }])
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$resourceType == "scoring_table")
                    .filter(\.$resourceID == table.id.uuidString).sort(\.$sequence, .descending).first()
                #expect(audit?.changes.contains("Công văn số 15/SNV-TĐKT") == true)

                // Signing after the lock is refused too.
                let late = try await year.send(.POST, year.api(.blocYearSignature(year.bloc.id!, 2027, year.units["VPTU"]!)),
                                               as: year.officers["VPTU"]!, json: ["signerName": "A", "signerPosition": "B"],
                                               status: .unprocessableEntity).json(ProblemBody.self)
                #expect(late.detail.contains("đã khóa"))
                // Going back needs a reason.
                try await year.send(.POST, year.api(.blocYearTransitions(year.bloc.id!, 2027)), as: year.head,
                                    json: ["transition": "reopen"], status: .unprocessableEntity)
            }
        }

        @Test func badTablesAreRefusedWithEveryReasonAndNothingIsWritten() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                let before = try await ScoringTableModel.query(on: app.db).count()
                var body = YearFixture.templateBody
                body["criteria"] = .array([
                    YearFixture.row("I", nil, "Nhóm A", "group", max: "70"),
                    YearFixture.row("1", "I", "Mục", "base", max: "60"),
                    YearFixture.row("T1", nil, "Thưởng", "bonus", max: "8"),
                    YearFixture.row("D1", nil, "Trừ", "deduction", perEvent: "2"),
                    YearFixture.row("A", "B", "Vòng A", "group"),
                    YearFixture.row("B", "A", "Vòng B", "group"),
                ])
                let problem = try await year.send(.POST, year.api(.provinceTemplates(year.province)), as: year.provincial, json: body,
                                                  status: .unprocessableEntity).json(ProblemBody.self)
                let messages = (problem.errors ?? []).map(\.message).joined(separator: " ")
                #expect(messages.contains("vượt mức trần điểm thưởng"))
                #expect(messages.contains("phải là số âm"))
                #expect(messages.contains("vòng lặp"))
                #expect(try await ScoringTableModel.query(on: app.db).count() == before)
                #expect(try await CriterionModel.query(on: app.db).count() == 0 || before > 0)
            }
        }

        @Test func thePactTakesTargetsForMembersAndOneSignatureEach() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let signaturesBefore = try await PactSignatureModel.query(on: app.db).count()
                let outsiderUnit = try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn")
                let refused = try await year.send(.PUT, year.api(.blocYearTargets(year.bloc.id!, 2027)), as: year.head,
                                                  json: ["targets": [["unitID": outsiderUnit.id!.uuidString, "text": "Chỉ tiêu"]]],
                                                  status: .unprocessableEntity).json(ProblemBody.self)
                #expect(refused.detail.contains("không phải thành viên"))
                let set = try await year.send(.PUT, year.api(.blocYearTargets(year.bloc.id!, 2027)), as: year.head,
                                              json: ["targets": [["unitID": year.units["TCT"]!.uuidString,
                                                                  "text": "100% cán bộ hoàn thành bồi dưỡng lý luận chính trị"]]],
                                              status: .ok).json(YearFixture.YearBody.self)
                #expect(set.members.first { $0.unitID == year.units["TCT"] }?.targets == ["100% cán bộ hoàn thành bồi dưỡng lý luận chính trị"])
                let path = year.api(.blocYearSignature(year.bloc.id!, 2027, year.units["TCT"]!))
                try await year.send(.POST, path, as: year.officers["TCT"]!, json: ["signerName": "Lê Văn Hùng", "signerPosition": "Hiệu trưởng"],
                                    status: .created)
                let twice = try await year.send(.POST, path, as: year.officers["TCT"]!, json: ["signerName": "Lê Văn Hùng", "signerPosition": "Hiệu trưởng"],
                                                status: .unprocessableEntity).json(ProblemBody.self)
                #expect(twice.detail.contains("chỉ ký một lần"))
                // The pact cannot lock while members have not signed.
                let early = try await year.send(.POST, year.api(.blocYearTransitions(year.bloc.id!, 2027)), as: year.head,
                                                json: ["transition": "sign_pact"], status: .unprocessableEntity).json(ProblemBody.self)
                #expect(early.detail.contains("chưa ký giao ước"))
                #expect(try await PactSignatureModel.query(on: app.db).count() == signaturesBefore + 1)
            }
        }

        @Test func aUnitRegistersItsOwnStaffAndTheHeadAcknowledges() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let unit = year.units["VPTU"]!
                let staff = Person(fullName: "Trần Thị Mai", gender: .female, category: .civilServant)
                let stranger = Person(fullName: "Phạm Văn Nam", gender: .male, category: .civilServant)
                try await app.write { db in
                    let store = RegistryStore(db: db, auditor: .system("test"))
                    _ = try await store.save(staff)
                    _ = try await store.save(stranger)
                    _ = try await store.save(Assignment(personID: staff.id, unitID: unit, position: "Chuyên viên",
                                                        period: DatePeriod(from: LocalDate("2020-01-01")!)))
                    _ = try await store.save(Assignment(personID: stranger.id, unitID: year.units["TCT"]!, position: "Giảng viên",
                                                        period: DatePeriod(from: LocalDate("2020-01-01")!)))
                }
                let path = year.api(.blocYearRegistration(year.bloc.id!, 2027, unit))
                let registrationsBefore = try await RegistrationModel.query(on: app.db).count()
                let wrong = try await year.send(.PUT, path, as: year.officers["VPTU"]!, json: AnyCodable.object([
                    "collectiveTitle": "ttldxs",
                    "individuals": .array([.object(["personID": .string(stranger.id.uuidString), "title": "ldtt"])]),
                ]), status: .unprocessableEntity).json(ProblemBody.self)
                #expect(wrong.detail.contains("«Phạm Văn Nam» không công tác tại đơn vị"))
                #expect(try await RegistrationModel.query(on: app.db).count() == registrationsBefore)
                try await year.send(.PUT, path, as: year.officers["VPTU"]!, json: AnyCodable.object([
                    "collectiveTitle": "ttldxs",
                    "individuals": .array([.object(["personID": .string(staff.id.uuidString), "title": "cstdcs"])]),
                ]), status: .ok)
                // Another member cannot read it; the head and the province can.
                try await year.send(.GET, path, as: year.officers["TCT"]!, status: .forbidden)
                try await year.send(.GET, path, as: year.provincial, status: .ok)
                let acknowledged = try await year.send(.POST, year.api(.blocYearAcknowledge(year.bloc.id!, 2027, unit)), as: year.head,
                                                       status: .ok)
                #expect(acknowledged.text.contains("acknowledgedBy"))
                try await year.send(.PUT, path, as: year.officers["VPTU"]!, json: AnyCodable.object([
                    "collectiveTitle": "ttldtt", "individuals": .array([]),
                ]), status: .conflict)
                // The province sees who has not registered.
                let overview = try await year.send(.GET, year.api(.provinceYear(year.province, 2027)), as: year.provincial, status: .ok)
                #expect(overview.text.contains("\"unregistered\""))
                #expect(!overview.text.contains("\"unregistered\":[\"\(unit.uuidString)"))
            }
        }

        @Test func eachPartOfTheYearBelongsToItsRole() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                // Only the province names the first head.
                try await year.send(.POST, year.yearPath, as: year.officers["VPTU"]!,
                                    json: ["headUnitID": year.units["VPTU"]!.uuidString], status: .forbidden)
                _ = try await year.openFromTemplate()
                let table = year.api(.blocYearTable(year.bloc.id!, 2027))
                try await year.send(.PUT, table, as: year.officers["VPTU"]!, json: YearFixture.templateBody, status: .forbidden)
                try await year.send(.PUT, table, as: year.provincial, json: YearFixture.templateBody, status: .forbidden)
                try await year.send(.PUT, table, as: year.outsider, json: YearFixture.templateBody, status: .forbidden)
                try await year.send(.PUT, table, as: year.head, json: YearFixture.templateBody, status: .ok)
                // Signing is for one's own unit only, never for the admin.
                let sign = year.api(.blocYearSignature(year.bloc.id!, 2027, year.units["TCT"]!))
                try await year.send(.POST, sign, as: year.head, json: ["signerName": "A", "signerPosition": "B"], status: .forbidden)
                try await year.send(.POST, sign, as: app.adminToken, json: ["signerName": "A", "signerPosition": "B"], status: .forbidden)
                // Templates are the province's.
                try await year.send(.POST, year.api(.provinceTemplates(year.province)), as: year.head, json: YearFixture.templateBody,
                                    status: .forbidden)
                try await app.send(.GET, year.yearPath, as: .anonymous) { res in #expect(res.status == .unauthorized) }
                // Another province's officer does not read the year.
                let other = try await app.makeUser("test.tinh.lsn", roles: [.provincialOfficer(province: try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn").$province.id)])
                try await year.send(.GET, year.yearPath, as: other.token, status: .forbidden)
            }
        }

        @Test func yearPagesRenderAndTheTableEditorFormSaves() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let id = year.bloc.id!
                let pages: [(SiteURL, String)] = [
                    (.year(id, 2027), "Xây dựng kế hoạch"),
                    (.year(id, 2027, .table), "Kết quả nhiệm vụ chuyên môn được giao"),
                    (.year(id, 2027, .pact), "Ký giao ước cho đơn vị"),
                    (.year(id, 2027, .pactPrint), "GIAO ƯỚC THI ĐUA"),
                    (.year(id, 2027, .registration(year.units["UBKTTU"]!)), "Gửi đăng ký thi đua"),
                    (.year(id, 2027, .calendar), "Lịch thi đua năm 2027"),
                    (.year(id, 2027, .dates), "Hạn đăng ký thi đua"),
                    (.year(id, 2027, .plan), "Nội dung hoạt động"),
                    (.year(id, 2027, .movements), "Tiêu chí tính kết quả"),
                    (.year(id, 2027, .movementLink), "Gắn phong trào"),
                    (.provinceProgramme(year.province), "Chưa ký giao ước"),
                    (.bloc(id), "Năm 2027: Xây dựng kế hoạch"),
                ]
                for (url, expected) in pages {
                    try await app.send(.GET, url.path, as: .token(year.head)) { res in
                        #expect(res.status == .ok, "\(url.path): \(res.text.prefix(300))")
                        #expect(res.text.contains(expected), "\(url.path) should show «\(expected)»")
                    }
                }
                // The editor posts one array per column; a row left blank is skipped.
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let form = "_csrf=\(csrf)&name=B%E1%BA%A3ng&declaredTotal=100&bonusCap="
                    + "&code[]=I&parentCode[]=&title[]=Nh%C3%B3m&kind[]=group&maximum[]=&perEvent[]=&cap[]=&scorer[]=self&evidence[]=0&guidance[]="
                    + "&code[]=1&parentCode[]=I&title[]=M%E1%BB%A5c%20m%E1%BB%99t&kind[]=base&maximum[]=100&perEvent[]=&cap[]=&scorer[]=head&evidence[]=1&guidance[]="
                    + "&code[]=&parentCode[]=&title[]=&kind[]=base&maximum[]=&perEvent[]=&cap[]=&scorer[]=self&evidence[]=0&guidance[]="
                try await app.send(.POST, SiteURL.year(id, 2027, .table).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: form)
                }) { res in #expect(res.status == .seeOther, "\(res.text.prefix(500))") }
                let saved = try await year.send(.GET, year.api(.blocYearTable(id, 2027)), as: year.head, status: .ok).json(YearFixture.TableBody.self)
                #expect(saved.criteria.map(\.code) == ["I", "1"])
                // A bad form comes back with what was typed.
                try await app.send(.POST, SiteURL.year(id, 2027, .table).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: form.replacingOccurrences(of: "maximum[]=100", with: "maximum[]=90"))
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("value=\"90\""))
                    #expect(res.text.contains("không khớp tổng điểm"))
                }
            }
        }

        @Test func theDemoReproducesTheLangSonYearAndAKhanhHoaYearInPlanning() async throws {
            try await withTestApp { app in
                let langSon = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let year = try await app.send(.GET, SiteURL.api(.blocYear(langSon.id!, 2020)).path) { res in
                    #expect(res.status == .ok)
                    let body = try res.json(YearFixture.YearBody.self)
                    #expect(body.state == "conference")
                    #expect(body.members.count == 9 && body.members.allSatisfy(\.signed))
                    #expect(res.text.components(separatedBy: "\"kind\":\"thematic\"").count - 1 == 12)
                }
                _ = year
                // The conference of 30/12/2020 announced the scores: the ranking is published.
                try await app.send(.GET, SiteURL.api(.ranking(langSon.id!, 2020)).path) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("\"published\":true"))
                    #expect(res.text.contains("\"rank\":1,") || res.text.contains("\"rank\":1}"))
                }
                let ranking = try #require(try await RankingModel.query(on: app.db).first()?.result)
                #expect(ranking.rows.first?.name == "Ủy ban Kiểm tra Tỉnh ủy")
                #expect(ranking.rows.count == 9)
                let khanhHoa = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Khánh Hòa")
                try await app.send(.GET, SiteURL.api(.provinceYear(khanhHoa.$province.id, 2026)).path) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("\"stateLabel\":\"Xây dựng kế hoạch\""))
                }
                let overview = try await app.registry(of: app).overview(ofProvince: khanhHoa.$province.id, year: 2026, today: testToday)
                let bloc = try #require(overview.first { $0.bloc.id == khanhHoa.id })
                #expect(bloc.unsigned.count == 2 && bloc.unregistered.count == 4)
            }
        }

        @Test func theCalendarFeedNeedsItsKeyAndHoldsTheYear() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                try await year.send(.PUT, year.api(.blocYearDates(year.bloc.id!, 2027)), as: year.head,
                                    json: ["pactDate": "2027-02-20", "pactPlace": "Hội trường Tỉnh ủy", "conferenceDate": "2027-12-18"],
                                    status: .ok)
                try await year.send(.POST, year.api(.blocYearPlan(year.bloc.id!, 2027)), as: year.head,
                                    json: ["title": "Hội thao khối, cụm", "startsOn": "2027-05-19", "ownerUnitID": year.units["TCT"]!.uuidString],
                                    status: .created)
                let body = try await year.send(.GET, year.yearPath, as: year.head, status: .ok).json(YearFixture.YearBody.self)
                try await app.send(.GET, body.calendarFeed, as: .anonymous) { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType?.description.hasPrefix("text/calendar") == true)
                    #expect(res.text.contains("DTSTART;VALUE=DATE:20270220"))
                    #expect(res.text.contains("Hội thao khối\\, cụm"))
                }
                try await app.send(.GET, SiteURL.calendarFeed("lich_khong-dung").path, as: .anonymous) { res in
                    #expect(res.status == .notFound)
                }
            }
        }

        @Test func aRefusedStepIsExplainedOnTheYearPage() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                // No member has signed: locking the pact is refused on the same page, with why.
                try await app.send(.POST, SiteURL.year(year.bloc.id!, 2027, .transition).path, as: .browser(cookie: cookie),
                                   beforeRequest: { req in
                    req.headers.contentType = .urlEncodedForm
                    req.body = .init(string: "_csrf=\(csrf)&transition=sign_pact")
                }) { res in
                    #expect(res.status == .conflict || res.status == .unprocessableEntity)
                    #expect(res.text.contains("Chưa chuyển bước được"))
                    #expect(res.text.contains("chưa ký giao ước"))
                    #expect(res.text.contains("Chuyển bước"), "the steps are still offered")
                }
            }
        }

        @Test func thePageAndTheAPIRefuseTheSameBadInputOfTheYearAlike() async throws {
            try await withTestApp { app in
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let unit = year.units["VPTU"]!
                let cookie = try await signIn(app, "test.vptu"), headCookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie), headCSRF = try await csrfToken(app, cookie: headCookie)
                let stranger = UUID().uuidString
                struct Case { var cookie: String; var csrf: String; var token: String; var page: SiteURL.YearPart; var form: String
                              var method: HTTPMethod; var api: SiteURL.API; var body: AnyCodable }
                let registration = SiteURL.API.blocYearRegistration(year.bloc.id!, 2027, unit)
                let unitCase = { (page: SiteURL.YearPart, form: String, method: HTTPMethod, api: SiteURL.API, body: AnyCodable) in
                    Case(cookie: cookie, csrf: csrf, token: year.officers["VPTU"]!, page: page, form: form, method: method, api: api, body: body)
                }
                let headCase = { (page: SiteURL.YearPart, form: String, method: HTTPMethod, api: SiteURL.API, body: AnyCodable) in
                    Case(cookie: headCookie, csrf: headCSRF, token: year.head, page: page, form: form, method: method, api: api, body: body)
                }
                let strangerRow: AnyCodable = .array([.object(["personID": .string(stranger), "title": "ldtt"])])
                let cases: [Case] = [
                    unitCase(.registration(unit), "collectiveTitle=x", .PUT, registration, .object(["collectiveTitle": "x"])),
                    unitCase(.registration(unit), "collectiveTitle=ttldtt&personID[]=\(stranger)&title[]=ldtt", .PUT, registration,
                             .object(["collectiveTitle": "ttldtt", "individuals": strangerRow])),
                    unitCase(.sign(year.units["TCT"]!), "signerName=A&signerPosition=B", .POST,
                             .blocYearSignature(year.bloc.id!, 2027, year.units["TCT"]!), .object(["signerName": "A", "signerPosition": "B"])),
                    headCase(.dates, "pactDate=31/02/2027", .PUT, .blocYearDates(year.bloc.id!, 2027), .object(["pactDate": "31/02/2027"])),
                    headCase(.transition, "transition=sign_pact", .POST, .blocYearTransitions(year.bloc.id!, 2027),
                             .object(["transition": "sign_pact"])),
                ]
                for c in cases {
                    let answer = try await year.send(c.method, year.api(c.api), as: c.token, json: c.body)
                    #expect(answer.status.code >= 400 && answer.status.code < 500, "\(c.api): \(answer.text)")
                    let problem = try answer.json(ProblemBody.self)
                    let messages = problem.errors?.map(\.message) ?? [problem.detail]
                    let page = SiteURL.year(year.bloc.id!, 2027, c.page).path
                    try await app.send(.POST, page, as: .browser(cookie: c.cookie), beforeRequest: { req in
                        req.headers.contentType = .urlEncodedForm
                        req.body = .init(string: "_csrf=\(c.csrf)&" + c.form)
                    }) { res in
                        #expect(res.status == answer.status, "\(page) «\(c.form)»: page \(res.status), API \(answer.status)")
                        for message in messages {
                            #expect(res.text.contains(message.replacingOccurrences(of: "\"", with: "&quot;")),
                                    "\(page) «\(c.form)» should say «\(message)»")
                        }
                    }
                }
                // Nothing was written by any of them.
                let model = try #require(try await app.registry(of: app).blocYearIfOpened(year.bloc.id!, 2027))
                #expect(try await RegistrationModel.query(on: app.db).filter(\.$blocYear.$id == model.id!).count() == 0)
                #expect(try await PactSignatureModel.query(on: app.db).filter(\.$blocYear.$id == model.id!).count() == 0)
            }
        }
    }
}
