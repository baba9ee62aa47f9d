@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// What the notification API answers, as the tests read it.
struct NotificationsBody: Decodable {
    struct Item: Decodable { var id: UUID; var kind: String; var text: String; var href: String; var read: Bool }
    var unread: Int
    var items: [Item]
}

extension YearFixture {
    func notifications(as token: String) async throws -> NotificationsBody {
        try await send(.GET, api(.notifications), as: token, status: .ok).json(NotificationsBody.self)
    }

    /// The kinds of `token`'s notifications, newest first.
    func kinds(as token: String) async throws -> [String] { try await notifications(as: token).items.map(\.kind) }
}

extension AppTests {
    @Suite struct NotificationTests {

        /// A sheet's steps tell who has to act next: the head when a unit submits, the unit
        /// when its sheet is returned (with the reason) or concluded; nobody else; only the
        /// recipient sees it or marks it read.
        @Test func aSheetsStepsTellTheReviewerAndTheUnit() async throws {
            try await withTestApp { app in
                let s = try await ScoringFixture.make(app)
                let (unit, officer, head) = ("BTCTU", s.year.officers["BTCTU"]!, s.year.head)
                let other = s.year.officers["TCT"]!
                let before = try await s.year.notifications(as: officer).items.count
                try await s.saveSelf(unit, ["1": 40, "2": 15])
                try await s.upload(unit, code: "1", name: "bao-cao.pdf", data: ScoringFixture.pdf)
                try await s.act(unit, .submit, as: officer)
                let submitted = try await s.year.notifications(as: head).items.first { $0.kind == "sheet_submitted" }
                #expect(submitted?.text.contains("Ban Tổ chức Tỉnh ủy đã nộp bảng điểm") == true)
                #expect(submitted?.href == SiteURL.year(s.year.bloc.id!, 2027, .sheet(s.year.units[unit]!)).path)
                // The one who acted is not told of its own act.
                #expect(try await s.year.notifications(as: officer).items.count == before)

                try await s.act(unit, .returnToUnit, as: head, reason: "Thiếu minh chứng mục 2")
                let mine = try await s.year.notifications(as: officer)
                let returned = try #require(mine.items.first { $0.kind == "sheet_returned" })
                #expect(returned.text.contains("bị trả lại") && returned.text.contains("Thiếu minh chứng mục 2"))
                #expect(!returned.read)
                #expect(try await s.year.kinds(as: other).contains("sheet_returned") == false)
                #expect(try await s.year.kinds(as: head).contains("sheet_returned") == false)

                // Only the recipient marks it read; another's id answers as a missing one.
                try await s.year.send(.POST, s.year.api(.notificationRead(returned.id)), as: other, status: .notFound)
                try await s.year.send(.POST, s.year.api(.notificationRead(returned.id)), as: head, status: .notFound)
                #expect(try await s.year.notifications(as: officer).items.first { $0.id == returned.id }?.read == false)
                let read = try await s.year.send(.POST, s.year.api(.notificationRead(returned.id)), as: officer, status: .ok)
                    .json(NotificationsBody.Item.self)
                #expect(read.read)
                #expect(try await s.year.notifications(as: officer).unread == mine.unread - 1)
                // Again is no change.
                try await s.year.send(.POST, s.year.api(.notificationRead(returned.id)), as: officer, status: .ok)

                try await s.act(unit, .submit, as: officer)
                try await s.scoreReviewersItems(unit)
                try await s.act(unit, .finalise, as: head)
                #expect(try await s.year.kinds(as: officer).contains("sheet_finalised"))
            }
        }

        /// Each signature tells the head (who locks the pact); each step of the year tells
        /// every member but the one who moved it, and locking says the pact is locked.
        @Test func thePactAndTheYearsStepsTellTheMembers() async throws {
            try await withTestApp { app in
                let f = try await YearFixture.make(app)
                _ = try await f.openFromTemplate()
                let signature = { (short: String) in f.api(.blocYearSignature(f.bloc.id!, 2027, f.units[short]!)) }
                try await f.send(.POST, signature("BTCTU"), as: f.officers["BTCTU"]!,
                                 json: ["signerName": "Thủ trưởng", "signerPosition": "Trưởng ban"], status: .created)
                let signed = try #require(try await f.notifications(as: f.head).items.first { $0.kind == "pact_signed" })
                #expect(signed.text.contains("Ban Tổ chức Tỉnh ủy đã ký giao ước"))
                #expect(signed.href == SiteURL.year(f.bloc.id!, 2027, .pact).path)
                #expect(try await f.kinds(as: f.officers["TCT"]!).isEmpty)
                for (short, token) in f.officers where short != "BTCTU" {
                    try await f.send(.POST, signature(short), as: token, json: ["signerName": "Thủ trưởng", "signerPosition": "Thủ trưởng"],
                                     status: .created)
                }
                // The head's own signature does not tell the head.
                #expect(try await f.notifications(as: f.head).items.count == f.officers.count - 1)
                try await f.send(.POST, f.api(.blocYearTransitions(f.bloc.id!, 2027)), as: f.head, json: ["transition": "sign_pact"], status: .ok)
                let locked = try #require(try await f.notifications(as: f.officers["TCT"]!).items.first { $0.kind == "year_step" })
                #expect(locked.text.contains("đã khóa"))
                #expect(locked.href == SiteURL.year(f.bloc.id!, 2027).path)
                #expect(try await f.kinds(as: f.head).allSatisfy { $0 == "pact_signed" })
                #expect(try await f.kinds(as: f.outsider).isEmpty)
            }
        }

        /// A proposal sent tells the province; returned or decided, it tells its author.
        @Test func aProposalTellsTheProvinceThenItsAuthor() async throws {
            try await withTestApp { app in
                let f = try await AwardFixture.make(app)
                let (unit, officer, province) = (f.year.units["BTCTU"]!, f.year.officers["BTCTU"]!, f.year.provincial)
                let lan = try await f.person("Nguyễn Thị Lan", unit: "BTCTU")
                try await f.rate(lan, 2025, "htxsnv", by: "BTCTU")
                func proposal() async throws -> UUID {
                    let id = try await f.year.send(.POST, f.api(.awardProposals), as: officer,
                                                   json: ["kind": "unit", "unitID": unit.uuidString, "year": "2025"], status: .created)
                        .json(AwardFixture.Created.self).id
                    try await f.year.send(.POST, f.api(.awardProposalLines(id)), as: officer, json: [
                        "subject": "individual", "recipientID": lan.uuidString, "awardCode": "ldtt", "summary": "Hoàn thành tốt nhiệm vụ",
                    ], status: .ok)
                    try await f.act(id, .submit, as: officer)
                    return id
                }
                let first = try await proposal()
                let sent = try #require(try await f.year.notifications(as: province).items.first { $0.kind == "proposal_submitted" })
                #expect(sent.href == SiteURL.proposal(first).path)
                #expect(try await f.year.kinds(as: officer).contains("proposal_submitted") == false)
                try await f.act(first, .receive, as: province)
                try await f.act(first, .returnToAuthor, as: province, json: ["reason": "Thiếu biên bản bình xét"])
                let returned = try #require(try await f.year.notifications(as: officer).items.first { $0.kind == "proposal_returned" })
                #expect(returned.text.contains("Thiếu biên bản bình xét"))
                #expect(try await f.year.kinds(as: f.year.officers["TCT"]!).isEmpty)

                let second = try await proposal()
                let lines = try await f.proposal(second, as: officer).lines
                try await f.act(second, .receive, as: province)
                try await f.act(second, .toCouncil, as: province)
                try await f.act(second, .recordVote, as: province, json: ["date": "2026-01-25", "votesFor": "9", "votesAgainst": "0"])
                try await f.act(second, .decide, as: province, json: [
                    "number": "15/QĐ-UBND", "date": "2026-02-01", "issuer": "UBND tỉnh Khánh Hòa", "signer": "Chủ tịch Nguyễn Văn A",
                    "approvedLineIDs": .array(lines.map { .string($0.id.uuidString) })])
                let decided = try #require(try await f.year.notifications(as: officer).items.first { $0.kind == "proposal_decided" })
                #expect(decided.text.contains("15/QĐ-UBND"))
            }
        }

        /// Secret ballots: opening, casting and closing a session write no notification, so
        /// none can tell who voted or how.
        @Test func noBallotWritesANotification() async throws {
            try await withTestApp { app in
                let room = try await VotingTests.Room.make(app)
                let before = try await NotificationModel.query(on: app.db).count()
                let session = try await room.open(candidates: Array(room.members.prefix(2))).json(VotingTests.Session.self)
                for unit in room.present { try await room.vote(session.id, as: unit, for: [room.members[0]]) }
                try await room.close(session.id)
                #expect(try await NotificationModel.query(on: app.db).count() == before)
            }
        }

        /// The page lists them newest first with the unread marked and links; «Đánh dấu đã
        /// đọc» (one, all) posts with CSRF; the navigation counts the unread.
        @Test func thePageListsMarksAndCountsThem() async throws {
            let clock = TestClock()
            try await withTestApp(clock: clock) { app in
                let f = try await YearFixture.make(app)
                _ = try await f.openFromTemplate()
                for short in ["BTCTU", "TCT"] {
                    clock.advance(60)
                    try await f.send(.POST, f.api(.blocYearSignature(f.bloc.id!, 2027, f.units[short]!)), as: f.officers[short]!,
                                     json: ["signerName": "Thủ trưởng", "signerPosition": "Thủ trưởng"], status: .created)
                }
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                try await app.send(.GET, SiteURL.notifications.path, as: .browser(cookie: cookie)) { res in
                    #expect(res.status == .ok)
                    #expect(res.text.contains("Có <strong>2</strong> thông báo chưa đọc"))
                    #expect(res.text.contains("aria-label=\"2 thông báo chưa đọc\""))
                    // Newest first.
                    let tct = try #require(res.text.range(of: "Trường Chính trị tỉnh đã ký"))
                    let btc = try #require(res.text.range(of: "Ban Tổ chức Tỉnh ủy đã ký"))
                    #expect(tct.lowerBound < btc.lowerBound)
                    #expect(res.text.contains("class=\"unread\""))
                    #expect(res.text.contains("href=\"\(SiteURL.year(f.bloc.id!, 2027, .pact).path)\""))
                }
                let first = try #require(try await f.notifications(as: f.head).items.first)
                // Without the CSRF token the form is refused and nothing changes.
                try await app.send(.POST, SiteURL.notificationRead(first.id).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["x": "1"], as: .urlEncodedForm)
                }) { res in #expect(res.status == .forbidden) }
                #expect(try await f.notifications(as: f.head).unread == 2)
                try await app.send(.POST, SiteURL.notificationRead(first.id).path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                #expect(try await f.notifications(as: f.head).unread == 1)
                try await app.send(.POST, SiteURL.notificationsReadAll.path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf], as: .urlEncodedForm)
                }) { res in #expect(res.status == .seeOther) }
                #expect(try await f.notifications(as: f.head).unread == 0)
                try await app.send(.GET, SiteURL.notifications.path, as: .browser(cookie: cookie)) { res in
                    #expect(res.text.contains("Mọi thông báo đã đọc."))
                    #expect(!res.text.contains("thông báo chưa đọc\""))
                }
            }
        }
    }
}
