import Testing
@testable import ThiDuaCore

@Suite struct CommemorationTests {
    @Test func aTitleCelebratingADayNamesItInTheYear() {
        let days = Commemoration.days(celebratedBy: "Thi đua chào mừng kỷ niệm 75 năm Cách mạng Tháng Tám và Quốc khánh 2/9", in: 2020)
        #expect(days.map(\.1) == [LocalDate(year: 2020, month: 8, day: 19)!, LocalDate(year: 2020, month: 9, day: 2)!])
        // A title that celebrates nothing, or names a day without celebrating it.
        #expect(Commemoration.days(celebratedBy: "Thi đua cải cách hành chính năm 2020", in: 2020).isEmpty)
        #expect(Commemoration.days(celebratedBy: "Tuyên truyền về Quốc khánh", in: 2020).isEmpty)
    }

    @Test func aMovementCelebratingADayMustRunUpToIt() {
        let title = "Thi đua chào mừng 90 năm Ngày thành lập Đảng Cộng sản Việt Nam"
        // Launched after the day (the demo's old 03/03/2020), or ended before it.
        let late = Commemoration.mismatches(title: title, launchedOn: LocalDate("2020-03-03")!, endsOn: LocalDate("2020-06-28"))
        #expect(late == ["Phát động ngày 03/03/2020, sau Ngày thành lập Đảng Cộng sản Việt Nam (03/02/2020) mà phong trào chào mừng."])
        let early = Commemoration.mismatches(title: title, launchedOn: LocalDate("2020-01-06")!, endsOn: LocalDate("2020-02-02"))
        #expect(early.count == 1)
        #expect(Commemoration.mismatches(title: title, launchedOn: LocalDate("2020-01-06")!, endsOn: LocalDate("2020-02-03")).isEmpty)
        #expect(Commemoration.mismatches(title: title, launchedOn: LocalDate("2020-01-06")!, endsOn: nil).isEmpty)
    }
}
