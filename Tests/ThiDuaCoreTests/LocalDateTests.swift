import Testing
@testable import ThiDuaCore

@Suite struct LocalDateTests {
    @Test func parsesIsoAndVietnameseForms() {
        #expect(LocalDate("2025-07-01") == LocalDate(year: 2025, month: 7, day: 1))
        #expect(LocalDate("01/07/2025") == LocalDate(year: 2025, month: 7, day: 1))
        #expect(LocalDate("2025-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("31/04/2025") == nil)
        #expect(LocalDate("hôm qua") == nil)
    }

    @Test func formatsAndStepsBack() {
        let date = LocalDate(year: 2025, month: 3, day: 1)!
        #expect(date.iso == "2025-03-01")
        #expect(date.vietnamese == "01/03/2025")
        #expect(date.previousDay == LocalDate(year: 2025, month: 2, day: 28))
        #expect(LocalDate(year: 2025, month: 1, day: 1)!.previousDay == LocalDate(year: 2024, month: 12, day: 31))
        #expect(LocalDate(year: 2024, month: 12, day: 31)!.nextDay == LocalDate(year: 2025, month: 1, day: 1))
        #expect(LocalDate(year: 2024, month: 2, day: 28)!.nextDay == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(year: 2025, month: 2, day: 28)!.nextDay == LocalDate(year: 2025, month: 3, day: 1))
    }

    @Test func periodsIncludeBothEnds() {
        let period = DatePeriod(from: LocalDate("2020-01-01")!, to: LocalDate("2020-12-31")!)
        #expect(period.contains(LocalDate("2020-01-01")!))
        #expect(period.contains(LocalDate("2020-12-31")!))
        #expect(!period.contains(LocalDate("2019-12-31")!))
        #expect(!period.contains(LocalDate("2021-01-01")!))
        #expect(period.overlaps(DatePeriod(from: LocalDate("2020-12-31")!)))
        #expect(!period.overlaps(DatePeriod(from: LocalDate("2021-01-01")!)))
    }
}
