import Testing
@testable import ThiDuaCore

@Suite struct VietnameseTextTests {

    @Test func searchKeyDropsDiacriticsCaseAndFoldsDStroke() {
        #expect(VietnameseText.searchKey("Ban Tổ chức Tỉnh ủy") == "ban to chuc tinh uy")
        #expect(VietnameseText.searchKey("ĐẶNG Đình Thoảng") == "dang dinh thoang")
        #expect(VietnameseText.searchKey("Ưng Hoàng Phúc") == "ung hoang phuc")
        #expect(VietnameseText.searchKey("Đảng ủy Khối Cơ quan-Doanh nghiệp") == "dang uy khoi co quan doanh nghiep")
        #expect(VietnameseText.searchKey("  Sở Lao động,   Thương binh và Xã hội ") == "so lao dong thuong binh va xa hoi")
    }

    @Test func searchKeyIsTheSameForComposedAndDecomposedInput() {
        let composed = "Ổn định"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars))
        #expect(VietnameseText.searchKey(decomposed) == VietnameseText.searchKey(composed))
        #expect(VietnameseText.searchKey(decomposed) == "on dinh")
    }

    @Test func normalizedComposesAndFoldsSpaces() {
        let decomposed = "Ban  Tuyên giáo\tTỉnh ủy ".decomposedStringWithCanonicalMapping
        let result = VietnameseText.normalized(decomposed)
        #expect(Array(result.unicodeScalars) == Array("Ban Tuyên giáo Tỉnh ủy".unicodeScalars))
        #expect(!VietnameseText.isNFC(decomposed))
        #expect(VietnameseText.isNFC(result))
    }

    @Test func sortKeyPutsDStrokeAfterDAndVowelsInVietnameseOrder() {
        let words = ["Đào", "Dương", "Ân", "Ăn", "An", "Ơn", "Ôn", "On", "Ưng", "Ung", "Xuân", "Yến", "Bình"]
        let sorted = words.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
        #expect(sorted == ["An", "Ăn", "Ân", "Bình", "Dương", "Đào", "On", "Ôn", "Ơn", "Ung", "Ưng", "Xuân", "Yến"])
    }

    @Test func sortKeyOrdersNamesDifferingOnlyByTone() {
        // ngang, huyền, hỏi, ngã, sắc, nặng
        let tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
        #expect(tones.shuffled().sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) } == tones)
        #expect(VietnameseText.sortKey("Ổn") != VietnameseText.sortKey("Ôn"))
        #expect(VietnameseText.sortKey("Ôn") < VietnameseText.sortKey("Ổn"))
    }

    @Test func sortKeyComparesSyllableBySyllable() {
        // A syllable is settled, tone included, before the next one counts.
        #expect(VietnameseText.sortKey("ba b") < VietnameseText.sortKey("bà a"))
        #expect(VietnameseText.sortKey("Ba") < VietnameseText.sortKey("Ba Vì"))
        #expect(VietnameseText.sortKey("Ba Vì") < VietnameseText.sortKey("Bà"))
        #expect(VietnameseText.sortKey("Ba Vì") < VietnameseText.sortKey("Bac"))
    }

    @Test func sortKeyIsCaseInsensitiveAndUsesOnlyDigits() {
        #expect(VietnameseText.sortKey("ĐẶNG") == VietnameseText.sortKey("đặng"))
        #expect(VietnameseText.sortKey("Ban Tổ chức Tỉnh ủy, khóa XIV").allSatisfy { $0.isASCII && $0.isNumber })
    }

    @Test func personSortKeyOrdersByGivenNameThenFamilyName() {
        let people = ["Nguyễn Văn Bình", "Đặng Đình Thoảng", "Trần Thị An", "Lê Văn An", "Đinh Thị Lụa"]
        let sorted = people.sorted { VietnameseText.personSortKey($0) < VietnameseText.personSortKey($1) }
        #expect(sorted == ["Lê Văn An", "Trần Thị An", "Nguyễn Văn Bình", "Đinh Thị Lụa", "Đặng Đình Thoảng"])
    }
}
