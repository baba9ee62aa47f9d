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

        /// A collective's rules count its staff per year: who worked there that year, with LĐTT,
        /// with CSTĐCS, rated KHTNV, disciplined at cảnh cáo or above (not khiển trách).
        @Test func aCollectivesStaffAreCountedYearByYear() async throws {
            try await withTestApp(demo: false) { app in
                // Setup: a unit with three people, one of them from mid-2025.
                let since2000 = DatePeriod(from: LocalDate(year: 2000, month: 1, day: 1)!)
                let province = Province(code: "MAU", name: "Tỉnh mẫu", existence: since2000)
                let unit = OrgUnit(provinceID: province.id, name: "Đơn vị mẫu", shortName: "ĐVM", kind: .stateAgency, existence: since2000)
                try await ProvinceModel(province).create(on: app.db)
                try await UnitModel(unit).create(on: app.db)
                var people: [UUID] = []
                for (name, from) in [("Lê Thị An", "2020-01-01"), ("Trần Văn Bình", "2020-01-01"), ("Phạm Thu Chi", "2025-07-01")] {
                    let person = Person(fullName: name, gender: .female, category: .civilServant)
                    try await PersonModel(person).create(on: app.db)
                    try await AssignmentModel(Assignment(personID: person.id, unitID: unit.id, position: "Chuyên viên",
                                                         period: DatePeriod(from: LocalDate(from)!))).create(on: app.db)
                    people.append(person.id)
                }
                func award(_ person: UUID, _ code: AwardCode, _ year: Int) async throws {
                    let record = AwardRecordModel()
                    (record.subject, record.subjectID, record.unitID, record.provinceID) = ("individual", person, unit.id, province.id)
                    (record.code, record.year, record.decisionNumber, record.decisionDate) = (code.rawValue, year, "1/QĐ", "\(year + 1)-02-01")
                    (record.basisYears, record.basisInitiatives) = ("\(year)", "")
                    try await record.create(on: app.db)
                }
                try await award(people[0], .advancedWorker, 2024)
                try await award(people[0], .advancedWorker, 2025)
                try await award(people[0], .baseEmulationSoldier, 2025)
                try await award(people[1], .advancedWorker, 2025)
                for (person, year, rating) in [(people[1], 2024, TaskRating.notCompleted), (people[2], 2025, .notCompleted), (people[0], 2025, .excellent)] {
                    try await AnnualRatingModel(subject: .individual, subjectID: person, year: year, rating: rating, recordedBy: "t",
                                                at: Date()).create(on: app.db)
                }
                for (person, kind) in [(people[1], DisciplineKind.warning), (people[0], .reprimand)] {
                    try await DisciplineModel(subject: .individual, subjectID: person, record: DisciplineRecord(
                        kind: kind, date: LocalDate(year: 2025, month: 3, day: 1)!, reference: "QĐ kỷ luật"), recordedBy: "t").create(on: app.db)
                }

                // Act
                let summaries = try await RegistryStore(db: app.db, auditor: .system("test")).memberSummaries(of: [unit.id])

                // Check
                #expect(summaries.map(\.year) == [2024, 2025])
                let y2024 = try #require(summaries.first), y2025 = try #require(summaries.last)
                #expect((y2024.members, y2024.advancedWorkers, y2024.baseSoldiers, y2024.belowCompleted) == (2, 1, 0, 1))
                #expect((y2025.members, y2025.advancedWorkers, y2025.baseSoldiers, y2025.belowCompleted) == (3, 2, 1, 1))
                #expect(y2025.disciplinedWarningOrAbove == 1 && y2024.disciplinedWarningOrAbove == 0)
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
