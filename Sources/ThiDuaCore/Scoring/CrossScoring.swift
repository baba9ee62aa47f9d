import Foundation

/// Chấm chéo: peer units score each other. A unit never scores itself; a reviewer that
/// abstains or recuses simply has no marks, and marks are averaged (not summed) so that no
/// unit is penalised by having fewer reviewers.
public enum CrossScoring {
    /// One reviewer's marks: reviewed unit → criterion → points (base and bonus items).
    public typealias Marks = [UUID: [UUID: Points]]

    public struct Disagreement: Hashable, Sendable, Codable {
        public var unitID: UUID
        public var criterionID: UUID
        public var lowest: Points
        public var highest: Points
    }

    public struct Result: Hashable, Sendable {
        /// Reviewed unit → criterion → averaged (and, if asked, normalised) points.
        public var points: [UUID: [UUID: Points]]
        public var disagreements: [Disagreement]
        /// How many reviewers marked each unit.
        public var reviewers: [UUID: Int]
    }

    /// Refuses a reviewer marking its own unit.
    public static func validate(reviewer: UUID, marks: [UUID: [UUID: Points]]) throws {
        if marks[reviewer] != nil {
            throw DomainError.invalid(field: "unitID", "Đơn vị không tự chấm chéo cho chính mình.")
        }
    }

    public static func aggregate(table: ScoringTable, marks byReviewer: [UUID: Marks], normalise: Bool,
                                 disagreementPercent: Int) -> Result {
        let items = table.criteria.filter { $0.kind == .base || ($0.kind == .bonus && $0.perEvent == nil) }
        // One flat list of marks (a reviewer never counts for its own unit), in hundredths.
        struct Mark { var reviewer: UUID; var unit: UUID; var item: UUID; var raw: Int; var value: Double }
        var all: [Mark] = []
        for (reviewer, marks) in byReviewer {
            for (unit, values) in marks where unit != reviewer {
                for (item, points) in values { all.append(Mark(reviewer: reviewer, unit: unit, item: item, raw: points.hundredths, value: Double(points.hundredths))) }
            }
        }
        if normalise {
            let maxima = Dictionary(items.map { ($0.id, Double($0.maximum?.hundredths ?? 0)) }, uniquingKeysWith: { a, _ in a })
            let byItem = Dictionary(grouping: all.indices, by: { all[$0].item })
            for (item, indices) in byItem {
                guard let maximum = maxima[item], indices.count > 1 else { continue }
                let (poolMean, poolSD) = stats(indices.map { all[$0].value })
                for (_, own) in Dictionary(grouping: indices, by: { all[$0].reviewer }) where own.count > 1 {
                    let (mean, sd) = stats(own.map { all[$0].value })
                    for index in own {
                        let z = sd > 0 ? (all[index].value - mean) / sd : 0
                        all[index].value = min(max(poolMean + z * poolSD, 0), maximum)
                    }
                }
            }
        }
        let itemSet = Set(items.map(\.id))
        let maxima = Dictionary(items.map { ($0.id, $0.maximum?.hundredths ?? 0) }, uniquingKeysWith: { a, _ in a })
        var points: [UUID: [UUID: Points]] = [:]
        var reviewers: [UUID: Int] = [:]
        var disagreements: [Disagreement] = []
        for (unit, marks) in Dictionary(grouping: all, by: \.unit) {
            reviewers[unit] = Set(marks.map(\.reviewer)).count
            var unitPoints: [UUID: Points] = [:]
            for (item, itemMarks) in Dictionary(grouping: marks, by: \.item) where itemSet.contains(item) {
                let mean = itemMarks.reduce(0) { $0 + $1.value } / Double(itemMarks.count)
                unitPoints[item] = Points(rounding: mean)
                let raw = itemMarks.map(\.raw)
                // In Double: a spread of stored extremes times 100 must not overflow.
                if let low = raw.min(), let high = raw.max(), let maximum = maxima[item], maximum > 0,
                   (Double(high) - Double(low)) * 100 > Double(maximum) * Double(disagreementPercent) {
                    disagreements.append(Disagreement(unitID: unit, criterionID: item, lowest: Points(hundredths: low),
                                                      highest: Points(hundredths: high)))
                }
            }
            points[unit] = unitPoints
        }
        // A stable order; the keys are made once (a UUID's text is not free).
        let ordered = disagreements.map { ($0.unitID.uuidString + $0.criterionID.uuidString, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        return Result(points: points, disagreements: ordered, reviewers: reviewers)
    }

    static func stats(_ values: [Double]) -> (mean: Double, sd: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }
}

/// What the head looks at before finalising: inflated self-scores, items most often
/// changed, units with missing evidence.
public enum ScoreAnalysis {
    public struct UnitDifference: Hashable, Sendable {
        public var unitID: UUID
        public var selfTotal: Points
        public var reviewedTotal: Points
        public var difference: Points { selfTotal - reviewedTotal }
    }

    public struct ItemChanges: Hashable, Sendable {
        public var criterion: Criterion
        public var changedFor: Int
    }

    public static func differences(table: ScoringTable, selfValues: [UUID: SheetValues],
                                   reviewed: [UUID: SheetValues]) -> [UnitDifference] {
        // Only the unit's own items: what the head or the province adds is not an inflation.
        selfValues.keys.map { unit in
            let own = SheetRules.only([.selfScore], of: selfValues[unit] ?? [:], table: table)
            let after = SheetRules.only([.selfScore], of: reviewed[unit] ?? selfValues[unit] ?? [:], table: table)
            return UnitDifference(unitID: unit, selfTotal: total(own, table: table), reviewedTotal: total(after, table: table))
        }.sorted { ($0.difference, $0.unitID.uuidString) > ($1.difference, $1.unitID.uuidString) }
    }

    public static func mostChanged(table: ScoringTable, selfValues: [UUID: SheetValues],
                                   reviewed: [UUID: SheetValues]) -> [ItemChanges] {
        table.outline().map(\.criterion).filter { $0.kind != .group }.compactMap { c in
            let count = reviewed.filter { unit, values in
                guard let review = values[c.id] else { return false }
                let original = selfValues[unit]?[c.id] ?? ItemScore()
                return review.value(under: c) != original.value(under: c) || review.flagged != original.flagged
            }.count
            return count > 0 ? ItemChanges(criterion: c, changedFor: count) : nil
        }.sorted { ($0.changedFor, -$0.criterion.order) > ($1.changedFor, -$1.criterion.order) }
    }

    /// Base + bonus (capped) + deductions of one sheet.
    public static func total(_ values: SheetValues, table: ScoringTable) -> Points {
        Ranking.compute(table: table, rules: RankingRules(), sheets: [UnitSheet(unitID: UUID(), name: "", values: values)])
            .rows.first?.final ?? .zero
    }
}
