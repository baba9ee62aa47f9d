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

    public init() {}

    /// Every number within its range, each problem named.
    public func validated() throws -> AwardParameters {
        var issues = IssueCollector()
        let percent = NumberRange.percent
        NumberRange.check(baseSoldierQuotaPercent, in: percent, field: "baseSoldierQuotaPercent", label: "Tỷ lệ CSTĐCS", into: &issues)
        NumberRange.check(advancedCollectivePercent, in: percent, field: "advancedCollectivePercent", label: "Tỷ lệ LĐTT của TTLĐTT", into: &issues)
        NumberRange.check(excellentCollectivePercent, in: percent, field: "excellentCollectivePercent", label: "Tỷ lệ LĐTT của TTLĐXS", into: &issues)
        NumberRange.check(governmentFlagSharePercent, in: percent, field: "governmentFlagSharePercent", label: "Tỷ lệ đề nghị Cờ Chính phủ", into: &issues)
        NumberRange.check(minimumMonthsEmployed, in: 0...12, field: "minimumMonthsEmployed", label: "Số tháng công tác tối thiểu", into: &issues)
        for (value, field, label) in [(provinceSoldierYears, "provinceSoldierYears", "Số năm CSTĐCS liên tục"),
                                      (nationalSoldierTimes, "nationalSoldierTimes", "Số lần CSTĐ cấp tỉnh liên tục"),
                                      (provinceMeritYears, "provinceMeritYears", "Số năm liên tục cho Bằng khen tỉnh"),
                                      (provinceMeritInitiatives, "provinceMeritInitiatives", "Số sáng kiến cho Bằng khen tỉnh"),
                                      (primeMinisterMeritYears, "primeMinisterMeritYears", "Số năm liên tục cho Bằng khen Thủ tướng"),
                                      (primeMinisterMeritBaseSoldiers, "primeMinisterMeritBaseSoldiers", "Số lần CSTĐCS cho Bằng khen Thủ tướng")] {
            NumberRange.check(value, in: 1...10, field: field, label: label, into: &issues)
        }
        try issues.finish()
        return self
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

/// A province's parameter versions; the one in force on a day, else the defaults above.
public struct ParameterSchedule: Sendable {
    public var versions: [ParameterVersion]
    public init(versions: [ParameterVersion] = []) { self.versions = versions }

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
