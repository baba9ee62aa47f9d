import Foundation
@testable import ThiDuaCore

/// The illustrative table of DOMAIN.md §3: four groups of 100 base points, bonus capped at 10,
/// per-event deductions, a disqualifier.
struct WorkedExample {
    let table: ScoringTable
    let ids: [String: UUID]

    init() {
        var criteria: [Criterion] = []
        var ids: [String: UUID] = [:]
        func add(_ code: String, _ parent: String?, _ title: String, _ kind: CriterionKind, max: Int? = nil,
                 perEvent: Int? = nil, cap: Int? = nil, evidence: Bool = false) {
            let c = Criterion(parentID: parent.flatMap { ids[$0] }, code: code, title: title, kind: kind,
                              maximum: max.map { Points(integerLiteral: $0) }, perEvent: perEvent.map { Points(integerLiteral: $0) },
                              cap: cap.map { Points(integerLiteral: $0) }, evidenceRequired: evidence, order: criteria.count)
            ids[code] = c.id
            criteria.append(c)
        }
        add("I", nil, "Nhiệm vụ chính trị, chuyên môn", .group, max: 50)
        add("1", "I", "Chỉ tiêu giao ước", .base, max: 50, evidence: true)
        add("II", nil, "Xây dựng Đảng, đoàn thể, kỷ luật", .group, max: 15)
        add("2", "II", "Xây dựng tổ chức", .base, max: 15)
        add("III", nil, "Phong trào thi đua", .group, max: 20)
        add("3", "III", "12 phong trào", .base, max: 20)
        add("IV", nil, "Công tác TĐKT, tham gia khối", .group, max: 15)
        add("4", "IV", "Báo cáo, tham dự", .base, max: 15)
        add("T1", nil, "Cờ, Bằng khen Trung ương", .bonus, max: 3)
        add("T2", nil, "Mô hình nhân rộng", .bonus, max: 2)
        add("T3", nil, "Đăng cai hoạt động khối", .bonus, max: 1)
        add("T4", nil, "Trưởng khối", .bonus, max: 1)
        add("D1", nil, "Báo cáo chậm", .deduction, perEvent: -1)
        add("D2", nil, "Vắng họp khối", .deduction, perEvent: -1)
        add("L1", nil, "Chi bộ dưới mức hoàn thành nhiệm vụ", .disqualifier)
        table = ScoringTable(criteria: criteria, declaredTotal: 100, bonusCap: 10)
        self.ids = ids
    }

    func sheet(_ name: String, _ base: [Int], bonus: [String: Int] = [:], late: Int = 0, absent: Int = 0,
               disqualified: Bool = false, id: UUID = UUID()) -> UnitSheet {
        var values: SheetValues = [:]
        for (index, code) in ["1", "2", "3", "4"].enumerated() { values[ids[code]!] = ItemScore(points: Points(integerLiteral: base[index])) }
        for (code, points) in bonus { values[ids[code]!] = ItemScore(points: Points(integerLiteral: points)) }
        values[ids["D1"]!] = ItemScore(events: late)
        values[ids["D2"]!] = ItemScore(events: absent)
        values[ids["L1"]!] = ItemScore(flagged: disqualified)
        return UnitSheet(unitID: id, name: name, values: values)
    }
}
