import Testing
@testable import ThiDuaCore

/// Strings as old office files hold them, read through Latin-1 (how Windows hands them to
/// Excel), and their Unicode forms. The TCVN3 forms come from glibc's TCVN5712-1 encoder and
/// from published examples; the VNI forms are as the VNI-Times font draws them.
@Suite struct LegacyEncodingTests {

    static let tcvn3: [(String, String)] = [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Së Lao ®éng - Th\u{AD}¬ng binh vµ X· héi", "Sở Lao động - Thương binh và Xã hội"),
        ("NguyÔn V¨n Th¾ng", "Nguyễn Văn Thắng"),
        ("Ban Tuyªn gi¸o vµ D©n vËn", "Ban Tuyên giáo và Dân vận"),
        ("§¶ng ñy Khèi c¸c c¬ quan tØnh", "Đảng ủy Khối các cơ quan tỉnh"),
        ("Tr\u{AD}êng ChÝnh trÞ Hoµng V¨n Thô", "Trường Chính trị Hoàng Văn Thụ"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\u{AD}êng Kh\u{AD}\u{AC}ng", "Mường Khương"),
    ]

    static let vni: [(String, String)] = [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("Nguyeãn Vaên Thaéng", "Nguyễn Văn Thắng"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("UÛY BAN NHAÂN DAÂN TÆNH LAÏNG SÔN", "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"),
        ("Tröôøng Chính trò Hoaøng Vaên Thuï", "Trường Chính trị Hoàng Văn Thụ"),
    ]

    static let unicode = [
        "Cộng hòa xã hội chủ nghĩa Việt Nam", "Xuân Quế", "Giúp già", "Thuê nhà quá xa",
        "Tiên Yên", "Hoà Bình", "Nguyễn Thị Ánh", "Plain ASCII, 2026", "ĐẢNG CỘNG SẢN VIỆT NAM",
    ]

    @Test(arguments: tcvn3)
    func tcvn3TextIsDetectedAndConverted(legacy: String, expected: String) {
        let decoded = LegacyText.toUnicode(legacy)
        #expect(decoded.encoding == .tcvn3)
        #expect(Array(decoded.text.unicodeScalars) == Array(expected.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test(arguments: vni)
    func vniTextIsDetectedAndConverted(legacy: String, expected: String) {
        let decoded = LegacyText.toUnicode(legacy)
        #expect(decoded.encoding == .vni)
        #expect(decoded.text == expected)
    }

    @Test(arguments: unicode)
    func unicodeTextIsLeftAsItIs(text: String) {
        let decoded = LegacyText.toUnicode(text)
        #expect(decoded.encoding == .unicode)
        #expect(decoded.text == text)
    }

    @Test func decomposedUnicodeComesBackComposed() {
        let nfd = "Nguyễn Văn Thắng".decomposedStringWithCanonicalMapping
        let decoded = LegacyText.toUnicode(nfd)
        #expect(decoded.encoding == .unicode)
        #expect(Array(decoded.text.unicodeScalars) == Array("Nguyễn Văn Thắng".unicodeScalars))
    }

    @Test func tcvn3BytesOfACSVAreDecoded() {
        // "Héi ®ång thi ®ua" as the bytes a TCVN3 CSV holds.
        let bytes: [UInt8] = [0x48, 0xE9, 0x69, 0x20, 0xAE, 0xE5, 0x6E, 0x67, 0x20, 0x74, 0x68, 0x69,
                              0x20, 0xAE, 0x75, 0x61]
        let decoded = LegacyText.decode(bytes: bytes)
        #expect(decoded.encoding == .tcvn3)
        #expect(decoded.text == "Hội đồng thi đua")
    }

    @Test func windows1258BytesAreDecoded() {
        // "Việt Nam, Lạng Sơn": ê + combining dot below, a + dot, Ơ as 0xF5 (ơ).
        let bytes: [UInt8] = [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x4E, 0x61, 0x6D, 0x2C, 0x20,
                              0x4C, 0x61, 0xF2, 0x6E, 0x67, 0x20, 0x53, 0xF5, 0x6E]
        let decoded = LegacyText.decode(bytes: bytes)
        #expect(decoded.encoding == .windows1258)
        #expect(decoded.text == "Việt Nam, Lạng Sơn")
    }

    @Test func aWindows1258FileKeepsItsLines() {
        // A CSV saved by Excel as «Vietnamese (Windows)»: two lines, CRLF, tones as combining bytes.
        let bytes: [UInt8] = Array("T".utf8) + [0xEA, 0x6E] + Array(" ".utf8) + [0xF0, 0xF5, 0x6E] + Array(" vi".utf8) + [0xF2]
            + Array(",Ghi chu\r\nS".utf8) + [0xF5, 0xD2] + Array(" T".utf8) + [0xE0] + Array("i chi".utf8) + [0xEC]
            + Array("nh,\r\n".utf8)
        let decoded = LegacyText.decode(bytes: bytes)
        #expect(decoded.encoding == .windows1258)
        #expect(CSV.rows(decoded.text) == [["Tên đơn vị", "Ghi chu"], ["Sở Tài chính", ""]])
    }

    @Test func vniBytesAreDecoded() {
        let bytes = Array("Coäng hoøa".unicodeScalars.map { UInt8($0.value) })
        let decoded = LegacyText.decode(bytes: bytes)
        #expect(decoded.encoding == .vni)
        #expect(decoded.text == "Cộng hòa")
    }

    @Test func utf8WithBOMAndUTF16AreRead() {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array("Lạng Sơn".utf8)
        #expect(LegacyText.decode(bytes: utf8) == .init(text: "Lạng Sơn", encoding: .unicode))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Lạng Sơn".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(LegacyText.decode(bytes: utf16) == .init(text: "Lạng Sơn", encoding: .unicode))
    }
}
