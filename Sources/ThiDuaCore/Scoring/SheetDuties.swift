import Foundation

/// The parties to one unit's score sheet in a bloc's year: whose sheet it is, who leads the
/// bloc that year, who the members are. Who may do what follows from them, so that nobody
/// judges their own unit (tránh xung đột lợi ích).
public struct SheetParties: Hashable, Sendable {
    /// The unit whose sheet it is.
    public var unit: UUID
    public var province: UUID
    public var head: UUID?
    public var deputy: UUID?
    /// The bloc's members in that year: only they have sheets and enter the ranking.
    public var members: Set<UUID>
    public var crossScoring: Bool
    /// Khối or cụm: the words of the refusals (Trưởng khối / Cụm trưởng).
    public var kind: BlocKind

    public init(unit: UUID, province: UUID, head: UUID?, deputy: UUID?, members: Set<UUID>, crossScoring: Bool,
                kind: BlocKind = .bloc) {
        self.kind = kind
        self.unit = unit
        self.province = province
        self.head = head
        self.deputy = deputy
        self.members = members
        self.crossScoring = crossScoring
    }

    public var isMember: Bool { members.contains(unit) }

    /// Whose review concludes the sheet: the head unit's, except on the head's own sheet,
    /// where the deputy reviews it, or the province where the bloc has no deputy that year.
    public var leadReviewer: LeadReviewer {
        guard let head, head == unit else { return head.map(LeadReviewer.unit) ?? .province }
        if let deputy, deputy != unit { return .unit(deputy) }
        return .province
    }

    public enum LeadReviewer: Hashable, Sendable {
        case unit(UUID)
        case province
    }

    /// What an officer of these units and provinces does on this sheet.
    public func duties(units: Set<UUID>, provinces: Set<UUID>) -> Set<SheetDuty> {
        guard isMember else { return [] }
        var duties: Set<SheetDuty> = []
        if units.contains(unit) { duties.insert(.owner) }
        let isProvince = provinces.contains(province)
        switch leadReviewer {
        case .unit(let lead) where units.contains(lead) && lead != unit: duties.insert(.leadReviewer)
        case .province where isProvince: duties.insert(.leadReviewer)
        default: break
        }
        if let deputy, units.contains(deputy), deputy != unit, head != unit, !crossScoring { duties.insert(.assistant) }
        if crossScoring && !units.intersection(members).subtracting([unit]).isEmpty { duties.insert(.peer) }
        if isProvince { duties.insert(.province) }
        return duties
    }

    /// The kinds of item (by who scores them) these duties let a reviewer enter.
    public func reviewScorers(_ duties: Set<SheetDuty>) -> Set<Scorer> {
        var scorers: Set<Scorer> = []
        for duty in duties {
            switch duty {
            case .owner: break
            case .leadReviewer, .assistant: scorers.formUnion(crossScoring ? [.head] : [.selfScore, .head])
            case .peer: scorers.insert(.selfScore)
            case .province: scorers.insert(.province)
            }
        }
        return scorers
    }

    /// Why an officer of these units and provinces may not review this sheet.
    public func reviewRefusal(units: Set<UUID>, provinces: Set<UUID>) -> String {
        if !isMember { return "Đơn vị này không phải thành viên của \(kind.noun) trong năm thi đua này." }
        if units.contains(unit) { return "Đơn vị không tự thẩm định bảng điểm của mình." }
        if head == unit {
            return deputy == nil
                ? "\(kind.label) không có \(kind.deputyTitle): bảng điểm của \(kind.headTitle) do cán bộ TĐKT tỉnh thẩm định."
                : "Bảng điểm của \(kind.headTitle) do \(kind.deputyTitle) thẩm định."
        }
        return crossScoring ? "Chỉ các đơn vị trong \(kind.noun) chấm chéo." : "Chỉ \(kind.headTitle), \(kind.deputyTitle) thẩm định bảng điểm."
    }
}

/// What one officer does on one sheet.
public enum SheetDuty: String, Hashable, Sendable, CaseIterable {
    /// Tự chấm: the unit's own officer fills, attaches evidence and submits.
    case owner
    /// Thẩm định chính: reviews, scores the head's items, returns, finalises and reopens.
    case leadReviewer = "lead"
    /// Phó trưởng khối: helps review other members' sheets; does not conclude them.
    case assistant
    /// Chấm chéo: another member marks the unit's own items.
    case peer
    /// Cấp tỉnh: scores the items the table gives to the province.
    case province
}

extension SheetRules {
    /// The unit edits its values and evidence while the sheet is with it.
    public static func editableByUnit(_ status: SheetStatus) -> Bool { status == .draft || status == .returned }

    /// Reviewers enter values while the sheet is submitted.
    public static func reviewable(_ status: SheetStatus) -> Bool { status == .submitted }

    /// Items a reviewer may not enter with these scorers, by code.
    public static func outsideScorers(_ values: SheetValues, table: ScoringTable, allowed: Set<Scorer>) -> [Criterion] {
        let byID = Dictionary(table.criteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return values.keys.compactMap { byID[$0] }.filter { !allowed.contains($0.scorer) }.sorted { $0.order < $1.order }
    }

    /// Refuses values a reviewer may not enter, naming the items and who scores them (in the
    /// words of the bloc's kind: Trưởng khối / Cụm trưởng).
    public static func checkReviewScope(_ values: SheetValues, table: ScoringTable, allowed: Set<Scorer>, kind: BlocKind) throws {
        let outside = outsideScorers(values, table: table, allowed: allowed)
        guard !outside.isEmpty else { return }
        throw DomainError.invalid(field: "values", "Bạn không chấm được: "
            + outside.map { "\($0.code) (\($0.scorer.reviewerLabel(in: kind)) chấm)" }.joined(separator: ", ") + ".")
    }

    /// Base items that the head or the province must score before the review can conclude:
    /// finalising a sheet with such an item empty would rank it as if it scored nothing.
    public static func unscoredByReviewers(_ official: SheetValues, table: ScoringTable) -> [Criterion] {
        table.criteria.filter { $0.kind == .base && $0.scorer != .selfScore && official[$0.id]?.points == nil }
            .sorted { $0.order < $1.order }
    }

    /// Finalising: every item the reviewers score is scored.
    public static func checkFinalisation(_ official: SheetValues, table: ScoringTable, kind: BlocKind) throws {
        let missing = unscoredByReviewers(official, table: table)
        guard !missing.isEmpty else { return }
        throw DomainError.conflict("Chưa hoàn tất thẩm định được: còn tiêu chí chưa chấm — "
            + missing.map { "\($0.code). \($0.title) (\($0.scorer.reviewerLabel(in: kind)) chấm)" }.joined(separator: "; ") + ".")
    }

    /// The values a sheet counts with: the unit's own, overridden by the official review
    /// (the head's, the province's), and in cross-scoring the peers' averaged marks on the
    /// unit's own items.
    public static func merged(own: SheetValues, official: SheetValues, peerAverages: [UUID: Points]? = nil) -> SheetValues {
        var values = own
        // An empty review entry is no review: the unit's own value stands.
        for (id, value) in official where value != ItemScore() { values[id] = value }
        for (id, points) in peerAverages ?? [:] { values[id] = ItemScore(points: points) }
        return values
    }

    /// The values of the items one kind of scorer enters.
    public static func only(_ scorers: Set<Scorer>, of values: SheetValues, table: ScoringTable) -> SheetValues {
        let ids = Set(table.criteria.filter { scorers.contains($0.scorer) }.map(\.id))
        return values.filter { ids.contains($0.key) }
    }
}

/// The totals a sheet shows, comparing like with like: what the unit gave its own items,
/// what the review gave the same items, and the whole after every scorer.
public struct SheetTotals: Hashable, Sendable {
    /// Tổng tự chấm: the unit's own items as the unit scored them.
    public var selfScored: Points
    /// The same items after review.
    public var reviewedSelfItems: Points
    /// Tổng sau thẩm định: every item, bonus and deduction, after review.
    public var total: Points

    public init(table: ScoringTable, own: SheetValues, merged: SheetValues) {
        selfScored = ScoreAnalysis.total(SheetRules.only([.selfScore], of: own, table: table), table: table)
        reviewedSelfItems = ScoreAnalysis.total(SheetRules.only([.selfScore], of: merged, table: table), table: table)
        total = ScoreAnalysis.total(merged, table: table)
    }
}

extension Scorer {
    /// Who, in a sentence: "Trưởng khối chấm", "Cụm trưởng chấm".
    public func reviewerLabel(in kind: BlocKind) -> String {
        switch self {
        case .selfScore: "đơn vị"
        case .head: kind.headTitle
        case .province: "cấp tỉnh"
        }
    }
}

extension ScoringWindow {
    /// Returning, finalising and reopening annual sheets happen at the scoring step; once the
    /// year has moved past it, the year must come back to it (with a reason) first.
    public static func checkConclusion(midYear: Bool, state: YearState) throws {
        guard !midYear, state > .scoring else { return }
        throw DomainError.conflict("Năm thi đua đã qua bước chấm điểm; hãy quay lại bước «Chấm điểm» (có lý do) trước.")
    }

    /// The ranking is published from the scoring step on.
    public static func checkPublication(state: YearState) throws {
        guard state < .scoring else { return }
        throw DomainError.conflict("Chỉ công bố xếp hạng từ bước «Chấm điểm» trở đi.")
    }
}
