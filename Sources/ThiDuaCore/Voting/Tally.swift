import Foundation

/// Kết quả kiểm phiếu: every count the minutes of the tally committee (biên bản kiểm phiếu)
/// record, each candidate's votes and whether they passed, who is elected, and the reasoning
/// in Vietnamese. Stored with the session when it closes, with the rule that made it.
public struct TallyResult: Hashable, Sendable, Codable {
    public struct Line: Hashable, Sendable, Codable {
        public var candidate: UUID
        public var votes: Int
        /// Đạt ngưỡng.
        public var passed: Bool
        /// Trúng: passed and within the seats.
        public var elected: Bool
        /// Bằng phiếu ở suất cuối: needs a further round.
        public var tied: Bool
    }

    public var rule: ThresholdRule
    public var round: Int
    public var seats: Int
    /// Tổng số thành viên; số đơn vị được bỏ phiếu (có mặt).
    public var members: Int
    public var eligible: Int
    /// Phiếu phát ra / thu về: ballots cast, electronic and paper.
    public var cast: Int
    public var electronic: Int
    public var paper: Int
    public var paperBatches: Int
    public var valid: Int
    public var invalid: Int
    /// Số phiếu cần để trúng.
    public var needed: Int
    public var quorumNeeded: Int
    public var quorumMet: Bool
    /// Lý do kết thúc khi chưa đủ túc số.
    public var closedWithoutQuorumReason: String?
    /// In the candidates' order on the ballot.
    public var lines: [Line]
    public var reasoning: [String]

    public var elected: [UUID] { lines.filter(\.elected).map(\.candidate) }
    /// Seats no candidate filled (none passed, or a tie held them).
    public var openSeats: Int { max(0, seats - elected.count) }
    public var needsFurtherRound: Bool { quorumMet && openSeats > 0 && lines.contains { !$0.elected } }
}

/// Kiểm phiếu: a pure function from the session and its ballots to the result. Nothing
/// calls it before the session closes.
public enum Tally {
    /// - Parameters:
    ///   - ballots: each electronic ballot's approved candidates (checked when cast).
    ///   - batches: paper ballots counted by the tally committee.
    ///   - reasonWithoutQuorum: required when fewer ballots than the quorum came in.
    public static func count(_ spec: BallotSpec, ballots: [Set<UUID>], batches: [PaperBatch],
                             reasonWithoutQuorum: String? = nil) throws -> TallyResult {
        var votes = Dictionary(uniqueKeysWithValues: spec.candidates.map { ($0, 0) })
        for ballot in ballots {
            for candidate in ballot where votes[candidate] != nil { votes[candidate, default: 0] += 1 }
        }
        for batch in batches {
            for (candidate, count) in batch.votes where votes[candidate] != nil { votes[candidate, default: 0] += count }
        }
        let paper = batches.reduce(0) { $0 + $1.collected }
        let paperInvalid = batches.reduce(0) { $0 + $1.invalid }
        let cast = ballots.count + paper
        let valid = ballots.count + paper - paperInvalid
        let rule = spec.rule
        let base = spec.thresholdBase
        let needed = rule.share.least(of: base, strict: rule.strict)
        let quorumNeeded = rule.quorum.least(of: spec.members, strict: false)
        let quorumMet = cast >= quorumNeeded
        let reason = reasonWithoutQuorum.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        if !quorumMet && reason == nil {
            throw DomainError.invalid(field: "reason", "Mới có \(cast)/\(spec.members) đơn vị bỏ phiếu, chưa đủ túc số \(quorumNeeded) "
                                      + "(\(rule.quorum) tổng số thành viên). Muốn kết thúc, hãy ghi rõ lý do vào biên bản.")
        }

        // Passed: at the threshold. Elected: the passed ones by votes, within the seats; a
        // tie across the last seat elects nobody of the tie and asks for a further round.
        let passed = spec.candidates.filter { rule.share.reached(by: votes[$0] ?? 0, of: base, strict: rule.strict) }
        let byVotes = passed.sorted { (votes[$0] ?? 0) > (votes[$1] ?? 0) }
        var elected: Set<UUID> = []
        var tied: Set<UUID> = []
        if quorumMet {
            if byVotes.count <= spec.seats {
                elected = Set(byVotes)
            } else {
                let cut = votes[byVotes[spec.seats - 1]] ?? 0
                let above = byVotes.filter { (votes[$0] ?? 0) > cut }
                let atCut = byVotes.filter { (votes[$0] ?? 0) == cut }
                elected = Set(above)
                if above.count + atCut.count == spec.seats { elected.formUnion(atCut) } else { tied = Set(atCut) }
            }
        }
        let lines = spec.candidates.map { candidate in
            TallyResult.Line(candidate: candidate, votes: votes[candidate] ?? 0, passed: passed.contains(candidate),
                             elected: elected.contains(candidate), tied: tied.contains(candidate))
        }

        var reasoning = [
            "Tổng số thành viên: \(spec.members); có mặt, được bỏ phiếu: \(spec.eligible.count).",
            "Số phiếu thu về: \(cast) (\(ballots.count) phiếu điện tử, \(paper) phiếu giấy); hợp lệ: \(valid); không hợp lệ: \(paperInvalid).",
            "Ngưỡng: " + rule.sentence,
            "Cần ít nhất \(needed)/\(base) phiếu đồng ý (\(rule.base.label) là \(base)).",
        ]
        if quorumMet {
            reasoning.append("Đủ túc số: \(cast) ≥ \(quorumNeeded).")
        } else {
            reasoning.append("Chưa đủ túc số (\(cast) < \(quorumNeeded)); kết thúc theo lý do: \(reason ?? ""). Không ai trúng ở phiên này.")
        }
        if !tied.isEmpty {
            reasoning.append("\(tied.count) ứng viên bằng phiếu (\(votes[tied.first!] ?? 0)) ở suất cuối: cần bỏ phiếu vòng \(spec.round + 1).")
        } else if quorumMet && elected.count < spec.seats {
            reasoning.append("Còn \(spec.seats - elected.count)/\(spec.seats) suất chưa có người trúng.")
        }
        return TallyResult(rule: rule, round: spec.round, seats: spec.seats, members: spec.members, eligible: spec.eligible.count,
                           cast: cast, electronic: ballots.count, paper: paper, paperBatches: batches.count, valid: valid,
                           invalid: paperInvalid, needed: needed, quorumNeeded: quorumNeeded, quorumMet: quorumMet,
                           closedWithoutQuorumReason: quorumMet ? nil : reason, lines: lines, reasoning: reasoning)
    }

    /// Vòng sau: the session that follows a result with seats left open — among the tied
    /// candidates when a tie held the last seat, else among those not elected — or nil.
    public static func nextRound(after spec: BallotSpec, result: TallyResult, eligible: Set<UUID>) -> BallotSpec? {
        guard result.needsFurtherRound, spec.round < NumberRange.rounds.upperBound else { return nil }
        let tied = result.lines.filter(\.tied).map(\.candidate)
        let remaining = tied.isEmpty ? result.lines.filter { !$0.elected }.map(\.candidate) : tied
        guard !remaining.isEmpty else { return nil }
        let seats = min(result.openSeats, remaining.count)
        return BallotSpec(purpose: spec.purpose, candidates: remaining, seats: seats,
                          maxChoices: spec.maxChoices == spec.candidates.count ? remaining.count : min(spec.maxChoices, remaining.count),
                          rule: spec.rule, eligible: eligible, members: spec.members, round: spec.round + 1,
                          memberUnits: spec.memberUnits)
    }
}

/// Luân phiên: which units could head the bloc next, those that never headed it first, then
/// those that headed it longest ago; this year's head is not suggested.
public enum Rotation {
    public static func suggest(members: [UUID], offices: [BlocOffice], currentYear: Int) -> [UUID] {
        let lastHeaded = Dictionary(offices.filter { $0.role == .head && $0.year <= currentYear }.map { ($0.unitID, $0.year) },
                                    uniquingKeysWith: max)
        let current = offices.first { $0.role == .head && $0.year == currentYear }?.unitID
        return members.enumerated().filter { $0.element != current }.sorted { left, right in
            let l = lastHeaded[left.element] ?? Int.min, r = lastHeaded[right.element] ?? Int.min
            return l == r ? left.offset < right.offset : l < r
        }.map(\.element)
    }
}
