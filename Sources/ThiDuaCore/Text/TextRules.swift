/// Rules every name and text field follows before it is stored.
public enum TextRules {
    /// Long enough for "Ban Tuyên giáo và Dân vận Tỉnh ủy Khánh Hòa" many times over, short
    /// enough for a table cell and a document header.
    public static let maximumNameLength = 255

    /// NFC-normalises and checks a required name; the issue names the field in Vietnamese.
    public static func requiredName(_ raw: String?, field: String, label: String,
                                    maximum: Int = maximumNameLength,
                                    into issues: inout IssueCollector) -> String {
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
        let value = VietnameseText.normalized(raw ?? "")
        guard !value.isEmpty else { return nil }
        issues.check(value.count <= maximum, field: field,
                     "\(label) dài \(value.count) ký tự, vượt quá giới hạn \(maximum) ký tự.")
        return value
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
