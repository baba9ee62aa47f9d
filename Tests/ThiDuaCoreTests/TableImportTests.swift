import Foundation
import Testing
@testable import ThiDuaCore

/// Bảng tiêu chí from an office's file: numbered as printed tables number it.
@Suite struct TableImportTests {
    /// A table as offices print it: a title above the header, a row of column numbers,
    /// numbering that starts again in each section, sub-items, bonus and deduction sections,
    /// a total row, a decimal comma and NFD accents.
    static let printed: [[String]] = [
        ["BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM 2025", "", "", ""],
        ["", "", "", ""],
        ["STT", "Nội dung tiêu chí", "Điểm tối đa", "Đơn vị chấm"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["I.", "THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ", "60", ""],
        ["1", "Hoàn thành chỉ tiêu được giao", "40", ""],
        ["1.1", "Chỉ tiêu chuyên môn", "27,5", "Đơn vị tự chấm"],
        ["1.2", "Chỉ tiêu cải cách hành chính", "12,5", "Sở Nội vụ"],
        ["2", "Chất lượng tham mưu".decomposedStringWithCanonicalMapping, "20", "Trưởng khối chấm"],
        ["", "", "", ""],
        ["II", "CÔNG TÁC THI ĐUA, KHEN THƯỞNG", "40", ""],
        ["1", "Tổ chức phong trào thi đua", "25", "Tự chấm"],
        ["2", "Tham gia hoạt động chung của khối", "15", "Khối trưởng"],
        ["III", "ĐIỂM THƯỞNG (tối đa 5 điểm)", "5", ""],
        ["1", "Được khen thưởng đột xuất", "3", ""],
        ["IV", "ĐIỂM TRỪ", "", ""],
        ["1", "Chậm gửi báo cáo (mỗi lần)", "1", ""],
        ["", "Tổng cộng", "100", ""],
    ]

    @Test func aPrintedTableBecomesTheEditorsRows() throws {
        // Act
        let preview = TableImport.preview(Self.printed)

        // Check: every row reads; numbering restarted per section is qualified by the section.
        #expect(preview.fileProblems.isEmpty && preview.refused.isEmpty, "\(preview.fileProblems) \(preview.refused.map(\.problems))")
        #expect(preview.canCommit)
        #expect(preview.skipped == 2)  // the empty row and the row of column numbers
        let draft = TableImport.draft(preview.accepted)
        #expect(draft.declaredTotal == "100" && draft.bonusCap == "5")
        let byCode = Dictionary(uniqueKeysWithValues: draft.rows.map { ($0.code, $0) })
        #expect(draft.rows.map(\.code) == ["I", "I.1", "I.1.1", "I.1.2", "I.2", "II", "II.1", "II.2", "III.1", "IV.1"])
        #expect(byCode["I.1"]?.kind == "group" && byCode["I.1"]?.parentCode == "I")
        #expect(byCode["I.1.1"]?.parentCode == "I.1" && byCode["I.1.1"]?.maximum == "27,5")
        #expect(byCode["I.1.2"]?.scorer == "province" && byCode["I.2"]?.scorer == "head" && byCode["II.2"]?.scorer == "head")
        #expect(byCode["I.2"]?.title == "Chất lượng tham mưu")
        #expect(byCode["III.1"]?.kind == "bonus" && byCode["III.1"]?.parentCode == nil)
        #expect(byCode["IV.1"]?.kind == "deduction" && byCode["IV.1"]?.perEvent == "-1" && byCode["IV.1"]?.maximum == nil)
        #expect(preview.rows.contains { $0.notes.contains("chữ có dấu dạng tổ hợp (NFD) đã chuẩn hóa") })
        #expect(preview.rows.contains { $0.notes.contains("điểm trừ ghi thành số âm") })
        // The editor's own check accepts it.
        let table = try TableDraft.build(rows: draft.rows, declaredTotal: draft.declaredTotal, bonusCap: draft.bonusCap)
        #expect(table.baseTotal(under: nil) == 100)
    }

    @Test func everyRowsProblemIsShownAndNothingIsAccepted() {
        // Setup: a table typed badly in every way the preview must name.
        let rows: [[String]] = [
            ["STT", "Nội dung tiêu chí", "Điểm tối đa", "Đơn vị chấm"],
            ["I", "Nhiệm vụ chính trị", "60", ""],
            ["1", "Chỉ tiêu chuyên môn", "mười", ""],
            ["2", "Cải cách hành chính", "1000000", ""],
            ["2", "Chuyển đổi số", "10", "Ai đó"],
            ["3.1", "Mục con không có nhóm", "5", ""],
            ["II", "Thi đua, khen thưởng", "40", ""],
            ["4", "Phong trào", "30", ""],
            ["", "Tổng cộng", "95", ""],
        ]

        // Act
        let preview = TableImport.preview(rows)

        // Check
        #expect(!preview.canCommit && preview.accepted.allSatisfy { if case .criterion = $0 { true } else { false } })
        let problems = Dictionary(uniqueKeysWithValues: preview.rows.map { ($0.line, $0.problems.joined(separator: " ")) })
        #expect(problems[3]!.contains("«mười» không phải là số điểm"))
        #expect(problems[4]!.contains("vượt giới hạn"))
        #expect(problems[5]!.contains("Số thứ tự «2» trùng với dòng 4"))
        #expect(problems[5]!.contains("Đơn vị chấm «Ai đó» của tiêu chí 2 không rõ"))
        #expect(problems[6]!.contains("thuộc nhóm «3» nhưng tệp không có dòng «3»"))
        #expect(problems[7]!.contains("Nhóm II ghi tối đa 40 điểm nhưng các tiêu chí trong nhóm cộng lại 30 điểm"))
        #expect(problems[9]!.contains("Dòng tổng cộng ghi 95 điểm"))
    }

    @Test func anEmptyOrHeaderlessFileIsAFileProblem() {
        #expect(TableImport.preview([]).fileProblems == ["Tệp không có dòng nào."])
        let noPoints = TableImport.preview([["STT", "Nội dung"], ["1", "Chỉ tiêu"]])
        #expect(noPoints.fileProblems.first?.contains("Tệp thiếu cột: Điểm tối đa") == true && !noPoints.canCommit)
    }

    @Test func aTableTheEditorRefusesIsRefusedWhole() {
        // Every row reads, but a bonus item above the table's bonus cap is the editor's refusal.
        let rows: [[String]] = [
            ["STT", "Nội dung tiêu chí", "Điểm tối đa"],
            ["1", "Chỉ tiêu", "100"],
            ["II", "Điểm thưởng", "2"],
            ["1", "Sáng kiến", "3"],
        ]
        let preview = TableImport.preview(rows)
        #expect(preview.refused.isEmpty)
        #expect(preview.fileProblems.contains { $0.contains("vượt mức trần điểm thưởng của cả bảng (2)") }, "\(preview.fileProblems)")
        #expect(!preview.canCommit)
    }
}
