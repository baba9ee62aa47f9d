import Foundation

/// Loại hội nghị of a bloc's year.
public enum ConferenceKind: String, CaseIterable, Sendable, Codable {
    /// Hội nghị tổng kết: the year-end conference (ballots, election of next year's head).
    case yearEnd = "year_end"
    /// Hội nghị sơ kết 6 tháng.
    case midYear = "mid_year"
    /// Hội nghị ký kết giao ước thi đua.
    case pactSigning = "pact_signing"

    public var label: String {
        switch self {
        case .yearEnd: "Hội nghị tổng kết"
        case .midYear: "Hội nghị sơ kết 6 tháng"
        case .pactSigning: "Hội nghị ký kết giao ước thi đua"
        }
    }
}

/// Hội nghị: what the head unit schedules and what the minutes (biên bản) need.
public struct ConferenceDraft: Hashable, Sendable, Codable {
    public var kind: ConferenceKind
    public var heldOn: LocalDate
    public var place: String
    /// Chủ trì; thư ký; tổ kiểm phiếu (one name a line).
    public var chair: String
    public var secretary: String
    public var tallyCommittee: [String]
    /// Chương trình hội nghị, one item a line.
    public var agenda: [String]

    public init(kind: ConferenceKind, heldOn: LocalDate, place: String, chair: String, secretary: String,
                tallyCommittee: [String], agenda: [String]) {
        self.kind = kind
        self.heldOn = heldOn
        self.place = place
        self.chair = chair
        self.secretary = secretary
        self.tallyCommittee = tallyCommittee
        self.agenda = agenda
    }

    /// Reads what a form or a body sent; every problem at once, in Vietnamese.
    public static func parse(kind: String?, heldOn: String?, place: String?, chair: String?, secretary: String?,
                             tallyCommittee: String?, agenda: String?, year: Int) throws -> ConferenceDraft {
        var issues = IssueCollector()
        let kind = ConferenceKind(rawValue: (kind ?? "").trimmingWhitespace)
        issues.check(kind != nil, field: "kind", "Hãy chọn loại hội nghị.")
        let day = TextRules.requiredDate(heldOn, field: "heldOn", label: "Ngày họp", into: &issues)
        if let day {
            // A year-end conference may meet early the next year (Kon Tum, 25/02/2021).
            issues.check((year...(year + 1)).contains(day.year), field: "heldOn",
                         "Hội nghị của năm \(year) họp trong năm \(year) hoặc đầu năm \(year + 1).")
        }
        let place = TextRules.requiredName(place, field: "place", label: "Địa điểm", into: &issues)
        let chair = TextRules.requiredName(chair, field: "chair", label: "Người chủ trì", into: &issues)
        let secretary = TextRules.requiredName(secretary, field: "secretary", label: "Thư ký", into: &issues)
        let committee = lines(tallyCommittee, field: "tallyCommittee", label: "Tổ kiểm phiếu", into: &issues)
        let agenda = lines(agenda, field: "agenda", label: "Chương trình", into: &issues)
        if kind == .yearEnd {
            issues.check(!committee.isEmpty, field: "tallyCommittee", "Hội nghị tổng kết có bỏ phiếu: hãy ghi tên tổ kiểm phiếu.")
        }
        try issues.finish()
        return ConferenceDraft(kind: kind!, heldOn: day!, place: place, chair: chair, secretary: secretary,
                               tallyCommittee: committee, agenda: agenda)
    }

    /// One entry a line (or separated by ";"), each a checked name.
    private static func lines(_ raw: String?, field: String, label: String, into issues: inout IssueCollector) -> [String] {
        TextRules.checkCharacters(raw, field: field, label: label, into: &issues)
        let entries = (raw ?? "").split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == ";" })
            .map { VietnameseText.normalized(String($0)) }.filter { !$0.isEmpty }
        issues.check(entries.count <= 50, field: field, "\(label): tối đa 50 dòng.")
        for entry in entries where entry.count > TextRules.maximumNameLength {
            issues.add(FieldIssue(field: field, "\(label): một dòng dài \(entry.count) ký tự, vượt quá giới hạn \(TextRules.maximumNameLength) ký tự."))
        }
        return entries
    }
}

/// Điểm danh: one member unit at the conference.
public struct Attendance: Hashable, Sendable, Codable {
    public var unitID: UUID
    public var present: Bool
    /// Người dự (đại biểu của đơn vị).
    public var delegate: String

    public init(unitID: UUID, present: Bool, delegate: String) {
        self.unitID = unitID
        self.present = present
        self.delegate = delegate
    }

    /// Checks a roll call against the members of the year.
    public static func check(_ roll: [Attendance], members: Set<UUID>) throws {
        var issues = IssueCollector()
        issues.check(Set(roll.map(\.unitID)).isSubset(of: members), field: "unitID", "Chỉ điểm danh các đơn vị thành viên của khối.")
        issues.check(Set(roll.map(\.unitID)).count == roll.count, field: "unitID", "Mỗi đơn vị chỉ điểm danh một lần.")
        for entry in roll {
            _ = TextRules.optionalText(entry.delegate, field: "delegate", label: "Tên đại biểu", into: &issues)
        }
        try issues.finish()
    }
}

/// Mã biên nhận: what a voter keeps to check, after the session closes, that their ballot
/// is on the bulletin board. Only its hash is stored, with the ballot.
public enum ReceiptCode {
    /// Letters and digits that cannot be mistaken for each other when read aloud or copied.
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let length = 12

    /// A code from random bytes (the caller's generator), grouped "ABCD-EFGH-JKMN".
    public static func make(from bytes: [UInt8]) -> String {
        let letters = bytes.prefix(length).map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: letters.count, by: 4).map { String(letters[$0..<min($0 + 4, letters.count)]) }.joined(separator: "-")
    }

    /// What a voter types back: upper-cased, spaces and dashes dropped, regrouped; nil if it
    /// cannot be a code.
    public static func normalized(_ text: String) -> String? {
        let letters = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == length, letters.allSatisfy(alphabet.contains) else { return nil }
        let array = Array(letters)
        return stride(from: 0, to: length, by: 4).map { String(array[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
