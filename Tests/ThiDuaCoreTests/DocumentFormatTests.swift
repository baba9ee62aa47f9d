import Testing
@testable import ThiDuaCore

@Suite struct DocumentFormatTests {

    @Test func aReportIsIssuedOnlyOnceItHasSomethingToReport() {
        #expect(ReportKind.midYear.issueRefusal(state: .planning)?.contains("đang ở bước «Xây dựng kế hoạch»") == true)
        #expect(ReportKind.midYear.issueRefusal(state: .pactSigned) != nil)
        #expect(ReportKind.midYear.issueRefusal(state: .inProgress) == nil)
        #expect(ReportKind.annual.issueRefusal(state: .scoring)?.contains("từ bước «\(YearState.conference.label)»") == true)
        #expect(YearState.allCases.filter { ReportKind.annual.issueRefusal(state: $0) == nil } == [.conference, .proposalsSubmitted, .closed])
        #expect(FlagHandover.recordRefusal(issuedNumber: nil) == nil)
        #expect(FlagHandover.recordRefusal(issuedNumber: "Số 03-BB/TCT")?.contains("đã phát hành (Số 03-BB/TCT)") == true)
    }

    @Test func numbersFollowEachFormat() {
        #expect(DocumentNumber(sequence: 5, type: .proposal, issuer: "SLĐTBXH").text(.state) == "Số: 05/TTr-SLĐTBXH")
        #expect(DocumentNumber(sequence: 24, type: .report, issuer: "BTCTU").text(.party) == "Số 24-BC/BTCTU")
        #expect(DocumentNumber(sequence: 1, type: .plan, issuer: "TCT").text(.party) == "Số 01-KH/TCT")
        #expect(DocumentNumber(sequence: 10, type: .plan, issuer: "TCT").text(.state) == "Số: 10/KH-TCT")
    }

    @Test func nextNumberFollowsTheHighestAndStopsAtTheEndOfTheRange() throws {
        #expect(try DocumentNumber.next(after: []) == 1)
        #expect(try DocumentNumber.next(after: [1, 3, 2]) == 4)
        #expect(throws: DomainError.self) { try DocumentNumber.next(after: [9999]) }
    }

    @Test func placeAndDateNamesTheProvinceAndPadsDaysAndEarlyMonths() {
        #expect(DocumentFormat.placeAndDate(province: "Lạng Sơn", date: LocalDate("2020-02-14")!)
                == "Lạng Sơn, ngày 14 tháng 02 năm 2020")
        #expect(DocumentFormat.placeAndDate(province: "Tỉnh Kon Tum", date: LocalDate("2026-01-05")!)
                == "Kon Tum, ngày 05 tháng 01 năm 2026")
        #expect(DocumentFormat.placeAndDate(province: "Thành phố Hà Nội", date: LocalDate("2025-11-03")!)
                == "Hà Nội, ngày 03 tháng 11 năm 2025")
        #expect(DocumentFormat.placeAndDate(province: "Ninh Thuận", date: LocalDate("2021-03-09")!)
                == "Ninh Thuận, ngày 09 tháng 3 năm 2021")
    }

    @Test func styleFollowsTheIssuingUnitOnTheDocumentsDate() {
        let before = LocalDate("2024-12-20")!
        let after = LocalDate("2025-07-01")!
        #expect(DocumentFormat.style(kind: .partyAgency, superiorBody: "Tỉnh ủy Lạng Sơn", on: before) == .party)
        #expect(DocumentFormat.style(kind: .stateAgency, superiorBody: nil, on: after) == .state)
        // A radio-television station under the People's Committee wrote as a State body until
        // the press passed to the Tỉnh ủy; the provincial newspaper was always the Party's.
        #expect(DocumentFormat.style(kind: .press, superiorBody: "Ủy ban nhân dân tỉnh Kon Tum", on: before) == .state)
        #expect(DocumentFormat.style(kind: .press, superiorBody: "Ủy ban nhân dân tỉnh Kon Tum", on: after) == .party)
        #expect(DocumentFormat.style(kind: .press, superiorBody: "Tỉnh ủy Lạng Sơn", on: before) == .party)
    }

    @Test func superiorBodyIsTheUnitsOwnOrTheProvincesCommittee() {
        #expect(DocumentFormat.superiorBody("Tỉnh ủy Lạng Sơn", style: .party, province: "Lạng Sơn") == "TỈNH ỦY LẠNG SƠN")
        #expect(DocumentFormat.superiorBody(nil, style: .party, province: "Lạng Sơn") == "TỈNH ỦY LẠNG SƠN")
        #expect(DocumentFormat.superiorBody(" ", style: .state, province: "Tỉnh Kon Tum") == "UBND TỈNH KON TUM")
    }

    @Test func headingLinesAndPrefixesDifferByFormat() {
        let state = DocumentHeading(style: .state, superiorBody: "", issuingBody: "", number: nil, placeAndDate: "")
        let party = DocumentHeading(style: .party, superiorBody: "", issuingBody: "", number: nil, placeAndDate: "")
        #expect(state.titleLines == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
        #expect(party.titleLines == ["ĐẢNG CỘNG SẢN VIỆT NAM"])
        #expect(state.onBehalfPrefix == "TM." && party.onBehalfPrefix == "T/M")
        #expect(state.forHeadPrefix == "KT." && party.forHeadPrefix == "K/T")
    }

    @Test func aPactIsIssuedOnceAndOnlyWhenEveryMemberHasSigned() throws {
        #expect(throws: DomainError.self) { try PactRules.checkIssuable(members: ["Báo Lạng Sơn": true, "Ban Nội chính Tỉnh ủy": false], alreadyIssued: false) }
        #expect(throws: DomainError.self) { try PactRules.checkIssuable(members: ["Báo Lạng Sơn": true], alreadyIssued: true) }
        #expect(throws: DomainError.self) { try PactRules.checkIssuable(members: [:], alreadyIssued: false) }
        try PactRules.checkIssuable(members: ["Báo Lạng Sơn": true], alreadyIssued: false)
    }

    @Test func legalBasisFollowsTheDocumentsDate() {
        #expect(LegalBasis.emulationTexts(on: LocalDate("2020-02-14")!)[1].contains("91/2017/NĐ-CP"))
        #expect(LegalBasis.emulationTexts(on: LocalDate("2024-03-01")!)[1].contains("98/2023/NĐ-CP"))
        #expect(LegalBasis.emulationTexts(on: LocalDate("2025-07-01")!)[1].contains("152/2025/NĐ-CP"))
        #expect(LegalBasis.emulationTexts(on: LocalDate("2023-12-31")!)[0].contains("2003"))
    }

    /// Tờ trình: the request counts collectives and people, the tally each proposed form in
    /// the list's order, with a zero below ten.
    @Test func aProposalCountsItsLinesByFormInTheListsOrder() {
        let lines = [ProposalWording.Line(awardName: "Cờ thi đua của Ủy ban nhân dân tỉnh", collective: true),
                     ProposalWording.Line(awardName: "Lao động tiên tiến", collective: false),
                     ProposalWording.Line(awardName: "Lao động tiên tiến", collective: false),
                     ProposalWording.Line(awardName: "Cờ thi đua của Ủy ban nhân dân tỉnh", collective: true)]
        #expect(ProposalWording.tally(lines) == ["Cờ thi đua của Ủy ban nhân dân tỉnh: 02 tập thể", "Lao động tiên tiến: 02 cá nhân"])
        #expect(ProposalWording.request(author: "Sở Tài chính", province: "Tỉnh Tây Ninh", year: 2026, lines: lines)
                == "Sở Tài chính kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh xét, khen thưởng cho 02 tập thể và 02 cá nhân "
                + "có thành tích xuất sắc trong năm 2026 (danh sách kèm theo), cụ thể:")
        #expect(ProposalWording.request(author: "A", province: "Lạng Sơn", year: 2020, lines: Array(lines.prefix(1))).contains("cho 01 tập thể có"))
        #expect(ProposalWording.tally(Array(repeating: lines[1], count: 12)) == ["Lao động tiên tiến: 12 cá nhân"])
        #expect(ProposalWording.addressee(province: "Tỉnh Lạng Sơn") == "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội vụ).")
    }

    /// A report counts lượt by form, proposed and decided, with a total row and a sentence.
    @Test func aReportCountsAwardsProposedAndDecidedByForm() {
        let flag = ProposalWording.Line(awardName: "Cờ thi đua của Ủy ban nhân dân tỉnh", collective: true)
        let worker = ProposalWording.Line(awardName: "Lao động tiên tiến", collective: false)
        let counts = AwardCounts(proposed: [flag, worker, worker], decided: [flag, worker])
        #expect(counts.rows.map(\.awardName) == [flag.awardName, worker.awardName])
        #expect(counts.rows[1].proposedIndividual == 2 && counts.rows[1].decidedIndividual == 1 && counts.rows[0].decidedCollective == 1)
        #expect(counts.total.proposedCollective + counts.total.proposedIndividual == 3)
        #expect(counts.sentence == "Đề nghị khen thưởng 3 lượt (1 lượt tập thể, 2 lượt cá nhân); được khen thưởng 2 lượt (1 lượt tập thể, 1 lượt cá nhân).")
        #expect(AwardCounts(proposed: [], decided: [worker]).rows.first?.proposedIndividual == 0)
        #expect(ReportWording.limitations(unsigned: [], unregistered: ["Sở A"]) == ["Còn 1 đơn vị chưa đăng ký thi đua: Sở A."])
    }
}
