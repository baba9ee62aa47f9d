// Benchmarks of the ranking, printed as time per ranking. Run in release:
//   swift run -c release thidua-bench
// Figures go to BENCHMARKS.md with the command that made them; compare ratios from one run.
import Foundation
import ThiDuaCore

/// A table of `items` items in 6 groups, a few bonus and deduction items and a disqualifier.
func table(items: Int) -> ScoringTable {
    var criteria: [Criterion] = []
    let groups = 6
    let base = items - 8
    for g in 0..<groups {
        let group = Criterion(code: "G\(g)", title: "Nhóm \(g)", kind: .group, order: criteria.count)
        criteria.append(group)
        let count = base / groups + (g < base % groups ? 1 : 0)
        for i in 0..<count {
            criteria.append(Criterion(parentID: group.id, code: "\(g).\(i)", title: "Tiêu chí \(g).\(i)", kind: .base,
                                      maximum: 10, order: criteria.count))
        }
    }
    for b in 0..<4 { criteria.append(Criterion(code: "T\(b)", title: "Thưởng \(b)", kind: .bonus, maximum: 3, perEvent: 1, order: criteria.count)) }
    for d in 0..<3 { criteria.append(Criterion(code: "D\(d)", title: "Trừ \(d)", kind: .deduction, perEvent: -1, cap: -5, order: criteria.count)) }
    criteria.append(Criterion(code: "L", title: "Loại trừ", kind: .disqualifier, order: criteria.count))
    return ScoringTable(criteria: criteria, declaredTotal: Points(integerLiteral: base * 10), bonusCap: 10)
}

/// Deterministic pseudo-random values, so every run ranks the same data.
struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

func sheets(units: Int, table: ScoringTable, seed: UInt64) -> [UnitSheet] {
    var random = Generator(state: seed)
    return (0..<units).map { u in
        var values: SheetValues = [:]
        for c in table.criteria {
            switch c.kind {
            case .base: values[c.id] = ItemScore(points: Points(hundredths: 500 + random.next(501)))
            case .bonus: values[c.id] = ItemScore(events: random.next(4))
            case .deduction: values[c.id] = ItemScore(events: random.next(3))
            case .disqualifier: values[c.id] = ItemScore(flagged: random.next(50) == 0)
            case .group: break
            }
        }
        return UnitSheet(unitID: UUID(), name: "Đơn vị \(u)", values: values)
    }
}

func measure(_ label: String, repeats: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    times.sort()
    let median = times[times.count / 2]
    print(String(format: "%-58@ median %8.3f ms  (min %.3f, max %.3f, %d runs)", label as NSString, median, times.first!, times.last!, repeats))
    return median
}

let rules = RankingRules()
let province = table(items: 60)
// Three stages of the same year: self-scores, reviewed values, final values.
let stages = (0..<3).map { sheets(units: 300, table: province, seed: 42 + UInt64($0)) }
let bloc = table(items: 60)
let blocSheets = sheets(units: 12, table: bloc, seed: 7)

print("ThiDua ranking benchmark — \(ProcessInfo.processInfo.processorCount) cores")
let provinceTime = measure("Province year: 300 units × 60 items × 3 stages (3 rankings)", repeats: 15) {
    for stage in stages { _ = Ranking.compute(table: province, rules: rules, sheets: stage) }
}
print(String(format: "  → %.3f ms per ranking of 300 units", provinceTime / 3))
let blocTime = measure("Bloc: 12 units × 60 items, one ranking", repeats: 201) {
    _ = Ranking.compute(table: bloc, rules: rules, sheets: blocSheets)
}
let analysisTime = measure("Analysis: self vs reviewed, 300 units × 60 items", repeats: 9) {
    let own = Dictionary(uniqueKeysWithValues: stages[0].enumerated().map { (stages[2][$0.offset].unitID, $0.element.values) })
    let reviewed = Dictionary(uniqueKeysWithValues: stages[2].map { ($0.unitID, $0.values) })
    _ = ScoreAnalysis.mostChanged(table: province, selfValues: own, reviewed: reviewed)
}
// Cross-scoring of a bloc: every unit marks the 11 others on every base item.
var marks: [UUID: CrossScoring.Marks] = [:]
var random = Generator(state: 99)
let baseItems = bloc.criteria.filter { $0.kind == .base }
for reviewer in blocSheets {
    for unit in blocSheets where unit.unitID != reviewer.unitID {
        marks[reviewer.unitID, default: [:]][unit.unitID] = Dictionary(uniqueKeysWithValues: baseItems.map { ($0.id, Points(hundredths: 500 + random.next(501))) })
    }
}
let crossTime = measure("Cross-scoring: 12 units × 11 reviewers × 52 items, normalised", repeats: 51) {
    _ = CrossScoring.aggregate(table: bloc, marks: marks, normalise: true, disagreementPercent: 25)
}
print(String(format: "Ratios in this run: province ranking / bloc ranking = %.1f; cross-scoring / bloc ranking = %.1f; analysis / province ranking = %.1f",
             (provinceTime / 3) / blocTime, crossTime / blocTime, analysisTime / (provinceTime / 3)))
