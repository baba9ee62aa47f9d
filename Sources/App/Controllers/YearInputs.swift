import Foundation
import ThiDuaCore
import Vapor

/// The forms and JSON bodies of a bloc's year. All text, checked by Core.
struct OpenYearInput: Content, Sendable {
    var headUnitID: String?
    var deputyUnitID: String?
    var source: String?
    /// "conference": the pact is signed at the year-end conference of the year before (Lạng
    /// Sơn, 30/12/2020): its day and place become the pact's.
    var pactAt: String?
}

struct TransitionInput: Content, Sendable {
    var transition: String?
    var reason: String?

    func validated() throws -> YearTransition {
        var issues = IssueCollector()
        _ = TextRules.reason(reason, field: "reason", into: &issues)
        let value = transition.flatMap(YearTransition.init(rawValue:))
        issues.check(value != nil, field: "transition", (transition ?? "").isEmpty
            ? "Hãy chọn bước chuyển (trường «transition»)."
            : "Bước chuyển «\(TextRules.excerpt(transition ?? ""))» không có.")
        try issues.finish()
        return value!
    }
}

struct YearDatesInput: Content, Sendable {
    var pactDate: String?
    var pactPlace: String?
    var registrationDeadline: String?
    var midYearDate: String?
    var selfScoreDeadline: String?
    var conferenceDate: String?

    init(_ dates: YearDates) {
        pactDate = dates.pactDate?.iso
        pactPlace = dates.pactPlace
        registrationDeadline = dates.registrationDeadline?.iso
        midYearDate = dates.midYearDate?.iso
        selfScoreDeadline = dates.selfScoreDeadline?.iso
        conferenceDate = dates.conferenceDate?.iso
    }

    func validated() throws -> YearDates {
        var issues = IssueCollector()
        let dates = YearDates(
            pactDate: TextRules.optionalDate(pactDate, field: "pactDate", label: "Ngày ký giao ước", into: &issues),
            pactPlace: TextRules.optionalText(pactPlace, field: "pactPlace", label: "Địa điểm", into: &issues),
            registrationDeadline: TextRules.optionalDate(registrationDeadline, field: "registrationDeadline",
                                                         label: "Hạn đăng ký", into: &issues),
            midYearDate: TextRules.optionalDate(midYearDate, field: "midYearDate", label: "Ngày sơ kết", into: &issues),
            selfScoreDeadline: TextRules.optionalDate(selfScoreDeadline, field: "selfScoreDeadline",
                                                      label: "Hạn tự chấm điểm", into: &issues),
            conferenceDate: TextRules.optionalDate(conferenceDate, field: "conferenceDate", label: "Ngày tổng kết", into: &issues))
        try issues.finish()
        return dates
    }
}

struct ActivityInput: Content, Sendable {
    var title: String?
    var startsOn: String?
    var endsOn: String?
    var ownerUnitID: String?
    var notes: String?

    func validated() throws -> PlanActivity {
        var issues = IssueCollector()
        let title = TextRules.requiredName(title, field: "title", label: "Nội dung hoạt động", into: &issues)
        let start = TextRules.requiredDate(startsOn, field: "startsOn", label: "Ngày bắt đầu", into: &issues)
        let end = TextRules.optionalDate(endsOn, field: "endsOn", label: "Ngày kết thúc", into: &issues)
        let notes = TextRules.optionalText(notes, field: "notes", label: "Ghi chú", maximum: 2000, into: &issues)
        let owner = (ownerUnitID ?? "").isEmpty ? nil : UUID(uuidString: ownerUnitID!)
        issues.check((ownerUnitID ?? "").isEmpty || owner != nil, field: "ownerUnitID", "Đơn vị chủ trì không hợp lệ.")
        try issues.finish()
        return PlanActivity(title: title, startsOn: start!, endsOn: end, ownerUnitID: owner, notes: notes)
    }
}

struct MovementInput: Content, Sendable {
    var scope: String?
    var kind: String?
    var title: String?
    var launchedOn: String?
    var endsOn: String?
    var launchingBody: String?
    var documentReference: String?
    var unitID: String?
    var criterionIDs: [String]?

    func validated(provinceID: UUID, blocID: UUID?) throws -> Movement {
        var issues = IssueCollector()
        let scope = MovementScope(rawValue: scope ?? (blocID == nil ? "province" : "bloc"))
        issues.check(scope != nil, field: "scope", "Phạm vi phát động không hợp lệ.")
        issues.check(blocID != nil || scope == .province, field: "scope", "Tỉnh chỉ phát động phong trào cấp tỉnh ở đây.")
        issues.check(blocID == nil || scope != .province, field: "scope", "Phong trào của tỉnh do cán bộ tỉnh phát động.")
        let kind = MovementKind(rawValue: kind ?? "")
        issues.check(kind != nil, field: "kind", "Hãy chọn loại phong trào (thường xuyên hoặc chuyên đề).")
        let title = TextRules.requiredName(title, field: "title", label: "Tên phong trào", maximum: 500, into: &issues)
        let launched = TextRules.requiredDate(launchedOn, field: "launchedOn", label: "Ngày phát động", into: &issues)
        let ends = TextRules.optionalDate(endsOn, field: "endsOn", label: "Ngày kết thúc", into: &issues)
        let body = TextRules.requiredName(launchingBody, field: "launchingBody", label: "Cơ quan phát động", into: &issues)
        let document = TextRules.optionalText(documentReference, field: "documentReference", label: "Văn bản", into: &issues)
        let unit = (unitID ?? "").isEmpty ? nil : UUID(uuidString: unitID!)
        let criteria = (criterionIDs ?? []).filter { !$0.isEmpty }.compactMap(UUID.init(uuidString:))
        try issues.finish()
        return Movement(provinceID: provinceID, scope: scope!, blocID: scope == .province ? nil : blocID,
                        unitID: scope == .unit ? unit : nil, kind: kind!, title: title, launchedOn: launched!,
                        endsOn: ends, launchingBody: body, documentReference: document, criterionIDs: criteria)
    }
}

struct LinkMovementInput: Content, Sendable { var movementID: String? }

/// The table editor's form: one array per column, a row per index.
struct TableForm: Content, Sendable {
    var name: String?
    var declaredTotal: String?
    var bonusCap: String?
    var reason: String?
    var code: [String]?
    var parentCode: [String]?
    var title: [String]?
    var kind: [String]?
    var maximum: [String]?
    var perEvent: [String]?
    var cap: [String]?
    var scorer: [String]?
    var evidence: [String]?
    var guidance: [String]?
    var variant: String?
    var tieBreaks: String?
    /// The page's ordered choices (`tieBreak[]`, blank: none), read as the codes in order.
    var tieBreak: [String]?
    var bands: String?
    var normalise: String?
    var disagreementPercent: String?

    /// The tie-breaks as codes in order: the page's choices, else the text field.
    var tieBreakCodes: String? { tieBreak.map { $0.filter { !$0.isEmpty }.joined(separator: ", ") } ?? tieBreaks }

    func rules() throws -> RankingRules {
        try RankingRules.parse(variant: variant, tieBreaks: tieBreakCodes, bands: bands, normalise: normalise == "1",
                               disagreementPercent: disagreementPercent)
    }

    var rows: [CriterionRow] {
        let count = [code, title, kind].map { $0?.count ?? 0 }.max() ?? 0
        func at(_ column: [String]?, _ index: Int) -> String? {
            guard let column, index < column.count else { return nil }
            return column[index]
        }
        return (0..<count).map { index in
            CriterionRow(code: at(code, index) ?? "", parentCode: at(parentCode, index), title: at(title, index) ?? "",
                         kind: at(kind, index) ?? "base", maximum: at(maximum, index), perEvent: at(perEvent, index),
                         cap: at(cap, index), scorer: at(scorer, index), evidenceRequired: at(evidence, index) == "1",
                         guidance: at(guidance, index))
        }
    }
}

/// The table as JSON.
struct TableBody: Content, Sendable {
    var name: String?
    var declaredTotal: String?
    var bonusCap: String?
    var reason: String?
    var criteria: [CriterionRow]
    /// How the bloc ranks; the defaults when left out.
    var rules: RankingRules?

    /// Rules sent whole are held to the ranges the form's are (`RankingRules.validated`).
    mutating func afterDecode() throws { rules = try rules?.validated() }
}

struct CopyTableInput: Content, Sendable { var source: String? }

struct TargetsInput: Content, Sendable {
    var unitID: String?
    /// One target a line.
    var text: String?
}

struct TargetsBody: Content, Sendable {
    struct Target: Content, Sendable {
        var unitID: UUID
        var criterionID: UUID?
        var text: String
    }
    var targets: [Target]
}

struct SignInput: Content, Sendable {
    var signerName: String?
    var signerPosition: String?
}

struct RegistrationForm: Content, Sendable {
    var collectiveTitle: String?
    var personID: [String]?
    var title: [String]?

    func validated(unitID: UUID) throws -> Registration {
        let people = personID ?? [], titles = title ?? []
        return try RegistrationDraft.parse(unitID: unitID, collectiveTitle: collectiveTitle, rows: titles.indices.map { index in
            (index < people.count ? people[index] : "", titles[index])
        })
    }
}

struct RegistrationBody: Content, Sendable {
    struct Row: Content, Sendable { var personID: String; var title: String }
    var collectiveTitle: String?
    var individuals: [Row]?

    func validated(unitID: UUID) throws -> Registration {
        try RegistrationDraft.parse(unitID: unitID, collectiveTitle: collectiveTitle,
                                    rows: (individuals ?? []).map { ($0.personID, $0.title) })
    }
}
