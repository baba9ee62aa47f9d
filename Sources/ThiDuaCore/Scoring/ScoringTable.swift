import Foundation

/// What a criterion is.
public enum CriterionKind: String, CaseIterable, Sendable, Codable {
    /// Nhóm tiêu chí: holds items; its maximum is theirs.
    case group
    /// Điểm cơ bản: scored from zero up to the maximum.
    case base
    /// Điểm thưởng: up to the item's cap, within the table's bonus cap.
    case bonus
    /// Điểm trừ: points per event (negative), with or without a cap.
    case deduction
    /// Điều kiện loại trừ: bars the unit from leading the bloc; carries no points.
    case disqualifier
}

/// Who scores an item.
public enum Scorer: String, CaseIterable, Sendable, Codable {
    /// Đơn vị tự chấm.
    case selfScore = "self"
    /// Đơn vị Trưởng khối chấm.
    case head
    /// Cấp tỉnh chấm.
    case province
}

/// One node of the criteria tree.
public struct Criterion: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var parentID: UUID?
    /// "I", "1.2": as the table prints it.
    public var code: String
    public var title: String
    public var kind: CriterionKind
    /// Base: the maximum; bonus: the item's cap; group: optional, must equal its children.
    public var maximum: Points?
    /// Deduction: points per event (negative); bonus: points per event if counted.
    public var perEvent: Points?
    /// Deduction: the most that can be taken for this item (negative), or nil for uncapped.
    public var cap: Points?
    public var guidance: String?
    public var evidenceRequired: Bool
    public var scorer: Scorer
    public var order: Int

    public init(id: UUID = UUID(), parentID: UUID? = nil, code: String, title: String, kind: CriterionKind,
                maximum: Points? = nil, perEvent: Points? = nil, cap: Points? = nil, guidance: String? = nil,
                evidenceRequired: Bool = false, scorer: Scorer = .selfScore, order: Int = 0) {
        self.id = id
        self.parentID = parentID
        self.code = code
        self.title = title
        self.kind = kind
        self.maximum = maximum
        self.perEvent = perEvent
        self.cap = cap
        self.guidance = guidance
        self.evidenceRequired = evidenceRequired
        self.scorer = scorer
        self.order = order
    }
}

/// Bảng tiêu chí, thang điểm: the criteria tree with its totals and caps.
public struct ScoringTable: Hashable, Sendable, Codable {
    public var criteria: [Criterion]
    /// The base total the table declares (100 in most provinces).
    public var declaredTotal: Points
    /// The most bonus a unit can get across the table, or nil for none.
    public var bonusCap: Points?

    public init(criteria: [Criterion], declaredTotal: Points, bonusCap: Points? = nil) {
        self.criteria = criteria
        self.declaredTotal = declaredTotal
        self.bonusCap = bonusCap
    }

    public func children(of id: UUID?) -> [Criterion] {
        criteria.filter { $0.parentID == id }.sorted { ($0.order, $0.code) < ($1.order, $1.code) }
    }

    /// The sum of the base items' maxima under a node (the whole table for nil).
    public func baseTotal(under id: UUID?) -> Points {
        children(of: id).reduce(Points.zero) { total, node in
            switch node.kind {
            case .group: total + baseTotal(under: node.id)
            case .base: total + (node.maximum ?? .zero)
            default: total
            }
        }
    }

    /// Every problem of the table at once, in Vietnamese, naming the criterion by its code.
    public func validate() throws {
        var issues = IssueCollector()
        let byID = Dictionary(criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        issues.check(byID.count == criteria.count, field: "criteria", "Bảng có hai tiêu chí trùng mã định danh.")
        issues.check(!criteria.isEmpty, field: "criteria", "Bảng tiêu chí chưa có tiêu chí nào.")
        var cyclic = false
        for node in criteria {
            func name(_ c: Criterion) -> String { "«\(c.code). \(c.title)»" }
            issues.check(!VietnameseText.normalized(node.title).isEmpty, field: "criteria",
                         "Tiêu chí \(node.code) chưa có nội dung.")
            if let parent = node.parentID {
                if let parentNode = byID[parent] {
                    issues.check(parentNode.kind == .group, field: "criteria",
                                 "\(name(node)) nằm dưới \(name(parentNode)), nhưng đó không phải một nhóm.")
                } else {
                    issues.add(FieldIssue(field: "criteria", "\(name(node)) thuộc một nhóm không có trong bảng."))
                }
            }
            // Walk up: a node met twice is a cycle. Bounded by the table's size.
            var seen: Set<UUID> = [node.id]
            var current = node.parentID
            while let id = current, let parent = byID[id] {
                if !seen.insert(id).inserted {
                    if !cyclic { issues.add(FieldIssue(field: "criteria", "Cây tiêu chí có vòng lặp: \(name(node)) là cấp trên của chính nó.")) }
                    cyclic = true
                    break
                }
                current = parent.parentID
            }
            for (value, what) in [(node.maximum, "Điểm tối đa"), (node.perEvent, "Điểm mỗi lần"), (node.cap, "Mức trừ tối đa")] {
                Points.check(value, field: "criteria", label: "\(what) của \(name(node))", into: &issues)
            }
            switch node.kind {
            case .group:
                if !cyclic, let maximum = node.maximum {
                    let sum = baseTotal(under: node.id)
                    issues.check(sum == maximum, field: "criteria",
                                 "Nhóm \(name(node)) ghi tối đa \(maximum) điểm nhưng các tiêu chí trong nhóm cộng lại \(sum) điểm.")
                }
            case .base:
                issues.check((node.maximum ?? .zero) > .zero, field: "criteria",
                             "Tiêu chí \(name(node)) cần điểm tối đa lớn hơn 0.")
            case .bonus:
                issues.check((node.maximum ?? .zero) > .zero, field: "criteria",
                             "Điểm thưởng \(name(node)) cần mức trần lớn hơn 0.")
                if let perEvent = node.perEvent {
                    issues.check(perEvent > .zero, field: "criteria", "Điểm thưởng \(name(node)) phải là số dương.")
                    issues.check(node.maximum.map { perEvent <= $0 } ?? true, field: "criteria",
                                 "Điểm thưởng mỗi lần của \(name(node)) (\(perEvent)) vượt mức trần của chính nó.")
                }
                if let cap = bonusCap, let maximum = node.maximum {
                    issues.check(maximum <= cap, field: "criteria",
                                 "Mức trần của \(name(node)) (\(maximum)) vượt mức trần điểm thưởng của cả bảng (\(cap)).")
                }
            case .deduction:
                issues.check(node.perEvent.map { $0 < .zero } ?? false, field: "criteria",
                             "Điểm trừ \(name(node)) phải là số âm cho mỗi lần vi phạm (ví dụ -1).")
                if let cap = node.cap {
                    issues.check(cap < .zero, field: "criteria", "Mức trừ tối đa của \(name(node)) phải là số âm.")
                }
            case .disqualifier:
                issues.check(node.maximum == nil && node.perEvent == nil, field: "criteria",
                             "Điều kiện loại trừ \(name(node)) không mang điểm.")
            }
        }
        if !cyclic {
            let total = baseTotal(under: nil)
            issues.check(total == declaredTotal, field: "declaredTotal",
                         "Tổng điểm tối đa các tiêu chí là \(total), không khớp tổng điểm của bảng (\(declaredTotal)).")
        }
        if let cap = bonusCap { issues.check(cap > .zero, field: "bonusCap", "Mức trần điểm thưởng phải lớn hơn 0.") }
        Points.check(declaredTotal, field: "declaredTotal", label: "Tổng điểm của bảng", into: &issues)
        Points.check(bonusCap, field: "bonusCap", label: "Mức trần điểm thưởng của bảng", into: &issues)
        try issues.finish()
    }
}
