import Foundation
import Testing
@testable import ThiDuaCore

/// The past years of a bloc that has ended: who may record them, which years, and what a
/// recorded year may hold (issue 14 part 9).
@Suite struct BlocHistoryAuthorizationTests {
    let haNam = UUID(), ninhBinh = UUID(), langSon = UUID()
    let unit = UUID()
    let today = LocalDate(year: 2026, month: 12, day: 1)!
    /// Hà Nam's bloc of Party agencies, 2023 to its end on 30/6/2025.
    let validity = DatePeriod(from: LocalDate(year: 2023, month: 1, day: 1)!, to: LocalDate(year: 2025, month: 6, day: 30)!)

    /// A province's officer; Ninh Bình's inherits Hà Nam (merged into it in 2025).
    func officer(_ province: UUID) -> Actor {
        Actor(userID: UUID(), username: "tinh", roles: [.provincialOfficer(province: province)],
              inheritedProvinces: province == ninhBinh ? [haNam] : [], inheritedOfficerProvinces: province == ninhBinh ? [haNam] : [])
    }

    /// The bloc's past years, the route's resource whatever the year.
    func history(_ year: Int) -> Resource { .blocHistory(province: haNam) }

    func endedBloc(year: Int) -> Resource { .bloc(id: UUID(), province: haNam, ended: true, year: year, head: nil, deputy: nil) }

    @Test func theLiveWorkflowStaysRefusedForAnEndedBloc() {
        // Setup: the province's own officer; act: the live year's actions on an ended bloc.
        for action in [Action.openYear, .leadBloc, .recogniseOffices] {
            let decision = Authorization.decide(officer(haNam), action, endedBloc(year: 2024))
            // Check: refused, with the reason the API has always given.
            #expect(!decision.allowed)
            #expect(decision.reason == "Khối đã hết hiệu lực.")
        }
    }

    @Test func theProvinceAndItsSuccessorRecordThePastYears() {
        for year in 2023...2025 {
            #expect(Authorization.decide(officer(haNam), .recordHistory, history(year)).allowed)
            #expect(Authorization.decide(officer(ninhBinh), .recordHistory, history(year)).allowed)
        }
    }

    @Test func othersAreRefused() {
        let refusal = "Chỉ cán bộ TĐKT của tỉnh có khối (hoặc của tỉnh kế thừa sau sắp xếp) ghi lại được các năm đã qua của khối."
        let unitOfficer = Actor(userID: UUID(), username: "dv", roles: [.unitOfficer(unit: unit)], unitProvinces: [unit: haNam])
        let viewer = Actor(userID: UUID(), username: "xem", roles: [.viewer(province: haNam)], inheritedProvinces: [])
        // A viewer of the successor reads the old province's history, but does not write it.
        let successorViewer = Actor(userID: UUID(), username: "xem2", roles: [.viewer(province: ninhBinh)], inheritedProvinces: [haNam])
        for actor in [officer(langSon), unitOfficer, viewer, successorViewer] {
            let decision = Authorization.decide(actor, .recordHistory, history(2024))
            #expect(!decision.allowed)
            #expect(decision.reason == refusal)
        }
        let admin = Actor(userID: UUID(), username: "admin", roles: [.admin])
        #expect(Authorization.decide(admin, .recordHistory, history(2024)).reason == "Việc ghi lại các năm đã qua của khối thuộc cán bộ TĐKT tỉnh.")
        // Recording history is its own action: it opens nothing of the live year.
        #expect(!Authorization.decide(officer(haNam), .recordHistory, endedBloc(year: 2024)).allowed)
    }

    @Test func aYearOutsideTheValidityOrInTheFutureIsRefused() {
        // Setup: the bloc's validity; act: the years asked; check: Core's reason, nil for a year that may be recorded.
        let outside = "nằm ngoài thời gian hiệu lực của khối (từ 01/01/2023 đến 30/06/2025)."
        #expect(BlocHistory.yearRefusal(2022, validity: validity, today: today) == "Năm 2022 " + outside)
        #expect(BlocHistory.yearRefusal(2026, validity: validity, today: today) == "Năm 2026 " + outside)
        for year in 2023...2025 { #expect(BlocHistory.yearRefusal(year, validity: validity, today: today) == nil) }
        // A bloc still in force: its past years, never this year nor a future one.
        let live = DatePeriod(from: LocalDate(year: 2020, month: 1, day: 1)!)
        #expect(BlocHistory.yearRefusal(2025, validity: live, today: today) == nil)
        #expect(BlocHistory.yearRefusal(2026, validity: live, today: today)
                == "Năm 2026 của khối đang diễn ra: Trưởng khối điều hành trên ThiDua, không ghi lại như năm đã qua.")
        #expect(BlocHistory.yearRefusal(2027, validity: live, today: today) == "Năm 2027 chưa đến: chỉ ghi lại được các năm đã qua.")
        // The use case's form of it: bad input of the field «year», not a missing right.
        #expect(throws: DomainError.invalid(field: "year", "Năm 2022 " + outside)) {
            try BlocHistory.checkYear(2022, validity: validity, today: today)
        }
    }

    @Test func theSuccessorProvinceChecksTheEndedBlocsLists() {
        // Setup: Hà Nam's ended bloc and a unit of it; act: the whole-list check by each province's officer.
        let bloc = endedBloc(year: 2024)
        let unitResource = Resource.unit(id: unit, province: haNam, ended: true)
        // Check: Hà Nam's and its successor's officers may; another province's is told the unit is not its.
        #expect(Authorization.decide(officer(haNam), .checkEligibilityList, bloc).allowed)
        #expect(Authorization.decide(officer(ninhBinh), .checkEligibilityList, bloc).allowed)
        #expect(Authorization.decide(officer(ninhBinh), .checkEligibilityList, unitResource).allowed)
        #expect(!Authorization.decide(officer(langSon), .checkEligibilityList, bloc).allowed)
        #expect(Authorization.decide(officer(langSon), .checkEligibilityList, unitResource).reason
                == "Đơn vị này thuộc tỉnh khác: cán bộ TĐKT tỉnh xét điều kiện cho cán bộ các đơn vị của tỉnh mình.")
        // A viewer of the successor reads the history but checks no list.
        let viewer = Actor(userID: UUID(), username: "xem", roles: [.viewer(province: ninhBinh)], inheritedProvinces: [haNam])
        #expect(!Authorization.decide(viewer, .checkEligibilityList, bloc).allowed)
    }
}

@Suite struct RecordedYearTests {
    let bloc = UUID()
    let a = UUID(), b = UUID(), c = UUID(), outsider = UUID(), leftEarly = UUID()
    let today = LocalDate(year: 2026, month: 12, day: 1)!

    var memberships: [Membership] {
        let period = DatePeriod(from: LocalDate(year: 2023, month: 1, day: 1)!, to: LocalDate(year: 2025, month: 6, day: 30)!)
        return [a, b, c].map { Membership(blocID: bloc, unitID: $0, period: period) }
            + [Membership(blocID: bloc, unitID: leftEarly, period: DatePeriod(from: period.from, to: LocalDate(year: 2023, month: 12, day: 31)!))]
    }
    var names: [UUID: String] { [a: "Ban Tổ chức Tỉnh ủy", b: "Ủy ban Kiểm tra Tỉnh ủy", c: "Văn phòng Tỉnh ủy", leftEarly: "Ban Nội chính Tỉnh ủy"] }

    func record(year: Int = 2024, source: String? = "Báo cáo tổng kết số 15/BC-KTĐ", standings: [BlocHistory.StandingText]? = nil,
                head: String? = nil, deputy: String? = nil, awards: [BlocHistory.AwardText] = [], recorded: Set<String> = []) throws -> RecordedYear {
        try BlocHistory.validated(year: year, source: source,
                                  standings: standings ?? [row(a, "1", "98,5"), row(b, "2", "97"), row(c, "3", nil)],
                                  head: head, deputy: deputy, awards: awards, memberships: memberships, names: names,
                                  catalogue: .standard, recorded: recorded, today: today)
    }

    func row(_ unit: UUID, _ rank: String?, _ points: String?) -> BlocHistory.StandingText {
        BlocHistory.StandingText(unitID: unit.uuidString, rank: rank, points: points)
    }

    func messages(_ body: () throws -> RecordedYear) -> [String] {
        do { _ = try body(); return [] } catch let error as DomainError { return error.issues.map(\.message) } catch { return ["\(error)"] }
    }

    @Test func aReportsRankingHeadAndAwardsAreRead() throws {
        let year = try record(head: a.uuidString, deputy: b.uuidString, awards: [
            .init(unitID: a.uuidString, awardCode: AwardCode.provinceFlag.rawValue, decisionNumber: "120/QĐ-UBND", decisionDate: "15/01/2025"),
            .init(unitID: "", awardCode: "", decisionNumber: " ", decisionDate: nil),
        ])
        #expect(year.standings.map(\.unitID) == [a, b, c])
        #expect(year.standings[0].points == Points(hundredths: 9850))
        #expect(year.standings[2].points == nil)
        #expect(year.head == a && year.deputy == b)
        #expect(year.awards == [RecordedYear.Award(unitID: a, code: .provinceFlag, decisionNumber: "120/QĐ-UBND",
                                                   decisionDate: LocalDate(year: 2025, month: 1, day: 15)!)])
    }

    @Test func badInputIsNamedInVietnamese() {
        #expect(messages { try record(standings: [row(a, "1", nil), row(b, "1", nil)]) }
                == ["Hạng 1 được ghi cho cả «Ban Tổ chức Tỉnh ủy» và «Ủy ban Kiểm tra Tỉnh ủy»; mỗi hạng một đơn vị."])
        #expect(messages { try record(standings: [row(a, "1", nil), row(a, "2", nil)]) }
                == ["Đơn vị «Ban Tổ chức Tỉnh ủy» được ghi hai lần (dòng 1 và dòng 2); mỗi đơn vị một hạng."])
        // A unit that left the bloc at the end of 2023 is no member in 2024; one never was.
        #expect(messages { try record(standings: [row(leftEarly, "1", nil)]) }
                == ["Dòng xếp hạng 1: đơn vị «Ban Nội chính Tỉnh ủy» không phải thành viên của khối trong năm 2024."])
        #expect(messages { try record(year: 2023, standings: [row(leftEarly, "1", nil)]) } == [])
        #expect(messages { try record(standings: [row(outsider, "1", nil)]) }.count == 1)
        #expect(messages { try record(standings: [row(a, "99999999999999999999", "1e400")]) }
                == ["Dòng xếp hạng 1: hạng «99999999999999999999» phải từ 1 đến 500.",
                    "Dòng xếp hạng 1: điểm: «1e400» không phải là số điểm (ví dụ 9 hoặc 9,5)."])
        #expect(messages { try record(standings: [row(a, "1", "999999999")]) }
                == ["Dòng xếp hạng 1: điểm: «999999999» vượt giới hạn, điểm chỉ từ -100000 đến 100000."])
        #expect(messages { try record(source: " ", standings: [.init(unitID: nil, rank: nil, points: nil)]) }
                == ["Văn bản làm căn cứ (báo cáo, quyết định của năm đó) không được để trống.",
                    "Hãy ghi xếp hạng của ít nhất một đơn vị thành viên (theo báo cáo tổng kết năm 2024)."])
        #expect(messages { try record(standings: [row(a, "1", "90"), row(b, "2", "95")]) }
                == ["«Ủy ban Kiểm tra Tỉnh ủy» hạng 2 có nhiều điểm hơn «Ban Tổ chức Tỉnh ủy» hạng 1 (95 so với 90): hãy kiểm tra lại báo cáo."])
        #expect(messages { try record(head: a.uuidString, deputy: a.uuidString) } == ["Trưởng khối và Phó trưởng khối phải là hai đơn vị khác nhau."])
    }

    @Test func awardsAreCollectiveSignedAndNotRecordedTwice() {
        func award(_ code: AwardCode, _ date: String) -> BlocHistory.AwardText {
            .init(unitID: a.uuidString, awardCode: code.rawValue, decisionNumber: "12/QĐ-UBND", decisionDate: date)
        }
        #expect(messages { try record(awards: [award(.provinceFlag, "2027-01-10")]) }
                == ["Dòng khen thưởng 1: ngày quyết định 10/01/2027 ở sau hôm nay; chỉ ghi quyết định đã ký."])
        #expect(messages { try record(awards: [award(.provinceFlag, "2023-12-30")]) }
                == ["Dòng khen thưởng 1: quyết định ngày 30/12/2023 có trước năm thành tích 2024."])
        #expect(messages { try record(awards: [award(.provinceMeritIndividual, "2025-01-10")]) }
                == ["Dòng khen thưởng 1: «\(CatalogueName.of(.provinceMeritIndividual))» dành cho cá nhân; kết quả của khối là khen thưởng tập thể."])
        #expect(messages { try record(awards: [award(.provinceFlag, "2025-01-10"), award(.provinceFlag, "2025-01-11")]) }.count == 1)
        let onRecord = AwardHistoryImport.key(subjectID: a, code: .provinceFlag, year: 2024)
        #expect(messages { try record(awards: [award(.provinceFlag, "2025-01-10")], recorded: [onRecord]) }.count == 1)
    }
}

/// The catalogue's name of a form, as messages print it.
enum CatalogueName {
    static func of(_ code: AwardCode) -> String { AwardCatalogue.standard.type(code)?.name ?? code.rawValue }
}

/// A merged unit's places in its blocs: its own, and its predecessors' for the years before it.
@Suite struct CarriedStandingTests {
    @Test func aPredecessorsPlaceCountsWhereTheUnitHasNoneAndTheLowestOfSeveral() {
        // Setup: the unit's own 2025; two predecessors in 2024 (one led, one fourth), one in 2023.
        let own = [BlocStanding(year: 2025, blocName: "Khối A", rank: 2, ballotConfirmed: nil)]
        let first = [BlocStanding(year: 2024, blocName: "Khối B", rank: 1, ballotConfirmed: true),
                     BlocStanding(year: 2025, blocName: "Khối B", rank: 1, ballotConfirmed: true)]
        let second = [BlocStanding(year: 2024, blocName: "Khối C", rank: 4, ballotConfirmed: nil),
                      BlocStanding(year: 2023, blocName: "Khối C", rank: 1, ballotConfirmed: nil)]
        // Act
        let carried = BlocStanding.carried(own: own, predecessors: [first, second])
        // Check: 2025 its own; 2024 the lower place of the two; 2023 the one predecessor's, marked.
        #expect(carried.map(\.year) == [2025, 2023, 2024])
        #expect(carried[0] == own[0])
        #expect(carried[2].rank == 4 && carried[2].blocName == "Khối C (năm của đơn vị trước hợp nhất)")
        #expect(carried[1].rank == 1)
        #expect(BlocStanding.carried(own: own, predecessors: []) == own)
    }
}
