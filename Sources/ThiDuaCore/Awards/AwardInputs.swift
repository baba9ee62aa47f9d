import Foundation

/// The checks of what an officer types for the awards: text in, Core values or every problem
/// named in Vietnamese out.
public enum AwardInputs {
    /// A required year within `NumberRange.year`.
    public static func year(_ text: String?, field: String = "year", label: String = "Năm", into issues: inout IssueCollector) -> Int? {
        let year = NumberRange.read(text, in: NumberRange.year, field: field, label: label, into: &issues)
        if year == nil && (text ?? "").trimmingWhitespace.isEmpty { issues.add(FieldIssue(field: field, "Hãy nhập \(label.lowercased()).")) }
        return year
    }

    /// Ids sent as text (lines of a proposal): each must be an id.
    public static func ids(_ texts: [String]?, field: String, label: String, into issues: inout IssueCollector) -> [UUID] {
        let sent = (texts ?? []).map(\.trimmingWhitespace).filter { !$0.isEmpty }
        let ids = sent.compactMap(UUID.init(uuidString:))
        issues.check(ids.count == sent.count, field: field, "\(label): mã không hợp lệ.")
        return ids
    }

    /// A title's or form's code as typed; blank is an issue.
    public static func code(_ text: String?, into issues: inout IssueCollector) -> AwardCode {
        let code = (text ?? "").trimmingWhitespace
        issues.check(!code.isEmpty, field: "award", "Hãy chọn danh hiệu, hình thức khen thưởng.")
        return AwardCode(code)
    }

    /// Xếp loại of a person for a year they worked in (some post overlapping the year), or of
    /// a collective for a year it existed (`employment` then holds its days).
    public static func rating(year text: String?, rating: String?, employment: [DatePeriod]?,
                              subject: AwardSubject = .individual) throws -> AnnualRating {
        var issues = IssueCollector()
        let year = year(text, into: &issues)
        let parsed = TaskRating(rawValue: (rating ?? "").trimmingWhitespace.lowercased())
        issues.check(parsed != nil, field: "rating", "Hãy chọn mức xếp loại (HTXSNV, HTTNV, HTNV hoặc KHTNV).")
        if let year, let employment {
            let wholeYear = DatePeriod(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
            issues.check(employment.contains { $0.overlaps(wholeYear) }, field: "year", subject == .individual
                         ? "Người này không công tác tại đơn vị nào trong năm \(year): không xếp loại được."
                         : "Đơn vị chưa thành lập hoặc đã thôi hoạt động trong năm \(year): không xếp loại được.")
        }
        try issues.finish()
        return AnnualRating(year: year!, rating: parsed!)
    }

    /// Kỷ luật: a measure (kind) or, with kind blank, a review or investigation opened that day.
    public static func discipline(kind: String?, date: String?, closedOn: String?, reference: String?) throws -> DisciplineRecord {
        var issues = IssueCollector()
        let kindText = (kind ?? "").trimmingWhitespace
        let parsed = kindText.isEmpty || kindText == "review" ? nil : DisciplineKind(rawValue: kindText)
        issues.check(kindText.isEmpty || kindText == "review" || parsed != nil, field: "kind", "Hình thức kỷ luật không hợp lệ.")
        let day = TextRules.requiredDate(date, field: "date", label: "Ngày quyết định hoặc ngày bắt đầu xem xét", into: &issues)
        let closed = TextRules.optionalDate(closedOn, field: "closedOn", label: "Ngày kết thúc xem xét", into: &issues)
        let ref = TextRules.requiredName(reference, field: "reference", label: "Số, ký hiệu văn bản", maximum: 255, into: &issues)
        if let day, let closed { issues.check(day <= closed, field: "closedOn", "Ngày kết thúc xem xét phải sau ngày bắt đầu.") }
        issues.check(parsed == nil || closed == nil, field: "closedOn", "Chỉ việc xem xét, điều tra mới có ngày kết thúc.")
        try issues.finish()
        return DisciplineRecord(kind: parsed, date: day!, closedOn: closed, reference: ref)
    }

    /// Sáng kiến with the level that recognised it.
    public static func initiative(title: String?, year text: String?, level: String?, recognition: String?) throws -> (Initiative, String) {
        var issues = IssueCollector()
        let name = TextRules.requiredName(title, field: "title", label: "Tên sáng kiến", into: &issues)
        let year = year(text, label: "Năm công nhận", into: &issues)
        let parsed = InitiativeLevel(rawValue: (level ?? "").trimmingWhitespace)
        issues.check(parsed != nil, field: "level", "Hãy chọn cấp công nhận sáng kiến (cơ sở, tỉnh, toàn quốc).")
        let ref = TextRules.requiredName(recognition, field: "recognition", label: "Văn bản công nhận", maximum: 255, into: &issues)
        try issues.finish()
        return (Initiative(title: name, year: year!, level: parsed!), ref)
    }

    /// A proposal line: recipient, form, achievement summary.
    public static func line(subject: String?, recipient: String?, code: String?, summary: String?, catalogue: AwardCatalogue,
                            on date: LocalDate) throws -> (subject: AwardSubject, recipient: UUID, type: AwardType, summary: String) {
        var issues = IssueCollector()
        let parsedSubject = AwardSubject(rawValue: subject ?? "")
        issues.check(parsedSubject != nil, field: "subject", "Hãy chọn đối tượng (cá nhân hoặc tập thể).")
        let id = UUID(uuidString: (recipient ?? "").trimmingWhitespace)
        issues.check(id != nil, field: "recipientID", "Hãy chọn người hoặc đơn vị được đề nghị.")
        let type = catalogue.type(AwardCode((code ?? "").trimmingWhitespace), on: date)
        issues.check(type != nil, field: "awardCode", "Hãy chọn danh hiệu, hình thức khen thưởng còn hiệu lực.")
        if let type, let parsedSubject {
            issues.check(type.subject == parsedSubject, field: "awardCode",
                         "«\(type.name)» dành cho \(type.subject.label.lowercased()).")
        }
        let text = TextRules.optionalText(summary, field: "summary", label: "Tóm tắt thành tích", into: &issues) ?? ""
        try issues.finish()
        return (parsedSubject!, id!, type!, text)
    }

    /// Kết quả Hội đồng: votes for and against (each 0…1000), the day, a note.
    public static func vote(date: String?, votesFor: String?, against: String?, note: String?) throws -> (LocalDate, Int, Int, String?) {
        var issues = IssueCollector()
        let day = TextRules.requiredDate(date, field: "date", label: "Ngày họp Hội đồng", into: &issues)
        let yes = NumberRange.read(votesFor, in: 0...1000, field: "votesFor", label: "Số phiếu tán thành", into: &issues)
        let no = NumberRange.read(against, in: 0...1000, field: "votesAgainst", label: "Số phiếu không tán thành", into: &issues)
        issues.check(yes != nil || (votesFor ?? "").trimmingWhitespace.isEmpty == false, field: "votesFor", "Hãy nhập số phiếu tán thành.")
        let text = TextRules.optionalText(note, field: "note", label: "Ghi chú", into: &issues)
        try issues.finish()
        return (day!, yes ?? 0, no ?? 0, text)
    }
}
