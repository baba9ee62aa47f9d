import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct TableDraftTests {
    func rows() -> [CriterionRow] {
        [CriterionRow(code: "I", title: "Thực hiện nhiệm vụ chuyên môn", kind: "group", maximum: "60"),
         CriterionRow(code: "1", parentCode: "I", title: "Kết quả nhiệm vụ được giao", kind: "base", maximum: "40",
                      evidenceRequired: true),
         CriterionRow(code: "2", parentCode: "I", title: "Cải cách hành chính", kind: "base", maximum: "20", scorer: "head"),
         CriterionRow(code: "II", title: "Công tác thi đua", kind: "group"),
         CriterionRow(code: "3", parentCode: "II", title: "Phong trào chuyên đề", kind: "base", maximum: "40"),
         CriterionRow(code: "T1", title: "Sáng kiến được công nhận", kind: "bonus", maximum: "2", perEvent: "0,5"),
         CriterionRow(code: "D1", title: "Chậm nộp báo cáo", kind: "deduction", perEvent: "-1", cap: "-5"),
         CriterionRow(code: "L1", title: "Có cá nhân bị kỷ luật", kind: "disqualifier"),
         CriterionRow(code: "", title: "", kind: "base")]
    }

    @Test func rowsBecomeATreeWithParentsByCode() throws {
        let table = try TableDraft.build(rows: rows(), declaredTotal: "100", bonusCap: "5")
        #expect(table.criteria.count == 8)
        let group = table.criteria.first { $0.code == "I" }!
        #expect(table.children(of: group.id).map(\.code) == ["1", "2"])
        #expect(table.criteria.first { $0.code == "T1" }!.perEvent == Points(hundredths: 50))
        #expect(table.rows.map(\.code) == ["I", "1", "2", "II", "3", "T1", "D1", "L1"])
    }

    @Test func anEditKeepsTheIdsOfCriteriaWhoseCodeStays() throws {
        let first = try TableDraft.build(rows: rows(), declaredTotal: "100", bonusCap: "5")
        var edited = rows()
        edited[1].title = "Kết quả thực hiện nhiệm vụ chính trị được giao"
        let second = try TableDraft.build(rows: edited, declaredTotal: "100", bonusCap: "5", existing: first.criteria)
        #expect(Set(second.criteria.map(\.id)) == Set(first.criteria.map(\.id)))
    }

    @Test func badTablesAreRefusedWithEveryReason() {
        var bad = rows()
        bad[2].maximum = "25"                           // 105 instead of 100
        bad[5].maximum = "8"                            // bonus over the table's cap
        bad[6].perEvent = "1"                           // deduction entered as positive
        #expect {
            try TableDraft.build(rows: bad, declaredTotal: "100", bonusCap: "5")
        } throws: { error in
            let text = (error as? DomainError)?.message ?? ""
            return text.contains("không khớp tổng điểm") && text.contains("vượt mức trần điểm thưởng")
                && text.contains("phải là số âm") && text.contains("cộng lại")
        }
    }

    @Test func aCycleAndAnUnknownParentAreNamed() {
        let cyclic = [CriterionRow(code: "A", parentCode: "B", title: "Nhóm A", kind: "group"),
                      CriterionRow(code: "B", parentCode: "A", title: "Nhóm B", kind: "group"),
                      CriterionRow(code: "1", parentCode: "X", title: "Mục", kind: "base", maximum: "100")]
        #expect {
            try TableDraft.build(rows: cyclic, declaredTotal: "100", bonusCap: nil)
        } throws: { error in
            let text = (error as? DomainError)?.message ?? ""
            return text.contains("vòng lặp") && text.contains("«X» không có")
        }
        #expect(throws: DomainError.self) {
            try TableDraft.build(rows: [CriterionRow(code: "1", title: "Mục", kind: "base", maximum: "mười")],
                                 declaredTotal: "100", bonusCap: nil)
        }
    }

    @Test func aCopyHasFreshIdsAndTheSameTree() throws {
        let table = try TableDraft.build(rows: rows(), declaredTotal: "100", bonusCap: "5")
        let copy = table.copied()
        #expect(Set(copy.criteria.map(\.id)).isDisjoint(with: table.criteria.map(\.id)))
        #expect(copy.rows == table.rows)
        try copy.validate()
    }

    @Test func aLockedTableChangesOnlyWithAReason() throws {
        #expect(try TableChangeRule.check(state: .planning, reason: nil) == nil)
        #expect(throws: DomainError.self) { try TableChangeRule.check(state: .pactSigned, reason: "  ") }
        #expect(try TableChangeRule.check(state: .inProgress, reason: "Theo Công văn 15/SNV") == "Theo Công văn 15/SNV")
        #expect(throws: DomainError.self) { try TableChangeRule.check(state: .closed, reason: "Muộn") }
    }
}

@Suite struct MovementAndPlanTests {
    let province = UUID(), bloc = UUID(), member = UUID()
    let day = LocalDate("2026-03-10")!

    @Test func aThematicMovementNeedsAnEndAndABlocMovementItsBloc() {
        let thematic = Movement(provinceID: province, scope: .bloc, blocID: bloc, kind: .thematic,
                                title: "Thi đua chuyên đề chuyển đổi số", launchedOn: day, launchingBody: "Khối thi đua")
        #expect(throws: DomainError.self) { try thematic.validate() }
        var ended = thematic
        ended.endsOn = LocalDate("2026-10-31")
        #expect(throws: Never.self) { try ended.validate() }
        var orphan = ended
        orphan.blocID = nil
        #expect(throws: DomainError.self) { try orphan.validate() }
        var byUnit = ended
        byUnit.scope = .unit
        byUnit.unitID = UUID()
        #expect(throws: DomainError.self) { try byUnit.validate(members: [member]) }
        byUnit.unitID = member
        #expect(throws: Never.self) { try byUnit.validate(members: [member]) }
        var linked = ended
        linked.criterionIDs = [UUID()]
        #expect(throws: DomainError.self) { try linked.validate(criteria: []) }
    }

    @Test func planActivitiesBelongToTheYearAndToMembers() {
        #expect(throws: Never.self) {
            try PlanActivity(title: "Hội nghị ký kết giao ước", startsOn: day, ownerUnitID: member).validate(year: 2026, members: [member])
        }
        #expect(throws: DomainError.self) {
            try PlanActivity(title: "Hội thao", startsOn: day, ownerUnitID: UUID()).validate(year: 2026, members: [member])
        }
        #expect(throws: DomainError.self) {
            try PlanActivity(title: "Hội thao", startsOn: day, endsOn: LocalDate("2026-01-01")).validate(year: 2026, members: [])
        }
        #expect(throws: DomainError.self) {
            try PlanActivity(title: " ", startsOn: LocalDate("2027-01-05")!).validate(year: 2026, members: [])
        }
    }

    @Test func yearDatesStayInOrder() {
        #expect(throws: DomainError.self) {
            try YearDates(pactDate: LocalDate("2026-03-01"), conferenceDate: LocalDate("2026-02-01")).validate(year: 2026)
        }
        #expect(throws: DomainError.self) { try YearDates(pactDate: LocalDate("2024-03-01")).validate(year: 2026) }
        #expect(throws: Never.self) {
            try YearDates(pactDate: LocalDate("2026-03-01"), registrationDeadline: LocalDate("2026-03-15"),
                          conferenceDate: LocalDate("2027-01-10")).validate(year: 2026)
        }
    }

    @Test func theCalendarHoldsDatesPlanAndMovementsWithStableIDs() {
        let activity = PlanActivity(title: "Hội thao khối", startsOn: LocalDate("2026-05-19")!)
        let movement = Movement(provinceID: province, scope: .province, kind: .thematic, title: "Chuyển đổi số",
                                launchedOn: LocalDate("2026-02-01")!, endsOn: LocalDate("2026-11-30"),
                                launchingBody: "UBND tỉnh")
        let dates = YearDates(pactDate: LocalDate("2026-03-05"), pactPlace: "Hội trường UBKT", conferenceDate: LocalDate("2026-12-20"))
        let first = YearCalendar.entries(blocName: "Khối Đảng", blocID: bloc, year: 2026, dates: dates, plan: [activity], movements: [movement])
        let again = YearCalendar.entries(blocName: "Khối Đảng", blocID: bloc, year: 2026, dates: dates, plan: [activity], movements: [movement])
        #expect(first.map(\.day.iso) == ["2026-02-01", "2026-03-05", "2026-05-19", "2026-11-30", "2026-12-20"])
        #expect(first.map(\.uid) == again.map(\.uid))
        #expect(Set(first.map(\.uid)).count == first.count)
        #expect(first[1].location == "Hội trường UBKT")
    }
}

@Suite struct YearAuthorizationTests {
    let province = UUID(), head = UUID(), member = UUID()
    func officer(_ unit: UUID) -> Actor {
        Actor(userID: UUID(), username: "u", roles: [.unitOfficer(unit: unit)], unitProvinces: [unit: province])
    }
    var provincial: Actor { Actor(userID: UUID(), username: "t", roles: [.provincialOfficer(province: province)]) }
    var admin: Actor { Actor(userID: UUID(), username: "a", roles: [.admin]) }

    @Test func aUnitSignsAndRegistersOnlyForItself() {
        let part = Resource.yearUnit(unit: member, province: province, head: head)
        #expect(Authorization.decide(officer(member), .signPact, part).allowed)
        #expect(Authorization.decide(officer(member), .register, part).allowed)
        #expect(!Authorization.decide(officer(head), .signPact, part).allowed)
        #expect(!Authorization.decide(provincial, .register, part).allowed)
        #expect(!Authorization.decide(admin, .signPact, part).allowed)
        // The head and the province read it; another member does not.
        #expect(Authorization.decide(officer(head), .read, part).allowed)
        #expect(Authorization.decide(provincial, .read, part).allowed)
        #expect(!Authorization.decide(officer(UUID()), .read, part).allowed)
    }

    @Test func theProvinceOrTheHeadOpensAYearAndOnlyTheProvinceWritesTemplates() {
        let bloc = Resource.bloc(id: UUID(), province: province, ended: false, year: 2026, head: head, deputy: nil)
        #expect(Authorization.decide(provincial, .openYear, bloc).allowed)
        #expect(Authorization.decide(officer(head), .openYear, bloc).allowed)
        #expect(!Authorization.decide(officer(member), .openYear, bloc).allowed)
        let programme = Resource.provinceProgramme(province: province)
        #expect(Authorization.decide(provincial, .update, programme).allowed)
        #expect(!Authorization.decide(officer(head), .update, programme).allowed)
        #expect(Authorization.decide(officer(head), .read, programme).allowed)
    }
}

@Suite struct SheetAuthorizationTests {
    let province = UUID(), head = UUID(), deputy = UUID(), unit = UUID(), peer = UUID()
    func officer(_ unit: UUID) -> Actor {
        Actor(userID: UUID(), username: "u", roles: [.unitOfficer(unit: unit)], unitProvinces: [unit: province])
    }
    func sheet(published: Bool = false, cross: Bool = false) -> Resource {
        .sheet(unit: unit, province: province, head: head, deputy: deputy, members: [head, deputy, unit, peer],
               published: published, crossScoring: cross)
    }

    @Test func aUnitSeesOnlyItsOwnSheetUntilTheRankingIsPublished() {
        #expect(Authorization.decide(officer(unit), .read, sheet()).allowed)
        #expect(!Authorization.decide(officer(peer), .read, sheet()).allowed)
        #expect(Authorization.decide(officer(peer), .read, sheet(published: true)).allowed)
        #expect(Authorization.decide(officer(head), .read, sheet()).allowed)
        #expect(Authorization.decide(officer(deputy), .read, sheet()).allowed)
        #expect(!Authorization.decide(officer(UUID()), .read, sheet(published: true)).allowed)
    }

    @Test func reviewersNeverReviewThemselves() {
        #expect(Authorization.decide(officer(head), .review, sheet()).allowed)
        #expect(!Authorization.decide(officer(peer), .review, sheet()).allowed)
        #expect(Authorization.decide(officer(peer), .review, sheet(cross: true)).allowed)
        #expect(!Authorization.decide(officer(unit), .review, sheet(cross: true)).allowed)
        #expect(Authorization.decide(officer(unit), .scoreOwn, sheet()).allowed)
        #expect(!Authorization.decide(officer(head), .scoreOwn, sheet()).allowed)
        let ranking = Resource.ranking(province: province, head: head, members: [head, unit], published: false)
        #expect(Authorization.decide(officer(head), .read, ranking).allowed)
        #expect(!Authorization.decide(officer(unit), .read, ranking).allowed)
        #expect(Authorization.decide(officer(unit), .read, .ranking(province: province, head: head, members: [head, unit], published: true)).allowed)
    }
}
