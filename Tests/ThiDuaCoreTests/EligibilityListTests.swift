import Foundation
import Testing
@testable import ThiDuaCore

/// Xét cả danh sách: every line by the single check's rule; filters, order and size bounds.
@Suite struct EligibilityListTests {
    func person(_ name: String, _ rating: TaskRating?) -> RecipientHistory {
        RecipientHistory(subject: .individual, name: name, since: LocalDate("2020-01-01"),
                         ratings: rating.map { [AnnualRating(year: 2025, rating: $0)] } ?? [])
    }

    let day = LocalDate("2026-01-10")!

    func list(_ people: [RecipientHistory]) throws -> EligibilityList {
        try EligibilityList.evaluate(.advancedWorker, year: 2025, on: day, scope: "Cán bộ của Sở Tài chính năm 2025", eligibility: Eligibility(),
                                     recipients: people.map { ($0, "Chuyên viên") })
    }

    @Test func eachLineIsTheSingleChecksExplanation() throws {
        let people = [person("Trần Văn Bình", .good), person("Lê Thị An", .completed), person("Phạm Văn Cường", nil)]
        let result = try list(people)
        for (line, history) in zip(result.lines, people) {
            #expect(line.explanation == (try Eligibility().evaluate(.advancedWorker, for: history, year: 2025, on: day)))
        }
        #expect((result.count(.pass), result.count(.fail), result.count(.review)) == (1, 2, 0))
        #expect(result.awardName == "Lao động tiên tiến")
    }

    @Test func filtersAndOrders() throws {
        let result = try list([person("Trần Văn Bình", .good), person("Lê Thị An", .completed), person("Phạm Văn Cường", nil)])
        // Vietnamese order is by given name: An, Bình, Cường.
        #expect(result.shown(.all, .name).map(\.recipientName) == ["Lê Thị An", "Trần Văn Bình", "Phạm Văn Cường"])
        #expect(result.shown(.all, .outcome).map(\.recipientName) == ["Lê Thị An", "Phạm Văn Cường", "Trần Văn Bình"])
        #expect(result.shown(.pass, .name).map(\.recipientName) == ["Trần Văn Bình"])
        #expect(result.shown(.review, .name).isEmpty)
    }

    @Test func theListsSizeIsBoundedAtBothEnds() throws {
        #expect(throws: DomainError.invalid(field: nil, "Cán bộ: danh sách trống, không có ai để xét.")) {
            try EligibilityList.checkSize(0, scope: "Cán bộ")
        }
        try EligibilityList.checkSize(1, scope: "Cán bộ")
        try EligibilityList.checkSize(EligibilityList.maximum, scope: "Cán bộ")
        #expect(throws: DomainError.invalid(field: nil, "Cán bộ: danh sách có 5001 dòng, quá 5000 dòng một lần xét; hãy xét từng phần.")) {
            try EligibilityList.checkSize(EligibilityList.maximum + 1, scope: "Cán bộ")
        }
    }

    @Test func theTitleIsCheckedOnceForTheWholeList() {
        let catalogue = AwardCatalogue.standard
        #expect(throws: DomainError.self) { try EligibilityList.type(AwardCode("khong_co"), for: .individual, on: day, catalogue: catalogue) }
        #expect(throws: DomainError.self) { try EligibilityList.type(.provinceFlag, for: .individual, on: day, catalogue: catalogue) }
        #expect((try? EligibilityList.type(.provinceFlag, for: .collective, on: day, catalogue: catalogue))?.code == .provinceFlag)
    }

    @Test func aUnitsOfficerChecksItsOwnStaffAndTheHeadItsBloc() {
        let province = UUID(), unit = UUID(), other = UUID()
        let officer = Actor(userID: UUID(), username: "dv", roles: [.unitOfficer(unit: unit)], unitProvinces: [unit: province])
        let provincial = Actor(userID: UUID(), username: "tinh", roles: [.provincialOfficer(province: province)])
        func allowed(_ actor: Actor, _ resource: Resource) -> Bool { Authorization.decide(actor, .checkEligibilityList, resource).allowed }
        #expect(allowed(officer, .unit(id: unit, province: province, ended: false)))
        #expect(!allowed(officer, .unit(id: other, province: province, ended: false)))
        #expect(allowed(provincial, .unit(id: other, province: province, ended: false)))
        #expect(!allowed(provincial, .unit(id: other, province: UUID(), ended: false)))
        let bloc = { (head: UUID?) in Resource.bloc(id: UUID(), province: province, ended: false, year: 2025, head: head, deputy: nil) }
        #expect(allowed(officer, bloc(unit)) && !allowed(officer, bloc(other)) && allowed(provincial, bloc(nil)))
    }
}
