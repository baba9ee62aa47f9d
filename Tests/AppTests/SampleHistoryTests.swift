@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// The national-sized history `bench/eligibility.sh` measures, at a size a test can hold.
    @Suite struct SampleHistoryTests {
        struct Check: Decodable { var outcome: String; var summary: String }
        struct HistoryEntry: Decodable { var code: String; var year: Int; var predecessor: Bool }

        @Test func theSampleGrowsAProvinceAtATimeAndItsHistoriesAreCheckedThroughTheAPI() async throws {
            try await withTestApp(demo: false) { app in
                // Setup: one sample province, then one more (as the bench grows it).
                let size = SampleHistory.Size(provinces: 1, unitsPerProvince: 21, peoplePerUnit: 6)
                let first = try await SampleHistory(size: size).write(into: app)
                let second = try await SampleHistory(size: size).write(into: app)

                // Check: what the summaries count is what was written, in two audited provinces.
                #expect(try await ProvinceModel.query(on: app.db).sort(\.$code).all().map(\.code) == ["MAU01", "MAU02"])
                #expect(try await PersonModel.query(on: app.db).count() == first.people + second.people)
                #expect(first.people == 21 * 6)
                #expect(try await AwardRecordModel.query(on: app.db).count() == first.awards + second.awards)
                #expect(try await AnnualRatingModel.query(on: app.db).count() == first.ratings + second.ratings)
                #expect(first.awards > 3 * first.people, "about four awards a person: \(first.awards) for \(first.people)")
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$resourceType == "sample_history").count() == 2)
                #expect(first.reorganisations == 1 && second.reorganisations == 1, "units 1 and 2 of each province merged")

                // Act and check: the province's officer checks a sample person and a merged unit.
                let mau01 = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "MAU01").first())
                let officer = try await app.makeUser("tinh.mau01", roles: [.provincialOfficer(province: mau01.id!)])
                let person = try #require(first.samplePeople.first)
                try await app.send(.GET, SiteURL.api(.personEligibility(person)).path + "?award=cstdcs", as: .token(officer.token)) { res in
                    #expect(res.status == .ok, "\(res.text)")
                    let check = try res.json(Check.self)
                    #expect(["pass", "fail", "review"].contains(check.outcome), "\(check.summary)")
                }
                // The second unit absorbed the first on 1/7/2025: its history reaches back to it.
                let merged = first.sampleUnits[1]
                try await app.send(.GET, SiteURL.api(.unitEligibility(merged)).path + "?award=ttldxs", as: .token(officer.token)) { res in
                    #expect(res.status == .ok, "\(res.text)")
                }
                try await app.send(.GET, SiteURL.api(.unitAwards(merged)).path, as: .token(officer.token)) { res in
                    #expect(res.status == .ok, "\(res.text)")
                    let entries = try res.json([HistoryEntry].self)
                    #expect(entries.contains { $0.predecessor }, "the absorbed unit's awards: \(entries)")
                }
                // Another province's person is not this officer's to check.
                let outsider = try #require(second.samplePeople.first)
                try await app.send(.GET, SiteURL.api(.personEligibility(outsider)).path + "?award=cstdcs", as: .token(officer.token)) { res in
                    #expect(res.status == .forbidden)
                }
            }
        }

        @Test func theSameSeedWritesTheSameHistory() async throws {
            let size = SampleHistory.Size(provinces: 1, unitsPerProvince: 3, peoplePerUnit: 4, seed: 7)
            var runs: [SampleHistory.Summary] = []
            for _ in 1...2 {
                try await withTestApp(demo: false) { app in runs.append(try await SampleHistory(size: size).write(into: app)) }
            }
            #expect(runs[0].samplePeople == runs[1].samplePeople)
            #expect(runs[0].awards == runs[1].awards && runs[0].ratings == runs[1].ratings)
        }
    }
}
