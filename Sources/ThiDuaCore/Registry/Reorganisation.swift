import Foundation

/// Sắp xếp, tổ chức lại: what can happen to a unit (or a province) on a given day, by a
/// decision. The 2025 reorganisation is made of these: Ban Tuyên giáo + Ban Dân vận merged,
/// newspapers and radio-TV merged, 63 provinces became 34.
public enum ReorganisationKind: String, CaseIterable, Sendable, Codable {
    /// Đổi tên: same identity, new name.
    case rename
    /// Hợp nhất / sáp nhập: n → 1. The target may be new or one of the sources (absorption).
    case merge
    /// Chia, tách: 1 → n.
    case split
    /// Giải thể: the unit ends with no successor.
    case dissolve
    /// Chuyển tỉnh: the unit passes to another province.
    case transfer

    public var label: String {
        switch self {
        case .rename: "Đổi tên"
        case .merge: "Hợp nhất, sáp nhập"
        case .split: "Chia, tách"
        case .dissolve: "Giải thể"
        case .transfer: "Chuyển tỉnh"
        }
    }
}

/// One reorganisation decision as it applies to units, or to provinces: the same rules
/// serve both, since provinces merged too.
public struct ReorganisationEvent: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var kind: ReorganisationKind
    /// Ngày có hiệu lực: the first day of the new arrangement.
    public var effectiveDate: LocalDate
    /// Số, ký hiệu văn bản: "Quyết định số 1234/QĐ-UBND ngày 25/6/2025".
    public var decisionReference: String
    /// Before: the merged units, the split unit, the renamed or moved unit.
    public var sources: [UUID]
    /// After: the merged unit, the split parts; for a rename or transfer, the unit itself.
    public var targets: [UUID]
    public var previousName: String?
    public var newName: String?
    public var previousShortName: String?
    public var newShortName: String?
    public var fromProvinceID: UUID?
    public var toProvinceID: UUID?
    public var note: String?

    public init(id: UUID = UUID(), kind: ReorganisationKind, effectiveDate: LocalDate,
                decisionReference: String, sources: [UUID], targets: [UUID],
                previousName: String? = nil, newName: String? = nil,
                previousShortName: String? = nil, newShortName: String? = nil,
                fromProvinceID: UUID? = nil, toProvinceID: UUID? = nil, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.effectiveDate = effectiveDate
        self.decisionReference = decisionReference
        self.sources = sources
        self.targets = targets
        self.previousName = previousName
        self.newName = newName
        self.previousShortName = previousShortName
        self.newShortName = newShortName
        self.fromProvinceID = fromProvinceID
        self.toProvinceID = toProvinceID
        self.note = note
    }

    /// The sources that stop existing: all of them for a merge into a new unit, all but the
    /// absorbing one for an absorption, the split or dissolved unit.
    public var endedSources: [UUID] {
        switch kind {
        case .merge, .split, .dissolve: sources.filter { !targets.contains($0) }
        case .rename, .transfer: []
        }
    }

    public var involved: Set<UUID> { Set(sources).union(targets) }
}

/// What the reorganisation rules need to know of a unit or province.
public struct LineageSubject: Hashable, Sendable {
    public var id: UUID
    public var name: String
    public var existence: DatePeriod

    public init(id: UUID, name: String, existence: DatePeriod) {
        self.id = id
        self.name = name
        self.existence = existence
    }
}

extension OrgUnit {
    public var lineageSubject: LineageSubject { LineageSubject(id: id, name: name, existence: existence) }
}

extension Province {
    public var lineageSubject: LineageSubject { LineageSubject(id: id, name: name, existence: existence) }
}

public enum Reorganisation {
    /// Checks an event against the subjects it names; `subjects` holds every unit (or
    /// province) the event mentions that is stored. Throws every problem at once.
    public static func validate(_ event: ReorganisationEvent, subjects: [UUID: LineageSubject],
                                subjectLabel: String = "đơn vị") throws {
        var issues = IssueCollector()
        let date = event.effectiveDate
        issues.check(!VietnameseText.normalized(event.decisionReference).isEmpty, field: "decisionReference",
                     "Hãy ghi số, ký hiệu của văn bản quyết định.")
        for id in event.involved where subjects[id] == nil {
            issues.add(FieldIssue(field: nil, "Không tìm thấy \(subjectLabel) có mã \(id.uuidString)."))
        }
        func name(_ id: UUID) -> String { subjects[id]?.name ?? id.uuidString }
        func checkActiveBefore(_ id: UUID, field: String) {
            guard let subject = subjects[id] else { return }
            issues.check(subject.existence.from < date, field: field,
                         "«\(subject.name)» bắt đầu hoạt động ngày \(subject.existence.from.vietnamese), không thể tổ chức lại từ ngày \(date.vietnamese).")
            if let end = subject.existence.to {
                issues.check(end >= date.previousDay, field: field,
                             "«\(subject.name)» đã ngừng hoạt động từ ngày \(end.vietnamese).")
            }
        }
        func checkExistsOn(_ id: UUID, field: String) {
            guard let subject = subjects[id] else { return }
            issues.check(subject.existence.contains(date), field: field,
                         "«\(subject.name)» chưa tồn tại vào ngày \(date.vietnamese); hãy tạo \(subjectLabel) tiếp nhận trước, với ngày bắt đầu không muộn hơn ngày hiệu lực.")
        }

        switch event.kind {
        case .merge:
            issues.check(Set(event.sources).count >= 2, field: "sources", "Hợp nhất cần ít nhất hai \(subjectLabel) trước.")
            issues.check(event.targets.count == 1, field: "targets", "Hợp nhất tạo ra đúng một \(subjectLabel).")
            for source in event.sources where !event.targets.contains(source) { checkActiveBefore(source, field: "sources") }
            for target in event.targets { checkExistsOn(target, field: "targets") }
        case .split:
            issues.check(event.sources.count == 1, field: "sources", "Chia, tách áp dụng cho đúng một \(subjectLabel).")
            issues.check(Set(event.targets).count >= 2, field: "targets", "Chia, tách tạo ra ít nhất hai \(subjectLabel).")
            issues.check(Set(event.sources).isDisjoint(with: event.targets), field: "targets",
                         "\(subjectLabel.capitalized) bị chia, tách không thể là một phần sau chia, tách.")
            for source in event.sources { checkActiveBefore(source, field: "sources") }
            for target in event.targets { checkExistsOn(target, field: "targets") }
        case .dissolve:
            issues.check(event.sources.count == 1 && event.targets.isEmpty, field: "sources",
                         "Giải thể áp dụng cho đúng một \(subjectLabel) và không có \(subjectLabel) kế thừa.")
            for source in event.sources { checkActiveBefore(source, field: "sources") }
        case .rename:
            issues.check(event.sources.count == 1 && event.targets == event.sources, field: "sources",
                         "Đổi tên áp dụng cho đúng một \(subjectLabel).")
            let newName = VietnameseText.normalized(event.newName ?? "")
            issues.check(!newName.isEmpty, field: "newName", "Tên mới không được để trống.")
            issues.check(newName.count <= TextRules.maximumNameLength, field: "newName",
                         "Tên mới vượt quá \(TextRules.maximumNameLength) ký tự.")
            if let id = event.sources.first, let subject = subjects[id] {
                issues.check(date > subject.existence.from, field: "effectiveDate",
                             "Ngày đổi tên \(date.vietnamese) trước hoặc trùng ngày «\(subject.name)» bắt đầu hoạt động (\(subject.existence.from.vietnamese)).")
                issues.check(subject.existence.contains(date), field: "effectiveDate",
                             "«\(subject.name)» không còn hoạt động vào ngày \(date.vietnamese).")
                issues.check(newName != event.previousName, field: "newName", "Tên mới trùng với tên cũ.")
            }
        case .transfer:
            issues.check(event.sources.count == 1 && event.targets == event.sources, field: "sources",
                         "Chuyển tỉnh áp dụng cho đúng một \(subjectLabel).")
            issues.check(event.toProvinceID != nil, field: "toProvinceID", "Hãy chọn tỉnh tiếp nhận.")
            issues.check(event.toProvinceID != event.fromProvinceID, field: "toProvinceID",
                         "Tỉnh tiếp nhận phải khác tỉnh hiện tại.")
            if let id = event.sources.first, let subject = subjects[id] {
                issues.check(subject.existence.contains(date) && date > subject.existence.from, field: "effectiveDate",
                             "«\(subject.name)» không hoạt động vào ngày \(date.vietnamese).")
            }
        }
        try issues.finish()
    }
}

/// One step of a lineage: `from` became (part of) `to` through `event`.
public struct LineageLink: Hashable, Sendable {
    public var event: ReorganisationEvent
    public var from: UUID
    public var to: UUID
    /// 1 for a direct predecessor or successor, 2 for the one before or after that…
    public var generation: Int
}

/// The reorganisation history of a set of units (or provinces), asked about one subject and
/// one day at a time. Pure: built from the events, it answers without any store.
public struct Lineage: Sendable {
    public let events: [ReorganisationEvent]
    private let bySource: [UUID: [ReorganisationEvent]]
    private let byTarget: [UUID: [ReorganisationEvent]]

    public init(events: [ReorganisationEvent]) {
        let sorted = events.sorted { ($0.effectiveDate, $0.id.uuidString) < ($1.effectiveDate, $1.id.uuidString) }
        self.events = sorted
        var bySource: [UUID: [ReorganisationEvent]] = [:]
        var byTarget: [UUID: [ReorganisationEvent]] = [:]
        for event in sorted {
            for id in Set(event.sources) { bySource[id, default: []].append(event) }
            for id in Set(event.targets) { byTarget[id, default: []].append(event) }
        }
        self.bySource = bySource
        self.byTarget = byTarget
    }

    /// Every event that names the subject, oldest first.
    public func events(involving id: UUID) -> [ReorganisationEvent] {
        let all = (bySource[id] ?? []) + (byTarget[id] ?? [])
        var seen = Set<UUID>()
        return all.filter { seen.insert($0.id).inserted }
            .sorted { ($0.effectiveDate, $0.id.uuidString) < ($1.effectiveDate, $1.id.uuidString) }
    }

    /// The units this one became, directly and further on (merge then split…), oldest first.
    public func successors(of id: UUID) -> [LineageLink] {
        walk(from: id) { current in
            (bySource[current] ?? []).filter { $0.endedSources.contains(current) || $0.kind == .merge }
                .flatMap { event in event.targets.filter { $0 != current }.map { (event, $0) } }
        }
    }

    /// The units this one came from, directly and further back, nearest first.
    public func predecessors(of id: UUID) -> [LineageLink] {
        walk(from: id) { current in
            (byTarget[current] ?? []).filter { $0.kind == .merge || $0.kind == .split }
                .flatMap { event in event.sources.filter { $0 != current }.map { (event, $0) } }
        }
    }

    /// "This unit as of date D": the units that carry its identity on that day. Itself
    /// until it ends; then its successors (as they were on D), or none once dissolved.
    public func carriers(of id: UUID, on date: LocalDate) -> Set<UUID> {
        var current: Set<UUID> = [id]
        for event in events where event.effectiveDate <= date {
            let ended = Set(event.endedSources).intersection(current)
            guard !ended.isEmpty else { continue }
            current.subtract(ended)
            current.formUnion(event.targets)
        }
        return current
    }

    /// The name the subject bore on a day, undoing the renames that came after it.
    public func name(of id: UUID, on date: LocalDate, current: String) -> String {
        var name = current
        for event in events(involving: id).reversed() where event.kind == .rename && event.effectiveDate > date {
            if let previous = event.previousName { name = previous }
        }
        return name
    }

    /// The province the unit belonged to on a day, undoing the transfers that came after it.
    public func province(of id: UUID, on date: LocalDate, current: UUID) -> UUID {
        var province = current
        for event in events(involving: id).reversed() where event.kind == .transfer && event.effectiveDate > date {
            if let previous = event.fromProvinceID { province = previous }
        }
        return province
    }

    private func walk(from id: UUID, next: (UUID) -> [(ReorganisationEvent, UUID)]) -> [LineageLink] {
        var links: [LineageLink] = []
        var visited: Set<UUID> = [id]
        var frontier: [UUID] = [id]
        var generation = 1
        // Bounded by the number of subjects: each is visited once, so a cycle in bad data
        // cannot loop.
        while !frontier.isEmpty {
            var nextFrontier: [UUID] = []
            for current in frontier {
                for (event, other) in next(current) {
                    links.append(LineageLink(event: event, from: current, to: other, generation: generation))
                    if visited.insert(other).inserted { nextFrontier.append(other) }
                }
            }
            frontier = nextFrontier
            generation += 1
        }
        return links
    }
}

extension Reorganisation {
    /// The unit as the event leaves it: ended, renamed or moved to another province.
    public static func apply(_ event: ReorganisationEvent, to unit: OrgUnit) -> OrgUnit {
        var unit = unit
        if event.endedSources.contains(unit.id) {
            unit.existence.to = event.effectiveDate.previousDay
        }
        guard event.sources.contains(unit.id) else { return unit }
        switch event.kind {
        case .rename:
            if let name = event.newName { unit.name = VietnameseText.normalized(name) }
            if let shortName = event.newShortName, !shortName.isEmpty { unit.shortName = VietnameseText.normalized(shortName) }
        case .transfer:
            if let province = event.toProvinceID { unit.provinceID = province }
        case .merge, .split, .dissolve:
            break
        }
        return unit
    }

    /// The province as the event leaves it: ended by a merger, or renamed.
    public static func apply(_ event: ReorganisationEvent, to province: Province) -> Province {
        var province = province
        if event.endedSources.contains(province.id) {
            province.existence.to = event.effectiveDate.previousDay
        }
        if event.kind == .rename, event.sources.contains(province.id), let name = event.newName {
            province.name = VietnameseText.normalized(name)
        }
        return province
    }

    /// Posts that must close because their unit ended: a post in a unit that no longer exists
    /// ends on the unit's last day (moving staff to a successor is a decision, not automatic).
    public static func closingAssignments(_ assignments: [Assignment], of unit: OrgUnit) -> [Assignment] {
        guard let end = unit.existence.to else { return [] }
        return assignments.compactMap { assignment in
            guard assignment.unitID == unit.id, assignment.period.from <= end,
                  assignment.period.to.map({ $0 > end }) ?? true else { return nil }
            var closed = assignment
            closed.period.to = end
            return closed
        }
    }

    /// Memberships that must close because their unit ended: each ends no later than the
    /// unit's last day. Returns only the memberships that change.
    public static func closingMemberships(_ memberships: [Membership], of unit: OrgUnit) -> [Membership] {
        guard let end = unit.existence.to else { return [] }
        return memberships.compactMap { membership in
            guard membership.unitID == unit.id, membership.period.from <= end,
                  membership.period.to.map({ $0 > end }) ?? true else { return nil }
            var closed = membership
            closed.period.to = end
            return closed
        }
    }
}
