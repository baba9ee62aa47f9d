/// Rules every name and text field follows before it is stored.
public enum TextRules {
    /// Long enough for "Ban Tuyên giáo và Dân vận Tỉnh ủy Khánh Hòa" many times over, short
    /// enough for a table cell and a document header.
    public static let maximumNameLength = 255
    /// Notes and reasons (ghi chú, lý do): a paragraph or two.
    public static let maximumNoteLength = 2000

    /// NFC-normalises and checks a required name; the issue names the field in Vietnamese.
    public static func requiredName(_ raw: String?, field: String, label: String,
                                    maximum: Int = maximumNameLength,
                                    into issues: inout IssueCollector) -> String {
        checkCharacters(raw, field: field, label: label, into: &issues)
        let value = VietnameseText.normalized(raw ?? "")
        issues.check(!value.isEmpty, field: field, "\(label) không được để trống.")
        issues.check(value.count <= maximum, field: field,
                     "\(label) dài \(value.count) ký tự, vượt quá giới hạn \(maximum) ký tự.")
        return value
    }

    /// NFC-normalises an optional text; empty becomes nil.
    public static func optionalText(_ raw: String?, field: String, label: String,
                                    maximum: Int = maximumNameLength,
                                    into issues: inout IssueCollector) -> String? {
        checkCharacters(raw, field: field, label: label, into: &issues)
        let value = VietnameseText.normalized(raw ?? "")
        guard !value.isEmpty else { return nil }
        issues.check(value.count <= maximum, field: field,
                     "\(label) dài \(value.count) ký tự, vượt quá giới hạn \(maximum) ký tự.")
        return value
    }

    /// A reason or a note: optional, up to `maximumNoteLength`, the same characters as a name.
    public static func reason(_ raw: String?, field: String, label: String = "Lý do",
                              into issues: inout IssueCollector) -> String? {
        optionalText(raw, field: field, label: label, maximum: maximumNoteLength, into: &issues)
    }

    /// Ký tự bị cấm: what no name, title or reason may hold, even where it cannot be seen.
    /// Control characters (C0, DEL, C1: a NUL cuts the text short in storage); tab and line
    /// breaks are white space and fold to one space. Bidirectional embeddings, overrides,
    /// isolates and marks (they reorder what a reader sees, "‮fdp.exe"). Zero-width characters
    /// and the byte-order mark (they make two different names look the same).
    public static func forbiddenCharacter(in text: String) -> (scalar: Unicode.Scalar, kind: String)? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F: return (scalar, "ký tự điều khiển")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return (scalar, "ký tự đảo chiều văn bản")
            case 0x200B...0x200D, 0x2060, 0xFEFF: return (scalar, "ký tự vô hình (không có độ rộng)")
            default: continue
            }
        }
        return nil
    }

    /// Adds an issue naming the field when the text holds a forbidden character.
    public static func checkCharacters(_ raw: String?, field: String?, label: String, into issues: inout IssueCollector) {
        guard let raw, let found = forbiddenCharacter(in: raw) else { return }
        let code = String(found.scalar.value, radix: 16, uppercase: true)
        issues.add(FieldIssue(field: field,
            "\(label) chứa \(found.kind) (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)), thường lẫn vào khi sao chép; hãy xóa và gõ lại."))
    }

    /// The start of what was typed, for a message: a pasted page is not echoed whole, and
    /// forbidden characters are left out.
    public static func excerpt(_ text: String, maximum: Int = 40) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
            forbiddenCharacter(in: String($0)) == nil
        }))
        return visible.count > maximum ? String(visible.prefix(maximum)) + "…" : visible
    }

    /// A required day, in "YYYY-MM-DD" or "DD/MM/YYYY".
    public static func requiredDate(_ raw: String?, field: String, label: String,
                                    into issues: inout IssueCollector) -> LocalDate? {
        let text = (raw ?? "").trimmingWhitespace
        guard !text.isEmpty else {
            issues.add(FieldIssue(field: field, "\(label) không được để trống."))
            return nil
        }
        guard let date = LocalDate(text) else {
            issues.add(FieldIssue(field: field, "\(label) «\(text)» không phải một ngày hợp lệ (dạng 2025-07-01 hoặc 01/07/2025)."))
            return nil
        }
        guard NumberRange.dayYears.contains(date.year) else {
            issues.add(FieldIssue(field: field, "\(label) «\(text)» phải trong các năm \(NumberRange.dayYears.lowerBound)–\(NumberRange.dayYears.upperBound)."))
            return nil
        }
        return date
    }

    /// An optional day; empty is nil, anything else must be a real day.
    public static func optionalDate(_ raw: String?, field: String, label: String,
                                    into issues: inout IssueCollector) -> LocalDate? {
        let text = (raw ?? "").trimmingWhitespace
        guard !text.isEmpty else { return nil }
        return requiredDate(text, field: field, label: label, into: &issues)
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
