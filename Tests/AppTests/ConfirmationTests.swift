@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// Issue 16 part 3: a state change made from a page is asked once more on a page of its
    /// own (a form, no script), and the next page says what it did.
    @Suite struct ConfirmationTests {
        /// Posts a form from a browser session (with a flash cookie, if given); returns the response.
        static func post(_ app: Application, _ path: String, cookie: String, form: String) async throws -> TestingHTTPResponse {
            var response: TestingHTTPResponse?
            try await app.send(.POST, path, as: .browser(cookie: cookie), beforeRequest: { req in
                req.headers.contentType = .urlEncodedForm
                req.body = .init(string: form)
            }) { response = $0 }
            return response!
        }

        /// The page at `path` as the browser sees it right after a redirect that set `flash`.
        static func page(_ app: Application, _ path: String, cookie: String, flash: String?) async throws -> TestingHTTPResponse {
            var response: TestingHTTPResponse?
            try await app.send(.GET, path, as: .browser(cookie: cookie), beforeRequest: { req in
                req.headers.replaceOrAdd(name: .cookie, value: "\(Cookies.session)=\(cookie)" + (flash.map { "; \(Flash.cookie)=\($0)" } ?? ""))
            }) { response = $0 }
            return response!
        }

        static func state(_ year: YearFixture) async throws -> String {
            try await year.send(.GET, year.yearPath, as: year.head, status: .ok).json(YearFixture.YearBody.self).state
        }

        @Test func aYearStepIsConfirmedOnItsOwnPageThenReported() async throws {
            try await withTestApp { app in
                // Setup: a year whose members have all signed; the head in a browser.
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                for (short, token) in year.officers {
                    try await year.send(.POST, year.api(.blocYearSignature(year.bloc.id!, 2027, year.units[short]!)), as: token,
                                        json: ["signerName": "Thủ trưởng \(short)", "signerPosition": "Thủ trưởng"], status: .created)
                }
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let path = SiteURL.year(year.bloc.id!, 2027, .transition).path

                // Act: the button's post asks; nothing changes yet.
                let asked = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)&transition=sign_pact")
                #expect(asked.status == .ok)
                #expect(asked.text.contains("Khóa giao ước (mọi thành viên đã ký): chuyển năm thi đua 2027 từ bước «Xây dựng kế hoạch» sang bước «Đã ký giao ước»?"))
                #expect(asked.text.contains(YearTransition.signPact.consequence))
                #expect(asked.text.contains("name=\"confirmed\" value=\"1\"") && asked.text.contains("name=\"transition\" value=\"sign_pact\""))
                #expect(asked.text.contains("Hủy, quay lại"))
                #expect(try await Self.state(year) == "planning")

                // Act: the confirmation makes the step and sends the message along.
                let done = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)&transition=sign_pact&confirmed=1")
                #expect(done.status == .seeOther)
                #expect(done.headers.first(name: .location) == SiteURL.year(year.bloc.id!, 2027).path)
                let flash = try #require(done.headers.setCookie?[Flash.cookie]?.string)
                #expect(try await Self.state(year) == "pact_signed")

                // Check: the next page says it, once (the page clears the message).
                let next = try await Self.page(app, SiteURL.year(year.bloc.id!, 2027).path, cookie: cookie, flash: flash)
                #expect(next.text.contains("<p class=\"flash\" role=\"status\">Đã chuyển năm thi đua 2027 sang bước «Đã ký giao ước».</p>"))
                #expect(next.headers.setCookie?[Flash.cookie]?.maxAge == 0)
                let later = try await Self.page(app, SiteURL.year(year.bloc.id!, 2027).path, cookie: cookie, flash: nil)
                #expect(!later.text.contains("class=\"flash\""))
            }
        }

        @Test func aRefusedStepIsRefusedBeforeTheQuestionNamingTheUnits() async throws {
            try await withTestApp { app in
                // Setup: two members have not signed.
                let year = try await YearFixture.make(app)
                _ = try await year.openFromTemplate()
                let signers = year.officers.keys.sorted().dropFirst(2)
                for short in signers {
                    try await year.send(.POST, year.api(.blocYearSignature(year.bloc.id!, 2027, year.units[short]!)), as: year.officers[short]!,
                                        json: ["signerName": "Thủ trưởng \(short)", "signerPosition": "Thủ trưởng"], status: .created)
                }
                let unsigned = try await UnitModel.query(on: app.db)
                    .filter(\.$id ~~ year.officers.keys.sorted().prefix(2).map { year.units[$0]! }).all().map(\.name)
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                // Act: asking for the lock, and confirming it anyway (a page left open).
                for form in ["_csrf=\(csrf)&transition=sign_pact", "_csrf=\(csrf)&transition=sign_pact&confirmed=1"] {
                    let res = try await Self.post(app, SiteURL.year(year.bloc.id!, 2027, .transition).path, cookie: cookie, form: form)
                    // Check: the year page, with why and whom to ask; no question, no message.
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.text.contains("Chưa chuyển bước được"))
                    #expect(res.text.contains("Còn 2 đơn vị thành viên chưa ký giao ước."))
                    for name in unsigned { #expect(res.text.contains(name), "names «\(name)»") }
                    #expect(!res.text.contains("name=\"confirmed\""))
                    #expect(res.headers.setCookie?[Flash.cookie] == nil)
                }
                #expect(try await Self.state(year) == "planning")
            }
        }

        @Test func theRankingIsPublishedAfterItsConfirmationShowingTheOrder() async throws {
            try await withTestApp { app in
                // Setup: every sheet final.
                let s = try await ScoringFixture.make(app)
                try await s.scoreEveryone()
                let cookie = try await signIn(app, "test.ubkttu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let path = SiteURL.year(s.year.bloc.id!, 2027, .ranking).path
                let model = try #require(try await app.registry(of: app).blocYearIfOpened(s.year.bloc.id!, 2027))
                func published() async throws -> Int { try await RankingModel.query(on: app.db).filter(\.$blocYear.$id == model.id!).count() }

                // Act: the publish button asks, with the order to be published.
                let asked = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)")
                #expect(asked.status == .ok)
                #expect(asked.text.contains("Công bố bảng xếp hạng năm 2027?"))
                #expect(asked.text.contains("Thứ tự được công bố: 1. "))
                #expect(asked.text.contains("Xác nhận công bố xếp hạng"))
                #expect(try await published() == 0)

                let done = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)&reason=&confirmed=1")
                #expect(done.status == .seeOther)
                let flash = try #require(done.headers.setCookie?[Flash.cookie]?.string)
                #expect(try await published() == 1)
                let ranking = try #require(try await RankingModel.query(on: app.db).filter(\.$blocYear.$id == model.id!).first()?.result)
                let leader = try #require(ranking.rows.first { $0.unitID == ranking.leader }?.name)
                let next = try await Self.page(app, path, cookie: cookie, flash: flash)
                #expect(next.text.contains("Đã công bố bảng xếp hạng năm 2027 (lần 1). Đơn vị dẫn đầu: \(leader)."))

                // A correction without its reason is refused on the ranking page before any question.
                let refused = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)&reason=")
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("đính chính cần ghi rõ lý do"))
                #expect(!refused.text.contains("name=\"confirmed\""))
                // With it, the question names the correction and shows the reason as it will be kept.
                let correction = try await Self.post(app, path, cookie: cookie, form: "_csrf=\(csrf)&reason=B%E1%BB%95%20sung%20%C4%91i%E1%BB%83m%20th%C6%B0%E1%BB%9Fng")
                #expect(correction.status == .ok)
                #expect(correction.text.contains("Công bố bản đính chính (lần 2)"))
                #expect(correction.text.contains("Bổ sung điểm thưởng"))
                #expect(try await published() == 1)
            }
        }
    }
}
