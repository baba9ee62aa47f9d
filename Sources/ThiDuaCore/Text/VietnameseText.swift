import Foundation

/// Vietnamese text as data: the normal form every stored string takes, the key that search
/// matches against (no diacritics, `đ` → `d`) and the key that gives Vietnamese alphabetical
/// order. Keys are computed here, in Swift, and stored, so that SQLite and PostgreSQL search
/// and sort identically whatever their collations.
public enum VietnameseText {

    /// NFC, trimmed, inner runs of white space folded to one space.
    public static func normalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        var result = ""
        result.reserveCapacity(composed.utf8.count)
        var pendingSpace = false
        for character in composed {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// Whether the text arrived in NFC already (input in NFD is accepted and recomposed, but
    /// the importers report it).
    public static func isNFC(_ text: String) -> Bool {
        text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Lowercase, without diacritics, `đ` → `d`, punctuation as spaces, spaces folded:
    /// "Ban Tổ chức Tỉnh ủy" → "ban to chuc tinh uy". Applied to stored names and to queries.
    public static func searchKey(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar) { continue }
            let folded: Character?
            switch scalar {
            case "đ", "Đ": folded = "d"
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    folded = Character(String(scalar).lowercased())
                } else {
                    folded = nil
                }
            }
            if let folded {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(folded)
            } else {
                pendingSpace = !result.isEmpty
            }
        }
        return result
    }

    /// A key whose plain binary order is Vietnamese dictionary order. Syllable by syllable,
    /// as dictionaries and name lists go: first the letters (a ă â b c d đ e ê g h i k l m n o
    /// ô ơ p q r s t u ư v x y), then the tones (none, huyền, hỏi, ngã, sắc, nặng), so that
    /// ba < ba vì < bà. The key holds only ASCII digits, so every database collation orders it
    /// the same way.
    public static func sortKey(_ text: String) -> String {
        var key = ""
        var letters = ""
        var tones = ""
        func closeSyllable() {
            guard !letters.isEmpty else { return }
            // "01" ends the letters: it is below every letter code, so a shorter syllable
            // comes first; the tones follow, one digit a letter.
            key += letters + "01" + tones
            letters = ""
            tones = ""
        }
        for letter in Self.letters(of: text) {
            switch letter {
            case .separator:
                closeSyllable()
            case let .letter(code, tone):
                letters += code
                tones += String(tone)
            }
        }
        closeSyllable()
        return key
    }

    /// Sort key for a person's full name: Vietnamese lists order by given name (the last
    /// word), then by family and middle names.
    public static func personSortKey(_ fullName: String) -> String {
        let words = normalized(fullName).split(separator: " ")
        guard let given = words.last else { return sortKey("") }
        return sortKey(([given] + words.dropLast()).joined(separator: " "))
    }

    // MARK: - Collation tables

    /// Letters in Vietnamese order, with the foreign letters f j w z where dictionaries put
    /// them. Each gets a two-digit code from 12 up; 01 ends a syllable and 02–11 are digits.
    static let alphabet: [Character] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    static let otherCode = "99"
    static let codes: [Character: String] = {
        var table: [Character: String] = [:]
        for digit in 0...9 { table[Character(String(digit))] = twoDigits(2 + digit) }
        for (index, letter) in alphabet.enumerated() { table[letter] = twoDigits(12 + index) }
        return table
    }()

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    enum Letter { case separator, letter(code: String, tone: Int) }

    /// Tone marks in dictionary order: grave (huyền) 1, hook (hỏi) 2, tilde (ngã) 3,
    /// acute (sắc) 4, dot below (nặng) 5.
    static let tones: [Unicode.Scalar: Int] = [
        "\u{0300}": 1, "\u{0309}": 2, "\u{0303}": 3, "\u{0301}": 4, "\u{0323}": 5,
    ]
    /// Marks that make a new letter: breve (ă), circumflex (â ê ô), horn (ơ ư).
    static let letterMarks: Set<Unicode.Scalar> = ["\u{0306}", "\u{0302}", "\u{031B}"]

    static func letters(of text: String) -> [Letter] {
        var result: [Letter] = []
        for character in text.lowercased().decomposedStringWithCanonicalMapping {
            let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first else { continue }
            if base == "đ" {
                result.append(.letter(code: codes["đ"]!, tone: 0))
                continue
            }
            guard base.properties.isAlphabetic || base.properties.numericType != nil else {
                result.append(.separator)
                continue
            }
            var tone = 0
            var letterScalars = String.UnicodeScalarView([base])
            for mark in scalars.dropFirst() {
                if let value = tones[mark] {
                    tone = value
                } else if letterMarks.contains(mark) {
                    letterScalars.append(mark)
                }
            }
            let letter = Character(String(letterScalars).precomposedStringWithCanonicalMapping)
            result.append(.letter(code: codes[letter] ?? otherCode, tone: tone))
        }
        return result
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
