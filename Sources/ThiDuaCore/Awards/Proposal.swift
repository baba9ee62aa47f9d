import Foundation

/// Tờ trình đề nghị khen thưởng: a bloc's (by its head) or a unit's.
public enum ProposalKind: String, CaseIterable, Sendable, Codable {
    /// The bloc's, built by the head unit from the ranking and the ballots.
    case bloc
    /// A unit's own, for its staff and itself.
    case unit

    public var label: String {
        switch self {
        case .bloc: "Tờ trình của khối"
        case .unit: "Tờ trình của đơn vị"
        }
    }
}

/// Where a proposal stands.
public enum ProposalStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case received
    /// Trả lại: back to its author with a reason; it may be fixed and submitted again.
    case returned
    /// Trình Hội đồng TĐKT tỉnh.
    case atCouncil = "at_council"
    /// Chủ tịch UBND tỉnh đã quyết định.
    case decided

    public var label: String {
        switch self {
        case .draft: "Dự thảo"
        case .submitted: "Đã gửi"
        case .received: "Đã tiếp nhận"
        case .returned: "Trả lại"
        case .atCouncil: "Trình Hội đồng"
        case .decided: "Đã quyết định"
        }
    }

    /// The author may change the lines.
    public var editable: Bool { self == .draft || self == .returned }
}

/// One line's fate: proposed, set aside (returned with a reason), at the council, approved or rejected.
public enum LineStatus: String, CaseIterable, Sendable, Codable {
    case proposed
    case returned
    case atCouncil = "at_council"
    case approved
    case rejected

    public var label: String {
        switch self {
        case .proposed: "Đề nghị"
        case .returned: "Trả lại"
        case .atCouncil: "Trình Hội đồng"
        case .approved: "Được khen thưởng"
        case .rejected: "Không được khen thưởng"
        }
    }
}

/// What can happen to a proposal.
public enum ProposalAction: String, CaseIterable, Sendable, Codable {
    case submit
    case receive
    /// Trả lại (reason required): the whole proposal, or with `lines`, only those lines.
    case returnToAuthor = "return"
    case toCouncil = "to_council"
    case recordVote = "record_vote"
    case decide

    public var label: String {
        switch self {
        case .submit: "Gửi tờ trình"
        case .receive: "Tiếp nhận"
        case .returnToAuthor: "Trả lại"
        case .toCouncil: "Trình Hội đồng"
        case .recordVote: "Ghi kết quả Hội đồng"
        case .decide: "Ghi quyết định khen thưởng"
        }
    }

    /// The author's action; every other is the province's.
    public var byAuthor: Bool { self == .submit }
}

/// The proposal's state machine: typed transitions, typed refusals in Vietnamese.
public enum ProposalMachine {
    public static func next(_ status: ProposalStatus, _ action: ProposalAction, reason: String? = nil) throws -> ProposalStatus {
        let target: ProposalStatus? = switch (status, action) {
        case (.draft, .submit), (.returned, .submit): .submitted
        case (.submitted, .receive): .received
        case (.submitted, .returnToAuthor), (.received, .returnToAuthor): .returned
        case (.received, .toCouncil): .atCouncil
        case (.atCouncil, .recordVote): .atCouncil
        case (.atCouncil, .decide): .decided
        default: nil
        }
        guard let target else {
            throw DomainError.conflict("Không thể «\(action.label.lowercased())» khi tờ trình đang ở trạng thái «\(status.label)».")
        }
        if action == .returnToAuthor, VietnameseText.normalized(reason ?? "").isEmpty {
            throw DomainError.invalid(field: "reason", "Hãy ghi lý do trả lại.")
        }
        return target
    }
}

/// A proposal line as the rules see it: recipient, form and year, with its explanation.
public struct ProposalLineCheck: Sendable {
    public var lineID: UUID
    public var recipientName: String
    /// The recipient's unit (for a person, their unit; for a collective, itself).
    public var unitID: UUID
    public var code: AwardCode
    public var explanation: Explanation?

    public init(lineID: UUID, recipientName: String, unitID: UUID, code: AwardCode, explanation: Explanation?) {
        self.lineID = lineID
        self.recipientName = recipientName
        self.unitID = unitID
        self.code = code
        self.explanation = explanation
    }
}

/// Cảnh báo trước khi gửi: every ineligible line and every quota exceeded.
public struct ProposalWarnings: Hashable, Sendable, Codable {
    public struct Line: Hashable, Sendable, Codable {
        public var lineID: UUID
        public var message: String
    }
    public var lines: [Line]
    public var quotas: [Quota.Check]
    public var isEmpty: Bool { lines.isEmpty && quotas.allSatisfy { !$0.exceeded } }
    public var messages: [String] { lines.map(\.message) + quotas.filter(\.exceeded).map(\.message) }

    /// `advancedWorkers` holds each unit's count of LĐTT for the year (held or proposed), the
    /// base of the CSTĐCS quota; `blocLeaders`, for Cờ Chính phủ, the province's bloc leaders.
    public static func check(_ lines: [ProposalLineCheck], advancedWorkers: [UUID: Int], blocLeaders: Int,
                             parameters p: AwardParameters) -> ProposalWarnings {
        var result = ProposalWarnings(lines: [], quotas: [])
        for line in lines {
            guard let explanation = line.explanation else {
                result.lines.append(Line(lineID: line.lineID, message: "\(line.recipientName): chưa xét được điều kiện."))
                continue
            }
            if explanation.outcome == .fail {
                result.lines.append(Line(lineID: line.lineID, message: "\(line.recipientName) — \(explanation.summary)"))
            }
        }
        let soldiers = Dictionary(grouping: lines.filter { $0.code == .baseEmulationSoldier }, by: \.unitID)
        for (unit, proposed) in soldiers.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            result.quotas.append(Quota.check("Chiến sĩ thi đua cơ sở", proposed: proposed.count, base: advancedWorkers[unit] ?? 0,
                                             percent: p.baseSoldierQuotaPercent, rounding: p.quotaRounding))
        }
        let flags = lines.filter { $0.code == .governmentFlag }.count
        if flags > 0 {
            result.quotas.append(Quota.check("Cờ thi đua của Chính phủ", proposed: flags, base: blocLeaders,
                                             percent: p.governmentFlagSharePercent, rounding: p.quotaRounding))
        }
        return result
    }
}

/// Quyết định khen thưởng: number, day, issuer, signer; approves some of the lines at the council.
public struct AwardDecision: Hashable, Sendable, Codable {
    public var number: String
    public var date: LocalDate
    /// Cơ quan ban hành: "UBND tỉnh Khánh Hòa".
    public var issuer: String
    /// Người ký: "Chủ tịch Nguyễn Văn A".
    public var signer: String
    public var approved: Set<UUID>

    public init(number: String, date: LocalDate, issuer: String, signer: String, approved: Set<UUID>) {
        self.number = number
        self.date = date
        self.issuer = issuer
        self.signer = signer
        self.approved = approved
    }

    /// A recipient as the decision checks it: the days its unit existed.
    public struct Recipient: Sendable {
        public var lineID: UUID
        public var name: String
        public var existence: DatePeriod?
        public var initiatives: [UUID]
        public init(lineID: UUID, name: String, existence: DatePeriod?, initiatives: [UUID]) {
            self.lineID = lineID
            self.name = name
            self.existence = existence
            self.initiatives = initiatives
        }
    }

    /// Checks a decision before it writes anything: every approved line was proposed and is at
    /// the council; the number is new for the issuer; each collective existed on the day; no
    /// initiative stands under two awards.
    public func validate(councilLines: Set<UUID>, allLines: Set<UUID>, numbersOfIssuer: Set<String>, recipients: [Recipient],
                         usedInitiatives: Set<UUID>) throws {
        var issues = IssueCollector()
        issues.check(!VietnameseText.normalized(number).isEmpty, field: "number", "Hãy ghi số quyết định.")
        issues.check(number.count <= 100, field: "number", "Số quyết định quá dài (tối đa 100 ký tự).")
        issues.check(!VietnameseText.normalized(issuer).isEmpty, field: "issuer", "Hãy ghi cơ quan ban hành quyết định.")
        issues.check(!VietnameseText.normalized(signer).isEmpty, field: "signer", "Hãy ghi người ký quyết định.")
        issues.check(NumberRange.dayYears.contains(date.year), field: "date",
                     "Ngày quyết định phải trong các năm \(NumberRange.dayYears.lowerBound)–\(NumberRange.dayYears.upperBound).")
        let key = VietnameseText.searchKey(number)
        issues.check(!numbersOfIssuer.map(VietnameseText.searchKey).contains(key), field: "number",
                     "Số quyết định «\(number)» đã được «\(issuer)» dùng cho một quyết định khác.")
        for line in approved.sorted(by: { $0.uuidString < $1.uuidString }) {
            if !allLines.contains(line) {
                issues.add(FieldIssue(field: "approved", "Dòng \(line.uuidString) không có trong tờ trình: không quyết định khen thưởng cho đề nghị chưa có."))
            } else if !councilLines.contains(line) {
                issues.add(FieldIssue(field: "approved", "Dòng \(line.uuidString) không được trình Hội đồng (đã trả lại)."))
            }
        }
        var claimed = usedInitiatives
        for recipient in recipients where approved.contains(recipient.lineID) {
            if let existence = recipient.existence, let refusal = Self.inactive(recipient.name, existence: existence, on: date) {
                issues.add(FieldIssue(field: "approved", refusal))
            }
            for initiative in recipient.initiatives where !claimed.insert(initiative).inserted {
                issues.add(FieldIssue(field: "approved", "Sáng kiến của «\(recipient.name)» đã là căn cứ của một khen thưởng khác: mỗi sáng kiến chỉ dùng một lần."))
            }
        }
        try issues.finish()
    }
}

extension AwardDecision {
    /// A collective is awarded only while it exists: a decision dated before it was founded or
    /// after it ended (merged, dissolved) is refused, with the dates it was active.
    public static func inactive(_ name: String, existence: DatePeriod, on date: LocalDate) -> String? {
        guard !existence.contains(date) else { return nil }
        return "«\(name)» không hoạt động vào ngày \(date.vietnamese) (hoạt động từ \(existence.from.vietnamese)"
            + "\(existence.to.map { " đến \($0.vietnamese)" } ?? "")): không ghi khen thưởng được."
    }
}
