import Foundation

/// What a scorer puts against one criterion: points (base items, bonus without a per-event
/// value), a count of events (deductions, bonus per event), or a flag (disqualifiers).
public struct ItemScore: Hashable, Sendable, Codable {
    public var points: Points?
    public var events: Int?
    public var flagged: Bool

    public init(points: Points? = nil, events: Int? = nil, flagged: Bool = false) {
        self.points = points
        self.events = events
        self.flagged = flagged
    }

    enum CodingKeys: String, CodingKey { case points, events, flagged }

    /// Any of the three may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decodeIfPresent(Points.self, forKey: .points)
        events = try container.decodeIfPresent(Int.self, forKey: .events)
        flagged = try container.decodeIfPresent(Bool.self, forKey: .flagged) ?? false
    }

    /// The points this entry is worth under its criterion, before any table-wide cap.
    public func value(under criterion: Criterion) -> Points {
        switch criterion.kind {
        case .group, .disqualifier: return .zero
        case .base: return min(points ?? .zero, criterion.maximum ?? .zero)
        case .bonus:
            let raw = criterion.perEvent.map { $0.times(events ?? 0) } ?? (points ?? .zero)
            return min(raw, criterion.maximum ?? raw)
        case .deduction:
            let raw = (criterion.perEvent ?? .zero).times(events ?? 0) + (points ?? .zero)
            return criterion.cap.map { max(raw, $0) } ?? raw
        }
    }
}

/// A unit's values against a table, keyed by criterion.
public typealias SheetValues = [UUID: ItemScore]

/// Where a score sheet stands: the unit fills it, submits it, the head reviews it and
/// either returns it (with a reason) or makes it final.
public enum SheetStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case returned
    case final

    public var label: String {
        switch self {
        case .draft: "Đơn vị đang tự chấm"
        case .submitted: "Đã nộp, chờ thẩm định"
        case .returned: "Trả lại để bổ sung"
        case .final: "Đã thẩm định xong"
        }
    }
}

/// The stage a value belongs to; each stage's values are kept.
public enum SheetStage: String, CaseIterable, Sendable, Codable {
    /// Tự chấm.
    case selfScore = "self"
    /// Thẩm định (the head's, or a peer's in cross-scoring).
    case review
}

public enum SheetRules {
    /// The one refusal of a value for an item the table does not have, however it was sent.
    public static let unknownCriterion = "Có điểm cho một tiêu chí không có trong bảng."

    /// Checks values a scorer enters: within each item's bounds, of the right form for its
    /// kind, every problem at once, named by the criterion's code.
    public static func validate(_ values: SheetValues, table: ScoringTable) throws {
        var issues = IssueCollector()
        let byID = Dictionary(table.criteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, score) in values {
            guard let c = byID[id] else {
                issues.add(FieldIssue(field: "values", unknownCriterion))
                continue
            }
            let name = "«\(c.code). \(c.title)»"
            if let events = score.events {
                issues.check(events >= 0, field: c.code, "Số lần của \(name) không được âm.")
                issues.check(events <= NumberRange.events.upperBound, field: c.code,
                             "Số lần của \(name) là \(events), vượt giới hạn \(NumberRange.events.upperBound) lần.")
            }
            Points.check(score.points, field: c.code, label: "Điểm của \(name)", into: &issues)
            switch c.kind {
            case .group:
                issues.check(score.points == nil && score.events == nil, field: c.code, "Nhóm \(name) không chấm trực tiếp; hãy chấm các tiêu chí trong nhóm.")
            case .base:
                if let p = score.points {
                    issues.check(p >= .zero, field: c.code, "Điểm của \(name) không được âm.")
                    issues.check(p <= (c.maximum ?? .zero), field: c.code,
                                 "Điểm của \(name) là \(p), vượt điểm tối đa \(c.maximum ?? .zero).")
                }
                issues.check(score.events == nil, field: c.code, "\(name) chấm bằng điểm, không đếm số lần.")
            case .bonus:
                if let p = score.points {
                    issues.check(p >= .zero, field: c.code, "Điểm thưởng \(name) không được âm; điểm trừ nhập ở mục điểm trừ.")
                    issues.check(p <= (c.maximum ?? p), field: c.code, "Điểm thưởng \(name) là \(p), vượt mức trần \(c.maximum ?? .zero).")
                }
            case .deduction:
                if let p = score.points {
                    issues.check(p <= .zero, field: c.code,
                                 "\(name) là điểm trừ: hãy nhập số lần vi phạm (hoặc số điểm âm), không nhập điểm cộng.")
                }
            case .disqualifier:
                issues.check(score.points == nil && score.events == nil, field: c.code, "\(name) chỉ đánh dấu có hoặc không.")
            }
        }
        try issues.finish()
    }

    /// Items whose evidence is required but missing: a positive entry (or a flagged
    /// disqualifier) with no file.
    public static func missingEvidence(_ values: SheetValues, table: ScoringTable, evidence: Set<UUID>) -> [Criterion] {
        table.outline().map(\.criterion).filter { c in
            guard c.evidenceRequired, !evidence.contains(c.id), let score = values[c.id] else { return false }
            return (score.points ?? .zero) != .zero || (score.events ?? 0) > 0 || score.flagged
        }
    }

    /// Submitting: every self-scored item filled, required evidence attached, on time unless
    /// the head extended the deadline with a reason.
    public static func checkSubmission(_ values: SheetValues, table: ScoringTable, evidence: Set<UUID>,
                                       today: LocalDate, deadline: LocalDate?, extendedTo: LocalDate?) throws {
        var issues = IssueCollector()
        issues.run { try validate(values, table: table) }
        let unfilled = table.criteria.filter { $0.kind == .base && $0.scorer == .selfScore && values[$0.id]?.points == nil }
            .sorted { $0.order < $1.order }
        if !unfilled.isEmpty {
            issues.add(FieldIssue(field: "values", "Chưa chấm: \(unfilled.map(\.code).joined(separator: ", "))."))
        }
        for c in missingEvidence(values, table: table, evidence: evidence) {
            issues.add(FieldIssue(field: c.code, "Tiêu chí «\(c.code). \(c.title)» bắt buộc có minh chứng; hãy tải tệp lên trước khi nộp."))
        }
        if let deadline, today > (extendedTo ?? deadline) {
            issues.add(FieldIssue(field: nil, extendedTo == nil
                ? "Đã quá hạn tự chấm điểm (\(deadline.vietnamese)); chỉ nộp được khi Trưởng khối gia hạn có lý do."
                : "Đã quá hạn gia hạn (\(extendedTo!.vietnamese))."))
        }
        try issues.finish()
    }

    /// A reviewer's change: a different value than the unit's needs a reason.
    public static func checkReview(_ review: SheetValues, reasons: [UUID: String], selfValues: SheetValues,
                                   table: ScoringTable) throws {
        var issues = IssueCollector()
        issues.run { try validate(review, table: table) }
        let byID = Dictionary(table.criteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, text) in reasons {
            _ = TextRules.reason(text, field: byID[id]?.code ?? "reasons", label: "Lý do của «\(byID[id]?.code ?? "")»", into: &issues)
        }
        for (id, value) in review {
            // An empty entry withdraws a review value: the unit's own stands, nothing to justify.
            guard let c = byID[id], value != ItemScore() else { continue }
            let original = selfValues[id] ?? ItemScore()
            let changed = value.value(under: c) != original.value(under: c) || value.flagged != original.flagged
            let reason = VietnameseText.normalized(reasons[id] ?? "")
            if changed && c.scorer == .selfScore {
                issues.check(!reason.isEmpty, field: c.code,
                             "Điểm thẩm định của «\(c.code). \(c.title)» khác điểm tự chấm; hãy ghi lý do.")
            }
            // Points added or taken by a reviewer's own bonus, deduction or disqualifier need
            // their grounds; a base item only the head or the province scores is a mark, not a change.
            if c.scorer != .selfScore && c.kind != .base && (value.value(under: c) != .zero || value.flagged) {
                issues.check(!reason.isEmpty, field: c.code, "«\(c.code). \(c.title)»: hãy ghi căn cứ cộng, trừ điểm.")
            }
        }
        try issues.finish()
    }

    /// The sheet's state machine.
    public static func next(_ status: SheetStatus, action: SheetAction, reason: String? = nil) throws -> SheetStatus {
        var issues = IssueCollector()
        _ = TextRules.reason(reason, field: "reason", into: &issues)
        try issues.finish()
        switch (status, action) {
        case (.draft, .submit), (.returned, .submit): return .submitted
        case (.submitted, .returnToUnit):
            guard !VietnameseText.normalized(reason ?? "").isEmpty else {
                throw DomainError.invalid(field: "reason", "Trả lại bảng điểm cần ghi rõ lý do để đơn vị bổ sung.")
            }
            return .returned
        case (.submitted, .finalise): return .final
        case (.final, .reopen):
            guard !VietnameseText.normalized(reason ?? "").isEmpty else {
                throw DomainError.invalid(field: "reason", "Mở lại bảng điểm đã thẩm định cần ghi rõ lý do.")
            }
            return .submitted
        default:
            throw DomainError.conflict("Bảng điểm đang ở trạng thái «\(status.label)»; không thể \(action.label).")
        }
    }
}

public enum SheetAction: String, CaseIterable, Sendable, Codable {
    case submit, returnToUnit = "return", finalise, reopen

    public var label: String {
        switch self {
        case .submit: "nộp"
        case .returnToUnit: "trả lại"
        case .finalise: "hoàn tất thẩm định"
        case .reopen: "mở lại"
        }
    }
}

/// Values as a form or a body sends them: text per criterion, read by the criterion's kind
/// (points for base items and plain bonus, a count of events for per-event bonus and
/// deductions, yes or no for disqualifiers). Blank means not scored.
public enum SheetDraft {
    /// The item ids a form or a body names; any that is not an id is refused as unknown.
    public static func criterionIDs(_ keys: [String]) throws -> [UUID] {
        let ids = keys.compactMap(UUID.init(uuidString:))
        guard ids.count == keys.count else { throw DomainError.invalid(field: "values", SheetRules.unknownCriterion) }
        return ids
    }

    public static func parse(_ entries: [(criterionID: UUID, text: String)], table: ScoringTable) throws -> SheetValues {
        var issues = IssueCollector()
        var values: SheetValues = [:]
        let byID = Dictionary(table.criteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, raw) in entries {
            guard let c = byID[id] else {
                issues.add(FieldIssue(field: "values", SheetRules.unknownCriterion))
                continue
            }
            let text = raw.trimmingWhitespace
            // Blank clears the item (an empty entry), as `{"points": null}` does on the API.
            guard !text.isEmpty else {
                if c.kind != .group { values[id] = ItemScore() }
                continue
            }
            switch c.kind {
            case .group: continue
            case .disqualifier:
                values[id] = ItemScore(flagged: ["1", "co", "có", "true", "x"].contains(text.lowercased()))
            case .deduction where !text.contains("-"), .bonus where c.perEvent != nil:
                guard let count = NumberRange.read(text, in: NumberRange.events, field: c.code,
                                                   label: "«\(c.code). \(c.title)»: số lần", into: &issues) else { continue }
                values[id] = ItemScore(events: count)
            default:
                guard let points = Points.parse(text, field: c.code, label: "«\(c.code). \(c.title)»", into: &issues) else { continue }
                values[id] = ItemScore(points: points)
            }
        }
        try issues.finish()
        try SheetRules.validate(values, table: table)
        return values
    }

    /// The text a form shows for a stored value.
    public static func text(_ score: ItemScore?, under criterion: Criterion) -> String {
        guard let score else { return "" }
        switch criterion.kind {
        case .disqualifier: return score.flagged ? "1" : ""
        default:
            if let events = score.events { return String(events) }
            return score.points?.description ?? ""
        }
    }
}

/// When sheets can be filled: the year's scoring step for the annual round; the months in
/// progress (before or after the mid-year review is recorded) for the interim round.
public enum ScoringWindow {
    public static func isOpen(midYear: Bool, state: YearState) -> Bool {
        midYear ? (state == .inProgress || state == .midYearReviewed) : state == .scoring
    }

    public static func message(midYear: Bool, state: YearState) -> String {
        midYear
            ? "Sơ kết 6 tháng chỉ tự chấm khi năm thi đua đang thực hiện (hiện ở bước «\(state.label)»)."
            : "Chấm điểm cả năm chỉ mở ở bước «Chấm điểm» (hiện ở bước «\(state.label)»)."
    }
}
