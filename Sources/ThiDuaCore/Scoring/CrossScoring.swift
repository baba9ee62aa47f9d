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
        var adjusted = byReviewer
        if normalise {
            for item in items {
                // Pooled mean and spread of the item across every mark.
                let all = byReviewer.flatMap { reviewer, marks in
                    marks.compactMap { unit, values in unit == reviewer ? nil : values[item.id].map { Double($0.hundredths) } }
                }
                guard all.count > 1 else { continue }
                let (poolMean, poolSD) = stats(all)
                for (reviewer, marks) in byReviewer {
                    let own = marks.compactMap { $0.value[item.id].map { Double($0.hundredths) } }
                    guard own.count > 1 else { continue }
                    let (mean, sd) = stats(own)
                    for (unit, values) in marks {
                        guard let value = values[item.id] else { continue }
                        let z = sd > 0 ? (Double(value.hundredths) - mean) / sd : 0
                        let rescaled = poolMean + z * poolSD
                        let bounded = min(max(rescaled, 0), Double(item.maximum?.hundredths ?? 0))
                        adjusted[reviewer]![unit]![item.id] = Points(hundredths: Int(bounded.rounded()))
                    }
                }
            }
        }
        var points: [UUID: [UUID: Points]] = [:]
        var reviewers: [UUID: Int] = [:]
        var disagreements: [Disagreement] = []
        let units = Set(byReviewer.values.flatMap(\.keys))
        for unit in units {
            let marking = byReviewer.filter { $0.key != unit && $0.value[unit] != nil }
            reviewers[unit] = marking.count
            for item in items {
                let values = marking.compactMap { adjusted[$0.key]?[unit]?[item.id] }
                guard !values.isEmpty else { continue }
                let sum = values.reduce(0) { $0 + $1.hundredths }
                points[unit, default: [:]][item.id] = Points(hundredths: Int((Double(sum) / Double(values.count)).rounded()))
                let raw = marking.compactMap { $0.value[unit]?[item.id] }
                if let low = raw.min(), let high = raw.max(), let maximum = item.maximum, maximum > .zero,
                   (high - low).hundredths * 100 > maximum.hundredths * disagreementPercent {
                    disagreements.append(Disagreement(unitID: unit, criterionID: item.id, lowest: low, highest: high))
                }
            }
        }
        return Result(points: points, disagreements: disagreements.sorted { ($0.unitID.uuidString, $0.criterionID.uuidString) < ($1.unitID.uuidString, $1.criterionID.uuidString) },
                      reviewers: reviewers)
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
        selfValues.keys.map { unit in
            UnitDifference(unitID: unit, selfTotal: total(selfValues[unit] ?? [:], table: table),
                           reviewedTotal: total(reviewed[unit] ?? selfValues[unit] ?? [:], table: table))
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
