import Foundation

/// A criterion as a person types it: one row of the table editor (or of a JSON body), the
/// parent named by its code. `TableDraft.build` turns rows into a checked tree.
public struct CriterionRow: Hashable, Sendable, Codable {
    public var code: String
    public var parentCode: String?
    public var title: String
    public var kind: String
    public var maximum: String?
    public var perEvent: String?
    public var cap: String?
    public var scorer: String?
    public var evidenceRequired: Bool
    public var guidance: String?

    public init(code: String, parentCode: String? = nil, title: String, kind: String, maximum: String? = nil,
                perEvent: String? = nil, cap: String? = nil, scorer: String? = nil, evidenceRequired: Bool = false,
                guidance: String? = nil) {
        self.code = code
        self.parentCode = parentCode
        self.title = title
        self.kind = kind
        self.maximum = maximum
        self.perEvent = perEvent
        self.cap = cap
        self.scorer = scorer
        self.evidenceRequired = evidenceRequired
        self.guidance = guidance
    }

    /// The row of a stored criterion, for the editor.
    public init(_ criterion: Criterion, parentCode: String?) {
        self.init(code: criterion.code, parentCode: parentCode, title: criterion.title, kind: criterion.kind.rawValue,
                  maximum: criterion.maximum?.description, perEvent: criterion.perEvent?.description,
                  cap: criterion.cap?.description, scorer: criterion.scorer.rawValue,
                  evidenceRequired: criterion.evidenceRequired, guidance: criterion.guidance)
    }

    var isBlank: Bool {
        [code, parentCode ?? "", title, maximum ?? "", perEvent ?? "", cap ?? "", guidance ?? ""]
            .allSatisfy { $0.trimmingWhitespace.isEmpty }
    }
}

public enum TableDraft {
    /// Builds and validates a table from typed rows. A criterion keeps the id it had under
    /// the same code (`existing`), so score sheets and linked movements stay attached.
    public static func build(rows: [CriterionRow], declaredTotal: String?, bonusCap: String?,
                             existing: [Criterion] = []) throws -> ScoringTable {
        var issues = IssueCollector()
        let rows = rows.filter { !$0.isBlank }
        let existingByCode = Dictionary(existing.map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        var idByCode: [String: UUID] = [:]
        for row in rows {
            let code = VietnameseText.normalized(row.code)
            if code.isEmpty {
                issues.add(FieldIssue(field: "criteria", "Tiêu chí «\(VietnameseText.normalized(row.title))» chưa có mã (ví dụ I, 1, 1.2)."))
                continue
            }
            if idByCode[code] != nil {
                issues.add(FieldIssue(field: "criteria", "Mã tiêu chí «\(code)» bị trùng."))
                continue
            }
            idByCode[code] = existingByCode[code] ?? UUID()
        }
        func points(_ text: String?, _ label: String, field: String = "criteria") -> Points? {
            let trimmed = (text ?? "").trimmingWhitespace
            guard !trimmed.isEmpty else { return nil }
            return Points.parse(trimmed, field: field, label: label, into: &issues)
        }
        var criteria: [Criterion] = []
        for (index, row) in rows.enumerated() {
            let code = VietnameseText.normalized(row.code)
            guard let id = idByCode[code], !criteria.contains(where: { $0.id == id }) else { continue }
            let shown = "Tiêu chí \(TextRules.excerpt(code))"
            for (text, what) in [(row.code, "mã"), (row.parentCode, "mã nhóm"), (row.title, "nội dung"), (row.guidance, "hướng dẫn")] {
                TextRules.checkCharacters(text, field: "criteria", label: "\(shown) (\(what))", into: &issues)
            }
            guard let kind = CriterionKind(rawValue: row.kind) else {
                issues.add(FieldIssue(field: "criteria", "Loại tiêu chí «\(row.kind)» của \(code) không có."))
                continue
            }
            let scorer = Scorer(rawValue: row.scorer ?? "self")
            issues.check(scorer != nil, field: "criteria", "Người chấm «\(row.scorer ?? "")» của \(code) không có.")
            var parentID: UUID?
            let parentCode = VietnameseText.normalized(row.parentCode ?? "")
            if !parentCode.isEmpty {
                parentID = idByCode[parentCode]
                issues.check(parentID != nil, field: "criteria", "Tiêu chí \(code) thuộc nhóm «\(parentCode)» không có trong bảng.")
            }
            criteria.append(Criterion(
                id: id, parentID: parentID, code: code, title: VietnameseText.normalized(row.title), kind: kind,
                maximum: points(row.maximum, "Điểm tối đa của tiêu chí \(code)"), perEvent: points(row.perEvent, "Điểm mỗi lần của tiêu chí \(code)"),
                cap: points(row.cap, "Mức trừ tối đa của tiêu chí \(code)"),
                guidance: VietnameseText.normalized(row.guidance ?? "").isEmpty ? nil : VietnameseText.normalized(row.guidance!),
                evidenceRequired: row.evidenceRequired, scorer: scorer ?? .selfScore, order: index))
        }
        let total = points(declaredTotal, "Tổng điểm của bảng", field: "declaredTotal")
        issues.check(!(declaredTotal ?? "").trimmingWhitespace.isEmpty, field: "declaredTotal", "Hãy ghi tổng điểm của bảng (ví dụ 100).")
        let cap = points(bonusCap, "Mức trần điểm thưởng của bảng", field: "bonusCap")
        let table = ScoringTable(criteria: criteria, declaredTotal: total ?? .zero, bonusCap: cap)
        issues.run { try table.validate() }
        try issues.finish()
        return table
    }
}

extension ScoringTable {
    /// The same table under fresh ids (a template copied into a year, or last year's into
    /// this one), so that the copy and the original never share a criterion.
    public func copied() -> ScoringTable {
        let fresh = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, UUID()) })
        var copy = self
        copy.criteria = criteria.map { criterion in
            var c = criterion
            c.id = fresh[criterion.id]!
            c.parentID = criterion.parentID.flatMap { fresh[$0] }
            return c
        }
        return copy
    }

    /// The tree in reading order (depth first), each with its depth, for pages and print.
    public func outline() -> [(criterion: Criterion, depth: Int)] {
        var result: [(Criterion, Int)] = []
        func walk(_ parent: UUID?, _ depth: Int) {
            guard depth < 32 else { return }
            for child in children(of: parent) {
                result.append((child, depth))
                walk(child.id, depth + 1)
            }
        }
        walk(nil, 0)
        return result
    }

    /// Rows for the editor, in reading order.
    public var rows: [CriterionRow] {
        let codes = Dictionary(criteria.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return outline().map { CriterionRow($0.criterion, parentCode: $0.criterion.parentID.flatMap { codes[$0] }) }
    }
}

/// When the scoring table may change: freely while the year is being planned; after the pact
/// locked it, only with a reason that goes to the audit log; never once the year is closed.
public enum TableChangeRule {
    public static func check(state: YearState?, reason: String?) throws -> String? {
        guard let state, state != .planning else { return nil }
        guard state != .closed else {
            throw DomainError.conflict("Năm thi đua đã kết thúc; bảng điểm không sửa được nữa.")
        }
        var issues = IssueCollector()
        let reason = TextRules.reason(reason, field: "reason", into: &issues) ?? ""
        try issues.finish()
        guard !reason.isEmpty else {
            throw DomainError.invalid(field: "reason",
                "Bảng điểm đã khóa khi ký giao ước (năm đang ở bước «\(state.label)»); sửa đổi cần ghi rõ lý do.")
        }
        return reason
    }
}
