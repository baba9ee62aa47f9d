@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// The demo told straight (issue 16 part 7): what it adds to the seeds is coherent and
    /// marked «Dữ liệu mẫu» on the pages; what the seeds report is not.
    @Suite struct DemoStraightTests {
        /// The table row of a page that names `text` first (the mark sits in the row).
        static func row(naming text: String, in html: String) throws -> Substring {
            let at = try #require(html.range(of: text), "the page should name «\(text)»")
            let start = html[..<at.lowerBound].range(of: "<tr", options: .backwards)?.lowerBound ?? at.lowerBound
            let end = html[at.upperBound...].range(of: "</tr>")?.upperBound ?? html.endIndex
            return html[start..<end]
        }

        static let mark = "class=\"sample-mark\""

        static func page(_ app: Application, _ path: String) async throws -> String {
            var html = ""
            try await app.send(.GET, path) { res in
                #expect(res.status == .ok, "\(path)")
                html = res.cells
            }
            return html
        }

        @Test func everyDemoMovementCelebratingADayRunsUpToItAndNationalOnesAreNotCampaigns() async throws {
            try await withTestApp { app in
                let movements = try await MovementModel.query(on: app.db).all().map(\.core)
                let celebrating = movements.filter { !Commemoration.days(celebratedBy: $0.title, in: $0.launchedOn.year).isEmpty }
                // The 90 years of the Party, the August Revolution and National Day at least.
                #expect(celebrating.count >= 2)
                for movement in movements {
                    let mismatches = Commemoration.mismatches(title: movement.title, launchedOn: movement.launchedOn, endsOn: movement.endsOn)
                    #expect(mismatches.isEmpty, "\(movement.title): \(mismatches)")
                }
                // National movements of several years are the province's to carry out, over their own years.
                let national = movements.filter { ["Bộ Chính trị", "Thủ tướng Chính phủ"].contains($0.launchingBody) }
                #expect(national.count >= 2)
                for movement in national {
                    #expect(movement.scope == .province, "\(movement.title)")
                    #expect(movement.launchedOn.year < 2020 && (movement.endsOn.map { $0.year >= 2020 } ?? true),
                            "\(movement.title) runs over the years of its national plan, not a few months of the cluster's")
                }
            }
        }

        @Test func theDemoLocksEachPactOnTheDayOfItsSignatures() async throws {
            try await withTestApp { app in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
                func day(_ date: Date) -> DateComponents { calendar.dateComponents([.year, .month, .day], from: date) }
                let locks = try await YearTransitionModel.query(on: app.db).filter(\.$transition == YearTransition.signPact.rawValue).all()
                #expect(!locks.isEmpty)
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                for lock in locks {
                    let at = try #require(formatter.date(from: lock.at))
                    let signatures = try await PactSignatureModel.query(on: app.db).filter(\.$blocYear.$id == lock.$blocYear.id).all()
                    let last = try #require(signatures.map(\.signedAt).max())
                    #expect(day(at) == day(last), "the pact is locked on \(lock.at), its last signature is of \(last)")
                    #expect(at >= last)
                }
            }
        }

        @Test func pagesMarkTheSampleFactsAndNotTheSeedFacts() async throws {
            try await withTestApp { app in
                let langSon = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                let ninhThuan = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let khanhHoa = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Khánh Hòa")

                // Bloc: the seed's members and heads unmarked, the invented ones marked.
                let bloc = try await Self.page(app, SiteURL.bloc(langSon.id!).path + "?at=2020-06-01")
                #expect(!(try Self.row(naming: "Trường Chính trị Hoàng Văn Thụ", in: bloc)).contains(Self.mark))
                #expect(!(try Self.row(naming: "Báo Lạng Sơn", in: bloc)).contains(Self.mark))
                let invented = try Self.row(naming: "Ban Nội chính Tỉnh ủy", in: bloc)
                #expect(invented.contains(Self.mark) && invented.contains("title=\"\(DemoData.SampleNote.members)\""))
                #expect(!(try Self.row(naming: "<td>2020</td>", in: bloc)).contains(Self.mark))
                let heads = try await Self.page(app, SiteURL.bloc(khanhHoa.id!).path)
                #expect((try Self.row(naming: "<td>2026</td>", in: heads)).contains(Self.mark))

                // Year: the twelve movements and the dates are sample, the members' signatures not.
                let year = try await Self.page(app, SiteURL.year(langSon.id!, 2020).path)
                #expect((try Self.row(naming: "Thi đua chào mừng kỷ niệm 90 năm Ngày thành lập Đảng", in: year)).contains(Self.mark))
                #expect(year.contains("Mốc thời gian <small \(Self.mark)"))
                #expect(!(try Self.row(naming: "Trường Chính trị Hoàng Văn Thụ</a></td>", in: year)).contains(Self.mark))

                // Ranking: the scores are sample.
                let ranking = try await Self.page(app, SiteURL.year(langSon.id!, 2020, .ranking).path)
                #expect(ranking.contains("title=\"\(DemoData.SampleNote.yearScores)\""))

                // The province's movements: the national movement carried out is marked as the demo's choice.
                let programme = try await Self.page(app, SiteURL.provinceProgramme(langSon.$province.id).path + "?nam=2020")
                #expect((try Self.row(naming: "Cả nước chung sức xây dựng nông thôn mới giai đoạn 2011 - 2020", in: programme)).contains(Self.mark))

                // Awards: the seed's award stands, its decision's number is sample.
                let unit = try await app.unit(named: "Báo Ninh Thuận", province: "Ninh Thuận")
                let awards = try await Self.page(app, SiteURL.unitAwards(unit.id!).path)
                #expect((try Self.row(naming: "Quyết định số 215/QĐ-UBND", in: awards)).contains("title=\"\(DemoData.SampleNote.awardDecision)\""))

                // A recorded past year: the ranking is sample.
                let history = try await Self.page(app, SiteURL.blocHistory(ninhThuan.id!, 2020).path)
                #expect(history.contains("title=\"\(DemoData.SampleNote.historyRanking)\""))

            }
        }
    }

    /// The audit log speaks the glossary (issue 16 part 6): actions, objects and roles in words.
    @Suite struct AuditWordsTests {
        @Test func everyActionAndObjectOfTheDemoLogHasItsWordsOnThePage() async throws {
            try await withTestApp { app in
                let entries = try await AuditEntryModel.query(on: app.db).all()
                for code in Set(entries.map(\.action)) { #expect(AuditWords.actions[code] != nil, "action «\(code)» has no words") }
                for code in Set(entries.map(\.resourceType)) { #expect(AuditWords.types[code] != nil, "object «\(code)» has no words") }
                let html = try await DemoStraightTests.page(app, SiteURL.audit.path + "?type=movement")
                #expect(html.contains("<td>Tạo mới</td>") && html.contains("<td>Phong trào "))
                #expect(!html.contains("<td>create</td>") && !html.contains("<td>movement "))
                #expect(html.contains("<option value=\"movement\" selected>Phong trào</option>"))
            }
        }
    }
}