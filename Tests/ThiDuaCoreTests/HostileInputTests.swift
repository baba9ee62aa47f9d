import Foundation
import Testing
@testable import ThiDuaCore

/// Numbers and text at their extremes: refused with a message naming the field when typed,
/// and never a trap in arithmetic, whatever is stored.
@Suite struct HostileInputTests {
    let example = WorkedExample()

    // MARK: - Points

    @Test func pointsAreDigitsWithAtMostTwoDecimals() {
        #expect(Points.read("1 0") == .notANumber)
        #expect(Points.read("1e3") == .notANumber)
        #expect(Points.read("0x10") == .notANumber)
        #expect(Points.read("1.000,5") == .notANumber)
        #expect(Points.read("9,") == .notANumber)
        #expect(Points.read("--1") == .notANumber)
        #expect(Points.read("9,125") == .tooPrecise)
        #expect(Points.read(" 9,50 ") == .value(Points(hundredths: 950)))
        #expect(Points.read("9,500") == .value(Points(hundredths: 950)))
        #expect(Points.read("-1,5") == .value(Points(hundredths: -150)))
        #expect(Points.read(",25") == .value(Points(hundredths: 25)))
        #expect(Points.read("100000") == .value(Points.limit))
        #expect(Points.read("-100000,00") == .value(Points.range.lowerBound))
    }

    @Test func pointsTooLargeAreRefusedNotWrapped() {
        #expect(Points.read("92233720368547758,08") == .outOfRange)
        #expect(Points.read("100000,01") == .outOfRange)
        #expect(Points.read("-100001") == .outOfRange)
        #expect(Points.read(String(repeating: "9", count: 5_000)) == .outOfRange)
        var issues = IssueCollector()
        #expect(Points.parse("92233720368547758,08", field: "T1", label: "Điểm thưởng", into: &issues) == nil)
        #expect(issues.issues.map(\.field) == ["T1"])
        #expect(issues.issues.first?.message.contains("vượt giới hạn") == true)
    }

    @Test func pointsFromJSONAreBoundedAndExact() throws {
        struct Box: Decodable { var p: Points }
        func decode(_ json: String) -> Points? { try? JSONDecoder().decode(Box.self, from: Data(json.utf8)).p }
        #expect(decode(#"{"p": 9.5}"#) == Points(hundredths: 950))
        #expect(decode(#"{"p": "9,25"}"#) == Points(hundredths: 925))
        #expect(decode(#"{"p": 92233720368547758.08}"#) == nil)
        #expect(decode(#"{"p": 1e300}"#) == nil)
        #expect(decode(#"{"p": 9.125}"#) == nil)
        #expect(decode(#"{"p": "1 0"}"#) == nil)
    }

    @Test func pointsArithmeticSaturatesInsteadOfTrapping() {
        let most = Points(hundredths: .max), least = Points(hundredths: .min)
        #expect(most + most == most)
        #expect(least + least == least)
        #expect(least - most == least)
        #expect(most - least == most)
        #expect(Points(hundredths: -1).times(1 << 62) == Points(hundredths: -(1 << 62)))
        #expect(Points(hundredths: -100).times(1 << 62) == least)
        #expect(Points(hundredths: 100).times(.max) == most)
        #expect(Points(integerLiteral: .max) == most)
        #expect(least.description == "-92233720368547758,08")
        #expect(Points(rounding: .nan) == .zero)
        #expect(Points(rounding: 1e300) == most)
        #expect(Points(rounding: -1e300) == least)
    }

    // MARK: - Sheets and rankings on any stored value

    @Test func eventsBeyondTheRangeAreRefusedNamingTheItem() {
        let d1 = example.ids["D1"]!
        #expect(throws: DomainError.self) { try SheetRules.validate([d1: ItemScore(events: 1 << 62)], table: example.table) }
        do {
            try SheetRules.validate([d1: ItemScore(events: NumberRange.events.upperBound + 1)], table: example.table)
            Issue.record("10 001 events were accepted")
        } catch let error as DomainError {
            #expect(error.issues.map(\.field) == ["D1"])
        } catch { Issue.record("\(error)") }
        #expect(throws: Never.self) { try SheetRules.validate([d1: ItemScore(events: NumberRange.events.upperBound)], table: example.table) }
    }

    @Test func typedEventsAndPointsOutOfRangeAreRefused() {
        let table = example.table
        for (code, text) in [("D1", "4611686018427387904"), ("D1", "99999999999999999999999"), ("1", "92233720368547758,08"), ("1", "1 0")] {
            do {
                _ = try SheetDraft.parse([(example.ids[code]!, text)], table: table)
                Issue.record("«\(text)» was accepted for \(code)")
            } catch let error as DomainError {
                #expect(error.issues.map(\.field) == [code], "\(text)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func rankingAndTotalsNeverTrapOnStoredExtremes() {
        var table = example.table
        // Stored values no check would let in today: a bonus per event and huge counts.
        let t1 = table.criteria.firstIndex { $0.code == "T1" }!
        table.criteria[t1].perEvent = Points(hundredths: .max)
        table.criteria[t1].maximum = nil
        table.bonusCap = nil
        let d1 = table.criteria.firstIndex { $0.code == "D1" }!
        table.criteria[d1].perEvent = Points(hundredths: .min)
        var sheet = example.sheet("A", [50, 15, 20, 15])
        sheet.values[example.ids["T1"]!] = ItemScore(events: .max)
        sheet.values[example.ids["D1"]!] = ItemScore(points: Points(hundredths: .min), events: 1 << 62)
        sheet.values[example.ids["1"]!] = ItemScore(points: Points(hundredths: .max))
        let other = example.sheet("B", [1, 1, 1, 1], late: .max, absent: .max)
        let result = Ranking.compute(table: table, rules: RankingRules(), sheets: [sheet, other])
        #expect(result.rows.count == 2)
        #expect(result.rows.first { $0.name == "A" }?.deductions == Points(hundredths: .min))
        #expect(result.rows.first { $0.name == "B" }?.deductions == Points(hundredths: .min))
        // 100 base, then the bonus saturates at Int.max, then the deductions bring it to −1.
        #expect(ScoreAnalysis.total(sheet.values, table: table) == Points(hundredths: -1))
        let differences = ScoreAnalysis.differences(table: table, selfValues: [sheet.unitID: sheet.values, other.unitID: other.values],
                                                    reviewed: [other.unitID: sheet.values])
        #expect(differences.count == 2)
    }

    @Test func crossScoringNeverTrapsOnStoredExtremes() {
        let table = example.table
        let item = example.ids["1"]!, unit = UUID()
        let marks: [UUID: CrossScoring.Marks] = [
            UUID(): [unit: [item: Points(hundredths: .max)]],
            UUID(): [unit: [item: Points(hundredths: .max)]],
            UUID(): [unit: [item: Points(hundredths: .min)]],
        ]
        for normalise in [false, true] {
            let result = CrossScoring.aggregate(table: table, marks: marks, normalise: normalise, disagreementPercent: .max)
            #expect(result.reviewers[unit] == 3)
            #expect(result.points[unit]?[item] != nil)
        }
        let flagged = CrossScoring.aggregate(table: table, marks: marks, normalise: false, disagreementPercent: 25)
        #expect(flagged.disagreements.count == 1)
    }

    @Test func tablesWithValuesBeyondTheRangeAreRefused() {
        let huge = try? TableDraft.build(rows: [CriterionRow(code: "1", title: "Chỉ tiêu", kind: "base", maximum: "92233720368547758,08")],
                                         declaredTotal: "92233720368547758,08", bonusCap: nil)
        #expect(huge == nil)
        var table = example.table
        table.criteria[0].maximum = Points(hundredths: .max)
        do {
            try table.validate()
            Issue.record("a stored maximum of Int.max passed")
        } catch let error as DomainError {
            #expect(error.message.contains("vượt giới hạn"))
        } catch { Issue.record("\(error)") }
    }

    @Test func rankingRulesSentWholeAreChecked() {
        #expect(throws: DomainError.self) { try RankingRules(disagreementPercent: .max).validated() }
        #expect(throws: DomainError.self) { try RankingRules(disagreementPercent: 0).validated() }
        #expect(throws: DomainError.self) {
            try RankingRules(bands: [ClassificationBand(minimum: Points(hundredths: .max), label: "Xuất sắc")]).validated()
        }
        #expect(throws: DomainError.self) { try RankingRules(bands: [ClassificationBand(minimum: 90, label: "Xuất\u{202E}sắc")]).validated() }
        #expect(throws: DomainError.self) {
            try RankingRules.parse(variant: nil, tieBreaks: nil, bands: nil, normalise: false, disagreementPercent: "9223372036854775808")
        }
        #expect((try? RankingRules(disagreementPercent: 30).validated())?.disagreementPercent == 30)
    }

    // MARK: - Whole numbers

    @Test func wholeNumbersAreReadWithinTheirRange() {
        var issues = IssueCollector()
        #expect(NumberRange.read("2026", in: NumberRange.year, field: "year", label: "Năm", into: &issues) == 2026)
        #expect(NumberRange.read(" ", in: NumberRange.year, field: "year", label: "Năm", into: &issues) == nil)
        #expect(issues.issues.isEmpty)
        #expect(NumberRange.read("9223372036854775808", in: NumberRange.page, field: "page", label: "Trang", into: &issues) == nil)
        #expect(NumberRange.read("1 0", in: NumberRange.page, field: "per", label: "Số dòng", into: &issues) == nil)
        #expect(NumberRange.read("0", in: NumberRange.page, field: "page", label: "Trang", into: &issues) == nil)
        #expect(issues.issues.map(\.field) == ["page", "per", "page"])
        #expect(throws: DomainError.self) { try NumberRange.nextVersion(after: .max) }
        #expect(throws: DomainError.self) { try NumberRange.nextVersion(after: -1) }
        #expect((try? NumberRange.nextVersion(after: 41)) == 42)
    }

    @Test func theEndsOfTheCalendarDoNotTrap() {
        let last = LocalDate(year: 9999, month: 12, day: 31)!, first = LocalDate(year: 1, month: 1, day: 1)!
        #expect(last.nextDay == last)
        #expect(first.previousDay == first)
        #expect(LocalDate(year: 9998, month: 12, day: 31)!.nextDay == LocalDate(year: 9999, month: 1, day: 1))
    }

    // MARK: - Text

    @Test func namesRefuseControlBidiAndZeroWidthCharacters() {
        for bad in ["Ban\u{0}Tổ chức", "Ban\u{7}", "Ban\u{7F}", "Ban\u{85}x", "Ban\u{202E}cừ", "Ban\u{2066}x\u{2069}",
                    "Ban\u{200B}Tổ", "Ban\u{200D}", "\u{FEFF}Ban", "Ban\u{2060}"] {
            var issues = IssueCollector()
            _ = TextRules.requiredName(bad, field: "name", label: "Tên đơn vị", into: &issues)
            #expect(issues.issues.map(\.field) == ["name"], "\(bad.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(issues.issues.first?.message.hasPrefix("Tên đơn vị chứa ký tự") == true)
        }
        var issues = IssueCollector()
        #expect(TextRules.requiredName("Ban Tổ chức\tTỉnh ủy\r\n", field: "name", label: "Tên", into: &issues) == "Ban Tổ chức Tỉnh ủy")
        #expect(TextRules.optionalText("Ghi chú\ndòng hai", field: "note", label: "Ghi chú", into: &issues) == "Ghi chú dòng hai")
        #expect(issues.issues.isEmpty)
    }

    @Test func reasonsRefuseTheSameCharacters() {
        #expect(throws: DomainError.self) { try SheetRules.next(.submitted, action: .returnToUnit, reason: "Thiếu\u{0} minh chứng") }
        #expect(throws: DomainError.self) { try TableChangeRule.check(state: .inProgress, reason: "Sửa\u{202E}") }
        #expect(throws: DomainError.self) {
            try SheetRules.checkReview([:], reasons: [example.ids["1"]!: "Lý\u{200B}do"], selfValues: [:], table: example.table)
        }
        #expect((try? SheetRules.next(.submitted, action: .returnToUnit, reason: "Thiếu minh chứng")) == .returned)
    }

    @Test func tableRowsRefuseTheSameCharacters() {
        do {
            _ = try TableDraft.build(rows: [CriterionRow(code: "1", title: "Chỉ\u{0}tiêu", kind: "base", maximum: "100")],
                                     declaredTotal: "100", bonusCap: nil)
            Issue.record("a NUL in a title passed")
        } catch let error as DomainError {
            #expect(error.message.contains("ký tự điều khiển"))
        } catch { Issue.record("\(error)") }
    }
}
