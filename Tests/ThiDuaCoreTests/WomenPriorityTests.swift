import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct WomenPriorityTests {
    static let yearEnd = LocalDate(year: 2025, month: 12, day: 31)!
    let example = WorkedExample()

    struct Case: Sendable, CustomTestStringConvertible {
        var women: Int?
        var total: Int?
        var percent: Int
        var prioritised: Bool
        var reason: String
        var testDescription: String { "\(women.map(String.init) ?? "–")/\(total.map(String.init) ?? "–") at \(percent) %" }
    }

    static let cases: [Case] = [
        Case(women: 699, total: 1000, percent: 70, prioritised: false,
             reason: "Không ưu tiên: tỷ lệ nữ 69,9 % (699 nữ / 1000 người, tính đến 31/12/2025), dưới 70 %."),
        Case(women: 700, total: 1000, percent: 70, prioritised: true,
             reason: "Ưu tiên tập thể có từ 70 % nữ trở lên (700 nữ / 1000 người, tính đến 31/12/2025)."),
        Case(women: 7, total: 10, percent: 70, prioritised: true,
             reason: "Ưu tiên tập thể có từ 70 % nữ trở lên (7 nữ / 10 người, tính đến 31/12/2025)."),
        // 2 of 3 is 66,66… %: read down, never shown as more than it is.
        Case(women: 2, total: 3, percent: 67, prioritised: false,
             reason: "Không ưu tiên: tỷ lệ nữ 66,6 % (2 nữ / 3 người, tính đến 31/12/2025), dưới 67 %."),
        // The province's own share, not 70: 6 of 10 reaches 60.
        Case(women: 6, total: 10, percent: 60, prioritised: true,
             reason: "Ưu tiên tập thể có từ 60 % nữ trở lên (6 nữ / 10 người, tính đến 31/12/2025)."),
        Case(women: nil, total: nil, percent: 70, prioritised: false,
             reason: "Không ưu tiên: chưa có số liệu nhân sự của đơn vị, tính đến 31/12/2025 nên chưa xét được tỷ lệ nữ."),
        Case(women: 0, total: 0, percent: 70, prioritised: false,
             reason: "Không ưu tiên: chưa có số liệu nhân sự của đơn vị, tính đến 31/12/2025 nên chưa xét được tỷ lệ nữ."),
        // Counts beyond any unit are bounded, not trapped on.
        Case(women: Int.max, total: Int.max, percent: 70, prioritised: true,
             reason: "Ưu tiên tập thể có từ 70 % nữ trở lên (10000000 nữ / 10000000 người, tính đến 31/12/2025)."),
    ]

    @Test(arguments: cases) func aCollectiveIsPrioritisedFromTheProvincesShareOfWomen(_ c: Case) {
        let staff = c.total.map { StaffGenderCount(women: c.women ?? 0, total: $0, day: Self.yearEnd) }
        let verdict = WomenPriority.collective(staff, rule: WomenPriority.Rule(percent: c.percent, day: Self.yearEnd))
        #expect(verdict.prioritised == c.prioritised)
        #expect(verdict.reason == c.reason)
    }

    @Test func anIndividualWomanIsPrioritised() {
        #expect(WomenPriority.individual(.female) == TiePriority(prioritised: true, reason: "Ưu tiên cá nhân nữ."))
        #expect(WomenPriority.individual(.male) == TiePriority(prioritised: false, reason: "Không ưu tiên: cá nhân nam."))
    }

    @Test func theArticleFollowsTheDecreeInForce() {
        #expect(WomenPriority.citation(on: LocalDate(year: 2025, month: 6, day: 30)!) == "Điều 4 Nghị định số 98/2023/NĐ-CP")
        #expect(WomenPriority.citation(on: Self.yearEnd).hasPrefix("Nghị định số 152/2025/NĐ-CP (điều khoản cần xác minh"))
    }

    // MARK: - In the ranking

    func staff(_ women: Int, of total: Int) -> StaffGenderCount { StaffGenderCount(women: women, total: total, day: Self.yearEnd) }

    @Test func levelUnitsAreOrderedByTheShareOfWomenWithTheReasonShown() {
        var a = example.sheet("Đơn vị A", [46, 15, 15, 15], bonus: ["T3": 1])  // 92, bonus 1
        var b = example.sheet("Đơn vị B", [46, 15, 15, 15], bonus: ["T4": 1])  // same as A
        var c = example.sheet("Đơn vị C", [40, 15, 15, 15])                    // 85: no tie
        a.staff = staff(699, of: 1000)
        b.staff = staff(7, of: 10)
        c.staff = staff(9, of: 10)
        let rules = RankingRules(tieBreaks: [.moreBonus, .womenPriority])
        let result = Ranking.compute(table: example.table, rules: rules, sheets: [a, b, c], priority: .init(percent: 70, day: Self.yearEnd))
        #expect(result.rows.map(\.name) == ["Đơn vị B", "Đơn vị A", "Đơn vị C"])
        #expect(result.rows.map(\.rank) == [1, 2, 3])
        #expect(result.ties.isEmpty && result.leader == b.unitID)
        #expect(result.rows[0].priority?.reason == "Ưu tiên tập thể có từ 70 % nữ trở lên (7 nữ / 10 người, tính đến 31/12/2025).")
        #expect(result.rows[1].priority?.prioritised == false)
        // Not level with anyone: the rule was not asked, nothing shown.
        #expect(result.rows[2].priority == nil)
    }

    @Test func withoutStaffDataLevelUnitsStayTiedAndSayWhy() {
        let a = example.sheet("Đơn vị A", [46, 15, 15, 15])
        let b = example.sheet("Đơn vị B", [46, 15, 15, 15])
        let result = Ranking.compute(table: example.table, rules: RankingRules(tieBreaks: [.womenPriority]), sheets: [a, b],
                                     priority: .init(percent: 70, day: Self.yearEnd))
        #expect(result.rows.allSatisfy { $0.tied && $0.rank == 1 })
        #expect(result.leader == nil)
        #expect(result.rows.allSatisfy { $0.priority?.reason.hasPrefix("Không ưu tiên: chưa có số liệu nhân sự") == true })
    }

    @Test func anEarlierTieBreakDecidesFirstAndTheRuleIsOnlyUsedWhenNamed() {
        var a = example.sheet("Đơn vị A", [45, 15, 15, 15], bonus: ["T1": 2])  // 92, bonus 2
        var b = example.sheet("Đơn vị B", [46, 15, 15, 15], bonus: ["T3": 1])  // 92, bonus 1
        a.staff = staff(1, of: 10)
        b.staff = staff(10, of: 10)
        let first = Ranking.compute(table: example.table, rules: RankingRules(tieBreaks: [.moreBonus, .womenPriority]), sheets: [a, b])
        #expect(first.rows.map(\.name) == ["Đơn vị A", "Đơn vị B"])
        #expect(first.rows.allSatisfy { $0.priority == nil })
        let womenFirst = Ranking.compute(table: example.table, rules: RankingRules(tieBreaks: [.womenPriority, .moreBonus]), sheets: [a, b])
        #expect(womenFirst.rows.map(\.name) == ["Đơn vị B", "Đơn vị A"])
        #expect(womenFirst.rows.allSatisfy { $0.priority != nil })
        let usual = Ranking.compute(table: example.table, rules: RankingRules(tieBreaks: []), sheets: [a, b])
        #expect(usual.rows.allSatisfy { $0.priority == nil && $0.tied })
    }

    @Test func theRuleIsReadFromAFormByItsCode() throws {
        let rules = try RankingRules.parse(variant: nil, tieBreaks: "more_bonus, women_priority", bands: nil, normalise: false,
                                           disagreementPercent: nil)
        #expect(rules.tieBreaks == [.moreBonus, .womenPriority])
    }

    // MARK: - The province's dated parameter

    @Test func theShareIsAProvincesDatedParameterAndOldVersionsReadTheDefault() throws {
        let old = try JSONDecoder().decode(AwardParameters.self, from: Data(#"""
            {"baseSoldierQuotaPercent":15,"quotaRounding":"down","minimumMonthsEmployed":10,"advancedWorkerDisciplineBar":"reprimand",
             "collectiveDisciplineBar":"warning","provinceSoldierYears":3,"nationalSoldierTimes":2,"provinceMeritYears":2,
             "provinceMeritInitiatives":2,"primeMinisterMeritYears":5,"primeMinisterMeritBaseSoldiers":3,"advancedCollectivePercent":50,
             "excellentCollectivePercent":70,"flagRequiresExcellentCollective":true,"flagRequiresBallot":true,
             "governmentFlagSharePercent":20,"mergerChain":"ask","excludeDissolvedUnits":true}
            """#.utf8))
        #expect(old.womenPriorityPercent == 70)
        let set = try AwardParameters.read(["womenPriorityPercent": "60"])
        #expect(set.womenPriorityPercent == 60 && set.fields["womenPriorityPercent"] == "60")
        let schedule = ParameterSchedule(versions: [
            ParameterVersion(validity: DatePeriod(from: LocalDate(year: 2026, month: 1, day: 1)!), reference: "Quyết định 1/QĐ-UBND", parameters: set),
        ])
        #expect(schedule.version(on: Self.yearEnd).parameters.womenPriorityPercent == 70)
        #expect(schedule.version(on: LocalDate(year: 2026, month: 12, day: 31)!).parameters.womenPriorityPercent == 60)
        #expect {
            try AwardParameters.read(["womenPriorityPercent": "101"])
        } throws: { error in
            (error as? DomainError)?.issues.map(\.field) == ["womenPriorityPercent"]
        }
    }
}
