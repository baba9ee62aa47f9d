import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct PactRulesTests {
    let a = UUID(), b = UUID(), outsider = UUID()
    let when = Date(timeIntervalSince1970: 1_700_000_000)

    func signature(_ unit: UUID) -> PactSignature {
        PactSignature(unitID: unit, signerName: "Nguyễn Văn An", signerPosition: "Trưởng ban", signedAt: when)
    }

    @Test func eachMemberSignsOnceWhileThePactIsOpen() throws {
        let signed = try PactRules.sign(signature(a), state: .planning, members: [a, b], existing: [])
        #expect(signed.map(\.unitID) == [a])
        #expect(throws: DomainError.self) { try PactRules.sign(signature(a), state: .planning, members: [a, b], existing: signed) }
        #expect(throws: DomainError.self) { try PactRules.sign(signature(outsider), state: .planning, members: [a, b], existing: signed) }
        #expect(throws: DomainError.self) { try PactRules.sign(signature(b), state: .pactSigned, members: [a, b], existing: signed) }
    }

    @Test func targetsOnlyForMembersBeforeTheLock() {
        #expect(throws: Never.self) {
            try PactRules.validate([PactTarget(unitID: a, text: "100% đảng viên học tập nghị quyết")], state: .planning, members: [a, b])
        }
        #expect(throws: DomainError.self) {
            try PactRules.validate([PactTarget(unitID: outsider, text: "Chỉ tiêu")], state: .planning, members: [a, b])
        }
        #expect(throws: DomainError.self) {
            try PactRules.validate([PactTarget(unitID: a, text: "Chỉ tiêu")], state: .inProgress, members: [a, b])
        }
    }

    @Test func registrationsNameOnlyTheUnitsStaffOnce() {
        let staff = UUID(), stranger = UUID()
        let good = Registration(unitID: a, collectiveTitle: .excellentCollective,
                                individuals: [IndividualTarget(personID: staff, title: .grassrootsEmulationFighter)])
        #expect(throws: Never.self) { try RegistrationRules.validate(good, staff: [staff]) }
        let bad = Registration(unitID: a, collectiveTitle: .advancedCollective, individuals: [
            IndividualTarget(personID: stranger, title: .advancedWorker),
            IndividualTarget(personID: staff, title: .advancedWorker),
            IndividualTarget(personID: staff, title: .grassrootsEmulationFighter),
        ])
        do {
            try RegistrationRules.validate(bad, staff: [staff], names: [stranger: "Trần Văn B", staff: "Lê Thị C"])
            Issue.record("a stranger and a duplicate must be refused")
        } catch let error as DomainError {
            #expect(error.message.contains("«Trần Văn B» không công tác tại đơn vị"))
            #expect(error.message.contains("«Lê Thị C» được đăng ký hai lần"))
        } catch { Issue.record("\(error)") }
        #expect(RegistrationRules.missing(members: [a, b], registered: [a]) == [b])
    }
}

@Suite struct ICalendarTests {
    @Test func feedIsCRLFAllDayEscapedAndFolded() {
        let long = "Hội nghị ký kết giao ước thi đua năm 2026 của Khối thi đua các cơ quan Đảng tỉnh, tại Hội trường Tỉnh ủy"
        let text = ICalendar.render(name: "Khối thi đua; lịch năm 2026", entries: [
            CalendarEntry(uid: "pact-2026@thidua", day: LocalDate(year: 2026, month: 3, day: 23)!, title: long,
                          details: "Mang theo:\nbản giao ước", location: "Hội trường A, tầng 2"),
            CalendarEntry(uid: "review-2026@thidua", day: LocalDate(year: 2026, month: 12, day: 31)!, title: "Tổng kết"),
        ], stamp: Date(timeIntervalSince1970: 1_795_000_000))
        let lines = text.components(separatedBy: "\r\n")
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains("DTSTART;VALUE=DATE:20260323"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270101"))
        #expect(lines.contains("X-WR-CALNAME:Khối thi đua\\; lịch năm 2026"))
        #expect(lines.contains("DESCRIPTION:Mang theo:\\nbản giao ước"))
        #expect(lines.contains("LOCATION:Hội trường A\\, tầng 2"))
        // Unfolding gives back the whole summary, without splitting a letter.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + long.replacingOccurrences(of: ",", with: "\\,")))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
    }
}
