import Foundation

/// How a bloc ranks: the tie-breaks in order, the classification bands, and whether peers
/// score each other. Part of the year's table, agreed with the pact.
public struct RankingRules: Hashable, Sendable, Codable {
    public var tieBreaks: [TieBreak]
    /// Highest first: a unit takes the first band whose minimum its final score reaches.
    public var bands: [ClassificationBand]
    public var variant: ReviewVariant
    /// Cross-scoring: z-score each reviewer's marks per item, then rescale to the item's
    /// pooled mean and spread.
    public var normalise: Bool
    /// Cross-scoring: a spread between reviewers above this share of an item's maximum is
    /// flagged for the head (in hundredths of the maximum: 25 = 25 %).
    public var disagreementPercent: Int

    public init(tieBreaks: [TieBreak] = [.moreBonus, .fewerDeductions], bands: [ClassificationBand] = ClassificationBand.defaults,
                variant: ReviewVariant = .headReview, normalise: Bool = false, disagreementPercent: Int = 25) {
        self.tieBreaks = tieBreaks
        self.bands = bands
        self.variant = variant
        self.normalise = normalise
        self.disagreementPercent = disagreementPercent
    }
}

public enum TieBreak: String, CaseIterable, Sendable, Codable {
    /// Nhiều điểm thưởng hơn xếp trên.
    case moreBonus = "more_bonus"
    /// Ít điểm trừ hơn xếp trên.
    case fewerDeductions = "fewer_deductions"
    /// Điểm nhóm đầu tiên cao hơn xếp trên.
    case firstGroup = "first_group"
    /// Ưu tiên nữ: the collective whose staff reach the province's share of women comes first
    /// (`WomenPriority`).
    case womenPriority = "women_priority"

    public var label: String {
        switch self {
        case .moreBonus: "Nhiều điểm thưởng hơn"
        case .fewerDeductions: "Ít điểm trừ hơn"
        case .firstGroup: "Điểm nhóm tiêu chí đầu tiên cao hơn"
        case .womenPriority: "Ưu tiên tập thể có tỷ lệ nữ từ mức tỉnh quy định trở lên"
        }
    }
}

public enum ReviewVariant: String, CaseIterable, Sendable, Codable {
    /// Trưởng khối (và Phó) thẩm định.
    case headReview = "head"
    /// Các đơn vị chấm chéo.
    case crossScoring = "cross"

    public var label: String {
        switch self {
        case .headReview: "Trưởng khối thẩm định"
        case .crossScoring: "Các đơn vị chấm chéo"
        }
    }
}

/// Xếp loại: a band of final scores. The defaults are a common shape, not a rule of law
/// (each bloc sets its own in the table).
public struct ClassificationBand: Hashable, Sendable, Codable {
    public var minimum: Points
    public var label: String

    public init(minimum: Points, label: String) {
        self.minimum = minimum
        self.label = label
    }

    public static let defaults = [
        ClassificationBand(minimum: 95, label: "Xuất sắc"),
        ClassificationBand(minimum: 85, label: "Tốt"),
        ClassificationBand(minimum: 70, label: "Khá"),
        ClassificationBand(minimum: 50, label: "Hoàn thành"),
    ]
    public static let below = "Chưa hoàn thành"
}

/// One unit's final values, for the ranking.
public struct UnitSheet: Hashable, Sendable {
    public var unitID: UUID
    public var name: String
    public var values: SheetValues
    /// The unit's staff by gender at the year's end, for the women-priority tie-break; nil
    /// when the registry has none.
    public var staff: StaffGenderCount?

    public init(unitID: UUID, name: String, values: SheetValues, staff: StaffGenderCount? = nil) {
        self.unitID = unitID
        self.name = name
        self.values = values
        self.staff = staff
    }
}

public struct RankingRow: Hashable, Sendable, Codable {
    public var unitID: UUID
    public var name: String
    /// Base points per top-level group, in the table's order (code → points).
    public var groups: [GroupScore]
    public var base: Points
    public var bonus: Points
    public var deductions: Points
    public var final: Points
    public var rank: Int
    public var classification: String
    /// Codes of the disqualifiers the unit meets: it cannot lead the bloc.
    public var disqualifiers: [String]
    public var tied: Bool
    /// Set where the women-priority tie-break was needed (the unit was level with another on
    /// every rule before it): its verdict in words. Nil in rankings published before it.
    public var priority: TiePriority? = nil

    public var canLead: Bool { disqualifiers.isEmpty }
}

public struct GroupScore: Hashable, Sendable, Codable {
    public var code: String
    public var title: String
    public var points: Points
}

/// Bảng xếp hạng: the rows in rank order, and the groups of units still tied after every
/// tie-break (left to the ballot).
public struct RankingResult: Hashable, Sendable, Codable {
    public var rows: [RankingRow]
    public var ties: [[UUID]]
    /// The first-ranked unit free of disqualifiers, unless it is tied.
    public var leader: UUID?
}

public enum Ranking {
    /// Sums each group, adds bonus within each item's cap and the table's, takes deductions
    /// within their caps, ranks by the final score, breaks ties by the rules, and reports
    /// what stays tied. Pure: the same sheets always give the same ranking. `priority` is the
    /// province's women-priority threshold in force, used when the rules name that tie-break.
    public static func compute(table: ScoringTable, rules: RankingRules, sheets: [UnitSheet],
                               priority: WomenPriority.Rule = WomenPriority.Rule()) -> RankingResult {
        let criteria = table.outline().map(\.criterion)
        let topGroups = table.children(of: nil).filter { $0.kind == .group }
        var groupOf: [UUID: UUID] = [:]
        for group in topGroups {
            var stack = [group.id]
            while let id = stack.popLast() {
                for child in table.children(of: id) {
                    groupOf[child.id] = group.id
                    stack.append(child.id)
                }
            }
        }
        var rows: [RankingRow] = sheets.map { sheet in
            var groupPoints: [UUID: Points] = [:]
            var base = Points.zero, bonus = Points.zero, deductions = Points.zero
            var disqualifiers: [String] = []
            for c in criteria {
                let score = sheet.values[c.id] ?? ItemScore()
                let value = score.value(under: c)
                switch c.kind {
                case .base:
                    base = base + value
                    if let g = groupOf[c.id] { groupPoints[g, default: .zero] = groupPoints[g, default: .zero] + value }
                case .bonus: bonus = bonus + value
                case .deduction: deductions = deductions + value
                case .disqualifier: if score.flagged { disqualifiers.append(c.code) }
                case .group: break
                }
            }
            if let cap = table.bonusCap { bonus = min(bonus, cap) }
            let final = base + bonus + deductions
            return RankingRow(unitID: sheet.unitID, name: sheet.name,
                              groups: topGroups.map { GroupScore(code: $0.code, title: $0.title, points: groupPoints[$0.id] ?? .zero) },
                              base: base, bonus: bonus, deductions: deductions, final: final, rank: 0,
                              classification: classify(final, bands: rules.bands), disqualifiers: disqualifiers, tied: false)
        }
        let verdicts: [UUID: TiePriority] = rules.tieBreaks.contains(.womenPriority)
            ? Dictionary(sheets.map { ($0.unitID, WomenPriority.collective($0.staff, rule: priority)) }, uniquingKeysWith: { a, _ in a })
            : [:]
        func key(_ row: RankingRow) -> [Int] {
            [row.final.hundredths] + rules.tieBreaks.map { rule in
                switch rule {
                case .moreBonus: row.bonus.hundredths
                case .fewerDeductions: row.deductions.hundredths // less negative is better
                case .firstGroup: row.groups.first?.points.hundredths ?? 0
                case .womenPriority: verdicts[row.unitID]?.prioritised == true ? 1 : 0
                }
            }
        }
        rows.sort { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka != kb { return ka.lexicographicallyPrecedes(kb) == false }
            return VietnameseText.sortKey(a.name) < VietnameseText.sortKey(b.name)
        }
        // The verdict is shown where it was asked: among units level on the score and on every
        // tie-break before this one.
        if let position = rules.tieBreaks.firstIndex(of: .womenPriority) {
            func level(_ row: RankingRow) -> ArraySlice<Int> { key(row).prefix(position + 1) }
            var start = 0
            while start < rows.count {
                var end = start + 1
                while end < rows.count && level(rows[end]) == level(rows[start]) { end += 1 }
                if end - start > 1 { for i in start..<end { rows[i].priority = verdicts[rows[i].unitID] } }
                start = end
            }
        }
        var ties: [[UUID]] = []
        var index = 0
        while index < rows.count {
            var end = index + 1
            while end < rows.count && key(rows[end]) == key(rows[index]) { end += 1 }
            for i in index..<end {
                rows[i].rank = index + 1
                rows[i].tied = end - index > 1
            }
            if end - index > 1 { ties.append(rows[index..<end].map(\.unitID)) }
            index = end
        }
        let firstEligible = rows.first(where: \.canLead)
        let leader = firstEligible.flatMap { $0.tied ? nil : $0.unitID }
        return RankingResult(rows: rows, ties: ties, leader: leader)
    }

    public static func classify(_ final: Points, bands: [ClassificationBand]) -> String {
        bands.sorted { $0.minimum > $1.minimum }.first { final >= $0.minimum }?.label ?? ClassificationBand.below
    }
}

extension RankingRules {
    /// Reads the rules as a form sends them: the variant's code, tie-breaks by code in
    /// order ("more_bonus, fewer_deductions"), bands as "95 Xuất sắc; 85 Tốt; …".
    public static func parse(variant: String?, tieBreaks: String?, bands: String?, normalise: Bool,
                             disagreementPercent: String?) throws -> RankingRules {
        var issues = IssueCollector()
        let chosen = ReviewVariant(rawValue: variant ?? "head")
        issues.check(chosen != nil, field: "variant", "Hình thức thẩm định «\(variant ?? "")» không có.")
        var breaks: [TieBreak] = []
        for code in codes(tieBreaks ?? "") {
            if let rule = TieBreak(rawValue: code) { breaks.append(rule) } else {
                issues.add(FieldIssue(field: "tieBreaks", "Tiêu chí phụ «\(code)» không có (dùng \(TieBreak.allCases.map { "\($0.rawValue): \($0.label.lowercased())" }.joined(separator: "; ")))."))
            }
        }
        var parsed: [ClassificationBand] = []
        for part in (bands ?? "").split(separator: ";").map({ String($0).trimmingWhitespace }) where !part.isEmpty {
            let pieces = part.split(separator: " ", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !VietnameseText.normalized(pieces[1]).isEmpty else {
                issues.add(FieldIssue(field: "bands", "Mức xếp loại «\(TextRules.excerpt(part))» cần dạng «95 Xuất sắc»."))
                continue
            }
            guard Points.read(pieces[0]) != .notANumber else {
                issues.add(FieldIssue(field: "bands", "Mức xếp loại «\(TextRules.excerpt(part))» cần dạng «95 Xuất sắc»."))
                continue
            }
            let label = TextRules.requiredName(pieces[1], field: "bands", label: "Tên mức xếp loại", into: &issues)
            guard let minimum = Points.parse(pieces[0], field: "bands", label: "Mức xếp loại «\(label)»", into: &issues) else { continue }
            parsed.append(ClassificationBand(minimum: minimum, label: label))
        }
        let percent = NumberRange.read(disagreementPercent, in: NumberRange.percent, field: "disagreementPercent",
                                       label: "Ngưỡng chênh lệch (%)", into: &issues) ?? 25
        try issues.finish()
        // No field at all keeps the usual tie-breaks; an empty one means none (the ballot decides).
        return RankingRules(tieBreaks: tieBreaks == nil ? RankingRules().tieBreaks : breaks, bands: parsed.isEmpty ? ClassificationBand.defaults : parsed.sorted { $0.minimum > $1.minimum },
                            variant: chosen!, normalise: normalise, disagreementPercent: percent)
    }

    /// The tie-break codes of a text, in order ("more_bonus, fewer_deductions").
    public static func codes(_ tieBreaks: String) -> [String] {
        tieBreaks.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    /// The same checks for rules sent whole (a JSON body): every number in its range, every
    /// band's label a name.
    public func validated() throws -> RankingRules {
        var issues = IssueCollector()
        NumberRange.check(disagreementPercent, in: NumberRange.percent, field: "disagreementPercent",
                          label: "Ngưỡng chênh lệch (%)", into: &issues)
        var checked = self
        checked.bands = bands.map { band in
            let label = TextRules.requiredName(band.label, field: "bands", label: "Tên mức xếp loại", into: &issues)
            Points.check(band.minimum, field: "bands", label: "Mức xếp loại «\(label)»", into: &issues)
            return ClassificationBand(minimum: band.minimum, label: label)
        }.sorted { $0.minimum > $1.minimum }
        try issues.finish()
        return checked
    }

    /// The bands as the form shows them.
    public var bandsText: String { bands.map { "\($0.minimum) \($0.label)" }.joined(separator: "; ") }
}
