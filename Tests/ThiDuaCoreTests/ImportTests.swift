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

    /// A post in a unit before it was founded is refused in the preview, as the write would.
    @Test func aPostBeforeItsUnitWasFoundedIsRefusedInThePreview() {
        // Setup: a unit founded on 1/7/2025 (a merger).
        let unit = OrgUnit(provinceID: province, name: "Sở Tài chính", shortName: "STC", kind: .stateAgency,
                           existence: DatePeriod(from: LocalDate("2025-07-01")!))
        let rows = [["Họ và tên", "Giới tính", "Năm sinh", "Đối tượng", "Đơn vị", "Chức vụ", "Từ ngày"],
                    ["Nguyễn Thị Mai", "Nữ", "1985", "Công chức", "STC", "Chuyên viên", "01/03/2024"],
                    ["Trần Văn Hùng", "Nam", "1972", "Công chức", "STC", "Giám đốc Sở", "01/07/2025"]]

        // Act
        let preview = PersonImport.preview(rows, units: ["stc": unit.id], unitsByID: [unit.id: unit], currentYear: 2026)

        // Check
        #expect(preview.rows[0].problems == ["Đơn vị «Sở Tài chính» không hoạt động vào ngày 01/03/2024."])
        #expect(preview.rows[1].problems.isEmpty && !preview.canCommit)
    }

    /// A file imported twice, or naming someone entered by hand, makes no twins.
    @Test func peopleAlreadyRegisteredAreRefusedRowByRow() {
        let unit = UUID(), other = UUID()
        let known = [PersonImport.Known(fullName: "Nguyễn Thị Mai", birthYear: 1985, nationalID: nil, unitID: unit, unitName: "Sở Tài chính"),
                     PersonImport.Known(fullName: "Trần Văn Hùng", birthYear: 1972, nationalID: "001172000002", unitID: other, unitName: "Sở Y tế")]
        let rows = [["Họ và tên", "Giới tính", "Năm sinh", "Đối tượng", "Số định danh", "Đơn vị", "Chức vụ", "Từ ngày"],
                    ["nguyễn thị  mai", "Nữ", "1985", "Công chức", "", "STC", "Chuyên viên", "01/07/2025"],
                    ["Trần Văn Hùng", "Nam", "1972", "Công chức", "001172000002", "STC", "Phó Giám đốc", "01/07/2025"],
                    ["Nguyễn Thị Mai", "Nữ", "1990", "Công chức", "", "STC", "Chuyên viên", "01/07/2025"],
                    ["Lê Thu Hà", "Nữ", "1991", "Công chức", "", "STC", "Chuyên viên", "01/07/2025"],
                    ["Lê Thu Hà", "Nữ", "1991", "Công chức", "", "STC", "Kế toán", "01/07/2025"],
                    ["Lê Thu Hà", "Nữ", "1991", "Công chức", "001191000009", "STC", "Kế toán", "01/07/2025"]]
        let preview = PersonImport.preview(rows, units: ["stc": unit], known: known, currentYear: 2026)
        #expect(preview.rows[0].problems == ["«Nguyễn Thị Mai», sinh năm 1985 đã có trong danh mục của Sở Tài chính. "
                                             + "Nếu là người khác cùng tên, ghi số định danh cá nhân để phân biệt."])
        #expect(preview.rows[1].problems == ["Số định danh 001172000002 đã có trong danh mục: «Trần Văn Hùng», Sở Y tế. Không nhập lại."])
        #expect(preview.rows[2].problems.isEmpty, "another birth year: another person")
        #expect(preview.rows[3].problems.isEmpty)
        #expect(preview.rows[4].problems == ["«Lê Thu Hà», sinh năm 1991 trùng với dòng 5 của tệp (cùng đơn vị). Nếu là hai người, ghi số định danh cá nhân."])
        #expect(preview.rows[5].problems.isEmpty, "a national ID tells a namesake apart")
    }

    /// A collective is awarded only while it exists: a past decision dated after its merger
    /// (or before it was founded) is refused with the dates it was active.
    @Test func aPastAwardOfAUnitThatNoLongerExistedIsRefused() {
        let office = UUID()
        let existence = [office: (name: "Văn phòng Tỉnh ủy", period: DatePeriod(from: LocalDate("2000-01-01")!, to: LocalDate("2025-06-30")!))]
        let rows: [[String]] = [
            ["Tập thể, cá nhân được khen", "Đơn vị", "Danh hiệu, hình thức", "Năm", "Số quyết định", "Ngày quyết định"],
            ["Văn phòng Tỉnh ủy", "VPTU", "Tập thể lao động tiên tiến", "2024", "3/QĐ", "10/01/2025"],
            ["Văn phòng Tỉnh ủy", "VPTU", "Tập thể lao động tiên tiến", "2025", "4/QĐ", "10/01/2026"],
            ["Văn phòng Tỉnh ủy", "VPTU", "Tập thể lao động tiên tiến", "1999", "5/QĐ", "10/01/1999"],
        ]
        let preview = AwardHistoryImport.preview(rows, recipients: ImportRecipients(units: ["vptu": office], people: []), existence: existence, catalogue: .standard,
                                                 recorded: [], today: LocalDate("2026-12-01")!)
        #expect(preview.rows[0].problems.isEmpty && preview.rows[0].item?.subjectID == office)
        #expect(preview.rows[1].problems == ["«Văn phòng Tỉnh ủy» không hoạt động vào ngày 10/01/2026 (hoạt động từ 01/01/2000 đến 30/06/2025): "
                                             + "không ghi khen thưởng được."])
        #expect(preview.rows[2].problems.count == 1 && preview.rows[2].problems[0].contains("không hoạt động vào ngày 10/01/1999"))
        #expect(!preview.canCommit)
    }

    /// Khen thưởng đã có: who is found how, and every row that cannot be recorded says why.
    @Test func pastAwardsFindTheirRecipientsAndRefuseWhatCannotBeRecorded() {
        let (school, office) = (UUID(), UUID())
        let units = [VietnameseText.searchKey("Trường Chính trị"): school, VietnameseText.searchKey("TCT"): school,
                     VietnameseText.searchKey("Văn phòng Tỉnh ủy"): office]
        let an = ImportRecipients.Person(id: UUID(), fullName: "Nguyễn Văn An", nationalID: "020080001234", gender: .male,
                                               units: [school])
        let binh1 = ImportRecipients.Person(id: UUID(), fullName: "Lê Thị Bình", nationalID: nil, gender: .female, units: [office])
        let binh2 = ImportRecipients.Person(id: UUID(), fullName: "Lê Thị Bình", nationalID: nil, gender: .female, units: [office])
        let chi = ImportRecipients.Person(id: UUID(), fullName: "Trần Thị Chi", nationalID: nil, gender: .female, units: [school])
        let recorded: Set = [AwardHistoryImport.key(subjectID: chi.id, code: .advancedWorker, year: 2022)]
        let rows: [[String]] = [
            ["Tập thể, cá nhân được khen", "Đơn vị", "Số định danh", "Danh hiệu, hình thức", "Năm", "Số quyết định", "Ngày quyết định",
             "Năm làm căn cứ"],
            ["Trường Chính trị", "TCT", "", "Bằng khen của Chủ tịch UBND tỉnh", "2023", "245/QĐ-UBND", "15/02/2024", "2022, 2023"],
            ["nguyen van an", "Trường Chính trị", "", "Chiến sĩ thi đua cơ sở", "2023", "12/QĐ-TCT", "45306", ""],
            ["Nguyễn Văn An", "TCT", "020080001234", "Bằng khen của Chủ tịch UBND tỉnh", "2023", "245/QĐ-UBND", "15/02/2024", ""],
            ["Lê Thị Bình", "Văn phòng Tỉnh ủy", "", "Lao động tiên tiến", "2023", "8/QĐ-VPTU", "10/01/2024", ""],
            ["Trần Thị Chi", "TCT", "", "Lao động tiên tiến", "2022", "9/QĐ-TCT", "10/01/2023", ""],
            ["Trường Chính trị", "TCT", "", "Huy chương vàng", "2023", "1/QĐ", "10/01/2024", ""],
            ["Trường Chính trị", "TCT", "", "Tập thể lao động xuất sắc", "2024", "2/QĐ", "10/01/2023", ""],
            ["Trường Chính trị", "TCT", "", "Bằng khen của Chủ tịch UBND tỉnh", "2023", "245/QĐ-UBND", "15/02/2024", ""],
            ["Trường Chính trị", "Sở Mới", "", "Tập thể lao động tiên tiến", "20233", "", "ngày mai", "năm ngoái"],
        ]
        let preview = AwardHistoryImport.preview(rows, recipients: ImportRecipients(units: units, people: [an, binh1, binh2, chi]), catalogue: .standard,
                                                 recorded: recorded, today: LocalDate("2026-12-01")!)
        let lines = Dictionary(uniqueKeysWithValues: preview.rows.map { ($0.line, $0) })

        // The collective by its unit; the person by name within their unit, or by their number.
        #expect(lines[2]?.item == .init(subject: .collective, subjectID: school, unitID: school, gender: nil,
                                        code: .provinceMeritCollective, year: 2023, decisionNumber: "245/QĐ-UBND",
                                        decisionDate: LocalDate("2024-02-15")!, basisYears: [2022, 2023]))
        #expect(lines[3]?.item?.subjectID == an.id && lines[3]?.item?.code == .baseEmulationSoldier
                && lines[3]?.item?.decisionDate == LocalDate("2024-01-15") && lines[3]?.item?.gender == .male)
        #expect(lines[4]?.item?.subjectID == an.id && lines[4]?.item?.code == .provinceMeritIndividual)
        // Two people of one name in one unit: the number is asked for.
        #expect(lines[5]?.problems == ["Đơn vị có 2 cán bộ tên «Lê Thị Bình»: hãy ghi số định danh cá nhân để phân biệt."])
        #expect(lines[6]?.problems.first?.contains("đã có trong hồ sơ khen thưởng") == true)
        #expect(lines[7]?.problems.first?.contains("không có trong danh mục") == true)
        #expect(lines[8]?.problems == ["Quyết định ngày 10/01/2023 có trước năm thành tích 2024."])
        #expect(lines[9]?.problems == ["Trùng với dòng 2 của tệp."])
        // Everything wrong at once is named at once.
        #expect(lines[10]?.problems.count == 5, "\(lines[10]?.problems ?? [])")
        #expect(!preview.canCommit && preview.accepted.count == 3)
    }

    /// Xếp loại đã có: a unit's rating by its name, a person's by name within the unit; the
    /// page's rule (a year worked, a year the unit existed) refuses the rest, and a corrected
    /// file says which rating it replaces.
    @Test func ratingsFindTheirSubjectsAndFollowThePagesRule() {
        let (school, office) = (UUID(), UUID())
        let units = [VietnameseText.searchKey("Trường Chính trị"): school, VietnameseText.searchKey("TCT"): school,
                     VietnameseText.searchKey("Văn phòng Tỉnh ủy"): office]
        let since2020 = DatePeriod(from: LocalDate("2020-01-01")!, to: nil)
        let an = ImportRecipients.Person(id: UUID(), fullName: "Nguyễn Văn An", nationalID: nil, gender: .male, units: [school],
                                         employment: [DatePeriod(from: LocalDate("2022-03-01")!, to: nil)])
        let recipients = ImportRecipients(units: units, people: [an])
        let existence = [school: (name: "Trường Chính trị", period: since2020),
                         office: (name: "Văn phòng Tỉnh ủy", period: DatePeriod(from: LocalDate("2000-01-01")!, to: LocalDate("2025-06-30")!))]
        let recorded = [RatingImport.key(subjectID: school, year: 2023): TaskRating.good,
                        RatingImport.key(subjectID: an.id, year: 2023): TaskRating.excellent]
        let rows: [[String]] = [
            ["Tập thể, cá nhân", "Đơn vị", "Năm", "Xếp loại"],
            ["Trường Chính trị", "", "2024", "HTXSNV"],
            ["nguyen van an", "TCT", "2024", "Hoàn thành tốt nhiệm vụ"],
            ["TCT", "", "2023", "hoan thanh xuat sac nhiem vu"],
            ["Nguyễn Văn An", "Trường Chính trị", "2023", "htxsnv"],
            ["Nguyễn Văn An", "TCT", "2021", "HTNV"],
            ["Văn phòng Tỉnh ủy", "", "2026", "HTNV"],
            ["Trường Chính trị", "", "2024", "HTTNV"],
            ["Trần Thị Chi", "", "2024", "Giỏi"],
            ["Trường Chính trị", "Văn phòng Tỉnh ủy", "2027", "HTNV"],
            ["", "TCT", "2024", "HTNV"],
            ["TCT", "Sở Không Có", "2022", "HTNV"],
            ["Nguyễn Văn An", "TCT", "44561", "HTNV"],
            ["Trường Chính trị", "", "2025.0", "HTNV"],
        ]
        let preview = RatingImport.preview(rows, recipients: recipients, existence: existence, recorded: recorded,
                                           today: LocalDate("2026-12-01")!)
        let lines = Dictionary(uniqueKeysWithValues: preview.rows.map { ($0.line, $0) })

        #expect(lines[2]?.item == .init(subject: .collective, subjectID: school, rating: AnnualRating(year: 2024, rating: .excellent), replaces: nil))
        #expect(lines[3]?.item == .init(subject: .individual, subjectID: an.id, rating: AnnualRating(year: 2024, rating: .good), replaces: nil))
        // A corrected rating replaces the one on record, and the preview says so; the same one changes nothing.
        #expect(lines[4]?.item?.replaces == .good && lines[4]?.notes.contains("Thay xếp loại đã ghi năm 2023 (HTTNV) bằng HTXSNV.") == true)
        #expect(lines[5]?.item?.replaces == nil && lines[5]?.item?.unchanged == true
                && lines[5]?.notes.contains("Đã có xếp loại này năm 2023; không đổi.") == true)
        // The page's rule: a year the person worked, a year the unit existed.
        #expect(lines[6]?.problems == ["Người này không công tác tại đơn vị nào trong năm 2021: không xếp loại được."])
        #expect(lines[7]?.problems == ["Đơn vị chưa thành lập hoặc đã thôi hoạt động trong năm 2026: không xếp loại được."])
        #expect(lines[8]?.problems == ["Trùng với dòng 2 của tệp (mỗi năm một xếp loại)."])
        #expect(lines[9]?.problems.count == 2, "\(lines[9]?.problems ?? [])")
        #expect(lines[10]?.problems.count == 2, "\(lines[10]?.problems ?? [])")
        // An empty recipient, a unit column naming no unit, a date typed where the year goes: each said plainly.
        #expect(lines[11]?.problems == ["Cột «Tập thể, cá nhân» trống: ghi tên đơn vị hoặc họ tên cán bộ."])
        #expect(lines[12]?.problems == ["Không có đơn vị «Sở Không Có» trong tỉnh (cột Đơn vị; với tập thể có thể để trống)."])
        #expect(lines[13]?.problems == ["Ô năm «44561» là một ô ngày của Excel (31/12/2021); hãy ghi năm, như 2021."])
        #expect(lines[14]?.item?.rating == AnnualRating(year: 2025, rating: .completed))
        #expect(!preview.canCommit && preview.accepted.count == 5)
        #expect(RatingImport.preview([["Tập thể, cá nhân", "Năm", "Xếp loại"]], recipients: recipients, existence: existence, recorded: [:],
                                     today: LocalDate("2026-12-01")!).fileProblems == ["Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."])
        #expect(ImportRules.columnMismatch([["Tập thể", " cá nhân", "Năm", "Xếp loại"], ["TCT", "2024", "HTNV"], ["TCT", "2025", "HTNV"]])?
            .hasPrefix("Dòng tiêu đề có 4 cột nhưng các dòng dữ liệu chỉ có 3 cột") == true)
        #expect(ImportRules.columnMismatch([["Tên", "Năm"], ["TCT", "2024"]]) == nil)
        #expect(RatingImport.rating("K H T N V") == .notCompleted && RatingImport.rating("") == nil)
    }
}
