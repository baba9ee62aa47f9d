import Foundation
import Testing
@testable import ThiDuaCore

/// Kiểm phiếu: thresholds at their edges, the two bases, quorum, ties and further rounds,
/// paper batches, and who may vote or read a session.
@Suite struct VotingTests {
    let units = (0..<9).map { _ in UUID() }

    func spec(candidates: Int = 1, seats: Int = 1, maxChoices: Int? = nil, rule: ThresholdRule = .common,
              present: Int = 9, members: Int = 9) -> BallotSpec {
        BallotSpec(purpose: .leadingUnit, candidates: Array(units.prefix(candidates)), seats: seats,
                   maxChoices: maxChoices ?? candidates, rule: rule, eligible: Set(units.prefix(present)), members: members)
    }

    /// `approving` ballots for the first candidate out of `cast`.
    func ballots(_ approving: Int, of cast: Int, for candidate: Int = 0) -> [Set<UUID>] {
        (0..<cast).map { $0 < approving ? [units[candidate]] : [] }
    }

    func rule(_ n: Int, _ d: Int, strict: Bool, base: ThresholdBase = .members, quorum: Fraction = Fraction(2, 3)) -> ThresholdRule {
        ThresholdRule(share: Fraction(n, d), strict: strict, base: base, quorum: quorum, source: "Quy chế khối (thử)")
    }

    @Test func exactlyHalfFailsOverHalfAndPassesAtLeastHalf() throws {
        // 10 members: 5 is exactly 1/2.
        let members = 10
        let units10 = (0..<10).map { _ in UUID() }
        func ten(_ rule: ThresholdRule) -> BallotSpec {
            BallotSpec(purpose: .leadingUnit, candidates: [units10[0]], seats: 1, maxChoices: 1, rule: rule,
                       eligible: Set(units10), members: members)
        }
        let votes = (0..<10).map { $0 < 5 ? Set([units10[0]]) : Set<UUID>() }
        let strict = try Tally.count(ten(rule(1, 2, strict: true)), ballots: votes, batches: [])
        #expect(strict.needed == 6)
        #expect(strict.lines[0].votes == 5 && !strict.lines[0].passed && strict.elected.isEmpty)
        let atLeast = try Tally.count(ten(rule(1, 2, strict: false)), ballots: votes, batches: [])
        #expect(atLeast.needed == 5)
        #expect(atLeast.lines[0].passed && atLeast.elected == [units10[0]])
    }

    @Test func twoThirdsOfNineIsSixUnderAtLeastAndSevenUnderMoreThan() throws {
        let atLeast = try Tally.count(spec(rule: rule(2, 3, strict: false)), ballots: ballots(6, of: 9), batches: [])
        #expect(atLeast.needed == 6 && atLeast.elected == [units[0]])
        let over = try Tally.count(spec(rule: rule(2, 3, strict: true)), ballots: ballots(6, of: 9), batches: [])
        #expect(over.needed == 7 && over.elected.isEmpty)
    }

    @Test func theBaseIsTheMembersOrThoseWhoArePresent() throws {
        // 9 members, 6 present, 4 approve: 4/6 ≥ 2/3 of those present, but 4/9 < 2/3 of members.
        let present = try Tally.count(spec(rule: rule(2, 3, strict: false, base: .present, quorum: Fraction(1, 2)), present: 6),
                                      ballots: ballots(4, of: 6), batches: [])
        #expect(present.needed == 4 && present.elected == [units[0]])
        let members = try Tally.count(spec(rule: rule(2, 3, strict: false, base: .members, quorum: Fraction(1, 2)), present: 6),
                                      ballots: ballots(4, of: 6), batches: [])
        #expect(members.needed == 6 && members.elected.isEmpty)
        #expect(members.reasoning.contains { $0.contains("tổng số đơn vị thành viên là 9") })
    }

    @Test func withoutQuorumClosingNeedsAReasonAndElectsNobody() throws {
        // 9 members, quorum 2/3 = 6; 5 ballots in, all approving.
        #expect(throws: DomainError.self) { try Tally.count(spec(), ballots: ballots(5, of: 5), batches: []) }
        let marked = try Tally.count(spec(), ballots: ballots(5, of: 5), batches: [], reasonWithoutQuorum: "Mất điện, hoãn phần còn lại")
        #expect(!marked.quorumMet && marked.quorumNeeded == 6 && marked.elected.isEmpty)
        #expect(marked.closedWithoutQuorumReason == "Mất điện, hoãn phần còn lại")
        #expect(!marked.needsFurtherRound)
    }

    @Test func aTieForTheLastSeatElectsTheOnesAboveAndAsksForARound() throws {
        // Three candidates, two seats, choose up to two. A: 8, B: 6, C: 6 → A elected; B, C tied.
        let s = spec(candidates: 3, seats: 2, maxChoices: 2)
        let (a, b, c) = (units[0], units[1], units[2])
        let cast: [Set<UUID>] = [[a, b], [a, b], [a, b], [a, c], [a, c], [a, c], [a, b], [a, c], [b, c]]
        let result = try Tally.count(s, ballots: cast, batches: [])
        #expect(result.lines.map(\.votes) == [8, 5, 5])
        // 5 of 9 is more than half: all three passed; the tie is at the last seat.
        #expect(result.elected == [a])
        #expect(result.lines.filter(\.tied).map(\.candidate) == [b, c])
        #expect(result.needsFurtherRound)
        let next = try #require(Tally.nextRound(after: s, result: result, eligible: s.eligible))
        #expect(next.round == 2 && next.candidates == [b, c] && next.seats == 1 && next.maxChoices == 2)
        // The second round: B wins.
        let second = try Tally.count(next, ballots: (0..<9).map { $0 < 6 ? [b] : [c] }, batches: [])
        #expect(second.elected == [b] && !second.needsFurtherRound)
        #expect(Tally.nextRound(after: next, result: second, eligible: s.eligible) == nil)
    }

    @Test func aSeatNobodyPassedForGoesToAFurtherRoundAmongTheOthers() throws {
        let s = spec(candidates: 3, seats: 2, maxChoices: 2)
        let (a, b, c) = (units[0], units[1], units[2])
        let cast: [Set<UUID>] = (0..<9).map { $0 < 7 ? [a, $0 % 2 == 0 ? b : c] : [a] }
        let result = try Tally.count(s, ballots: cast, batches: [])
        #expect(result.elected == [a] && result.openSeats == 1)
        let next = try #require(Tally.nextRound(after: s, result: result, eligible: s.eligible))
        #expect(next.candidates == [b, c] && next.seats == 1)
    }

    @Test func paperBatchesAddToTheCountAndAreMarkedAsPaper() throws {
        let s = spec()
        let batch = PaperBatch(collected: 4, invalid: 1, votes: [units[0]: 3])
        try batch.validate(for: s, units: 4)
        let result = try Tally.count(s, ballots: ballots(3, of: 5), batches: [batch])
        #expect(result.cast == 9 && result.paper == 4 && result.electronic == 5 && result.invalid == 1 && result.valid == 8)
        #expect(result.lines[0].votes == 6 && result.elected == [units[0]])
        #expect(result.reasoning[1].contains("4 phiếu giấy"))
    }

    @Test func aBatchThatDoesNotAddUpIsRefused() {
        let s = spec(candidates: 2, seats: 1, maxChoices: 1)
        #expect(throws: DomainError.self) { try PaperBatch(collected: 3, invalid: 0, votes: [:]).validate(for: s, units: 2) }
        #expect(throws: DomainError.self) { try PaperBatch(collected: 3, invalid: 4, votes: [:]).validate(for: s, units: 3) }
        #expect(throws: DomainError.self) { try PaperBatch(collected: 3, invalid: 1, votes: [units[0]: 3]).validate(for: s, units: 3) }
        // Two valid ballots with one choice each cannot give three approvals in all.
        #expect(throws: DomainError.self) {
            try PaperBatch(collected: 3, invalid: 1, votes: [units[0]: 2, units[1]: 1]).validate(for: s, units: 3)
        }
        #expect(throws: DomainError.self) { try PaperBatch(collected: 1, invalid: 0, votes: [UUID(): 1]).validate(for: s, units: 1) }
    }

    @Test func aBatchWithHugeOrNegativeCountsIsRefusedWithoutTrapping() {
        // Setup: two candidates, two choices a ballot; the API passes any JSON integer through.
        let s = spec(candidates: 2, seats: 1, maxChoices: 2)
        // Act and check: each is refused as bad input (collected − invalid and valid × choices would overflow).
        #expect(throws: DomainError.self) { try PaperBatch(collected: Int.max, invalid: -1, votes: [:]).validate(for: s, units: 1) }
        #expect(throws: DomainError.self) { try PaperBatch(collected: Int.max, invalid: 0, votes: [:]).validate(for: s, units: 1) }
        #expect(throws: DomainError.self) { try PaperBatch(collected: Int.min, invalid: Int.max, votes: [:]).validate(for: s, units: 1) }
        #expect(throws: DomainError.self) {
            try PaperBatch(collected: 1, invalid: Int.min, votes: [units[0]: Int.max]).validate(for: s, units: 1)
        }
    }

    @Test func aBallotWithMoreChoicesOrAStrangerIsRefused() throws {
        let s = spec(candidates: 3, seats: 1, maxChoices: 1)
        try s.check(choices: [units[0]])
        try s.check(choices: [])
        #expect(throws: DomainError.self) { try s.check(choices: [units[0], units[1]]) }
        #expect(throws: DomainError.self) { try s.check(choices: [UUID()]) }
    }

    @Test func aSessionIsCheckedBeforeItOpens() {
        #expect(throws: DomainError.self) { try spec(candidates: 0).validate() }
        #expect(throws: DomainError.self) { try spec(candidates: 2, seats: 3).validate() }
        #expect(throws: DomainError.self) { try spec(present: 0).validate() }
        var bad = spec()
        bad.rule.share = Fraction(3, 2)
        #expect(throws: DomainError.self) { try bad.validate() }
        var election = spec(candidates: 3, seats: 2, maxChoices: 2)
        election.purpose = .electHead
        #expect(throws: DomainError.self) { try election.validate() }
    }

    @Test func aRuleNoCandidateCouldEverMeetIsRefused() throws {
        // Setup: "more than all of them" (1/1, 3/3, strict), which no count reaches.
        for share in [Fraction(1, 1), Fraction(3, 3)] {
            let never = rule(share.numerator, share.denominator, strict: true)
            // Act and check: refused before opening; "at least all of them" stays allowed.
            #expect(throws: DomainError.self) { try spec(rule: never).validate() }
            try spec(rule: rule(share.numerator, share.denominator, strict: false)).validate()
        }
    }

    @Test func fractionsNeverOverflowWithinTheirRanges() {
        let f = Fraction(Fraction.partRange.upperBound, Fraction.partRange.upperBound)
        #expect(f.reached(by: NumberRange.voters.upperBound, of: NumberRange.voters.upperBound, strict: false))
        #expect(Fraction(2, 3).least(of: 0, strict: true) == 1)
        #expect(Fraction(0, 1).least(of: 9, strict: false) == 0)
    }

    @Test func rotationSuggestsUnitsThatHaveNotHeadedFirst() {
        let bloc = UUID()
        let (a, b, c, d) = (units[0], units[1], units[2], units[3])
        let offices = [BlocOffice(blocID: bloc, year: 2023, role: .head, unitID: c),
                       BlocOffice(blocID: bloc, year: 2024, role: .head, unitID: b),
                       BlocOffice(blocID: bloc, year: 2025, role: .head, unitID: a),
                       BlocOffice(blocID: bloc, year: 2025, role: .deputy, unitID: d)]
        #expect(Rotation.suggest(members: [a, b, c, d], offices: offices, currentYear: 2025) == [d, c, b])
    }

    @Test func receiptCodesAreGroupedAndReadBackForgivingly() {
        let code = ReceiptCode.make(from: Array(0..<12))
        #expect(code == "ABCD-EFGH-JKMN")
        #expect(ReceiptCode.normalized(" abcd efgh-jkmn ") == code)
        #expect(ReceiptCode.normalized("ABCD-EFGH-JKM0") == nil)
        #expect(ReceiptCode.normalized("short") == nil)
    }

    @Test func onlyTheVotersOfPresentUnitsVoteAndNobodyAfterClose() {
        let province = UUID(), head = units[0]
        let session = Resource.ballotSession(province: province, head: head, members: Set(units), eligible: Set(units.prefix(5)), closed: false)
        let voter = Actor(userID: UUID(), username: "v", roles: [.voter(unit: units[1])])
        #expect(Authorization.decide(voter, .vote, session).allowed)
        let absent = Actor(userID: UUID(), username: "a", roles: [.voter(unit: units[7])])
        #expect(!Authorization.decide(absent, .vote, session).allowed)
        let officer = Actor(userID: UUID(), username: "o", roles: [.unitOfficer(unit: units[1])])
        #expect(!Authorization.decide(officer, .vote, session).allowed)
        #expect(!Authorization.decide(Actor(userID: UUID(), username: "ad", roles: [.admin]), .vote, session).allowed)
        let closed = Resource.ballotSession(province: province, head: head, members: Set(units), eligible: Set(units.prefix(5)), closed: true)
        #expect(!Authorization.decide(voter, .vote, closed).allowed)
        let stranger = Actor(userID: UUID(), username: "s", roles: [.unitOfficer(unit: UUID())])
        #expect(!Authorization.decide(stranger, .read, session).allowed)
        #expect(Authorization.decide(officer, .read, session).allowed)
    }
}
