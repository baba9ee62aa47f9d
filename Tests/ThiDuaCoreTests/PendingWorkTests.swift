import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct PendingWorkTests {
    let head = UUID(), deputy = UUID(), member = UUID(), other = UUID()
    let bloc = UUID(), province = UUID()
    let dates = YearDates(pactDate: LocalDate("2026-01-20"), registrationDeadline: LocalDate("2026-02-15"),
                          selfScoreDeadline: LocalDate("2026-11-30"), conferenceDate: LocalDate("2026-12-20"))

    func year(_ state: YearState, signed: [UUID: String] = [:], registered: [UUID: String] = [:],
              sheets: [UUID: YearSnapshot.Sheet] = [:]) -> YearSnapshot {
        YearSnapshot(blocID: bloc, blocName: "Khối các cơ quan tổng hợp", kind: .bloc, provinceID: province, year: 2026,
                     state: state, dates: dates, head: head, deputy: deputy,
                     members: [.init(unitID: head, name: "Sở Tài chính"), .init(unitID: deputy, name: "Sở Tư pháp"),
                               .init(unitID: member, name: "Thanh tra tỉnh"), .init(unitID: other, name: "Văn phòng UBND tỉnh")],
                     signedOn: signed.mapValues { LocalDate($0)! }, registeredOn: registered.mapValues { LocalDate($0)! },
                     sheets: sheets)
    }

    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aUnitSeesItsPactUnsignedThenSignedAndItsRegistrationLateAfterTheDeadline() {
        let before = PendingWork.unit(member, in: year(.planning), today: day("2026-01-10"))
        #expect(before.map(\.kind) == [.signPact, .register])
        #expect(before[0].text == "Chưa ký giao ước thi đua" && !before[0].done && !before[0].overdue)
        #expect(before[0].deadline == day("2026-01-20") && before[0].target == .pact(bloc: bloc, year: 2026))
        #expect(PendingWork.count(before) == 2)

        let after = PendingWork.unit(member, in: year(.planning, signed: [member: "2026-01-20"]), today: day("2026-02-20"))
        #expect(after[0].done && after[0].text == "Đã ký giao ước ngày 20/01/2026")
        #expect(after[1].kind == .register && after[1].overdue, "the registration deadline passed on 15/02")
        #expect(PendingWork.count(after) == 1)
    }

    @Test func aRegistrationSentAfterItsDeadlineStaysMarkedLateAgainstTheYearsDate() {
        let items = PendingWork.unit(member, in: year(.inProgress, signed: [member: "2026-01-20"], registered: [member: "2026-03-01"]),
                                     today: day("2026-03-02"))
        let registration = items.first { $0.kind == .register }!
        #expect(registration.done && registration.overdue && registration.text.hasSuffix("(sau hạn)"))
    }

    @Test func onlyWhatTheYearsStepStillAllowsIsAsked() {
        // The pact is locked and scoring has begun: no signature, no registration is asked for.
        let items = PendingWork.unit(member, in: year(.scoring), today: day("2026-12-01"))
        #expect(items.map(\.kind) == [.selfScore])
        #expect(items[0].overdue, "self-scoring was due on 30/11")
        // An extension moves the unit's own deadline.
        let extended = PendingWork.unit(member, in: year(.scoring, sheets: [member: .init(status: .draft, extendedTo: day("2026-12-05"))]),
                                        today: day("2026-12-01"))
        #expect(!extended[0].overdue && extended[0].deadline == day("2026-12-05"))
        let returned = PendingWork.unit(member, in: year(.scoring, sheets: [member: .init(status: .returned)]), today: day("2026-11-01"))
        #expect(returned.map(\.kind) == [.sheetReturned] && PendingWork.count(returned) == 1)
        let submitted = PendingWork.unit(member, in: year(.scoring, sheets: [member: .init(status: .submitted)]), today: day("2026-11-01"))
        #expect(submitted.map(\.done) == [true] && PendingWork.count(submitted) == 0)
        #expect(PendingWork.unit(member, in: year(.closed), today: day("2026-12-31")).isEmpty)
        #expect(PendingWork.unit(UUID(), in: year(.planning), today: day("2026-01-01")).isEmpty, "not a member")
    }

    @Test func theHeadSeesTheUnitsNotSignedAndNotRegisteredByName() {
        let items = PendingWork.head(head, in: year(.planning, signed: [head: "2026-01-20", deputy: "2026-01-20"],
                                                    registered: [head: "2026-02-01"]), today: day("2026-01-25"))
        #expect(items.map(\.kind) == [.unsignedMembers, .unregisteredMembers, .nextConference])
        #expect(items[0].text == "2 đơn vị chưa ký giao ước: Thanh tra tỉnh, Văn phòng UBND tỉnh" && items[0].overdue)
        #expect(items[1].text == "3 đơn vị chưa đăng ký thi đua: Sở Tư pháp, Thanh tra tỉnh, Văn phòng UBND tỉnh" && !items[1].overdue)
        #expect(PendingWork.count(items) == 2, "the conference's date is news, not work")
        let all = [head, deputy, member, other].reduce(into: [UUID: String]()) { $0[$1] = "2026-01-20" }
        let ready = PendingWork.head(head, in: year(.planning, signed: all, registered: all), today: day("2026-01-21"))
        #expect(ready.map(\.kind) == [.lockPact, .nextConference])
        #expect(PendingWork.head(member, in: year(.planning), today: day("2026-01-21")).isEmpty, "not the head")
    }

    @Test func theHeadReviewsSubmittedSheetsAndTheDeputyReviewsTheHeads() {
        let sheets: [UUID: YearSnapshot.Sheet] = [head: .init(status: .submitted), deputy: .init(status: .submitted),
                                                 member: .init(status: .final), other: .init(status: .draft)]
        let heads = PendingWork.head(head, in: year(.scoring, sheets: sheets), today: day("2026-12-01"))
        #expect(heads.filter { $0.kind == .reviewSheet }.map(\.target) == [.sheet(bloc: bloc, year: 2026, unit: deputy)])
        #expect(heads.first?.text == "Thẩm định bảng điểm của Sở Tư pháp")
        let deputys = PendingWork.head(deputy, in: year(.scoring, sheets: sheets), today: day("2026-12-01"))
        #expect(deputys.map(\.target) == [.sheet(bloc: bloc, year: 2026, unit: head)])
    }

    @Test func theProvinceSeesLateUnitsJudgedAgainstEachDeadline() {
        let items = PendingWork.lateUnits(in: year(.scoring, signed: [head: "2026-01-20", deputy: "2026-01-20", member: "2026-01-20", other: "2026-01-22"],
                                                   registered: [head: "2026-02-01", deputy: "2026-02-01", member: "2026-02-01", other: "2026-02-01"],
                                                   sheets: [head: .init(status: .final, submittedOn: day("2026-11-29")),
                                                            deputy: .init(status: .submitted, submittedOn: day("2026-12-02")),
                                                            member: .init(status: .draft, extendedTo: day("2026-12-10"))]),
                                          today: day("2026-12-03"))
        #expect(items.map(\.text) == [
            "Khối các cơ quan tổng hợp: 1 đơn vị ký giao ước sau hạn hoặc chưa ký: Văn phòng UBND tỉnh",
            "Khối các cơ quan tổng hợp: 2 đơn vị nộp bảng tự chấm điểm sau hạn hoặc chưa nộp: Sở Tư pháp, Văn phòng UBND tỉnh",
        ])
        #expect(PendingWork.lateUnits(in: year(.closed), today: day("2027-01-01")).isEmpty)
    }

    @Test func theProvinceActsOnProposalsSentReceivedOrAtTheCouncil() {
        let ids = (0..<4).map { _ in UUID() }
        let proposals = [ProposalSnapshot(id: ids[0], title: "Đề nghị tặng Cờ", authorName: "Sở Tài chính", status: .submitted,
                                          submittedOn: day("2026-12-25")),
                         ProposalSnapshot(id: ids[1], title: "Dự thảo", authorName: "Sở Tư pháp", status: .draft),
                         ProposalSnapshot(id: ids[2], title: "Bằng khen", authorName: "Thanh tra tỉnh", status: .atCouncil),
                         ProposalSnapshot(id: ids[3], title: "Xong", authorName: "Thanh tra tỉnh", status: .decided)]
        let items = PendingWork.proposals(proposals)
        #expect(items.map(\.target) == [.proposal(ids[0]), .proposal(ids[2])])
        #expect(items[0].text == "Tiếp nhận tờ trình «Đề nghị tặng Cờ» của Sở Tài chính (gửi ngày 25/12/2026)")
    }

    @Test func yearsAreGroupedInTheOrderOfTheirSteps() {
        let groups = PendingWork.byState([year(.scoring), year(.planning), year(.scoring)])
        #expect(groups.map(\.state) == [.planning, .scoring] && groups.map(\.years.count) == [1, 2])
    }
}
