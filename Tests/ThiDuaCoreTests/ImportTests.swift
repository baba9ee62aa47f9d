import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct ImportTests {
    let province = UUID()

    @Test func csvReadsQuotesSemicolonsAndLineEnds() {
        #expect(CSV.rows("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,2,3\n") == [["a", "b, c", "say \"hi\""], ["1", "2", "3"]])
        #expect(CSV.rows("Tên;Viết tắt\nSở Y tế;SYT") == [["Tên", "Viết tắt"], ["Sở Y tế", "SYT"]])
        #expect(CSV.rows("\"two\nlines\",x") == [["two\nlines", "x"]])
        #expect(CSV.line(["a", "b,c", "d\"e"]) == "a,\"b,c\",\"d\"\"e\"")
    }

    @Test func datesAsOfficesTypeThem() {
        #expect(ImportRules.date("14/02/2020") == LocalDate("2020-02-14"))
        #expect(ImportRules.date(" 2020-02-14 ") == LocalDate("2020-02-14"))
        #expect(ImportRules.date("1-3-2021") == LocalDate("2021-03-01"))
        // Excel serials: 43875 is 14/02/2020; 61 is 1/3/1900, after Excel's phantom 29/2/1900.
        #expect(ImportRules.date("43875") == LocalDate("2020-02-14"))
        #expect(ImportRules.date("61") == LocalDate("1900-03-01"))
        #expect(ImportRules.date("31/02/2020") == nil && ImportRules.date("hôm qua") == nil && ImportRules.date("43875.5") == nil)
    }

    @Test func unitRowsArePreviewedWithEveryProblemAndNothingAcceptedTwice() {
        let rows: [[String]] = [
            [],
            ["  Tên đơn vị ", "Tên viết tắt", "Loại đơn vị", "Cơ quan cấp trên", "Ngày bắt đầu"],
            ["  Sở  Tài chính ".decomposedStringWithCanonicalMapping, "STC", "Cơ quan nhà nước", "UBND tỉnh Lạng Sơn", "01/01/2020"],
            ["", "", "", "", ""],
            ["Sở Tư pháp", "stc", "co quan nha nuoc", "", "43875"],
            ["Sở Xây dựng", "BAO", "Bộ", "", "32/13/2020"],
        ]
        let preview = UnitImport.preview(rows, provinceID: province, shortNamesInProvince: ["BAO"])
        #expect(preview.fileProblems.isEmpty)
        #expect(preview.skipped == 1)
        #expect(preview.rows.map(\.line) == [3, 5, 6])
        let first = preview.rows[0]
        #expect(first.problems.isEmpty)
        #expect(first.item?.name == "Sở Tài chính" && first.item?.kind == .stateAgency)
        #expect(first.notes.contains("chữ có dấu dạng tổ hợp (NFD) đã chuẩn hóa"))
        #expect(preview.rows[1].problems == ["Tên viết tắt «stc» trùng với dòng 3 của tệp."])
        let third = preview.rows[2].problems
        #expect(third.contains { $0.contains("«32/13/2020» không đọc được") })
        #expect(third.contains { $0.contains("Loại đơn vị «Bộ» không có") })
        #expect(third.contains { $0.contains("đã được một đơn vị khác trong tỉnh sử dụng") })
        #expect(!preview.canCommit && preview.accepted.count == 1)
    }

    @Test func aFileWithoutTheRequiredColumnsIsRefusedAsAWhole() {
        let preview = UnitImport.preview([["Họ tên", "Chức vụ"], ["Nguyễn Văn An", "Chuyên viên"]], provinceID: province,
                                         shortNamesInProvince: [])
        #expect(preview.fileProblems.first?.contains("Tệp thiếu cột: Tên đơn vị, Tên viết tắt, Loại đơn vị, Ngày bắt đầu hoạt động") == true)
        #expect(!preview.canCommit)
        #expect(!UnitImport.preview([], provinceID: province, shortNamesInProvince: []).canCommit)
    }

    @Test func cellsTypedInTCVN3FontsAreConvertedHeaderIncluded() {
        // An Excel sheet typed in .VnTime: the cells hold the Latin-1 look-alikes.
        let rows = [["Tªn ®¬n vÞ", "Tªn viÕt t¾t", "Lo¹i ®¬n vÞ", "Ngµy b¾t ®Çu"],
                    ["Ban Tæ chøc TØnh ñy", "BTCTU", "C¬ quan §¶ng", "14/02/2020"]]
        let encoding = LegacyText.detect(rows.joined().joined(separator: " "))
        #expect(encoding == .tcvn3)
        let preview = UnitImport.preview(rows, encoding: encoding, provinceID: province, shortNamesInProvince: [])
        #expect(preview.canCommit)
        #expect(preview.accepted.first?.name == "Ban Tổ chức Tỉnh ủy" && preview.accepted.first?.kind == .partyAgency)
        #expect(preview.rows[0].notes.contains { $0.hasPrefix("chuyển từ bảng mã TCVN3") })
    }

    @Test func peopleRowsFindTheirUnitAndAreCheckedByThePersonRules() {
        let unit = UUID()
        let rows = [["Họ và tên", "Giới tính", "Năm sinh", "Đối tượng", "Số định danh", "Đơn vị", "Chức vụ", "Từ ngày"],
                    ["Nguyễn  Thị Mai", "Nữ", "1985", "Công chức", "001185000001", "STC", "Chuyên viên", "01/07/2025"],
                    ["Trần Văn Hùng", "nam", "1972", "cong chuc", "001185000001", "Sở Tài chính", "Giám đốc Sở", "45839"],
                    ["Lê Văn Ba", "?", "2100", "Công chức", "", "Sở Không Có", "", "01/07/2025"]]
        let preview = PersonImport.preview(rows, units: ["stc": unit, "so tai chinh": unit], currentYear: 2026)
        #expect(preview.rows[0].problems.isEmpty)
        #expect(preview.rows[0].item?.person.fullName == "Nguyễn Thị Mai" && preview.rows[0].item?.assignment.unitID == unit)
        #expect(preview.rows[0].item?.assignment.period.from == LocalDate("2025-07-01"))
        #expect(preview.rows[1].problems == ["Số định danh 001185000001 trùng với dòng 2 của tệp."])
        let third = preview.rows[2].problems
        #expect(third.contains { $0.hasPrefix("Giới tính «?»") } && third.contains { $0.hasPrefix("Không có đơn vị «Sở Không Có»") })
        #expect(third.contains { $0.contains("Năm sinh") } && third.contains { $0.contains("Chức vụ") })
        #expect(!preview.canCommit)
    }
}
