import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct RankingTests {
    let example = WorkedExample()

    @Test func theWorkedExampleOfTheDomainRanksAsPublished() throws {
        try example.table.validate()
        let sheets = [
            example.sheet("Báo tỉnh", [46, 14, 17, 13], bonus: ["T3": 1], late: 1, absent: 1),
            example.sheet("Ban Tổ chức TU", [49, 15, 19, 14], bonus: ["T1": 3, "T3": 1]),
            example.sheet("UBKT TU", [47, 14, 18, 14], bonus: ["T2": 2]),
            example.sheet("Văn phòng TU", [48, 15, 18, 15], bonus: ["T1": 3], late: 1),
        ]
        let result = Ranking.compute(table: example.table, rules: RankingRules(), sheets: sheets)
        #expect(result.rows.map(\.name) == ["Ban Tổ chức TU", "Văn phòng TU", "UBKT TU", "Báo tỉnh"])
        #expect(result.rows.map(\.final) == [101, 98, 95, 89])
        #expect(result.rows.map(\.rank) == [1, 2, 3, 4])
        #expect(result.rows[0].groups.map(\.points) == [49, 15, 19, 14])
        #expect(result.rows[3].bonus == 1 && result.rows[3].deductions == -2)
        #expect(result.rows.map(\.classification) == ["Xuất sắc", "Xuất sắc", "Xuất sắc", "Tốt"])
        #expect(result.leader == sheets[1].unitID)
        #expect(result.ties.isEmpty)
    }

    @Test func bonusIsCappedPerItemAndForTheTable() {
        var table = example.table
        table.bonusCap = 4
        let sheet = example.sheet("A", [40, 10, 10, 10], bonus: ["T1": 9, "T2": 2, "T3": 1])
        let row = Ranking.compute(table: table, rules: RankingRules(), sheets: [sheet]).rows[0]
        // T1 capped at its 3, then the table's cap of 4 on 3 + 2 + 1.
        #expect(row.bonus == 4)
        #expect(row.final == 74)
    }

    @Test func deductionsRespectTheirCap() {
        var table = example.table
        let index = table.criteria.firstIndex { $0.code == "D1" }!
        table.criteria[index].cap = -2
        let row = Ranking.compute(table: table, rules: RankingRules(), sheets: [example.sheet("A", [40, 10, 10, 10], late: 5)]).rows[0]
        #expect(row.deductions == -2)
    }

    @Test func tiesBreakByBonusThenDeductionsAndOtherwiseStayTied() {
        let a = example.sheet("Đơn vị A", [45, 15, 15, 15], bonus: ["T1": 2])             // 92, bonus 2
        let b = example.sheet("Đơn vị B", [46, 15, 15, 15], bonus: ["T3": 1])             // 92, bonus 1
        let c = example.sheet("Đơn vị C", [47, 15, 15, 15], bonus: ["T1": 1], late: 1)    // 92, bonus 1, −1
        let d = example.sheet("Đơn vị Đ", [46, 15, 15, 15], bonus: ["T4": 1])             // same as B
        let result = Ranking.compute(table: example.table, rules: RankingRules(), sheets: [c, d, b, a])
        #expect(result.rows.map(\.name) == ["Đơn vị A", "Đơn vị B", "Đơn vị Đ", "Đơn vị C"])
        #expect(result.rows.map(\.rank) == [1, 2, 2, 4])
        #expect(result.ties == [[b.unitID, d.unitID]])
        // Without tie-breaks, all four stay tied and no leader is named: the ballot decides.
        let plain = Ranking.compute(table: example.table, rules: RankingRules(tieBreaks: []), sheets: [a, b, c, d])
        #expect(plain.rows.allSatisfy { $0.rank == 1 && $0.tied })
        #expect(plain.leader == nil)
    }

    @Test func aDisqualifiedUnitIsRankedButCannotLead() {
        let first = example.sheet("Ban Tổ chức TU", [49, 15, 19, 14], disqualified: true)
        let second = example.sheet("Văn phòng TU", [48, 15, 18, 15])
        let result = Ranking.compute(table: example.table, rules: RankingRules(), sheets: [first, second])
        #expect(result.rows[0].unitID == first.unitID && result.rows[0].disqualifiers == ["L1"])
        #expect(!result.rows[0].canLead)
        #expect(result.leader == second.unitID)
    }

    @Test func rulesAreReadFromAFormAndBadOnesNamed() throws {
        let rules = try RankingRules.parse(variant: "cross", tieBreaks: "fewer_deductions, more_bonus",
                                           bands: "90 Hoàn thành xuất sắc nhiệm vụ; 70 Hoàn thành tốt nhiệm vụ", normalise: true,
                                           disagreementPercent: "30")
        #expect(rules.variant == .crossScoring && rules.normalise && rules.disagreementPercent == 30)
        #expect(rules.tieBreaks == [.fewerDeductions, .moreBonus])
        #expect(rules.bands.map(\.label) == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"])
        #expect(try RankingRules.parse(variant: nil, tieBreaks: "", bands: nil, normalise: false, disagreementPercent: nil).tieBreaks.isEmpty)
        #expect {
            try RankingRules.parse(variant: "vote", tieBreaks: "older_first", bands: "chín mươi Xuất sắc", normalise: false, disagreementPercent: "0")
        } throws: { error in
            let text = (error as? DomainError)?.message ?? ""
            return text.contains("«vote»") && text.contains("«older_first»") && text.contains("«chín mươi Xuất sắc»") && text.contains("từ 1 đến 100")
        }
    }

    @Test func classificationBandsAreConfigurable() {
        let bands = [ClassificationBand(minimum: 90, label: "Hoàn thành xuất sắc nhiệm vụ"),
                     ClassificationBand(minimum: 70, label: "Hoàn thành tốt nhiệm vụ")]
        #expect(Ranking.classify(95, bands: bands) == "Hoàn thành xuất sắc nhiệm vụ")
        #expect(Ranking.classify(Points(hundredths: 8999), bands: bands) == "Hoàn thành tốt nhiệm vụ")
        #expect(Ranking.classify(10, bands: bands) == ClassificationBand.below)
    }
}

@Suite struct SheetRulesTests {
    let example = WorkedExample()

    @Test func valuesOutOfBoundsOrOfTheWrongFormAreRefused() {
        let ids = example.ids
        #expect {
            try SheetRules.validate([ids["1"]!: ItemScore(points: 51), ids["2"]!: ItemScore(points: -1),
                                     ids["D1"]!: ItemScore(points: 2), ids["T1"]!: ItemScore(points: -1)], table: example.table)
        } throws: { error in
            let text = (error as? DomainError)?.message ?? ""
            return text.contains("vượt điểm tối đa 50") && text.contains("không được âm") && text.contains("không nhập điểm cộng")
                && text.contains("Điểm thưởng «T1")
        }
    }

    @Test func submissionNeedsEveryItemRequiredEvidenceAndTheDeadline() {
        let ids = example.ids
        let values: SheetValues = [ids["1"]!: ItemScore(points: 45), ids["2"]!: ItemScore(points: 15),
                                   ids["3"]!: ItemScore(points: 18), ids["4"]!: ItemScore(points: 14)]
        #expect {
            try SheetRules.checkSubmission(values, table: example.table, evidence: [], today: LocalDate("2026-11-20")!,
                                           deadline: LocalDate("2026-11-30"), extendedTo: nil)
        } throws: { ($0 as? DomainError)?.message.contains("bắt buộc có minh chứng") == true }
        #expect(throws: Never.self) {
            try SheetRules.checkSubmission(values, table: example.table, evidence: [ids["1"]!], today: LocalDate("2026-11-20")!,
                                           deadline: LocalDate("2026-11-30"), extendedTo: nil)
        }
        var partial = values
        partial[ids["3"]!] = nil
        #expect(throws: DomainError.self) {
            try SheetRules.checkSubmission(partial, table: example.table, evidence: [ids["1"]!], today: LocalDate("2026-11-20")!,
                                           deadline: nil, extendedTo: nil)
        }
        // Late: refused, unless extended.
        #expect(throws: DomainError.self) {
            try SheetRules.checkSubmission(values, table: example.table, evidence: [ids["1"]!], today: LocalDate("2026-12-02")!,
                                           deadline: LocalDate("2026-11-30"), extendedTo: nil)
        }
        #expect(throws: Never.self) {
            try SheetRules.checkSubmission(values, table: example.table, evidence: [ids["1"]!], today: LocalDate("2026-12-02")!,
                                           deadline: LocalDate("2026-11-30"), extendedTo: LocalDate("2026-12-05"))
        }
    }

    @Test func aReviewChangeNeedsAReason() {
        let ids = example.ids
        let original: SheetValues = [ids["1"]!: ItemScore(points: 50)]
        #expect(throws: DomainError.self) {
            try SheetRules.checkReview([ids["1"]!: ItemScore(points: 45)], reasons: [:], selfValues: original, table: example.table)
        }
        #expect(throws: Never.self) {
            try SheetRules.checkReview([ids["1"]!: ItemScore(points: 45)], reasons: [ids["1"]!: "Chưa đạt chỉ tiêu thu ngân sách"],
                                       selfValues: original, table: example.table)
            try SheetRules.checkReview([ids["1"]!: ItemScore(points: 50)], reasons: [:], selfValues: original, table: example.table)
        }
    }

    @Test func theSheetMovesThroughItsStatesAndReturnsNeedAReason() throws {
        #expect(try SheetRules.next(.draft, action: .submit) == .submitted)
        #expect(throws: DomainError.self) { try SheetRules.next(.submitted, action: .returnToUnit, reason: " ") }
        #expect(try SheetRules.next(.submitted, action: .returnToUnit, reason: "Thiếu minh chứng mục 1") == .returned)
        #expect(try SheetRules.next(.returned, action: .submit) == .submitted)
        #expect(try SheetRules.next(.submitted, action: .finalise) == .final)
        #expect(throws: DomainError.self) { try SheetRules.next(.final, action: .submit) }
    }
}

@Suite struct CrossScoringTests {
    let example = WorkedExample()
    let a = UUID(), b = UUID(), c = UUID()

    @Test func marksAreAveragedSoARecusedReviewerDoesNotPenalise() {
        let item = example.ids["1"]!
        let marks: [UUID: CrossScoring.Marks] = [
            a: [b: [item: 40], c: [item: 44]],
            b: [a: [item: 46], c: [item: 48]],
            c: [a: [item: 42]],                // c recused itself from b
        ]
        let result = CrossScoring.aggregate(table: example.table, marks: marks, normalise: false, disagreementPercent: 100)
        #expect(result.points[a]?[item] == 44)
        #expect(result.points[b]?[item] == 40)     // one reviewer, not a sum that would halve it
        #expect(result.points[c]?[item] == 46)
        #expect(result.reviewers[b] == 1)
        #expect(throws: DomainError.self) { try CrossScoring.validate(reviewer: a, marks: [a: [item: 50]]) }
    }

    @Test func normalisationEvensOutAHarshReviewerAndLargeGapsAreFlagged() {
        let item = example.ids["1"]!
        let harsh = UUID(), lenient = UUID()
        let units = (0..<6).map { _ in UUID() }
        // Each reviewer marks three units; the harsh one 20 points below the lenient one.
        let marks: [UUID: CrossScoring.Marks] = [
            harsh: [units[0]: [item: 20], units[1]: [item: 25], units[2]: [item: 30]],
            lenient: [units[3]: [item: 40], units[4]: [item: 45], units[5]: [item: 50]],
        ]
        let raw = CrossScoring.aggregate(table: example.table, marks: marks, normalise: false, disagreementPercent: 25)
        let normalised = CrossScoring.aggregate(table: example.table, marks: marks, normalise: true, disagreementPercent: 25)
        #expect(raw.points[units[1]]![item]! == 25 && raw.points[units[4]]![item]! == 45)
        // The middle unit of each reviewer ends level, at the pooled mean.
        #expect(normalised.points[units[1]]![item]! == normalised.points[units[4]]![item]!)
        #expect(normalised.points[units[1]]![item]! == 35)
        #expect(normalised.points[units[0]]![item]! < normalised.points[units[1]]![item]!)
        // Two reviewers 20 apart on a 50-point item (40 %) are flagged for the head.
        let split: [UUID: CrossScoring.Marks] = [harsh: [units[0]: [item: 20]], lenient: [units[0]: [item: 40]]]
        let flagged = CrossScoring.aggregate(table: example.table, marks: split, normalise: false, disagreementPercent: 25)
        #expect(flagged.disagreements.map(\.unitID) == [units[0]])
        #expect(flagged.points[units[0]]![item]! == 30)
    }
}

@Suite struct EvidenceKindTests {
    @Test func kindsAreToldByContentNotByName() throws {
        let pdf = Data("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< >>\nendobj\n%%EOF\n".utf8)
        #expect(try EvidenceKind.check(pdf, name: "bao-cao.pdf", limit: 1_000) == .pdf)
        let text = Data("Đây không phải PDF".utf8)
        #expect {
            try EvidenceKind.check(text, name: "bao-cao.pdf", limit: 1_000)
        } throws: { ($0 as? DomainError)?.message.contains("tên tệp ghi .pdf nhưng nội dung không phải") == true }
        #expect {
            try EvidenceKind.check(Data(count: 2_000), name: "lon.pdf", limit: 1_000)
        } throws: { ($0 as? DomainError)?.message.contains("vượt giới hạn") == true }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        #expect(throws: DomainError.self) { try EvidenceKind.check(png, name: "anh.pdf", limit: 1_000) }
        // The entries of the ZIP's directory tell, not the bytes the file happens to hold
        // (EvidenceTests has the hostile packages).
        let docx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....[Content_Types].xml....word/document.xml".utf8)
        #expect(EvidenceKind.detect(docx) == nil)
        #expect(EvidenceKind.detect(ZipBuilder.docx().build()) == .docx)
        var xlsx = ZipBuilder()
        xlsx.add("[Content_Types].xml")
        xlsx.add("xl/workbook.xml")
        #expect(EvidenceKind.detect(xlsx.build()) == .xlsx)
        #expect(EvidenceKind.detect(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) == nil)
    }
}
