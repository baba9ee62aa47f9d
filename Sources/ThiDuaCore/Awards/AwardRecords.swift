import Foundation

/// Xếp loại chất lượng hằng năm: the annual rating of a person or a collective.
public enum TaskRating: String, CaseIterable, Sendable, Codable, Comparable {
    /// Hoàn thành xuất sắc nhiệm vụ.
    case excellent = "htxsnv"
    /// Hoàn thành tốt nhiệm vụ.
    case good = "httnv"
    /// Hoàn thành nhiệm vụ.
    case completed = "htnv"
    /// Không hoàn thành nhiệm vụ.
    case notCompleted = "khtnv"

    public var abbreviation: String { rawValue.uppercased() }

    public var label: String {
        switch self {
        case .excellent: "Hoàn thành xuất sắc nhiệm vụ"
        case .good: "Hoàn thành tốt nhiệm vụ"
        case .completed: "Hoàn thành nhiệm vụ"
        case .notCompleted: "Không hoàn thành nhiệm vụ"
        }
    }

    private var order: Int { [.notCompleted, .completed, .good, .excellent].firstIndex(of: self)! }
    public static func < (lhs: TaskRating, rhs: TaskRating) -> Bool { lhs.order < rhs.order }
}

public struct AnnualRating: Hashable, Sendable, Codable {
    public var year: Int
    public var rating: TaskRating
    public init(year: Int, rating: TaskRating) {
        self.year = year
        self.rating = rating
    }
}

/// Hình thức kỷ luật, mildest first.
public enum DisciplineKind: String, CaseIterable, Sendable, Codable, Comparable {
    /// Khiển trách.
    case reprimand
    /// Cảnh cáo.
    case warning
    /// Hạ bậc lương, giáng chức, cách chức.
    case demotion
    /// Buộc thôi việc.
    case dismissal

    public var label: String {
        switch self {
        case .reprimand: "Khiển trách"
        case .warning: "Cảnh cáo"
        case .demotion: "Hạ bậc lương, giáng chức, cách chức"
        case .dismissal: "Buộc thôi việc"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: DisciplineKind, rhs: DisciplineKind) -> Bool { lhs.order < rhs.order }
}

/// A disciplinary measure, or (with no kind) a case still under review or investigation.
public struct DisciplineRecord: Hashable, Sendable, Codable {
    public var id: UUID
    /// Nil while the case is only being reviewed (đang xem xét kỷ luật, điều tra, thanh tra).
    public var kind: DisciplineKind?
    /// The day of the decision, or the day the review began.
    public var date: LocalDate
    /// The day a review closed with no measure; nil while it is open.
    public var closedOn: LocalDate?
    public var reference: String

    public init(id: UUID = UUID(), kind: DisciplineKind?, date: LocalDate, closedOn: LocalDate? = nil, reference: String) {
        self.id = id
        self.kind = kind
        self.date = date
        self.closedOn = closedOn
        self.reference = reference
    }

    /// An open review or investigation on the day.
    public func underReview(on day: LocalDate) -> Bool {
        kind == nil && date <= day && (closedOn.map { day <= $0 } ?? true)
    }
}

/// Cấp công nhận sáng kiến: the level that recognised an initiative's effect.
public enum InitiativeLevel: String, CaseIterable, Sendable, Codable, Comparable {
    /// Cơ sở: the agency's council.
    case agency
    /// Cấp tỉnh: province-wide effect, recognised by the Chairman of the People's Committee.
    case province
    /// Toàn quốc.
    case national

    public var label: String {
        switch self {
        case .agency: "Cấp cơ sở"
        case .province: "Cấp tỉnh"
        case .national: "Toàn quốc"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: InitiativeLevel, rhs: InitiativeLevel) -> Bool { lhs.order < rhs.order }
}

/// Sáng kiến (or an accepted and applied research result): usable once as an award's basis.
public struct Initiative: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var title: String
    public var year: Int
    public var level: InitiativeLevel
    /// The award record that used it as its basis; nil while unused.
    public var usedBy: UUID?

    public init(id: UUID = UUID(), title: String, year: Int, level: InitiativeLevel, usedBy: UUID? = nil) {
        self.id = id
        self.title = title
        self.year = year
        self.level = level
        self.usedBy = usedBy
    }
}

/// Khen thưởng đã nhận: one award instance (one lượt), with what it stood on.
public struct AwardRecord: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var code: AwardCode
    /// Năm thành tích: the year the achievement belongs to.
    public var year: Int
    public var decisionNumber: String
    public var decisionDate: LocalDate
    /// The unit that held it (for a collective, itself; a predecessor's before a merger).
    public var unitID: UUID?
    /// The years and initiatives it consumed: not counted again for the same form.
    public var basisYears: [Int]
    public var basisInitiatives: [UUID]

    public init(id: UUID = UUID(), code: AwardCode, year: Int, decisionNumber: String = "", decisionDate: LocalDate,
                unitID: UUID? = nil, basisYears: [Int] = [], basisInitiatives: [UUID] = []) {
        self.id = id
        self.code = code
        self.year = year
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.unitID = unitID
        self.basisYears = basisYears
        self.basisInitiatives = basisInitiatives
    }
}

/// What a collective's members achieved in a year: the counts its titles are judged on.
public struct MemberSummary: Hashable, Sendable, Codable {
    public var year: Int
    public var members: Int
    /// Members who hold Lao động tiên tiến for the year.
    public var advancedWorkers: Int
    /// Members who hold Chiến sĩ thi đua cơ sở.
    public var baseSoldiers: Int
    /// Members rated below Hoàn thành nhiệm vụ.
    public var belowCompleted: Int
    /// Members disciplined in the year at cảnh cáo or above.
    public var disciplinedWarningOrAbove: Int

    public init(year: Int, members: Int, advancedWorkers: Int, baseSoldiers: Int, belowCompleted: Int, disciplinedWarningOrAbove: Int) {
        self.year = year
        self.members = members
        self.advancedWorkers = advancedWorkers
        self.baseSoldiers = baseSoldiers
        self.belowCompleted = belowCompleted
        self.disciplinedWarningOrAbove = disciplinedWarningOrAbove
    }
}

/// A unit's place in its bloc for a year: rank 1 of the published ranking, confirmed (or
/// not) by the conference's ballot. Read from the ranking and, once wired, the ballots.
public struct BlocStanding: Hashable, Sendable, Codable {
    public var year: Int
    public var blocName: String
    public var rank: Int
    /// Nil while no ballot result is known (the ballots issue wires it).
    public var ballotConfirmed: Bool?

    public init(year: Int, blocName: String, rank: Int, ballotConfirmed: Bool?) {
        self.year = year
        self.blocName = blocName
        self.rank = rank
        self.ballotConfirmed = ballotConfirmed
    }

    /// A unit's standings with its predecessors' (before a merger) for the years it has none
    /// of its own, as ratings are carried: of several predecessors in one year the lowest
    /// place (a lead must hold for all of them), marked as the predecessor's.
    public static func carried(own: [BlocStanding], predecessors: [[BlocStanding]]) -> [BlocStanding] {
        let ownYears = Set(own.map(\.year))
        var carried: [Int: BlocStanding] = [:]
        for standing in predecessors.joined() where !ownYears.contains(standing.year) {
            if let held = carried[standing.year], held.rank >= standing.rank { continue }
            carried[standing.year] = BlocStanding(year: standing.year, blocName: standing.blocName + " (năm của đơn vị trước hợp nhất)",
                                                  rank: standing.rank, ballotConfirmed: standing.ballotConfirmed)
        }
        return own + carried.values.sorted { $0.year < $1.year }
    }
}

/// Everything the rules read of one person or one collective: loaded by the App, judged here.
public struct RecipientHistory: Sendable {
    public var subject: AwardSubject
    public var id: UUID
    public var name: String
    /// A person's first day in their current post (recruitment); a collective's founding.
    public var since: LocalDate?
    /// A collective's existence (its end when dissolved or merged away).
    public var existence: DatePeriod?
    /// Ended by a dissolution (giải thể), not by a merger into a successor.
    public var dissolved: Bool
    public var ratings: [AnnualRating]
    public var discipline: [DisciplineRecord]
    public var initiatives: [Initiative]
    public var awards: [AwardRecord]
    /// Collectives: the members' counts per year.
    public var memberSummaries: [MemberSummary]
    /// Collectives: the bloc standing per year.
    public var standings: [BlocStanding]
    /// Collectives: the years whose records come from a predecessor (before a merger).
    public var predecessorYears: Set<Int>

    public init(subject: AwardSubject, id: UUID = UUID(), name: String, since: LocalDate? = nil, existence: DatePeriod? = nil,
                dissolved: Bool = false, ratings: [AnnualRating] = [], discipline: [DisciplineRecord] = [],
                initiatives: [Initiative] = [], awards: [AwardRecord] = [], memberSummaries: [MemberSummary] = [],
                standings: [BlocStanding] = [], predecessorYears: Set<Int> = []) {
        self.subject = subject
        self.id = id
        self.name = name
        self.since = since
        self.existence = existence
        self.dissolved = dissolved
        self.ratings = ratings
        self.discipline = discipline
        self.initiatives = initiatives
        self.awards = awards
        self.memberSummaries = memberSummaries
        self.standings = standings
        self.predecessorYears = predecessorYears
    }

    public func rating(in year: Int) -> TaskRating? { ratings.first { $0.year == year }?.rating }
    public func awards(_ code: AwardCode) -> [AwardRecord] { awards.filter { $0.code == code } }
    public func holds(_ code: AwardCode, in year: Int) -> Bool { awards.contains { $0.code == code && $0.year == year } }
    public func summary(in year: Int) -> MemberSummary? { memberSummaries.first { $0.year == year } }
    public func standing(in year: Int) -> BlocStanding? { standings.first { $0.year == year } }
    /// The years already used as the basis of an award of this code.
    public func usedYears(for code: AwardCode) -> Set<Int> { Set(awards(code).flatMap(\.basisYears)) }
    /// Initiatives not used by any award (one initiative, one award).
    public var unusedInitiatives: [Initiative] {
        let used = Set(awards.flatMap(\.basisInitiatives))
        return initiatives.filter { $0.usedBy == nil && !used.contains($0.id) }
    }
    /// The heaviest measure decided in a year.
    public func heaviestDiscipline(in year: Int) -> DisciplineRecord? {
        discipline.filter { $0.kind != nil && $0.date.year == year }.max { $0.kind! < $1.kind! }
    }
}
