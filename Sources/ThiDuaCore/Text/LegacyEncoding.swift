/// Bảng mã cũ (legacy Vietnamese encodings): the 8-bit encodings offices typed in before Unicode,
/// which still arrive in CSV files and in Excel cells formatted with the old fonts.
///
/// - TCVN3 (ABC, fonts ".VnTime", ".VnArial"): one byte a letter; "Cộng hòa" is stored as
///   "Céng hßa" once Windows reads the bytes as Latin-1.
/// - VNI-Windows (fonts "VNI-Times"): a base letter followed by a mark letter; "Cộng hòa" is
///   "Coäng hoøa".
/// - Windows-1258: base letters with combining tone marks (only in raw bytes, e.g. a CSV).
///
/// An Excel file keeps its cells in Unicode, but a cell typed in a TCVN3 or VNI font holds the
/// Latin-1 look-alikes, so the same conversion applies to text as to bytes.
public enum LegacyEncoding: String, Sendable, CaseIterable, Codable {
    case unicode
    case tcvn3
    case vni
    case windows1258

    /// How the preview page names it.
    public var label: String {
        switch self {
        case .unicode: "Unicode"
        case .tcvn3: "TCVN3 (ABC, phông .VnTime)"
        case .vni: "VNI-Windows (phông VNI-Times)"
        case .windows1258: "Windows-1258"
        }
    }
}

/// Detection and conversion of legacy Vietnamese text to Unicode NFC.
public enum LegacyText {

    /// A text converted, with the encoding it was found in.
    public struct Decoded: Sendable, Equatable {
        public let text: String
        public let encoding: LegacyEncoding
    }

    // MARK: - Bytes (CSV and plain-text files)

    /// Decodes a file's bytes: UTF-8 (with or without BOM) or UTF-16 with BOM, then legacy font
    /// text inside them; otherwise an 8-bit file in TCVN3, VNI-Windows or Windows-1258, whichever
    /// reads as Vietnamese. Unicode comes back as the file has it (the importer normalises each
    /// field and says so); legacy text comes back converted, NFC.
    public static func decode(bytes: [UInt8]) -> Decoded {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return fromUnicodeFile(decodeUTF16(Array(bytes.dropFirst(2)), bigEndian: bytes[0] == 0xFE))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) {
            return fromUnicodeFile(text)
        }
        // Eight bits a character. Windows-1258 needs its own table; TCVN3 and VNI are read
        // through Latin-1, exactly as Windows hands them to Excel.
        let latin1 = String(String.UnicodeScalarView(body.map { windows1252Scalar($0) }))
        let fromFonts = toUnicode(latin1)
        // NFC only: the file's lines and spaces are its structure (normalized() would fold them).
        let cp1258 = String(String.UnicodeScalarView(body.map(windows1258Scalar))).precomposedStringWithCanonicalMapping
        if fromFonts.encoding == .unicode || badness(cp1258) < badness(fromFonts.text) {
            return Decoded(text: cp1258, encoding: .windows1258)
        }
        return fromFonts
    }

    private static func fromUnicodeFile(_ text: String) -> Decoded {
        let encoding = detect(text)
        return Decoded(text: encoding == .unicode ? text : convert(text, from: encoding), encoding: encoding)
    }

    // MARK: - Text (cells of a spreadsheet, fields of a decoded file)

    /// Which encoding a Unicode text was typed in. Decide once for a whole file (join its cells),
    /// since a short cell alone can read either way.
    public static func detect(_ text: String) -> LegacyEncoding {
        var tcvnVotes = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if tcvnOnly.contains(scalar) || isCapitalAfterSmall(scalar, previous) { tcvnVotes += 1 }
            previous = scalar
        }
        let vniVotes = vniPairs(text)
        guard tcvnVotes > 0 || vniVotes > 0 || badness(text) > 0 else { return .unicode }
        let candidate: LegacyEncoding = vniVotes > tcvnVotes ? .vni : .tcvn3
        let converted = convert(text, from: candidate)
        return badness(converted) < badness(text) ? candidate : .unicode
    }

    /// Detects and converts; Unicode text comes back NFC.
    public static func toUnicode(_ text: String) -> Decoded {
        let encoding = detect(text)
        return Decoded(text: convert(text, from: encoding), encoding: encoding)
    }

    /// Converts a text known to be in `encoding` to Unicode NFC (white space kept as it is).
    public static func convert(_ text: String, from encoding: LegacyEncoding) -> String {
        switch encoding {
        case .unicode:
            return text.precomposedStringWithCanonicalMapping
        case .tcvn3:
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(tcvn3[scalar] ?? scalar)
            }
            return String(scalars).precomposedStringWithCanonicalMapping
        case .vni:
            return convertVNI(text)
        case .windows1258:
            // Text already decoded to scalars: the bytes are the Latin-1 code points.
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(scalar.value <= 0xFF ? windows1258Scalar(UInt8(scalar.value)) : scalar)
            }
            return String(scalars).precomposedStringWithCanonicalMapping
        }
    }

    // MARK: - How Vietnamese a text looks

    /// Characters a Vietnamese text does not hold: Latin-1 letters and signs that are no
    /// Vietnamese letter, combining marks left over after composition, replacement characters,
    /// and words carrying two tone marks. Lower is more Vietnamese.
    static func badness(_ text: String) -> Int {
        var bad = 0
        for word in text.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0 == " " }) {
            var tones = 0
            var previous: Unicode.Scalar = " "
            for scalar in word.unicodeScalars {
                if isCapitalAfterSmall(scalar, previous) { bad += 1 }
                previous = scalar
                if scalar.value >= 0x80, scalar.value <= 0xFF, scalar.value != 0xA0,
                   !vietnameseLatin1.contains(scalar) { bad += 1 }
                if scalar == "\u{FFFD}" || (0x80...0x9F).contains(scalar.value) { bad += 1 }
                if (0x0300...0x036F).contains(scalar.value) { bad += 1 }
            }
            for scalar in String(word).decomposedStringWithCanonicalMapping.unicodeScalars
            where toneMarks.contains(scalar.value) { tones += 1 }
            if tones > 1 { bad += tones - 1 }
        }
        return bad + vniPairs(text)
    }

    /// Vowels followed by a VNI mark letter where Unicode Vietnamese has no such pair
    /// ("Vaên", "Nguyeãn").
    private static func vniPairs(_ text: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if vniMarks[scalar] != nil, isVNIBase(previous),
               !unicodeVowelPairs.contains(String(String.UnicodeScalarView([previous, scalar])).lowercased()) {
                count += 1
            }
            previous = scalar
        }
        return count
    }

    /// Latin-1 letters that are Vietnamese letters as they stand.
    private static let vietnameseLatin1: Set<Unicode.Scalar> = Set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".unicodeScalars)
    private static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    // MARK: - TCVN3

    /// TCVN 5712:1993, read through Latin-1: the lower-case letters of VN3 (ABC) and the
    /// capitals VN1 adds in the same range. Checked against glibc's TCVN5712-1 table.
    private static let tcvn3: [Unicode.Scalar: Unicode.Scalar] = {
        let table: [UInt8: UInt32] = [
            0xA1: 0x0102, 0xA2: 0x00C2, 0xA3: 0x00CA, 0xA4: 0x00D4, 0xA5: 0x01A0, 0xA6: 0x01AF,
            0xA7: 0x0110, 0xA8: 0x0103, 0xA9: 0x00E2, 0xAA: 0x00EA, 0xAB: 0x00F4, 0xAC: 0x01A1,
            0xAD: 0x01B0, 0xAE: 0x0111, 0xAF: 0x1EB0, 0xB0: 0x0300, 0xB1: 0x0309, 0xB2: 0x0303,
            0xB3: 0x0301, 0xB4: 0x0323, 0xB5: 0x00E0, 0xB6: 0x1EA3, 0xB7: 0x00E3, 0xB8: 0x00E1,
            0xB9: 0x1EA1, 0xBA: 0x1EB2, 0xBB: 0x1EB1, 0xBC: 0x1EB3, 0xBD: 0x1EB5, 0xBE: 0x1EAF,
            0xBF: 0x1EB4, 0xC0: 0x1EAE, 0xC1: 0x1EA6, 0xC2: 0x1EA8, 0xC3: 0x1EAA, 0xC4: 0x1EA4,
            0xC5: 0x1EC0, 0xC6: 0x1EB7, 0xC7: 0x1EA7, 0xC8: 0x1EA9, 0xC9: 0x1EAB, 0xCA: 0x1EA5,
            0xCB: 0x1EAD, 0xCC: 0x00E8, 0xCD: 0x1EC2, 0xCE: 0x1EBB, 0xCF: 0x1EBD, 0xD0: 0x00E9,
            0xD1: 0x1EB9, 0xD2: 0x1EC1, 0xD3: 0x1EC3, 0xD4: 0x1EC5, 0xD5: 0x1EBF, 0xD6: 0x1EC7,
            0xD7: 0x00EC, 0xD8: 0x1EC9, 0xD9: 0x1EC4, 0xDA: 0x1EBE, 0xDB: 0x1ED2, 0xDC: 0x0129,
            0xDD: 0x00ED, 0xDE: 0x1ECB, 0xDF: 0x00F2, 0xE0: 0x1ED4, 0xE1: 0x1ECF, 0xE2: 0x00F5,
            0xE3: 0x00F3, 0xE4: 0x1ECD, 0xE5: 0x1ED3, 0xE6: 0x1ED5, 0xE7: 0x1ED7, 0xE8: 0x1ED1,
            0xE9: 0x1ED9, 0xEA: 0x1EDD, 0xEB: 0x1EDF, 0xEC: 0x1EE1, 0xED: 0x1EDB, 0xEE: 0x1EE3,
            0xEF: 0x00F9, 0xF0: 0x1ED6, 0xF1: 0x1EE7, 0xF2: 0x0169, 0xF3: 0x00FA, 0xF4: 0x1EE5,
            0xF5: 0x1EEB, 0xF6: 0x1EED, 0xF7: 0x1EEF, 0xF8: 0x1EE9, 0xF9: 0x1EF1, 0xFA: 0x1EF3,
            0xFB: 0x1EF7, 0xFC: 0x1EF9, 0xFD: 0x00FD, 0xFE: 0x1EF5, 0xFF: 0x1ED0,
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (byte, value) in table {
            map[Unicode.Scalar(byte)] = Unicode.Scalar(value)!
        }
        return map
    }()

    /// Signs no Vietnamese or VNI text holds but TCVN3 uses for its commonest letters
    /// (à á ả ã ạ â ă ê ô ơ đ ư ...): their presence votes for TCVN3.
    private static let tcvnOnly: Set<Unicode.Scalar> = Set("¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷Þßþ".unicodeScalars)

    // MARK: - VNI-Windows

    private enum Modifier { case none, circumflex, breve }

    /// VNI mark letters: what they add to the vowel before them.
    private static let vniMarks: [Unicode.Scalar: (Modifier, UInt32?)] = {
        let lower: [(Character, Modifier, UInt32?)] = [
            ("ù", .none, 0x0301), ("ø", .none, 0x0300), ("û", .none, 0x0309), ("õ", .none, 0x0303),
            ("ï", .none, 0x0323),
            ("â", .circumflex, nil), ("á", .circumflex, 0x0301), ("à", .circumflex, 0x0300),
            ("å", .circumflex, 0x0309), ("ã", .circumflex, 0x0303), ("ä", .circumflex, 0x0323),
            ("ê", .breve, nil), ("é", .breve, 0x0301), ("è", .breve, 0x0300),
            ("ú", .breve, 0x0309), ("ü", .breve, 0x0303), ("ë", .breve, 0x0323),
        ]
        var map: [Unicode.Scalar: (Modifier, UInt32?)] = [:]
        for (character, modifier, tone) in lower {
            let small = character.unicodeScalars.first!
            let capital = Character(character.uppercased()).unicodeScalars.first!
            map[small] = (modifier, tone)
            map[capital] = (modifier, tone)
        }
        return map
    }()

    /// A vowel followed by a VNI mark letter that Unicode Vietnamese also writes (hoà, quá,
    /// xuân, thuê, tiên, yên, già, giúp): these pairs are no evidence of VNI.
    private static let unicodeVowelPairs: Set<String> = [
        "oà", "oá", "oã", "oè", "oé", "uâ", "uê", "uà", "uá", "uã", "uè", "ué", "yê",
        "iê", "ià", "iá", "iã", "iè", "ié", "iù", "iú", "iõ",
    ]

    /// "ViÖt", "NguyÔn": a Latin-1 capital inside a small-letter word is TCVN3's small letter.
    private static func isCapitalAfterSmall(_ scalar: Unicode.Scalar, _ previous: Unicode.Scalar) -> Bool {
        (0xC0...0xDE).contains(scalar.value) && scalar.value != 0xD7 && previous.properties.isLowercase
    }

    /// VNI letters that stand alone: ơ ư đ and the i and ỵ forms.
    private static let vniSingles: [Unicode.Scalar: Unicode.Scalar] = [
        "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
        "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
    ]

    private static func isVNIBase(_ scalar: Unicode.Scalar) -> Bool {
        "aeiouyAEIOUYôöÔÖ".unicodeScalars.contains(scalar)
    }

    private static func convertVNI(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let base = vniSingles[scalar] ?? scalar
            if isVNIBase(scalar), index + 1 < scalars.count, let (modifier, tone) = vniMarks[scalars[index + 1]],
               allows(modifier, on: base) {
                output.append(base)
                switch modifier {
                case .none: break
                case .circumflex: output.append("\u{0302}")
                case .breve: output.append("\u{0306}")
                }
                if let tone { output.append(Unicode.Scalar(tone)!) }
                index += 2
            } else {
                output.append(base)
                index += 1
            }
        }
        return String(output).precomposedStringWithCanonicalMapping
    }

    /// Circumflex goes on a, e, o; breve on a; a tone on any vowel.
    private static func allows(_ modifier: Modifier, on base: Unicode.Scalar) -> Bool {
        switch modifier {
        case .none: true
        case .circumflex: "aeoAEO".unicodeScalars.contains(base)
        case .breve: base == "a" || base == "A"
        }
    }

    // MARK: - Code pages

    /// Windows-1258: Latin-1 with Vietnamese letters and combining tones in eleven places and
    /// the Windows signs in 0x80–0x9F.
    private static func windows1258Scalar(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xC3: "\u{0102}"
        case 0xCC: "\u{0300}"
        case 0xD0: "\u{0110}"
        case 0xD2: "\u{0309}"
        case 0xD5: "\u{01A0}"
        case 0xDD: "\u{01AF}"
        case 0xDE: "\u{0303}"
        case 0xE3: "\u{0103}"
        case 0xEC: "\u{0301}"
        case 0xF0: "\u{0111}"
        case 0xF2: "\u{0323}"
        case 0xF5: "\u{01A1}"
        case 0xFD: "\u{01B0}"
        case 0xFE: "\u{20AB}"
        case 0x8A, 0x8E, 0x9A, 0x9E: "\u{FFFD}"
        default: windows1252Scalar(byte)
        }
    }

    /// Windows-1252: Latin-1 except the signs in 0x80–0x9F.
    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let signs: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
            0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
            0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(signs[Int(byte) - 0x80])!
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let high = UInt16(bytes[bigEndian ? index : index + 1])
            let low = UInt16(bytes[bigEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
