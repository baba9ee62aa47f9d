import Foundation

/// How "consecutive years" run across a unit merger (the law text was not found: DOMAIN.md §6
/// VERIFY with Sở Nội vụ): each province configures it.
public enum MergerChainRule: String, CaseIterable, Sendable, Codable {
    /// Years of the predecessors count as the merged unit's.
    case continueChain = "continue"
    /// The chain starts again on the day of the merger.
    case restart
    /// The chain counts them, but the council must confirm: the condition asks.
    case ask

    public var label: String {
        switch self {
        case .continueChain: "Tính nối tiếp năm của đơn vị trước hợp nhất"
        case .restart: "Tính lại từ khi hợp nhất"
        case .ask: "Hội đồng xem xét từng trường hợp"
        }
    }
}

/// How a quota's share is rounded: "không quá 15%" is read down by most provinces.
public enum QuotaRounding: String, CaseIterable, Sendable, Codable {
    case down
    case nearest
}

/// The numbers a province sets (DOMAIN.md marks most of them VERIFY): quotas, chain lengths,
/// the exclusions' thresholds. Stored as dated versions; the one in force on the proposal's
/// day applies.
public struct AwardParameters: Hashable, Sendable, Codable {
    /// CSTĐCS ≤ this share of the unit's LĐTT (Decree 91/2017 & TT 07/2014; kept by many provinces).
    public var baseSoldierQuotaPercent = 15
    public var quotaRounding = QuotaRounding.down
    /// Recruited for fewer months in the year: no LĐTT (Decree 91/2017, carried over — VERIFY).
    public var minimumMonthsEmployed = 10
    /// Disciplined at this measure or heavier in the year: no LĐTT.
    public var advancedWorkerDisciplineBar = DisciplineKind.reprimand
    /// A member disciplined at this measure or heavier: the collective is not TTLĐTT (VERIFY).
    public var collectiveDisciplineBar = DisciplineKind.warning
    /// Consecutive CSTĐCS years for CSTĐ cấp tỉnh (Art 22).
    public var provinceSoldierYears = 3
    /// Consecutive CSTĐ cấp tỉnh for CSTĐ toàn quốc (Art 21).
    public var nationalSoldierTimes = 2
    /// Consecutive years (CSTĐCS, or HTXSNV with initiatives) for Bằng khen tỉnh (Art 74).
    public var provinceMeritYears = 2
    /// Initiatives in the HTXSNV years for the second way to Bằng khen tỉnh.
    public var provinceMeritInitiatives = 2
    /// Consecutive years ≥ HTTNV for Bằng khen Thủ tướng (Art 73(1)(b)), and CSTĐCS among them.
    public var primeMinisterMeritYears = 5
    public var primeMinisterMeritBaseSoldiers = 3
    /// Share of members with LĐTT for TTLĐTT (Art 28) and TTLĐXS (Art 27).
    public var advancedCollectivePercent = 50
    public var excellentCollectivePercent = 70
    /// Cờ tỉnh also requires TTLĐXS in the year (ministry analogues do; provinces often).
    public var flagRequiresExcellentCollective = true
    /// Cờ tỉnh requires the conference's ballot besides rank 1.
    public var flagRequiresBallot = true
    /// Proposals for Cờ Chính phủ ≤ this share of the bloc leaders.
    public var governmentFlagSharePercent = 20
    public var mergerChain = MergerChainRule.ask
    /// No commendation for a unit dissolved by the restructuring (Circular 15/2025).
    public var excludeDissolvedUnits = true
    /// Ưu tiên khi bằng thành tích: a collective whose staff are at least this share women
    /// comes first (Decree 98/2023 Art 4 per DOMAIN.md §5 — VERIFY; 70 until a province sets
    /// it). Stored optional so a version saved before this setting reads as the default; the
    /// default is kept as nil so equal settings compare equal however they were made.
    public var womenPriorityThreshold: Int?
    public static let defaultWomenPriorityPercent = 70
    public var womenPriorityPercent: Int {
        get { womenPriorityThreshold ?? Self.defaultWomenPriorityPercent }
        set { womenPriorityThreshold = newValue == Self.defaultWomenPriorityPercent ? nil : newValue }
    }

    public init() {}

    /// Every number within its range, each problem named.
    public func validated() throws -> AwardParameters {
        var issues = IssueCollector()
        for number in Self.numbers {
            NumberRange.check(self[keyPath: number.path], in: number.range, field: number.field, label: number.label, into: &issues)
        }
        try issues.finish()
        return self
    }

    /// The settings as text by field name (what `read` takes back), for a form or a document.
    public var fields: [String: String] {
        var result = Dictionary(uniqueKeysWithValues: Self.numbers.map { ($0.field, String(self[keyPath: $0.path])) })
        result["mergerChain"] = mergerChain.rawValue
        result["quotaRounding"] = quotaRounding.rawValue
        result["advancedWorkerDisciplineBar"] = advancedWorkerDisciplineBar.rawValue
        result["collectiveDisciplineBar"] = collectiveDisciplineBar.rawValue
        result["flagRequiresExcellentCollective"] = String(flagRequiresExcellentCollective)
        result["flagRequiresBallot"] = String(flagRequiresBallot)
        result["excludeDissolvedUnits"] = String(excludeDissolvedUnits)
        return result
    }
}

/// One dated version of a province's parameters ("Quyết định số …/QĐ-UBND").
public struct ParameterVersion: Hashable, Sendable, Codable {
    public var validity: DatePeriod
    public var reference: String
    public var parameters: AwardParameters

    public init(validity: DatePeriod, reference: String, parameters: AwardParameters) {
        self.validity = validity
        self.reference = reference
        self.parameters = parameters
    }
}

extension AwardParameters {
    /// The whole numbers a province may set, by field name, with their label and range.
    static var numbers: [(field: String, label: String, range: ClosedRange<Int>, path: WritableKeyPath<AwardParameters, Int>)] { [
        ("baseSoldierQuotaPercent", "Tỷ lệ CSTĐCS trên số LĐTT (%)", NumberRange.percent, \.baseSoldierQuotaPercent),
        ("minimumMonthsEmployed", "Số tháng công tác tối thiểu cho LĐTT", 0...12, \.minimumMonthsEmployed),
        ("provinceSoldierYears", "Số năm CSTĐCS liên tục cho CSTĐ cấp tỉnh", 1...10, \.provinceSoldierYears),
        ("nationalSoldierTimes", "Số lần CSTĐ cấp tỉnh liên tục cho CSTĐ toàn quốc", 1...10, \.nationalSoldierTimes),
        ("provinceMeritYears", "Số năm liên tục cho Bằng khen tỉnh", 1...10, \.provinceMeritYears),
        ("provinceMeritInitiatives", "Số sáng kiến cho Bằng khen tỉnh", 1...10, \.provinceMeritInitiatives),
        ("primeMinisterMeritYears", "Số năm liên tục cho Bằng khen Thủ tướng", 1...10, \.primeMinisterMeritYears),
        ("primeMinisterMeritBaseSoldiers", "Số lần CSTĐCS cho Bằng khen Thủ tướng", 1...10, \.primeMinisterMeritBaseSoldiers),
        ("advancedCollectivePercent", "Tỷ lệ LĐTT của Tập thể lao động tiên tiến (%)", NumberRange.percent, \.advancedCollectivePercent),
        ("excellentCollectivePercent", "Tỷ lệ LĐTT của Tập thể lao động xuất sắc (%)", NumberRange.percent, \.excellentCollectivePercent),
        ("governmentFlagSharePercent", "Tỷ lệ đề nghị Cờ thi đua của Chính phủ (%)", NumberRange.percent, \.governmentFlagSharePercent),
        ("womenPriorityPercent", "Tỷ lệ nữ để tập thể được ưu tiên khi bằng thành tích (%)", NumberRange.percent, \.womenPriorityPercent),
    ] }

    /// Reads what a province typed (text by field name); a field left out keeps its default.
    public static func read(_ fields: [String: String]) throws -> AwardParameters {
        var issues = IssueCollector()
        var result = AwardParameters()
        for number in numbers {
            if let value = NumberRange.read(fields[number.field], in: number.range, field: number.field, label: number.label, into: &issues) {
                result[keyPath: number.path] = value
            }
        }
        func choice<T: RawRepresentable>(_ field: String, _ label: String, _ type: T.Type, _ apply: (T) -> Void) where T.RawValue == String {
            let text = (fields[field] ?? "").trimmingWhitespace
            guard !text.isEmpty else { return }
            guard let value = T(rawValue: text) else { return issues.add(FieldIssue(field: field, "\(label) «\(TextRules.excerpt(text))» không hợp lệ.")) }
            apply(value)
        }
        choice("mergerChain", "Cách tính năm liên tục khi hợp nhất", MergerChainRule.self) { result.mergerChain = $0 }
        choice("quotaRounding", "Cách làm tròn chỉ tiêu", QuotaRounding.self) { result.quotaRounding = $0 }
        choice("advancedWorkerDisciplineBar", "Mức kỷ luật không xét LĐTT", DisciplineKind.self) { result.advancedWorkerDisciplineBar = $0 }
        choice("collectiveDisciplineBar", "Mức kỷ luật không xét TTLĐTT", DisciplineKind.self) { result.collectiveDisciplineBar = $0 }
        for (field, label, path) in [("flagRequiresExcellentCollective", "Cờ thi đua cần TTLĐXS", \AwardParameters.flagRequiresExcellentCollective),
                                     ("flagRequiresBallot", "Cờ thi đua cần kết quả bỏ phiếu", \AwardParameters.flagRequiresBallot),
                                     ("excludeDissolvedUnits", "Không khen đơn vị giải thể", \AwardParameters.excludeDissolvedUnits)] {
            let text = (fields[field] ?? "").trimmingWhitespace
            guard !text.isEmpty else { continue }
            guard let value = Bool(text) else { issues.add(FieldIssue(field: field, "\(label): hãy chọn có (true) hoặc không (false).")); continue }
            result[keyPath: path] = value
        }
        try issues.finish()
        return result
    }
}

/// A province's parameter versions; the one in force on a day, else the defaults above.
public struct ParameterSchedule: Sendable {
    public var versions: [ParameterVersion]
    public init(versions: [ParameterVersion] = []) { self.versions = versions }

    /// Checks a new version against those stored: its reference, its days, no overlap (the
    /// rule on a day is never in doubt).
    public func validate(_ version: ParameterVersion) throws {
        var issues = IssueCollector()
        issues.check(!VietnameseText.normalized(version.reference).isEmpty, field: "reference",
                     "Hãy ghi văn bản quy định (số, ký hiệu quyết định của tỉnh).")
        issues.check(version.validity.isOrdered, field: "validTo", "Ngày hết hiệu lực phải sau ngày bắt đầu.")
        for other in versions where other.validity.overlaps(version.validity) {
            issues.add(FieldIssue(field: "validFrom",
                "Trùng thời gian với tham số theo «\(other.reference)» (từ \(other.validity.from.vietnamese)\(other.validity.to.map { " đến \($0.vietnamese)" } ?? "")); hãy cho bản cũ hết hiệu lực trước."))
        }
        try issues.finish()
    }

    public func version(on date: LocalDate) -> ParameterVersion {
        versions.filter { $0.validity.contains(date) }.max { $0.validity.from < $1.validity.from }
            ?? ParameterVersion(validity: DatePeriod(from: LegalBasis.law2022.validity.from),
                                reference: "Mặc định theo DOMAIN.md §5 (cần xác minh với quy định của tỉnh)",
                                parameters: AwardParameters())
    }
}

/// Chỉ tiêu: how many of a base may be proposed ("CSTĐCS không quá 15% số LĐTT").
public enum Quota {
    /// The most allowed: `base × percent / 100`, rounded as configured. Counts are clamped to
    /// what a unit can have, so the product never overflows.
    public static func allowed(base: Int, percent: Int, rounding: QuotaRounding) -> Int {
        let base = min(max(base, 0), 10_000_000)
        let percent = min(max(percent, 0), 100)
        let product = base * percent
        switch rounding {
        case .down: return product / 100
        case .nearest: return (product + 50) / 100
        }
    }

    /// "≥ n %" without division: part × 100 ≥ percent × whole (counts are bounded, so
    /// nothing overflows); an empty whole reaches nothing.
    public static func reaches(_ part: Int, of whole: Int, percent: Int) -> Bool {
        whole > 0 && min(part, 10_000_000) * 100 >= min(max(percent, 0), 100) * min(whole, 10_000_000)
    }

    /// A quota's verdict, with its message.
    public struct Check: Hashable, Sendable, Codable {
        public var label: String
        public var base: Int
        public var percent: Int
        public var allowed: Int
        public var proposed: Int
        public var exceeded: Bool { proposed > allowed }
        public var message: String {
            "\(label): đề nghị \(proposed), tối đa \(allowed) (\(percent)% của \(base))" + (exceeded ? " — vượt chỉ tiêu." : ".")
        }
    }

    public static func check(_ label: String, proposed: Int, base: Int, percent: Int, rounding: QuotaRounding) -> Check {
        Check(label: label, base: base, percent: percent, allowed: allowed(base: base, percent: percent, rounding: rounding),
              proposed: proposed)
    }
}
