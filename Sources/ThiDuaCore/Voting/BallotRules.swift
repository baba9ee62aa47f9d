import Foundation

/// Phân số: a share written as two whole numbers, so that thresholds compare exactly
/// ("quá 1/2", "từ 2/3 trở lên") without floating point.
public struct Fraction: Hashable, Sendable, Codable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    /// Numerators and denominators a rule may use: far enough from overflow that
    /// `count × denominator` never traps for any count of `NumberRange.voters`.
    public static let partRange = 0...1_000

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public var isValid: Bool {
        Self.partRange.contains(numerator) && (1...Self.partRange.upperBound).contains(denominator) && numerator <= denominator
    }

    /// "1/2", "2/3"; a share of a hundred reads as a percentage ("70%").
    public var description: String {
        denominator == 100 ? "\(numerator)%" : "\(numerator)/\(denominator)"
    }

    /// Whether `count` out of `base` is more than (strict) or at least this share.
    public func reached(by count: Int, of base: Int, strict: Bool) -> Bool {
        let left = count * denominator, right = numerator * base
        return strict ? left > right : left >= right
    }

    /// The least count out of `base` that reaches this share.
    public func least(of base: Int, strict: Bool) -> Int {
        let product = numerator * base
        let atLeast = (product + denominator - 1) / denominator
        return strict && atLeast * denominator == product ? atLeast + 1 : atLeast
    }
}

/// Căn cứ tính tỷ lệ: what a share is a share of.
public enum ThresholdBase: String, CaseIterable, Sendable, Codable {
    /// Tổng số đơn vị thành viên của khối.
    case members
    /// Số đại biểu (đơn vị) có mặt, được bỏ phiếu.
    case present

    public var label: String {
        switch self {
        case .members: "tổng số đơn vị thành viên"
        case .present: "số đơn vị có mặt"
        }
    }
}

/// Quy định về ngưỡng: how many votes a candidate needs, as data stored with each session
/// and its result. Provinces set these (DOMAIN.md §4, VERIFY per province): "quá 50% tổng số
/// thành viên", "từ 2/3 số có mặt", with a quorum.
public struct ThresholdRule: Hashable, Sendable, Codable {
    public var share: Fraction
    /// True for "quá" (>), false for "từ … trở lên" (≥).
    public var strict: Bool
    public var base: ThresholdBase
    /// Túc số: the share of members whose ballots must be in for the result to stand.
    public var quorum: Fraction
    /// Where the rule comes from (the province's regulation), printed with the result.
    public var source: String

    public init(share: Fraction, strict: Bool, base: ThresholdBase, quorum: Fraction, source: String) {
        self.share = share
        self.strict = strict
        self.base = base
        self.quorum = quorum
        self.source = source
    }

    /// The usual rule where the province's regulation says nothing else: more than half of
    /// the members, with two thirds of them voting. A default to start from, never imposed.
    public static let common = ThresholdRule(share: Fraction(1, 2), strict: true, base: .members, quorum: Fraction(2, 3),
                                             source: "Quy chế hoạt động của khối (mặc định: quá 1/2 tổng số thành viên)")

    /// The rule in words, as the minutes print it.
    public var sentence: String {
        let comparison = strict ? "quá \(share)" : "từ \(share) trở lên"
        return "Trúng khi được \(comparison) \(base.label) đồng ý; túc số: \(quorum) tổng số thành viên bỏ phiếu. Căn cứ: \(source)."
    }

    public func validate() throws {
        var issues = IssueCollector()
        issues.check(share.isValid && share.numerator > 0, field: "share",
                     "Tỷ lệ trúng phải là phân số từ 1/1000 đến 1/1 (ví dụ 1/2, 2/3, 70/100).")
        // "Quá 1/1" is more than every vote there is: no candidate could ever pass.
        issues.check(!(strict && share.numerator == share.denominator), field: "strict",
                     "Không ứng viên nào có thể được «quá \(share)»: hãy chọn «từ \(share) trở lên» hoặc một tỷ lệ nhỏ hơn.")
        issues.check(quorum.isValid, field: "quorum", "Túc số phải là phân số từ 0 đến 1/1 (ví dụ 2/3).")
        issues.check(!source.trimmingWhitespace.isEmpty, field: "ruleSource", "Hãy ghi căn cứ của ngưỡng (quy chế của khối, văn bản của tỉnh).")
        try issues.finish()
    }
}

/// Nội dung bỏ phiếu: what a ballot session decides.
public enum BallotPurpose: String, CaseIterable, Sendable, Codable {
    /// Suy tôn đơn vị dẫn đầu khối, đề nghị Cờ thi đua của UBND tỉnh.
    case leadingUnit = "leading_unit"
    /// Đề nghị Bằng khen của Chủ tịch UBND tỉnh.
    case chairmanCommendation = "chairman_commendation"
    /// Đề nghị Cờ thi đua của Chính phủ.
    case governmentFlag = "government_flag"
    /// Bầu đơn vị Trưởng khối năm sau.
    case electHead = "elect_head"
    /// Bầu đơn vị Phó trưởng khối năm sau.
    case electDeputy = "elect_deputy"

    public var label: String {
        switch self {
        case .leadingUnit: "Suy tôn đơn vị dẫn đầu (đề nghị Cờ thi đua của UBND tỉnh)"
        case .chairmanCommendation: "Đề nghị Bằng khen của Chủ tịch UBND tỉnh"
        case .governmentFlag: "Đề nghị Cờ thi đua của Chính phủ"
        case .electHead: "Bầu đơn vị Trưởng khối năm sau"
        case .electDeputy: "Bầu đơn vị Phó trưởng khối năm sau"
        }
    }

    /// The office an election fills, if it is one.
    public var office: BlocOfficeRole? {
        switch self {
        case .electHead: .head
        case .electDeputy: .deputy
        default: nil
        }
    }
}

/// What an election's result does: takes effect (bầu), or is put to the province, which
/// recognises it (giới thiệu để cấp có thẩm quyền công nhận).
public enum ElectionEffect: String, CaseIterable, Sendable, Codable {
    case elect
    case nominate

    public var label: String {
        switch self {
        case .elect: "Có hiệu lực ngay (khối bầu)"
        case .nominate: "Giới thiệu để cấp tỉnh công nhận"
        }
    }
}

/// Phiên bỏ phiếu, as fixed when it opens: nothing here changes while ballots come in.
public struct BallotSpec: Hashable, Sendable, Codable {
    public var purpose: BallotPurpose
    /// Ứng viên, in the order of the published ranking where there is one.
    public var candidates: [UUID]
    /// Số lượng cần chọn: how many candidates the session elects or proposes.
    public var seats: Int
    /// Số ứng viên tối đa một phiếu được đồng ý; equal to the candidates for "đồng ý /
    /// không đồng ý từng người".
    public var maxChoices: Int
    public var rule: ThresholdRule
    /// Các đơn vị được bỏ phiếu: fixed at opening (the members present).
    public var eligible: Set<UUID>
    /// Tổng số thành viên của khối, the base of "members" rules and of the quorum.
    public var members: Int
    /// Vòng: 1, then 2 … when seats stayed open or a tie remained.
    public var round: Int
    /// The bloc's members when the session opened: who may read it, fixed with the voters (a
    /// vote is decided on what the session holds, without reading the registry again).
    public var memberUnits: Set<UUID>

    public init(purpose: BallotPurpose, candidates: [UUID], seats: Int, maxChoices: Int, rule: ThresholdRule,
                eligible: Set<UUID>, members: Int, round: Int = 1, memberUnits: Set<UUID> = []) {
        self.memberUnits = memberUnits
        self.purpose = purpose
        self.candidates = candidates
        self.seats = seats
        self.maxChoices = maxChoices
        self.rule = rule
        self.eligible = eligible
        self.members = members
        self.round = round
    }

    /// Checks a session before it opens, every problem at once.
    public func validate() throws {
        var issues = IssueCollector()
        issues.check(!candidates.isEmpty, field: "candidates", "Hãy chọn ít nhất một ứng viên.")
        issues.check(Set(candidates).count == candidates.count, field: "candidates", "Mỗi ứng viên chỉ có một lần trên phiếu.")
        issues.check(candidates.count <= NumberRange.voters.upperBound, field: "candidates", "Phiếu có quá nhiều ứng viên.")
        issues.check((1...max(1, candidates.count)).contains(seats), field: "seats",
                     "Số lượng cần chọn phải từ 1 đến số ứng viên (\(candidates.count)).")
        issues.check((1...max(1, candidates.count)).contains(maxChoices), field: "maxChoices",
                     "Số ứng viên tối đa được chọn trên một phiếu phải từ 1 đến số ứng viên (\(candidates.count)).")
        issues.check(maxChoices >= seats || maxChoices == candidates.count, field: "maxChoices",
                     "Mỗi phiếu phải được chọn ít nhất bằng số lượng cần chọn (\(seats)).")
        issues.check(!eligible.isEmpty, field: "attendance", "Chưa có đơn vị nào có mặt: hãy điểm danh trước khi mở phiên bỏ phiếu.")
        issues.check(NumberRange.voters.contains(members) && eligible.count <= members, field: "attendance",
                     "Số đơn vị được bỏ phiếu vượt quá số thành viên của khối.")
        if purpose.office != nil { issues.check(seats == 1, field: "seats", "Mỗi phiên bầu một đơn vị.") }
        issues.check(NumberRange.rounds.contains(round), field: "round", "Số vòng bỏ phiếu vượt quá giới hạn.")
        issues.run { try rule.validate() }
        try issues.finish()
    }

    /// Checks one electronic ballot: the candidates it approves.
    public func check(choices: Set<UUID>) throws {
        let unknown = choices.subtracting(candidates)
        guard unknown.isEmpty else {
            throw DomainError.invalid(field: "choices", "Phiếu có ứng viên không có trong danh sách của phiên này.")
        }
        guard choices.count <= maxChoices else {
            throw DomainError.invalid(field: "choices",
                                      "Mỗi phiếu chỉ được đồng ý tối đa \(maxChoices) ứng viên; phiếu của bạn chọn \(choices.count).")
        }
    }

    /// The base the share is taken of.
    public var thresholdBase: Int { rule.base == .members ? members : eligible.count }
}

/// Một đợt phiếu giấy: ballots the tally committee counted by hand, entered as a batch.
public struct PaperBatch: Hashable, Sendable, Codable {
    /// Số phiếu thu về.
    public var collected: Int
    /// Số phiếu không hợp lệ.
    public var invalid: Int
    /// Số phiếu đồng ý của từng ứng viên.
    public var votes: [UUID: Int]

    public init(collected: Int, invalid: Int, votes: [UUID: Int]) {
        self.collected = collected
        self.invalid = invalid
        self.votes = votes
    }

    public var valid: Int { collected - invalid }

    /// Checks a batch against the session: counts within range, no candidate with more
    /// votes than valid ballots, no more approvals than the valid ballots allowed.
    public func validate(for spec: BallotSpec, units: Int) throws {
        var issues = IssueCollector()
        // Counts from the API are any integers: `collected - invalid` only once both are in range.
        let inRange = NumberRange.voters.contains(collected) && (0...collected).contains(invalid)
        let valid = inRange ? self.valid : 0
        issues.check(collected == units, field: "units",
                     "Số phiếu thu về (\(collected)) phải bằng số đơn vị bỏ phiếu giấy được đánh dấu (\(units)).")
        issues.check(NumberRange.voters.contains(collected) && collected > 0, field: "collected", "Số phiếu thu về phải từ 1 trở lên.")
        issues.check((0...max(0, collected)).contains(invalid), field: "invalid",
                     "Số phiếu không hợp lệ phải từ 0 đến số phiếu thu về (\(collected)).")
        issues.check(Set(votes.keys).isSubset(of: spec.candidates), field: "votes", "Có ứng viên không có trong danh sách của phiên này.")
        for (candidate, count) in votes where spec.candidates.contains(candidate) {
            issues.check((0...max(0, valid)).contains(count), field: "votes",
                         "Số phiếu đồng ý của một ứng viên phải từ 0 đến số phiếu hợp lệ (\(max(0, valid))).")
        }
        let approvals = votes.values.reduce(0) { $0 + min(max($1, 0), NumberRange.voters.upperBound) }
        issues.check(approvals <= max(0, valid) * spec.maxChoices, field: "votes",
                     "Tổng số phiếu đồng ý vượt quá số phiếu hợp lệ × \(spec.maxChoices) lựa chọn mỗi phiếu.")
        try issues.finish()
    }
}
