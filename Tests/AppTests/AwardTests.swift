@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// The Khánh Hòa bloc with its officers (from `YearFixture`), and helpers to add staff and
/// run proposals through the API.
struct AwardFixture {
    let year: YearFixture
    var app: Application { year.app }

    static func make(_ app: Application) async throws -> AwardFixture { AwardFixture(year: try await YearFixture.make(app)) }

    func api(_ url: SiteURL.API) -> String { year.api(url) }

    struct Created: Decodable { var id: UUID }
    struct ProposalBody: Decodable {
        struct Line: Decodable { var id: UUID; var recipientName: String; var awardCode: String; var status: String; var eligibility: String?
            var returnReason: String? }
        struct Step: Decodable { var action: String; var from: String; var to: String; var reason: String? }
        var id: UUID; var status: String; var lines: [Line]; var warnings: [String]; var history: [Step]
    }
    struct EligibilityBody: Decodable {
        struct Condition: Decodable { var key: String; var outcome: String; var records: [String]; var citation: String }
        struct Explanation: Decodable { var ruleID: String; var conditions: [Condition]; var basis: Basis }
        struct Basis: Decodable { var years: [Int]; var initiatives: [UUID] }
        var outcome: String; var eligible: Bool; var summary: String; var explanation: Explanation
    }
    struct HistoryBody: Decodable { var code: String; var year: Int; var unitNameThen: String; var predecessor: Bool; var decisionNumber: String }
    struct StatisticsBody: Decodable {
        struct Count: Decodable { var key: String; var count: Int }
        var total: Int; var individual: Int; var byForm: [Count]; var byGender: [Count]; var byYear: [Count]
    }

    /// A person of the unit, working there since `since`, created by the unit's officer.
    func person(_ name: String, gender: String = "female", unit short: String, since: String = "2020-01-01") async throws -> UUID {
        try await year.send(.POST, api(.people), as: year.officers[short]!, json: [
            "fullName": name, "gender": gender, "category": "civil_servant", "unitID": year.units[short]!.uuidString,
            "position": "Chuyên viên", "validFrom": since,
        ], status: .created).json(Created.self).id
    }

    func rate(_ person: UUID, _ year: Int, _ rating: String, by short: String, status: HTTPStatus = .created) async throws {
        try await self.year.send(.POST, api(.personRatings(person)), as: self.year.officers[short]!,
                                 json: ["year": String(year), "rating": rating], status: status)
    }

    func proposal(_ id: UUID, as token: String) async throws -> ProposalBody {
        try await year.send(.GET, api(.awardProposal(id)), as: token, status: .ok).json(ProposalBody.self)
    }

    @discardableResult
    func act(_ id: UUID, _ action: ProposalAction, as token: String, json: [String: AnyCodable] = [:], status: HTTPStatus = .ok)
        async throws -> TestingHTTPResponse {
        try await year.send(.POST, api(.awardProposalAction(id, action)), as: token, json: AnyCodable.object(json), status: status)
    }

    func count<M: Model>(_ type: M.Type) async throws -> Int { try await M.query(on: app.db).count() }
}

extension AppTests {
    @Suite struct AwardTests {
        @Test func aUnitRecordsRatingsAndInitiativesAndTheAppSaysWhyAPersonIsEligible() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                try await f.year.send(.POST, f.api(.personInitiatives(lan)), as: f.year.officers["BTCTU"]!, json: [
                    "title": "Số hóa hồ sơ đảng viên", "year": "2025", "level": "agency", "recognition": "QĐ 12/QĐ-HĐSK",
                ], status: .created)
                let path = f.api(.personEligibility(lan)) + "?award=cstdcs&year=2025&date=2026-01-10"
                let answer = try await f.year.send(.GET, path, as: f.year.officers["BTCTU"]!, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(answer.eligible)
                #expect(answer.explanation.ruleID == "cstdcs@152/2025/NĐ-CP")
                let initiative = try #require(answer.explanation.conditions.first { $0.key == "initiative" })
                #expect(initiative.records == ["Sáng kiến «Số hóa hồ sơ đảng viên» (2025, cấp cơ sở)"])
                #expect(initiative.citation.hasPrefix("Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15"))
                // The same question judged before 1 July 2025 is answered by Decree 98's rule.
                let before = try await f.year.send(.GET, f.api(.personEligibility(lan)) + "?award=ldtt&year=2025&date=2025-06-30",
                                                   as: f.year.provincial, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(before.explanation.ruleID == "ldtt@98/2023/NĐ-CP")
                // An ended discipline review does not bar; an open one does, and says so.
                try await f.year.send(.POST, f.api(.personDiscipline(lan)), as: f.year.officers["BTCTU"]!,
                                      json: ["kind": "review", "date": "2025-12-01", "reference": "Thông báo xem xét 5/TB"], status: .created)
                let barred = try await f.year.send(.GET, path, as: f.year.officers["BTCTU"]!, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(!barred.eligible)
                #expect(barred.summary.contains("Không đang bị xem xét kỷ luật"))
            }
        }

        @Test func badRecordsAreRefusedInVietnameseWithNothingWritten() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let minh = try await f.person("Trần Văn Minh", gender: "male", unit: "BTCTU", since: "2022-03-01")
                // A year before they worked here, a rating that does not exist, a year out of range.
                let problem = try await f.year.send(.POST, f.api(.personRatings(minh)), as: f.year.officers["BTCTU"]!,
                                                    json: ["year": "2021", "rating": "httnv"], status: .unprocessableEntity).json(ProblemBody.self)
                #expect(problem.detail == "Người này không công tác tại đơn vị nào trong năm 2021: không xếp loại được.")
                try await f.rate(minh, 2024, "tot", by: "BTCTU", status: .unprocessableEntity)
                try await f.rate(minh, 1999, "httnv", by: "BTCTU", status: .unprocessableEntity)
                try await f.year.send(.POST, f.api(.personInitiatives(minh)), as: f.year.officers["BTCTU"]!,
                                      json: ["title": "", "year": "2024", "level": "tinh"], status: .unprocessableEntity)
                try await f.year.send(.POST, f.api(.personDiscipline(minh)), as: f.year.officers["BTCTU"]!,
                                      json: ["kind": "warning", "date": "2024-02-30", "reference": "QĐ 1"], status: .unprocessableEntity)
                // Another unit's officer may not write them; a collective's rating is the province's.
                try await f.rate(minh, 2024, "httnv", by: "TCT", status: .forbidden)
                try await f.year.send(.POST, f.api(.unitRatings(f.year.units["BTCTU"]!)), as: f.year.officers["BTCTU"]!,
                                      json: ["year": "2024", "rating": "htxsnv"], status: .forbidden)
                #expect(try await f.count(AnnualRatingModel.self) == 0)
                #expect(try await f.count(InitiativeModel.self) == 0)
                #expect(try await f.count(DisciplineModel.self) == 0)
                try await f.year.send(.POST, f.api(.unitRatings(f.year.units["BTCTU"]!)), as: f.year.provincial,
                                      json: ["year": "2024", "rating": "htxsnv"], status: .created)
                #expect(try await f.count(AnnualRatingModel.self) == 1)
            }
        }

        /// A unit's proposal from draft to award records: warnings, a fix, a returned line,
        /// the council, the decision; proposed is not approved.
        @Test func aProposalGoesFromDraftToAwardRecordsAndHistory() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let unit = f.year.units["BTCTU"]!
                let officer = f.year.officers["BTCTU"]!
                let demoRecords = try await f.count(AwardRecordModel.self)
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                let hung = try await f.person("Lê Văn Hùng", gender: "male", unit: "BTCTU")
                let weak = try await f.person("Phạm Văn Yếu", gender: "male", unit: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                try await f.rate(hung, 2025, "httnv", by: "BTCTU")
                try await f.rate(weak, 2025, "htnv", by: "BTCTU")
                let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                               json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                var lines: [String: UUID] = [:]
                for (name, person) in [("lan", lan), ("hung", hung), ("weak", weak)] {
                    let body = try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                        "subject": "individual", "recipientID": person.uuidString, "awardCode": "ldtt", "summary": "Hoàn thành tốt nhiệm vụ năm 2025",
                    ], status: .ok).json(AwardFixture.ProposalBody.self)
                    lines[name] = body.lines.last!.id
                }
                // The same person twice for the same title, a person of another unit: refused.
                try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                    "subject": "individual", "recipientID": lan.uuidString, "awardCode": "ldtt"], status: .conflict)
                let stranger = try await f.person("Võ Thị Khác", unit: "TCT")
                try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                    "subject": "individual", "recipientID": stranger.uuidString, "awardCode": "ldtt"], status: .unprocessableEntity)
                // A warning for the ineligible line; submitting is refused until it is fixed.
                var proposal = try await f.proposal(id, as: officer)
                #expect(proposal.warnings.count == 1)
                #expect(proposal.warnings[0].hasPrefix("Phạm Văn Yếu — Chưa đủ điều kiện Lao động tiên tiến"))
                try await f.act(id, .submit, as: officer, status: .conflict)
                try await f.year.send(.DELETE, f.api(.awardProposalLine(id, lines["weak"]!)), as: officer, status: .ok)
                try await f.act(id, .submit, as: officer)
                // Once submitted, the unit may not change it; only the province moves it.
                try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                    "subject": "individual", "recipientID": weak.uuidString, "awardCode": "ldtt"], status: .forbidden)
                try await f.act(id, .receive, as: officer, status: .forbidden)
                try await f.act(id, .receive, as: f.year.outsider, status: .forbidden)
                try await f.year.send(.GET, f.api(.awardProposal(id)), as: f.year.officers["TCT"]!, status: .forbidden)
                try await f.act(id, .receive, as: f.year.provincial)
                // Returning a line needs its reason; the rest goes to the council.
                try await f.act(id, .returnToAuthor, as: f.year.provincial, json: ["lineIDs": .array([.string(lines["hung"]!.uuidString)])],
                                status: .unprocessableEntity)
                try await f.act(id, .returnToAuthor, as: f.year.provincial, json: [
                    "lineIDs": .array([.string(lines["hung"]!.uuidString)]), "reason": "Thiếu bản nhận xét của thủ trưởng"])
                try await f.act(id, .decide, as: f.year.provincial, json: [
                    "number": "15/QĐ-UBND", "date": "2026-02-01", "issuer": "UBND tỉnh Khánh Hòa", "signer": "Chủ tịch Nguyễn Văn A",
                    "approvedLineIDs": .array([.string(lines["lan"]!.uuidString)])], status: .conflict)
                try await f.act(id, .toCouncil, as: f.year.provincial)
                try await f.act(id, .recordVote, as: f.year.provincial, json: ["date": "2026-01-25", "votesFor": "9", "votesAgainst": "0"])
                // The returned line was never put to the council: approving it writes nothing.
                let decision: [String: AnyCodable] = [
                    "number": "15/QĐ-UBND", "date": "2026-02-01", "issuer": "UBND tỉnh Khánh Hòa", "signer": "Chủ tịch Nguyễn Văn A",
                    "approvedLineIDs": .array([.string(lines["lan"]!.uuidString), .string(lines["hung"]!.uuidString)])]
                let refused = try await f.act(id, .decide, as: f.year.provincial, json: decision, status: .unprocessableEntity).json(ProblemBody.self)
                #expect(refused.detail.contains("không được trình Hội đồng"))
                #expect(try await f.count(AwardRecordModel.self) == demoRecords)
                #expect(try await f.count(AwardDecisionModel.self) == 0)
                var approved = decision
                approved["approvedLineIDs"] = .array([.string(lines["lan"]!.uuidString)])
                try await f.act(id, .decide, as: f.year.provincial, json: approved)
                proposal = try await f.proposal(id, as: officer)
                #expect(proposal.status == "decided")
                #expect(Dictionary(uniqueKeysWithValues: proposal.lines.map { ($0.recipientName, $0.status) })
                        == ["Nguyễn Thị Lan": "approved", "Lê Văn Hùng": "returned"])
                #expect(proposal.history.map(\.action) == ["submit", "receive", "return_lines", "to_council", "record_vote", "decide"])
                // The award is in her history and counted in lượt.
                let history = try await f.year.send(.GET, f.api(.personAwards(lan)), as: officer, status: .ok).json([AwardFixture.HistoryBody].self)
                #expect(history.map(\.code) == ["ldtt"])
                #expect(history.first?.decisionNumber == "15/QĐ-UBND")
                let stats = try await f.year.send(.GET, f.api(.awardStatistics(f.year.province)) + "?year=2025", as: f.year.provincial, status: .ok)
                    .json(AwardFixture.StatisticsBody.self)
                #expect(stats.total == 1 && stats.individual == 1)
                #expect(stats.byGender.map(\.key) == ["female"])
                // A decision number is used once by its issuer.
                let second = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                                   json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                let line = try await f.year.send(.POST, f.api(.awardProposalLines(second)), as: officer, json: [
                    "subject": "individual", "recipientID": hung.uuidString, "awardCode": "ldtt"], status: .ok).json(AwardFixture.ProposalBody.self)
                try await f.act(second, .submit, as: officer)
                try await f.act(second, .receive, as: f.year.provincial)
                try await f.act(second, .toCouncil, as: f.year.provincial)
                var reused = decision
                reused["number"] = "15/qđ-ubnd"
                reused["approvedLineIDs"] = .array([.string(line.lines[0].id.uuidString)])
                let clash = try await f.act(second, .decide, as: f.year.provincial, json: reused, status: .unprocessableEntity).json(ProblemBody.self)
                #expect(clash.detail.contains("đã được «UBND tỉnh Khánh Hòa» dùng"))
                #expect(try await f.count(AwardRecordModel.self) == demoRecords + 1)
            }
        }

        @Test func theHeadBuildsTheBlocsProposalFromThePublishedRanking() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let f = AwardFixture(year: s.year)
                let body: [String: String] = ["kind": "bloc", "blocID": s.year.bloc.id!.uuidString, "year": "2027"]
                try await f.year.send(.POST, f.api(.awardProposals), as: s.year.head, json: body, status: .conflict)
                try await s.scoreEveryone()
                try await s.year.send(.POST, s.api(.ranking(s.year.bloc.id!, 2027)), as: s.year.head, json: [String: String](), status: .created)
                try await f.year.send(.POST, f.api(.awardProposals), as: s.year.officers["TCT"]!, json: body, status: .forbidden)
                try await f.year.send(.POST, f.api(.awardProposals), as: s.year.provincial, json: body, status: .forbidden)
                let proposal = try await f.year.send(.POST, f.api(.awardProposals), as: s.year.head, json: body, status: .created)
                    .json(AwardFixture.ProposalBody.self)
                let year = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                let leader = try #require(try await app.registry(of: app).currentRanking(of: year.id!)?.leader)
                let names = try await app.registry(of: app).units(ids: [leader])
                #expect(proposal.lines.map(\.awardCode) == ["co_tinh"])
                #expect(proposal.lines.map(\.recipientName) == [names[leader]!.name])
                // Rank 1 is read from the ranking; the ballot is not wired yet, so it is a question.
                let why = try await f.year.send(.GET, f.api(.unitEligibility(leader)) + "?award=co_tinh&year=2027&date=2028-01-10",
                                                as: s.year.head, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(why.explanation.conditions.first { $0.key == "ledBloc" }?.outcome == "pass")
                #expect(why.explanation.conditions.first { $0.key == "ballot" }?.outcome == "review")
            }
        }

        @Test func aCollectivesHistoryReachesBackThroughItsMerger() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let merged = f.year.units["BPTTH"]!
                let lineage = try await app.registry(of: app).lineage(of: .unit)
                let newspaper = try #require(lineage.predecessors(of: merged).map(\.to).first)
                let before = try await app.registry(of: app).unit(newspaper)
                // Setup: the newspaper's flag of 2020, as an import of past records would store it.
                let record = AwardRecordModel()
                record.subject = "collective"; record.subjectID = newspaper; record.unitID = newspaper; record.provinceID = before.$province.id
                record.code = "co_tinh"; record.year = 2020; record.decisionNumber = "100/QĐ-UBND"; record.decisionDate = "2021-01-20"
                record.basisYears = "2020"; record.basisInitiatives = ""
                try await record.create(on: app.db)
                let history = try await f.year.send(.GET, f.api(.unitAwards(merged)), as: f.year.provincial, status: .ok)
                    .json([AwardFixture.HistoryBody].self)
                let imported = try #require(history.first { $0.decisionNumber == "100/QĐ-UBND" })
                #expect(imported.predecessor)
                #expect(imported.unitNameThen == before.name)
                #expect(history.allSatisfy { $0.predecessor })
                try await f.year.send(.GET, f.api(.unitAwards(merged)), as: f.year.outsider, status: .forbidden)
                // The newspaper's place of 2024, recorded from the report of then, is the merged unit's too.
                let recorded = BlocHistoryYearModel(blocID: f.year.bloc.id!, year: 2024, source: "Báo cáo tổng kết 2024 (dữ liệu mẫu)",
                                                    recordedBy: "test", at: Date())
                try await recorded.create(on: app.db)
                try await BlocHistoryStandingModel(historyID: recorded.id!, standing: RecordedYear.Standing(unitID: newspaper, rank: 1))
                    .create(on: app.db)
                let why = try await f.year.send(.GET, f.api(.unitEligibility(merged)) + "?award=co_tinh&year=2024&date=2025-01-10",
                                                as: f.year.provincial, status: .ok).json(AwardFixture.EligibilityBody.self)
                let led = try #require(why.explanation.conditions.first { $0.key == "ledBloc" })
                #expect(led.outcome == "pass")
                #expect(led.records == ["2024: hạng 1, \(f.year.bloc.name) (năm của đơn vị trước hợp nhất)"])
            }
        }
        /// The pages: a unit officer's forms, with a refusal kept on the page; the province's
        /// steps; the history and the statistics pages.
        @Test func thePagesRecordProposeAndDecideFromABrowser() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                let unit = f.year.units["BTCTU"]!
                func post(_ cookie: String, _ csrf: String, _ url: SiteURL, _ form: String, expect status: HTTPStatus,
                          contains: String? = nil) async throws -> String {
                    var location = ""
                    try await app.send(.POST, url.path, as: .browser(cookie: cookie), beforeRequest: { req in
                        req.headers.contentType = .urlEncodedForm
                        req.body = .init(string: "_csrf=\(csrf)&" + form)
                    }) { res in
                        #expect(res.status == status, "\(url.path): \(res.text.prefix(600))")
                        if let contains { #expect(res.text.contains(contains), "should show «\(contains)»") }
                        location = res.headers.first(name: .location) ?? ""
                    }
                    return location
                }
                func page(_ cookie: String, _ path: String, contains: [String]) async throws {
                    try await app.send(.GET, path, as: .browser(cookie: cookie)) { res in
                        #expect(res.status == .ok, "\(path)")
                        for text in contains { #expect(res.text.contains(text), "\(path) should show «\(text)»") }
                    }
                }
                let officer = try await signIn(app, "test.btctu")
                let officerCSRF = try await csrfToken(app, cookie: officer)
                // A refused rating comes back with its message and what was typed.
                _ = try await post(officer, officerCSRF, .personAwardRecord(lan, .rating), "year=2019&rating=httnv", expect: .unprocessableEntity,
                                   contains: "không công tác tại đơn vị nào trong năm 2019")
                _ = try await post(officer, officerCSRF, .personAwardRecord(lan, .rating), "year=2025&rating=httnv", expect: .seeOther)
                _ = try await post(officer, officerCSRF, .personAwardRecord(lan, .initiative),
                                   "title=Số hóa hồ sơ&year=2025&level=agency&recognition=QĐ 3", expect: .seeOther)
                try await page(officer, SiteURL.personAwards(lan).path + "?award=ldtt&year=2025&date=2026-01-10",
                               contains: ["Đủ điều kiện Lao động tiên tiến.", "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15", "Số hóa hồ sơ"])
                let created = try await post(officer, officerCSRF, .proposals, "kind=unit&unitID=\(unit)&year=2025", expect: .seeOther)
                let id = try #require(UUID(uuidString: String(created.split(separator: "/").last ?? "")))
                _ = try await post(officer, officerCSRF, .proposalLines(id), "recipient=individual:\(lan)&awardCode=cstdcs&summary=Sáng kiến số hóa",
                                   expect: .seeOther)
                // 15 % of no LĐTT is none: a warning, and the submission waits for it to be read.
                try await page(officer, SiteURL.proposal(id).path, contains: ["Cảnh báo trước khi gửi", "vượt chỉ tiêu"])
                _ = try await post(officer, officerCSRF, .proposalAction(id, .submit), "", expect: .conflict, contains: "vượt chỉ tiêu")
                // Her LĐTT proposed alongside makes one LĐTT: 15 % of one is still none. The officer
                // reads the warning and submits anyway; the council will judge.
                _ = try await post(officer, officerCSRF, .proposalLines(id), "recipient=individual:\(lan)&awardCode=ldtt", expect: .seeOther)
                _ = try await post(officer, officerCSRF, .proposalAction(id, .submit), "", expect: .conflict, contains: "tối đa 0 (15% của 1)")
                _ = try await post(officer, officerCSRF, .proposalAction(id, .submit), "acknowledgeWarnings=true", expect: .seeOther)
                let province = try await signIn(app, "test.tinh.kha")
                let provinceCSRF = try await csrfToken(app, cookie: province)
                _ = try await post(province, provinceCSRF, .proposalAction(id, .receive), "", expect: .seeOther)
                _ = try await post(province, provinceCSRF, .proposalAction(id, .returnToAuthor), "reason=", expect: .unprocessableEntity,
                                   contains: "Hãy ghi lý do trả lại.")
                _ = try await post(province, provinceCSRF, .proposalAction(id, .toCouncil), "", expect: .seeOther)
                _ = try await post(province, provinceCSRF, .proposalAction(id, .recordVote), "date=2026-01-20&votesFor=7&votesAgainst=1", expect: .seeOther)
                let lines = try await f.proposal(id, as: f.year.provincial).lines
                let ldtt = try #require(lines.first { $0.awardCode == "ldtt" }).id
                _ = try await post(province, provinceCSRF, .proposalAction(id, .decide),
                                   "number=20/QĐ-UBND&date=2026-02-02&issuer=UBND tỉnh Khánh Hòa&signer=Chủ tịch&approvedLineIDs[]=\(ldtt)", expect: .seeOther)
                try await page(province, SiteURL.proposal(id).path, contains: ["Đã quyết định", "Số 20/QĐ-UBND", "Không được khen thưởng"])
                try await page(officer, SiteURL.personAwards(lan).path, contains: ["Lao động tiên tiến", "20/QĐ-UBND"])
                try await page(province, SiteURL.awardStatistics(f.year.province).path + "?year=2025", contains: ["1 lượt", "<svg"])
                try await page(province, SiteURL.unitAwards(unit).path, contains: ["Ghi xếp loại tập thể"])
                try await page(officer, SiteURL.proposals.path, contains: ["Tờ trình đề nghị khen thưởng năm 2025"])
            }
        }
        /// The province's dated parameters judge the proposals of their days; overlap and bad
        /// values are refused with nothing written; a unit cannot set them.
        @Test func theProvincesParametersApplyFromTheirDay() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let minh = try await f.person("Trần Văn Minh", gender: "male", unit: "BTCTU", since: "2025-03-01")
                try await f.rate(minh, 2025, "httnv", by: "BTCTU")
                let path = f.api(.awardParameters(f.year.province))
                let body: [String: AnyCodable] = ["validFrom": "2026-01-01", "reference": "Quyết định số 9/2025/QĐ-UBND",
                                                  "values": .object(["minimumMonthsEmployed": .string("12")])]
                try await f.year.send(.POST, path, as: f.year.officers["BTCTU"]!, json: AnyCodable.object(body), status: .forbidden)
                var bad = body
                bad["values"] = .object(["minimumMonthsEmployed": .string("13"), "mergerChain": .string("doi")])
                let problem = try await f.year.send(.POST, path, as: f.year.provincial, json: AnyCodable.object(bad), status: .unprocessableEntity)
                    .json(ProblemBody.self)
                #expect(problem.errors?.compactMap(\.field) == ["minimumMonthsEmployed", "mergerChain"])
                #expect(try await f.count(AwardParameterVersionModel.self) == 0)
                try await f.year.send(.POST, path, as: f.year.provincial, json: AnyCodable.object(body), status: .created)
                try await f.year.send(.POST, path, as: f.year.provincial, json: AnyCodable.object(body), status: .unprocessableEntity)
                #expect(try await f.count(AwardParameterVersionModel.self) == 1)
                let eligibility = f.api(.personEligibility(minh)) + "?award=ldtt&year=2025"
                let before = try await f.year.send(.GET, eligibility + "&date=2025-12-31", as: f.year.provincial, status: .ok)
                    .json(AwardFixture.EligibilityBody.self)
                let after = try await f.year.send(.GET, eligibility + "&date=2026-01-01", as: f.year.provincial, status: .ok)
                    .json(AwardFixture.EligibilityBody.self)
                #expect(before.eligible)
                #expect(!after.eligible)
                #expect(after.explanation.conditions.first { $0.key == "months" }?.outcome == "fail")
                let versions = try await f.year.send(.GET, path, as: f.year.officers["BTCTU"]!, status: .ok)
                #expect(versions.text.contains("\"minimumMonthsEmployed\":\"12\""))
            }
        }
        /// The demo holds the awards of the seeds, and a merged unit's history shows its
        /// predecessors' by their names of the day.
        @Test func theDemoShowsTheAwardsTheSeedsReport() async throws {
            try await withTestApp { app in
                let merged = try await app.unit(named: "Báo và Phát thanh, Truyền hình Khánh Hòa", province: "Khánh Hòa")
                try await app.send(.GET, SiteURL.unitAwards(merged.id!).path) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Cờ thi đua của Ủy ban nhân dân tỉnh"))
                    #expect(res.text.contains("Báo Ninh Thuận (đơn vị trước sắp xếp)"))
                }
                let konTum = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "KTM").first())
                try await app.send(.GET, SiteURL.api(.awardStatistics(konTum.id!)).path + "?year=2020") { res in
                    let stats = try res.json(AwardFixture.StatisticsBody.self)
                    #expect(stats.total == 4)
                    #expect(stats.byForm.map(\.count) == [3, 1])
                }
            }
        }
        /// One initiative stands under one award: two lines of one decision that would both use
        /// it are refused with nothing written; once used, it no longer counts.
        @Test func anInitiativeIsUsedOnce() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let officer = f.year.officers["BTCTU"]!
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.rate(lan, 2024, "htxsnv", by: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                for (title, year) in [("Số hóa hồ sơ", "2025"), ("Một cửa liên thông", "2024")] {
                    try await f.year.send(.POST, f.api(.personInitiatives(lan)), as: officer, json: [
                        "title": title, "year": year, "level": "agency", "recognition": "QĐ \(year)"], status: .created)
                }
                let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                               json: ["kind": "unit", "unitID": f.year.units["BTCTU"]!.uuidString, "year": "2025"], status: .created)
                    .json(AwardFixture.Created.self).id
                var lines: [UUID] = []
                for code in ["cstdcs", "bang_khen_tinh_ca_nhan"] {
                    lines.append(try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                        "subject": "individual", "recipientID": lan.uuidString, "awardCode": code], status: .ok)
                        .json(AwardFixture.ProposalBody.self).lines.last!.id)
                }
                try await f.act(id, .submit, as: officer, json: ["acknowledgeWarnings": .bool(true)])
                try await f.act(id, .receive, as: f.year.provincial)
                try await f.act(id, .toCouncil, as: f.year.provincial)
                var decision: [String: AnyCodable] = [
                    "number": "30/QĐ-UBND", "date": "2026-02-01", "issuer": "UBND tỉnh Khánh Hòa", "signer": "Chủ tịch",
                    "approvedLineIDs": .array(lines.map { .string($0.uuidString) })]
                let refused = try await f.act(id, .decide, as: f.year.provincial, json: decision, status: .unprocessableEntity).json(ProblemBody.self)
                #expect(refused.detail.contains("mỗi sáng kiến chỉ dùng một lần"))
                #expect(try await InitiativeModel.query(on: app.db).filter(\.$usedBy != nil).count() == 0)
                decision["approvedLineIDs"] = .array([.string(lines[1].uuidString)])
                try await f.act(id, .decide, as: f.year.provincial, json: decision)
                #expect(try await InitiativeModel.query(on: app.db).filter(\.$usedBy != nil).count() == 2)
                let after = try await f.year.send(.GET, f.api(.personEligibility(lan)) + "?award=cstdcs&year=2025&date=2026-03-01",
                                                  as: officer, status: .ok).json(AwardFixture.EligibilityBody.self)
                #expect(after.explanation.conditions.first { $0.key == "initiative" }?.outcome == "fail")
            }
        }
    }
}
