import Foundation

/// The fixed dates of a bloc's year: the pact conference and the deadlines every member
/// works to. Each is optional until the head sets it; each must fall in the year (the
/// conference may run into the first weeks of the next one, as it often does).
public struct YearDates: Hashable, Sendable, Codable {
    /// Hội nghị ký kết giao ước: day and place.
    public var pactDate: LocalDate?
    public var pactPlace: String?
    /// Hạn đăng ký thi đua.
    public var registrationDeadline: LocalDate?
    /// Sơ kết 6 tháng.
    public var midYearDate: LocalDate?
    /// Hạn tự chấm điểm.
    public var selfScoreDeadline: LocalDate?
    /// Hội nghị tổng kết.
    public var conferenceDate: LocalDate?

    public init(pactDate: LocalDate? = nil, pactPlace: String? = nil, registrationDeadline: LocalDate? = nil,
                midYearDate: LocalDate? = nil, selfScoreDeadline: LocalDate? = nil, conferenceDate: LocalDate? = nil) {
        self.pactDate = pactDate
        self.pactPlace = pactPlace
        self.registrationDeadline = registrationDeadline
        self.midYearDate = midYearDate
        self.selfScoreDeadline = selfScoreDeadline
        self.conferenceDate = conferenceDate
    }

    /// The dates with their field names and Vietnamese labels, in the year's order.
    public var labelled: [(field: String, label: String, date: LocalDate?)] {
        [("pactDate", "Hội nghị ký kết giao ước", pactDate),
         ("registrationDeadline", "Hạn đăng ký thi đua", registrationDeadline),
         ("midYearDate", "Sơ kết 6 tháng", midYearDate),
         ("selfScoreDeadline", "Hạn tự chấm điểm", selfScoreDeadline),
         ("conferenceDate", "Hội nghị tổng kết", conferenceDate)]
    }

    public func validate(year: Int) throws {
        var issues = IssueCollector()
        let window = DatePeriod(from: LocalDate(year: year - 1, month: 10, day: 1)!,
                                to: LocalDate(year: year + 1, month: 3, day: 31)!)
        for (field, label, date) in labelled {
            guard let date else { continue }
            issues.check(window.contains(date), field: field,
                         "\(label) ngày \(date.vietnamese) nằm ngoài năm thi đua \(year).")
        }
        if let pact = pactDate, let conference = conferenceDate {
            issues.check(pact < conference, field: "conferenceDate",
                         "Hội nghị tổng kết phải sau hội nghị ký kết giao ước.")
        }
        if let mid = midYearDate, let conference = conferenceDate {
            issues.check(mid < conference, field: "midYearDate", "Sơ kết 6 tháng phải trước hội nghị tổng kết.")
        }
        if let scores = selfScoreDeadline, let conference = conferenceDate {
            issues.check(scores <= conference, field: "selfScoreDeadline",
                         "Hạn tự chấm điểm phải trước hoặc trong ngày hội nghị tổng kết.")
        }
        try issues.finish()
    }
}

/// One activity of the year's plan (kế hoạch hoạt động của khối): what, when, which unit
/// is in charge.
public struct PlanActivity: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var title: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate?
    /// Đơn vị chủ trì, or nil when the whole bloc does it.
    public var ownerUnitID: UUID?
    public var notes: String?

    public init(id: UUID = UUID(), title: String, startsOn: LocalDate, endsOn: LocalDate? = nil,
                ownerUnitID: UUID? = nil, notes: String? = nil) {
        self.id = id
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.ownerUnitID = ownerUnitID
        self.notes = notes
    }

    /// The owner must be a member; the activity must lie in the year.
    public func validate(year: Int, members: Set<UUID>) throws {
        var issues = IssueCollector()
        issues.check(!VietnameseText.normalized(title).isEmpty, field: "title", "Hãy ghi nội dung hoạt động.")
        issues.check(startsOn.year == year, field: "startsOn",
                     "Ngày bắt đầu \(startsOn.vietnamese) không thuộc năm \(year).")
        if let endsOn {
            issues.check(startsOn <= endsOn, field: "endsOn", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        }
        if let owner = ownerUnitID {
            issues.check(members.contains(owner), field: "ownerUnitID", "Đơn vị chủ trì không phải thành viên của khối.")
        }
        try issues.finish()
    }
}

/// Phạm vi phát động of a movement.
public enum MovementScope: String, CaseIterable, Sendable, Codable {
    /// Do tỉnh phát động: linked into every bloc's year that takes part.
    case province
    /// Do khối phát động.
    case bloc
    /// Do một đơn vị phát động trong khối.
    case unit

    public var label: String {
        switch self {
        case .province: "Tỉnh phát động"
        case .bloc: "Khối phát động"
        case .unit: "Đơn vị phát động"
        }
    }

    /// The label on a bloc's or a cluster's pages: Khối phát động / Cụm phát động.
    public func label(in kind: BlocKind) -> String {
        self == .bloc && kind == .cluster ? "Cụm phát động" : label
    }
}

public enum MovementKind: String, CaseIterable, Sendable, Codable {
    /// Thi đua thường xuyên.
    case regular
    /// Thi đua theo đợt, chuyên đề.
    case thematic

    public var label: String {
        switch self {
        case .regular: "Thường xuyên"
        case .thematic: "Theo đợt, chuyên đề"
        }
    }
}

/// Phong trào thi đua: launched by a body on a day, by a document, for a time; its results
/// count through the criteria it is linked to.
public struct Movement: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var provinceID: UUID
    public var scope: MovementScope
    /// The bloc that launched it (scope bloc or unit).
    public var blocID: UUID?
    /// The unit that launched it (scope unit).
    public var unitID: UUID?
    public var kind: MovementKind
    public var title: String
    public var launchedOn: LocalDate
    public var endsOn: LocalDate?
    /// Cơ quan phát động: "UBND tỉnh Lạng Sơn".
    public var launchingBody: String
    /// Văn bản phát động: "Kế hoạch số 12/KH-UBND".
    public var documentReference: String?
    public var criterionIDs: [UUID]

    public init(id: UUID = UUID(), provinceID: UUID, scope: MovementScope, blocID: UUID? = nil, unitID: UUID? = nil,
                kind: MovementKind, title: String, launchedOn: LocalDate, endsOn: LocalDate? = nil,
                launchingBody: String, documentReference: String? = nil, criterionIDs: [UUID] = []) {
        self.id = id
        self.provinceID = provinceID
        self.scope = scope
        self.blocID = blocID
        self.unitID = unitID
        self.kind = kind
        self.title = title
        self.launchedOn = launchedOn
        self.endsOn = endsOn
        self.launchingBody = launchingBody
        self.documentReference = documentReference
        self.criterionIDs = criterionIDs
    }

    /// A thematic movement runs for a set time and so has an end; a bloc or unit movement
    /// names its bloc; the launching unit is a member; linked criteria are in the table.
    public func validate(members: Set<UUID> = [], criteria: Set<UUID> = []) throws {
        var issues = IssueCollector()
        issues.check(!VietnameseText.normalized(title).isEmpty, field: "title", "Hãy ghi tên phong trào.")
        issues.check(!VietnameseText.normalized(launchingBody).isEmpty, field: "launchingBody", "Hãy ghi cơ quan phát động.")
        if let endsOn {
            issues.check(launchedOn <= endsOn, field: "endsOn", "Ngày kết thúc phải từ ngày phát động trở đi.")
        } else {
            issues.check(kind == .regular, field: "endsOn", "Phong trào theo đợt, chuyên đề cần ngày kết thúc.")
        }
        switch scope {
        case .province:
            issues.check(blocID == nil && unitID == nil, field: "scope", "Phong trào do tỉnh phát động không thuộc riêng khối hay đơn vị nào.")
        case .bloc:
            issues.check(blocID != nil, field: "scope", "Phong trào của khối phải gắn với một khối.")
        case .unit:
            issues.check(blocID != nil, field: "scope", "Phong trào của đơn vị phải gắn với một khối.")
            if let unitID {
                issues.check(members.contains(unitID), field: "unitID", "Đơn vị phát động không phải thành viên của khối.")
            } else {
                issues.add(FieldIssue(field: "unitID", "Hãy chọn đơn vị phát động."))
            }
        }
        for id in criterionIDs where !criteria.contains(id) {
            issues.add(FieldIssue(field: "criterionIDs", "Phong trào gắn với một tiêu chí không có trong bảng điểm của năm."))
        }
        try issues.finish()
    }
}

/// Lịch thi đua của năm: every dated thing of the year, as calendar entries whose ids stay
/// the same from one feed to the next.
public enum YearCalendar {
    public static func entries(blocName: String, blocID: UUID, year: Int, dates: YearDates,
                               plan: [PlanActivity], movements: [Movement]) -> [CalendarEntry] {
        let prefix = "\(blocID.uuidString.lowercased())-\(year)"
        var entries: [CalendarEntry] = []
        for (field, label, date) in dates.labelled {
            guard let date else { continue }
            entries.append(CalendarEntry(uid: "\(prefix)-\(field)@thidua", day: date, title: "\(label) — \(blocName)",
                                         location: field == "pactDate" ? dates.pactPlace : nil))
        }
        for activity in plan {
            let until = activity.endsOn.map { " (đến \($0.vietnamese))" } ?? ""
            entries.append(CalendarEntry(uid: "\(prefix)-plan-\(activity.id.uuidString.lowercased())@thidua",
                                         day: activity.startsOn, title: activity.title + until, details: activity.notes))
        }
        for movement in movements {
            let uid = "\(prefix)-movement-\(movement.id.uuidString.lowercased())"
            entries.append(CalendarEntry(uid: uid + "-start@thidua", day: movement.launchedOn,
                                         title: "Phát động: \(movement.title)",
                                         details: [movement.launchingBody, movement.documentReference].compactMap { $0 }.joined(separator: ", ")))
            if let end = movement.endsOn, end.year == year {
                entries.append(CalendarEntry(uid: uid + "-end@thidua", day: end, title: "Kết thúc: \(movement.title)"))
            }
        }
        return entries.sorted { ($0.day, $0.uid) < ($1.day, $1.uid) }
    }
}
