import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct YearMachineTests {
    let a = UUID(), b = UUID(), c = UUID()
    var members: Set<UUID> { [a, b, c] }

    @Test func aYearWalksFromPlanningToClosed() throws {
        let facts = YearFacts(members: members, head: a, signed: members, finalSheets: members)
        var state = YearState.planning
        for transition: YearTransition in [.signPact, .start, .reviewMidYear, .openScoring, .holdConference, .submitProposals, .close] {
            state = try YearMachine.apply(transition, to: state, facts: facts)
        }
        #expect(state == .closed)
        // The mid-year review is optional.
        #expect(try YearMachine.apply(.openScoring, to: .inProgress, facts: facts) == .scoring)
    }

    @Test func thePactNeedsAHeadAndEverySignature() {
        #expect(throws: YearError.noHead) {
            try YearMachine.apply(.signPact, to: .planning, facts: YearFacts(members: members, head: nil, signed: members))
        }
        #expect(throws: YearError.incompletePact(unsigned: [c])) {
            try YearMachine.apply(.signPact, to: .planning, facts: YearFacts(members: members, head: a, signed: [a, b]))
        }
    }

    @Test func theConferenceWaitsForEveryFinalSheet() {
        #expect(throws: YearError.incompleteScoring(missing: [b])) {
            try YearMachine.apply(.holdConference, to: .scoring,
                                  facts: YearFacts(members: members, head: a, signed: members, finalSheets: [a, c]))
        }
    }

    /// The conference step is not left, forward or back, while a ballot session is open.
    @Test func theConferenceStepWaitsForEveryBallotSessionToClose() throws {
        let voting = YearFacts(members: members, head: a, signed: members, finalSheets: members, openBallots: 2)
        #expect(throws: YearError.openBallots(count: 2)) { try YearMachine.apply(.submitProposals, to: .conference, facts: voting) }
        #expect(throws: YearError.openBallots(count: 2)) {
            try YearMachine.apply(.reopen, to: .conference, facts: voting, reason: "chấm lại")
        }
        var closed = voting
        closed.openBallots = 0
        #expect(try YearMachine.apply(.submitProposals, to: .conference, facts: closed) == .proposalsSubmitted)
    }

    @Test func stepsCannotBeSkippedAndClosedIsFinal() {
        let facts = YearFacts(members: members, head: a, signed: members, finalSheets: members)
        #expect(throws: YearError.invalidTransition(from: .planning, transition: .holdConference)) {
            try YearMachine.apply(.holdConference, to: .planning, facts: facts)
        }
        #expect(throws: YearError.finalState) { try YearMachine.apply(.reopen, to: .closed, facts: facts, reason: "sửa") }
        #expect(YearMachine.available(from: .inProgress) == [.reviewMidYear, .openScoring, .reopen])
    }

    @Test func goingBackNeedsAReason() throws {
        let facts = YearFacts(members: members, head: a)
        #expect(throws: YearError.reasonRequired) { try YearMachine.apply(.reopen, to: .scoring, facts: facts, reason: "  ") }
        #expect(try YearMachine.apply(.reopen, to: .scoring, facts: facts, reason: "Bổ sung minh chứng") == .inProgress)
        #expect(try YearMachine.apply(.reopen, to: .pactSigned, facts: facts, reason: "Sửa bảng điểm") == .planning)
    }
}

@Suite struct ScoringTableTests {
    /// DOMAIN.md §3, the worked example: four groups for 100 points, bonus capped at 10,
    /// deductions per event, one disqualifier.
    static func workedExample() -> ScoringTable {
        let groups = [("I", "Nhiệm vụ chính trị", 50), ("II", "Xây dựng Đảng, đoàn thể, kỷ luật", 15),
                      ("III", "Phong trào thi đua", 20), ("IV", "Công tác TĐKT, tham gia khối", 15)]
        var criteria: [Criterion] = []
        for (order, (code, title, maximum)) in groups.enumerated() {
            let group = Criterion(code: code, title: title, kind: .group, maximum: Points(integerLiteral: maximum), order: order)
            criteria.append(group)
            criteria.append(Criterion(parentID: group.id, code: "\(code).1", title: "Hoàn thành chỉ tiêu", kind: .base,
                                      maximum: Points(integerLiteral: maximum - 5), evidenceRequired: true))
            criteria.append(Criterion(parentID: group.id, code: "\(code).2", title: "Báo cáo đúng hạn", kind: .base,
                                      maximum: 5, order: 1))
        }
        let bonus = Criterion(code: "V", title: "Điểm thưởng", kind: .group, order: 10)
        criteria += [bonus,
                     Criterion(parentID: bonus.id, code: "V.1", title: "Cờ, Bằng khen cấp Trung ương", kind: .bonus, maximum: 3, perEvent: 3),
                     Criterion(parentID: bonus.id, code: "V.2", title: "Mô hình được nhân rộng", kind: .bonus, maximum: 2, perEvent: 2),
                     Criterion(parentID: bonus.id, code: "V.3", title: "Đăng cai hoạt động của khối", kind: .bonus, maximum: 1, perEvent: 1)]
        let deductions = Criterion(code: "VI", title: "Điểm trừ", kind: .group, order: 11)
        criteria += [deductions,
                     Criterion(parentID: deductions.id, code: "VI.1", title: "Báo cáo chậm", kind: .deduction, perEvent: -1),
                     Criterion(parentID: deductions.id, code: "VI.2", title: "Cán bộ bị cảnh cáo", kind: .deduction, perEvent: -2, cap: -10),
                     Criterion(code: "VII", title: "Chi bộ xếp loại dưới HTTNV", kind: .disqualifier, order: 12)]
        return ScoringTable(criteria: criteria, declaredTotal: 100, bonusCap: 10)
    }

    func messages(_ table: ScoringTable) -> String {
        do {
            try table.validate()
            return ""
        } catch let error as DomainError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func theWorkedExampleIsValid() throws {
        let table = Self.workedExample()
        try table.validate()
        #expect(table.baseTotal(under: nil) == 100)
    }

    @Test func maximaThatDoNotAddUpAreNamed() {
        var table = Self.workedExample()
        let index = table.criteria.firstIndex { $0.code == "II.2" }!
        table.criteria[index].maximum = 6
        let text = messages(table)
        #expect(text.contains("Nhóm «II. Xây dựng Đảng, đoàn thể, kỷ luật» ghi tối đa 15 điểm nhưng các tiêu chí trong nhóm cộng lại 16 điểm."))
        #expect(text.contains("Tổng điểm tối đa các tiêu chí là 101, không khớp tổng điểm của bảng (100)."))
    }

    @Test func bonusOverItsCapAndPositiveDeductionsAreRefused() {
        var table = Self.workedExample()
        table.criteria[table.criteria.firstIndex { $0.code == "V.1" }!].maximum = 12
        table.criteria[table.criteria.firstIndex { $0.code == "VI.1" }!].perEvent = 1
        let text = messages(table)
        #expect(text.contains("vượt mức trần điểm thưởng của cả bảng (10)"))
        #expect(text.contains("Điểm trừ «VI.1. Báo cáo chậm» phải là số âm"))
    }

    @Test func aCycleInTheTreeIsRefused() {
        var table = Self.workedExample()
        let first = table.criteria.firstIndex { $0.code == "I" }!
        let second = table.criteria.firstIndex { $0.code == "II" }!
        table.criteria[first].parentID = table.criteria[second].id
        table.criteria[second].parentID = table.criteria[first].id
        #expect(messages(table).contains("Cây tiêu chí có vòng lặp"))
    }

    @Test func pointsReadVietnameseDecimalsExactly() {
        #expect(Points("0,5") == Points(hundredths: 50))
        #expect(Points("1.25") == Points(hundredths: 125))
        #expect(Points("0,125") == nil)
        #expect(Points("mười") == nil)
        #expect(Points(hundredths: -125).description == "-1,25")
        #expect(Points(hundredths: 50).description == "0,5")
        #expect((Points(10) + Points("0,5")!).description == "10,5")
    }
}
