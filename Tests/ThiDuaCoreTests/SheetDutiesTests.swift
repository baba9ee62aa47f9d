import Foundation
import Testing
@testable import ThiDuaCore

/// Conflicts of interest on a sheet: nobody judges their own unit; the head's sheet goes to
/// the deputy, or to the province where the year names no deputy; members only.
@Suite struct SheetDutiesTests {
    let province = UUID(), head = UUID(), deputy = UUID(), member = UUID(), outsider = UUID()

    func parties(_ unit: UUID, deputy: UUID?, cross: Bool = false) -> SheetParties {
        SheetParties(unit: unit, province: province, head: head, deputy: deputy, members: Set([head, member] + (deputy.map { [$0] } ?? [])),
                     crossScoring: cross)
    }

    @Test func theHeadLeadsTheReviewOfOthersButNeverOfItsOwnSheet() {
        let others = parties(member, deputy: deputy)
        #expect(others.duties(units: [head], provinces: []) == [.leadReviewer])
        #expect(others.duties(units: [deputy], provinces: []) == [.assistant])
        #expect(others.duties(units: [member], provinces: []) == [.owner])
        let own = parties(head, deputy: deputy)
        #expect(own.duties(units: [head], provinces: []) == [.owner])
        #expect(own.duties(units: [deputy], provinces: []) == [.leadReviewer])
        #expect(own.leadReviewer == .unit(deputy))
    }

    @Test func withoutADeputyTheProvinceLeadsTheReviewOfTheHeadsSheet() {
        let own = parties(head, deputy: nil)
        #expect(own.leadReviewer == .province)
        #expect(own.duties(units: [], provinces: [province]) == [.leadReviewer, .province])
        #expect(own.duties(units: [], provinces: [UUID()]).isEmpty)
        #expect(parties(member, deputy: nil).duties(units: [], provinces: [province]) == [.province])
    }

    @Test func eachDutyEntersOnlyItsItems() {
        let sheet = parties(member, deputy: deputy)
        #expect(sheet.reviewScorers([.leadReviewer]) == [.selfScore, .head])
        #expect(sheet.reviewScorers([.province]) == [.province])
        #expect(sheet.reviewScorers([.owner]).isEmpty)
        let cross = parties(member, deputy: deputy, cross: true)
        #expect(cross.duties(units: [head], provinces: []) == [.leadReviewer, .peer])
        #expect(cross.reviewScorers([.leadReviewer, .peer]) == [.selfScore, .head])
        #expect(cross.reviewScorers([.peer]) == [.selfScore])
    }

    @Test func aUnitOutsideTheBlocHasNoDutyAndMayNotScore() {
        let stray = parties(outsider, deputy: deputy)
        #expect(stray.duties(units: [outsider], provinces: [province]).isEmpty)
        let actor = Actor(userID: UUID(), username: "ngoai", roles: [.unitOfficer(unit: outsider)], unitProvinces: [outsider: province])
        let resource = Resource.sheet(unit: outsider, province: province, head: head, deputy: deputy, members: [head, deputy, member],
                                      published: false, crossScoring: false)
        #expect(!Authorization.decide(actor, .scoreOwn, resource).allowed)
        #expect(Authorization.decide(actor, .scoreOwn, resource).reason.contains("không phải thành viên"))
    }

    @Test func nobodyConcludesTheirOwnUnitsSheet() {
        let headOfficer = Actor(userID: UUID(), username: "tk", roles: [.unitOfficer(unit: head)], unitProvinces: [head: province])
        let own = Resource.sheet(unit: head, province: province, head: head, deputy: deputy, members: [head, deputy, member],
                                 published: false, crossScoring: false)
        let other = Resource.sheet(unit: member, province: province, head: head, deputy: deputy, members: [head, deputy, member],
                                   published: false, crossScoring: false)
        #expect(!Authorization.decide(headOfficer, .concludeReview, own).allowed)
        #expect(!Authorization.decide(headOfficer, .review, own).allowed)
        #expect(Authorization.decide(headOfficer, .concludeReview, other).allowed)
    }

    @Test func finalisingNamesTheItemsTheReviewersHaveNotScored() {
        let table = ScoringTable(criteria: [
            Criterion(code: "1", title: "Chuyên môn", kind: .base, maximum: 70, order: 0),
            Criterion(code: "2", title: "Hoạt động khối", kind: .base, maximum: 20, scorer: .head, order: 1),
            Criterion(code: "3", title: "Báo cáo với tỉnh", kind: .base, maximum: 10, scorer: .province, order: 2),
        ], declaredTotal: 100, bonusCap: 0)
        #expect(SheetRules.unscoredByReviewers([:], table: table).map(\.code) == ["2", "3"])
        let done: SheetValues = [table.criteria[1].id: ItemScore(points: 0), table.criteria[2].id: ItemScore(points: 10)]
        #expect(SheetRules.unscoredByReviewers(done, table: table).isEmpty)
        #expect(throws: DomainError.self) { try SheetRules.checkFinalisation([:], table: table, kind: .bloc) }
    }

    @Test func aClustersMessagesSayCumTruong() {
        let table = ScoringTable(criteria: [
            Criterion(code: "2", title: "Hoạt động cụm", kind: .base, maximum: 20, scorer: .head, order: 0),
        ], declaredTotal: 20, bonusCap: 0)
        func message(_ kind: BlocKind) -> String {
            do { try SheetRules.checkFinalisation([:], table: table, kind: kind); return "" } catch let error as DomainError {
                return error.issues.map(\.message).joined()
            } catch { return "" }
        }
        #expect(message(.cluster).contains("(Cụm trưởng chấm)") && !message(.cluster).contains("Trưởng khối"))
        #expect(message(.bloc).contains("(Trưởng khối chấm)"))
        #expect(Scorer.head.reviewerLabel(in: .cluster) == "Cụm trưởng")
        // Who reviews the head's own sheet, said in the cluster's words.
        let (head, deputy, province) = (UUID(), UUID(), UUID())
        let parties = SheetParties(unit: head, province: province, head: head, deputy: deputy, members: [head, deputy],
                                   crossScoring: false, kind: .cluster)
        #expect(parties.reviewRefusal(units: [UUID()], provinces: []) == "Bảng điểm của Cụm trưởng do Cụm phó thẩm định.")
        let outsider = UUID()
        let officer = Actor(userID: UUID(), username: "ngoai", roles: [.unitOfficer(unit: outsider)], unitProvinces: [outsider: province])
        let refusal = Authorization.decide(officer, .review,
                                           .sheet(unit: head, province: province, head: head, deputy: deputy, members: [head, deputy, outsider],
                                                  published: false, crossScoring: false, kind: .cluster))
        #expect(!refusal.allowed && refusal.reason.contains("Cụm phó") && !refusal.reason.contains("khối"))
    }

    @Test func totalsCompareTheUnitsOwnItemsWithTheSameItemsAfterReview() {
        let table = ScoringTable(criteria: [
            Criterion(code: "1", title: "Chuyên môn", kind: .base, maximum: 80, order: 0),
            Criterion(code: "2", title: "Hoạt động khối", kind: .base, maximum: 20, scorer: .head, order: 1),
        ], declaredTotal: 100, bonusCap: 0)
        let own: SheetValues = [table.criteria[0].id: ItemScore(points: 75)]
        let merged = SheetRules.merged(own: own, official: [table.criteria[0].id: ItemScore(points: 70), table.criteria[1].id: ItemScore(points: 18)])
        let totals = SheetTotals(table: table, own: own, merged: merged)
        #expect(totals.selfScored == 75 && totals.reviewedSelfItems == 70 && totals.total == 88)
    }
}
