import Foundation

/// Đạt / không đạt / cần xác minh: a condition the records decide, or one a person must judge
/// (an achievement, a configured "ask the council").
public enum ConditionOutcome: String, Sendable, Codable, Hashable {
    case pass
    case fail
    /// The records cannot decide; the council or the officer must.
    case review

    public var label: String {
        switch self {
        case .pass: "Đạt"
        case .fail: "Không đạt"
        case .review: "Cần xem xét"
        }
    }
}

/// One condition of a rule, with its outcome, the records it read and the article it comes from.
public struct ConditionResult: Hashable, Sendable, Codable {
    /// A stable key ("rating", "chain", "initiative") for tests and clients.
    public var key: String
    /// The condition in Vietnamese: "Xếp loại từ Hoàn thành tốt nhiệm vụ trở lên năm 2025".
    public var label: String
    public var outcome: ConditionOutcome
    /// What it found: "2023: CSTĐCS", "Sáng kiến «…» (2024, cấp cơ sở)".
    public var records: [String]
    /// "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15".
    public var citation: String
    /// For "one of": the alternatives, each a condition; the parent passes when one passes.
    public var alternatives: [[ConditionResult]]

    public init(key: String, label: String, outcome: ConditionOutcome, records: [String] = [], citation: String,
                alternatives: [[ConditionResult]] = []) {
        self.key = key
        self.label = label
        self.outcome = outcome
        self.records = records
        self.citation = citation
        self.alternatives = alternatives
    }

    public init(key: String, label: String, passed: Bool, records: [String] = [], citation: String) {
        self.init(key: key, label: label, outcome: passed ? .pass : .fail, records: records, citation: citation)
    }

    /// "Một trong các trường hợp": passes when every condition of one alternative passes.
    public static func anyOf(key: String, label: String, citation: String, _ alternatives: [[ConditionResult]]) -> ConditionResult {
        let outcomes = alternatives.map { Explanation.combine($0.map(\.outcome)) }
        let outcome: ConditionOutcome = outcomes.contains(.pass) ? .pass : outcomes.contains(.review) ? .review : .fail
        return ConditionResult(key: key, label: label, outcome: outcome, citation: citation, alternatives: alternatives)
    }
}

/// What would be consumed if the award is given: the years of its chain and the initiatives it
/// stands on, so that the decision can mark them used.
public struct AwardBasis: Hashable, Sendable, Codable {
    public var years: [Int]
    public var initiatives: [UUID]
    public init(years: [Int] = [], initiatives: [UUID] = []) {
        self.years = years
        self.initiatives = initiatives
    }
}

/// Đủ điều kiện hay không, và vì sao: the answer of a rule, never a bare bool.
public struct Explanation: Hashable, Sendable, Codable {
    public var award: AwardCode
    public var awardName: String
    public var recipientName: String
    public var year: Int
    /// The day the rule was chosen for (the proposal's day).
    public var date: LocalDate
    /// The rule version used: "ldtt@152/2025/NĐ-CP".
    public var ruleID: String
    /// The texts the rule stands on, as cited.
    public var legalBasis: [String]
    public var conditions: [ConditionResult]
    public var basis: AwardBasis

    public init(award: AwardCode, awardName: String, recipientName: String, year: Int, date: LocalDate, ruleID: String,
                legalBasis: [String], conditions: [ConditionResult], basis: AwardBasis = AwardBasis()) {
        self.award = award
        self.awardName = awardName
        self.recipientName = recipientName
        self.year = year
        self.date = date
        self.ruleID = ruleID
        self.legalBasis = legalBasis
        self.conditions = conditions
        self.basis = basis
    }

    public var outcome: ConditionOutcome { Self.combine(conditions.map(\.outcome)) }
    public var eligible: Bool { outcome == .pass }
    public var failed: [ConditionResult] { conditions.filter { $0.outcome == .fail } }

    /// One failure fails all; else one open question leaves it for review; else it passes.
    static func combine(_ outcomes: [ConditionOutcome]) -> ConditionOutcome {
        if outcomes.contains(.fail) { return .fail }
        if outcomes.contains(.review) { return .review }
        return .pass
    }

    /// "Không đủ điều kiện: …" with each failed condition, for a warning.
    public var summary: String {
        switch outcome {
        case .pass: return "Đủ điều kiện \(awardName)."
        case .review: return "Cần xem xét thêm: " + conditions.filter { $0.outcome == .review }.map(\.label).joined(separator: "; ") + "."
        case .fail: return "Chưa đủ điều kiện \(awardName): " + failed.map(\.label).joined(separator: "; ") + "."
        }
    }
}
