import Foundation

/// What the home page needs to know of one bloc's year: its state and dates, its members and
/// what each has done, and when. Loaded by the caller; judged here.
public struct YearSnapshot: Hashable, Sendable {
    public struct Member: Hashable, Sendable {
        public var unitID: UUID
        public var name: String
        public init(unitID: UUID, name: String) {
            self.unitID = unitID
            self.name = name
        }
    }

    /// A member's annual score sheet: where it stands, the extension of its deadline if one
    /// was granted, the day it was last submitted.
    public struct Sheet: Hashable, Sendable {
        public var status: SheetStatus
        public var extendedTo: LocalDate?
        public var submittedOn: LocalDate?
        public init(status: SheetStatus, extendedTo: LocalDate? = nil, submittedOn: LocalDate? = nil) {
            self.status = status
            self.extendedTo = extendedTo
            self.submittedOn = submittedOn
        }
    }

    public var blocID: UUID
    public var blocName: String
    public var kind: BlocKind
    public var provinceID: UUID
    public var year: Int
    public var state: YearState
    public var dates: YearDates
    public var head: UUID?
    public var deputy: UUID?
    /// The year's members (on the pact day), in the order the pages list them.
    public var members: [Member]
    /// The day each member signed the pact.
    public var signedOn: [UUID: LocalDate]
    /// The day each member sent its registration.
    public var registeredOn: [UUID: LocalDate]
    public var sheets: [UUID: Sheet]

    public init(blocID: UUID, blocName: String, kind: BlocKind, provinceID: UUID, year: Int, state: YearState,
                dates: YearDates = YearDates(), head: UUID? = nil, deputy: UUID? = nil, members: [Member] = [],
                signedOn: [UUID: LocalDate] = [:], registeredOn: [UUID: LocalDate] = [:], sheets: [UUID: Sheet] = [:]) {
        self.blocID = blocID
        self.blocName = blocName
        self.kind = kind
        self.provinceID = provinceID
        self.year = year
        self.state = state
        self.dates = dates
        self.head = head
        self.deputy = deputy
        self.members = members
        self.signedOn = signedOn
        self.registeredOn = registeredOn
        self.sheets = sheets
    }

    public func name(of unit: UUID) -> String { members.first { $0.unitID == unit }?.name ?? "" }
    public func isMember(_ unit: UUID) -> Bool { members.contains { $0.unitID == unit } }

    /// The self-scoring deadline that binds a unit: its extension, else the year's.
    public func selfScoreDeadline(of unit: UUID) -> LocalDate? { sheets[unit]?.extendedTo ?? dates.selfScoreDeadline }
}

/// A proposal of awards as the province's home sees it.
public struct ProposalSnapshot: Hashable, Sendable {
    public var id: UUID
    public var title: String
    public var authorName: String
    public var status: ProposalStatus
    public var submittedOn: LocalDate?
    public init(id: UUID, title: String, authorName: String, status: ProposalStatus, submittedOn: LocalDate? = nil) {
        self.id = id
        self.title = title
        self.authorName = authorName
        self.status = status
        self.submittedOn = submittedOn
    }
}

/// One line of «Việc cần làm»: what, for which bloc's year, by when, whether late, and where
/// to go to do it. A line that is `done` says what has been done (a unit sees its pact signed).
public struct PendingItem: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case signPact, register, selfScore, sheetReturned, sheetState
        case reviewSheet, unsignedMembers, lockPact, unregisteredMembers, nextConference
        case lateUnits, proposal
    }

    /// Where the line leads: pages the caller turns into addresses.
    public enum Target: Hashable, Sendable {
        case year(bloc: UUID, year: Int)
        case pact(bloc: UUID, year: Int)
        case registration(bloc: UUID, year: Int, unit: UUID)
        case sheet(bloc: UUID, year: Int, unit: UUID)
        case sheets(bloc: UUID, year: Int)
        case conferences(bloc: UUID, year: Int)
        case proposal(UUID)
    }

    public var kind: Kind
    public var text: String
    public var deadline: LocalDate?
    public var overdue: Bool
    public var done: Bool
    public var target: Target

    public init(kind: Kind, text: String, deadline: LocalDate? = nil, overdue: Bool = false, done: Bool = false, target: Target) {
        self.kind = kind
        self.text = text
        self.deadline = deadline
        self.overdue = overdue
        self.done = done
        self.target = target
    }
}

/// Việc cần làm: what each role has to do now, judged from the years' states and their own
/// dates. Nothing here reads a clock; `today` is given.
public enum PendingWork {
    /// A unit's own lines for one year: its pact (signed or not), its registration, its
    /// self-scoring sheet. Only what the year's step still allows is asked for.
    public static func unit(_ unit: UUID, in year: YearSnapshot, today: LocalDate) -> [PendingItem] {
        guard year.isMember(unit), year.state != .closed else { return [] }
        let bloc = year.blocID, number = year.year
        var items: [PendingItem] = []
        if let signed = year.signedOn[unit] {
            items.append(PendingItem(kind: .signPact, text: "Đã ký giao ước ngày \(signed.vietnamese)", done: true,
                                     target: .pact(bloc: bloc, year: number)))
        } else if year.state == .planning {
            items.append(PendingItem(kind: .signPact, text: "Chưa ký giao ước thi đua", deadline: year.dates.pactDate,
                                     overdue: late(year.dates.pactDate, today), target: .pact(bloc: bloc, year: number)))
        }
        if let registered = year.registeredOn[unit] {
            let after = late(year.dates.registrationDeadline, registered)
            items.append(PendingItem(kind: .register, text: "Đã đăng ký thi đua ngày \(registered.vietnamese)" + (after ? " (sau hạn)" : ""),
                                     deadline: year.dates.registrationDeadline, overdue: after, done: true,
                                     target: .registration(bloc: bloc, year: number, unit: unit)))
        } else if RegistrationRules.isOpen(state: year.state) {
            items.append(PendingItem(kind: .register, text: "Chưa đăng ký thi đua", deadline: year.dates.registrationDeadline,
                                     overdue: late(year.dates.registrationDeadline, today),
                                     target: .registration(bloc: bloc, year: number, unit: unit)))
        }
        if year.state >= .scoring {
            let sheet = year.sheets[unit]
            let deadline = year.selfScoreDeadline(of: unit)
            let target = PendingItem.Target.sheet(bloc: bloc, year: number, unit: unit)
            switch (sheet?.status, year.state == .scoring) {
            case (nil, true), (.draft?, true):
                items.append(PendingItem(kind: .selfScore, text: "Chưa nộp bảng tự chấm điểm", deadline: deadline,
                                         overdue: late(deadline, today), target: target))
            case (.returned?, true):
                items.append(PendingItem(kind: .sheetReturned, text: "Bảng điểm bị trả lại: bổ sung và nộp lại", deadline: deadline,
                                         overdue: late(deadline, today), target: target))
            case (let status?, _):
                items.append(PendingItem(kind: .sheetState, text: "Bảng điểm: \(status.label)", done: true, target: target))
            case (nil, false):
                break
            }
        }
        return items
    }

    /// The head unit's lines for a year it leads (Trưởng khối, Cụm trưởng): sheets awaiting
    /// its review, members that have not signed or registered (named), locking the pact once
    /// all have signed, the next conference. The deputy reviews the head's own sheet.
    public static func head(_ unit: UUID, in year: YearSnapshot, today: LocalDate) -> [PendingItem] {
        guard year.state != .closed else { return [] }
        let bloc = year.blocID, number = year.year
        var items: [PendingItem] = []
        if year.state == .scoring {
            let reviews: [YearSnapshot.Member]
            if year.head == unit {
                reviews = year.members.filter { $0.unitID != unit && year.sheets[$0.unitID]?.status == .submitted }
            } else if year.deputy == unit, let head = year.head, year.sheets[head]?.status == .submitted {
                reviews = year.members.filter { $0.unitID == head }
            } else {
                reviews = []
            }
            items += reviews.map {
                PendingItem(kind: .reviewSheet, text: "Thẩm định bảng điểm của \($0.name)",
                            target: .sheet(bloc: bloc, year: number, unit: $0.unitID))
            }
        }
        guard year.head == unit else { return items }
        if year.state == .planning {
            let unsigned = year.members.filter { year.signedOn[$0.unitID] == nil }
            if unsigned.isEmpty {
                items.append(PendingItem(kind: .lockPact, text: "Mọi thành viên đã ký: khóa giao ước",
                                         target: .year(bloc: bloc, year: number)))
            } else {
                items.append(PendingItem(kind: .unsignedMembers,
                                         text: "\(unsigned.count) đơn vị chưa ký giao ước: \(names(unsigned))",
                                         deadline: year.dates.pactDate, overdue: late(year.dates.pactDate, today),
                                         target: .pact(bloc: bloc, year: number)))
            }
        }
        if RegistrationRules.isOpen(state: year.state) {
            let unregistered = year.members.filter { year.registeredOn[$0.unitID] == nil }
            if !unregistered.isEmpty {
                items.append(PendingItem(kind: .unregisteredMembers,
                                         text: "\(unregistered.count) đơn vị chưa đăng ký thi đua: \(names(unregistered))",
                                         deadline: year.dates.registrationDeadline,
                                         overdue: late(year.dates.registrationDeadline, today),
                                         target: .year(bloc: bloc, year: number)))
            }
        }
        if let conference = year.dates.conferenceDate, conference >= today, year.state <= .conference {
            items.append(PendingItem(kind: .nextConference, text: "Hội nghị tổng kết ngày \(conference.vietnamese)",
                                     deadline: conference, target: .conferences(bloc: bloc, year: number)))
        }
        return items
    }

    /// The units of a year that are late, each judged against the year's own date for the act:
    /// a pact not signed by the pact day (or signed after it), a registration not sent by its
    /// deadline (or sent after it), a sheet not submitted by the unit's self-scoring deadline.
    public static func lateUnits(in year: YearSnapshot, today: LocalDate) -> [PendingItem] {
        guard year.state != .closed else { return [] }
        let bloc = year.blocID, number = year.year
        var items: [PendingItem] = []
        func add(_ units: [YearSnapshot.Member], _ what: String, _ deadline: LocalDate?, _ target: PendingItem.Target) {
            guard !units.isEmpty else { return }
            items.append(PendingItem(kind: .lateUnits, text: "\(year.blocName): \(units.count) đơn vị \(what): \(names(units))",
                                     deadline: deadline, overdue: true, target: target))
        }
        if let pact = year.dates.pactDate {
            let unsigned = year.members.filter { year.signedOn[$0.unitID].map { $0 > pact } ?? (year.state == .planning && pact < today) }
            add(unsigned, "ký giao ước sau hạn hoặc chưa ký", pact, .pact(bloc: bloc, year: number))
        }
        if let deadline = year.dates.registrationDeadline {
            let open = RegistrationRules.isOpen(state: year.state)
            let lateOnes = year.members.filter { year.registeredOn[$0.unitID].map { $0 > deadline } ?? (open && deadline < today) }
            add(lateOnes, "đăng ký thi đua sau hạn hoặc chưa đăng ký", deadline, .year(bloc: bloc, year: number))
        }
        if year.state >= .scoring {
            let lateOnes = year.members.filter { member in
                guard let deadline = year.selfScoreDeadline(of: member.unitID) else { return false }
                let sheet = year.sheets[member.unitID]
                if let submitted = sheet?.submittedOn, sheet?.status != .draft { return submitted > deadline }
                return year.state == .scoring && deadline < today
            }
            add(lateOnes, "nộp bảng tự chấm điểm sau hạn hoặc chưa nộp", year.dates.selfScoreDeadline, .sheets(bloc: bloc, year: number))
        }
        return items
    }

    /// Proposals of awards the province has to act on: sent (to receive or return), received
    /// or at the council (to decide).
    public static func proposals(_ proposals: [ProposalSnapshot]) -> [PendingItem] {
        proposals.compactMap { proposal in
            let verb: String
            switch proposal.status {
            case .submitted: verb = "Tiếp nhận tờ trình"
            case .received: verb = "Trình Hội đồng tờ trình"
            case .atCouncil: verb = "Ghi quyết định khen thưởng cho tờ trình"
            case .draft, .returned, .decided: return nil
            }
            let sent = proposal.submittedOn.map { " (gửi ngày \($0.vietnamese))" } ?? ""
            return PendingItem(kind: .proposal, text: "\(verb) «\(proposal.title)» của \(proposal.authorName)\(sent)",
                               target: .proposal(proposal.id))
        }
    }

    /// The province's years grouped by their step, in the year's order of steps.
    public static func byState(_ years: [YearSnapshot]) -> [(state: YearState, years: [YearSnapshot])] {
        YearState.allCases.compactMap { state in
            let matching = years.filter { $0.state == state }
            return matching.isEmpty ? nil : (state, matching)
        }
    }

    /// How many lines wait for someone (done lines and the conference's date do not).
    public static func count(_ items: [PendingItem]) -> Int {
        items.filter { !$0.done && $0.kind != .nextConference }.count
    }

    /// Late when the day of reference is after the deadline; never without a deadline.
    static func late(_ deadline: LocalDate?, _ day: LocalDate) -> Bool { deadline.map { day > $0 } ?? false }

    static func names(_ members: [YearSnapshot.Member]) -> String { members.map(\.name).joined(separator: ", ") }
}

