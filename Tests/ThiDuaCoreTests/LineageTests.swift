import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct LineageTests {
    // Ban Tuyên giáo + Ban Dân vận merge on 2025-03-01; the merged board is split on
    // 2026-01-01 into two new boards.
    let propaganda = OrgUnit.mock("Ban Tuyên giáo Tỉnh ủy", to: "2025-02-28")
    let massMobilisation = OrgUnit.mock("Ban Dân vận Tỉnh ủy", to: "2025-02-28")
    let merged = OrgUnit.mock("Ban Tuyên giáo và Dân vận Tỉnh ủy", from: "2025-03-01", to: "2025-12-31")
    let partA = OrgUnit.mock("Ban A", from: "2026-01-01")
    let partB = OrgUnit.mock("Ban B", from: "2026-01-01")

    var merge: ReorganisationEvent {
        ReorganisationEvent(kind: .merge, effectiveDate: .d("2025-03-01"), decisionReference: "QĐ 01-QĐ/TU",
                            sources: [propaganda.id, massMobilisation.id], targets: [merged.id])
    }
    var split: ReorganisationEvent {
        ReorganisationEvent(kind: .split, effectiveDate: .d("2026-01-01"), decisionReference: "QĐ 02-QĐ/TU",
                            sources: [merged.id], targets: [partA.id, partB.id])
    }
    var lineage: Lineage { Lineage(events: [split, merge]) }

    @Test func successorsFollowMergeThenSplit() {
        let links = lineage.successors(of: propaganda.id)
        #expect(links.map(\.to) == [merged.id, partA.id, partB.id])
        #expect(links.map(\.generation) == [1, 2, 2])
        #expect(links.first?.event.kind == .merge)
    }

    @Test func predecessorsWalkBackThroughSplitThenMerge() {
        let links = lineage.predecessors(of: partB.id)
        #expect(links.map(\.to) == [merged.id, propaganda.id, massMobilisation.id])
        #expect(links.map(\.generation) == [1, 2, 2])
    }

    @Test func carriersAsOfDateAtEveryBoundary() {
        #expect(lineage.carriers(of: propaganda.id, on: .d("2025-02-28")) == [propaganda.id])
        #expect(lineage.carriers(of: propaganda.id, on: .d("2025-03-01")) == [merged.id])
        #expect(lineage.carriers(of: propaganda.id, on: .d("2025-12-31")) == [merged.id])
        #expect(lineage.carriers(of: propaganda.id, on: .d("2026-01-01")) == [partA.id, partB.id])
    }

    @Test func absorptionKeepsTheAbsorbingSubject() {
        let ninhThuan = UUID(), khanhHoa = UUID()
        let event = ReorganisationEvent(kind: .merge, effectiveDate: .d("2025-07-01"), decisionReference: "NQ 202/2025/QH15",
                                        sources: [ninhThuan, khanhHoa], targets: [khanhHoa])
        let lineage = Lineage(events: [event])
        #expect(event.endedSources == [ninhThuan])
        #expect(lineage.carriers(of: ninhThuan, on: .d("2025-07-01")) == [khanhHoa])
        #expect(lineage.carriers(of: khanhHoa, on: .d("2025-07-01")) == [khanhHoa])
        #expect(lineage.successors(of: ninhThuan).map(\.to) == [khanhHoa])
        #expect(lineage.successors(of: khanhHoa).isEmpty)
        #expect(lineage.predecessors(of: khanhHoa).map(\.to) == [ninhThuan])
    }

    @Test func renamesAreUndoneForEarlierDates() {
        let unitID = UUID()
        let rename = ReorganisationEvent(kind: .rename, effectiveDate: .d("2025-07-01"), decisionReference: "QĐ 3",
                                         sources: [unitID], targets: [unitID],
                                         previousName: "Báo Ninh Thuận", newName: "Báo và Phát thanh, Truyền hình Ninh Thuận")
        let lineage = Lineage(events: [rename])
        let current = "Báo và Phát thanh, Truyền hình Ninh Thuận"
        #expect(lineage.name(of: unitID, on: .d("2025-06-30"), current: current) == "Báo Ninh Thuận")
        #expect(lineage.name(of: unitID, on: .d("2025-07-01"), current: current) == current)
    }

    @Test func validationRefusesMergeIntoAUnitThatDoesNotExistYet() {
        let late = OrgUnit.mock("Ban mới", from: "2025-06-01")
        let event = ReorganisationEvent(kind: .merge, effectiveDate: .d("2025-03-01"), decisionReference: "QĐ 01",
                                        sources: [propaganda.id, massMobilisation.id], targets: [late.id])
        let subjects = Dictionary(uniqueKeysWithValues: [propaganda, massMobilisation, late].map { ($0.id, $0.lineageSubject) })
        #expect(throws: DomainError.self) { try Reorganisation.validate(event, subjects: subjects) }
        do {
            try Reorganisation.validate(event, subjects: subjects)
        } catch let error as DomainError {
            #expect(error.message.contains("chưa tồn tại vào ngày 01/03/2025"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func validationRefusesRenameBeforeTheUnitExisted() {
        let unit = OrgUnit.mock("Ban Tuyên giáo và Dân vận", from: "2025-03-01")
        let event = ReorganisationEvent(kind: .rename, effectiveDate: .d("2024-12-01"), decisionReference: "QĐ 5",
                                        sources: [unit.id], targets: [unit.id], previousName: unit.name, newName: "Tên khác")
        #expect(throws: DomainError.self) {
            try Reorganisation.validate(event, subjects: [unit.id: unit.lineageSubject])
        }
    }

    @Test func postsAndMembershipsCloseWhenTheirUnitEnds() {
        let ended = Reorganisation.apply(merge, to: propaganda)
        #expect(ended.existence.to == .d("2025-02-28"))
        let person = UUID()
        let open = Assignment(personID: person, unitID: propaganda.id, position: "Chuyên viên",
                              period: DatePeriod(from: .d("2019-01-01")))
        let earlier = Assignment(personID: person, unitID: propaganda.id, position: "Chuyên viên",
                                 period: DatePeriod(from: .d("2015-01-01"), to: .d("2018-12-31")))
        #expect(Reorganisation.closingAssignments([open, earlier], of: ended).map(\.period.to) == [.d("2025-02-28")])
        let membership = Membership(blocID: UUID(), unitID: propaganda.id, period: DatePeriod(from: .d("2020-01-01")))
        #expect(Reorganisation.closingMemberships([membership], of: ended).map(\.period.to) == [.d("2025-02-28")])
    }

    @Test func validationAcceptsTheMergeAndSplit() throws {
        let subjects = Dictionary(uniqueKeysWithValues: [propaganda, massMobilisation, merged, partA, partB].map { ($0.id, $0.lineageSubject) })
        try Reorganisation.validate(merge, subjects: subjects)
        try Reorganisation.validate(split, subjects: subjects)
    }
}

@Suite struct MembershipTests {
    let province = UUID()
    var bloc: Bloc {
        Bloc(provinceID: province, kind: .bloc, name: "Khối thi đua các cơ quan Đảng tỉnh",
             validity: DatePeriod(from: .d("2020-01-01")))
    }

    @Test func membersAsOfDateAtBoundaries() {
        let bloc = bloc
        let a = Membership(blocID: bloc.id, unitID: UUID(), period: DatePeriod(from: .d("2020-01-01"), to: .d("2025-06-30")))
        let b = Membership(blocID: bloc.id, unitID: UUID(), period: DatePeriod(from: .d("2025-07-01")))
        #expect(Membership.inForce([a, b], on: .d("2025-06-30")).map(\.id) == [a.id])
        #expect(Membership.inForce([a, b], on: .d("2025-07-01")).map(\.id) == [b.id])
        #expect(Membership.inForce([a, b], on: .d("2019-12-31")).isEmpty)
    }

    @Test func overlappingMembershipOfTheSameUnitIsRefused() {
        let bloc = bloc
        let unit = OrgUnit.mock("Văn phòng Tỉnh ủy", province: province)
        let first = Membership(blocID: bloc.id, unitID: unit.id, period: DatePeriod(from: .d("2020-01-01"), to: .d("2022-12-31")))
        let clash = Membership(blocID: bloc.id, unitID: unit.id, period: DatePeriod(from: .d("2022-12-31")))
        let after = Membership(blocID: bloc.id, unitID: unit.id, period: DatePeriod(from: .d("2023-01-01")))
        #expect(throws: DomainError.self) { try Membership.validate(clash, bloc: bloc, unit: unit, others: [first]) }
        #expect(throws: Never.self) { try Membership.validate(after, bloc: bloc, unit: unit, others: [first]) }
    }

    @Test func membershipMustEndWhenTheUnitEnds() {
        let bloc = bloc
        let unit = OrgUnit.mock("Ban Dân vận Tỉnh ủy", to: "2025-02-28", province: province)
        let open = Membership(blocID: bloc.id, unitID: unit.id, period: DatePeriod(from: .d("2020-01-01")))
        #expect(throws: DomainError.self) { try Membership.validate(open, bloc: bloc, unit: unit, others: []) }
    }
}
