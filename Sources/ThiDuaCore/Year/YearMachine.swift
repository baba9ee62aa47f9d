import Foundation

/// Năm thi đua của khối: where a bloc's year stands. Each step closes what the one before
/// produced; going back is a reasoned, audited act, never a silent overwrite.
public enum YearState: String, CaseIterable, Sendable, Codable, Comparable {
    /// Xây dựng kế hoạch, bảng tiêu chí.
    case planning
    /// Đã ký giao ước: the scoring table is locked.
    case pactSigned = "pact_signed"
    /// Đang thực hiện phong trào.
    case inProgress = "in_progress"
    /// Đã sơ kết 6 tháng.
    case midYearReviewed = "mid_year_reviewed"
    /// Tự chấm điểm → thẩm định.
    case scoring
    /// Hội nghị tổng kết: ballots and the election of next year's head.
    case conference
    /// Đã gửi tờ trình đề nghị khen thưởng.
    case proposalsSubmitted = "proposals_submitted"
    /// Kết thúc năm.
    case closed

    public var label: String {
        switch self {
        case .planning: "Xây dựng kế hoạch"
        case .pactSigned: "Đã ký giao ước"
        case .inProgress: "Đang thực hiện"
        case .midYearReviewed: "Đã sơ kết 6 tháng"
        case .scoring: "Chấm điểm"
        case .conference: "Hội nghị tổng kết"
        case .proposalsSubmitted: "Đã gửi đề nghị khen thưởng"
        case .closed: "Đã kết thúc"
        }
    }

    public static func < (lhs: YearState, rhs: YearState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The steps of a year, each a typed transition.
public enum YearTransition: String, CaseIterable, Sendable, Codable {
    case signPact = "sign_pact"
    case start
    case reviewMidYear = "review_mid_year"
    case openScoring = "open_scoring"
    case holdConference = "hold_conference"
    case submitProposals = "submit_proposals"
    case close
    /// Back one step, with a reason (a correction after a step closed).
    case reopen

    /// What the button says.
    public var label: String {
        switch self {
        case .signPact: "Khóa giao ước (mọi thành viên đã ký)"
        case .start: "Bắt đầu thực hiện"
        case .reviewMidYear: "Ghi nhận sơ kết 6 tháng"
        case .openScoring: "Mở chấm điểm"
        case .holdConference: "Chuyển sang hội nghị tổng kết"
        case .submitProposals: "Ghi nhận đã gửi đề nghị khen thưởng"
        case .close: "Kết thúc năm"
        case .reopen: "Quay lại bước trước"
        }
    }

    /// What the step changes for the bloc, in the words of the confirmation asked before it.
    public var consequence: String {
        switch self {
        case .signPact: "Giao ước và bảng tiêu chí được khóa: từ nay mỗi lần sửa bảng tiêu chí phải ghi lý do và được lưu vào nhật ký, mọi thành viên xem được."
        case .start: "Các đơn vị bắt đầu thực hiện giao ước; kế hoạch và phong trào của khối vẫn bổ sung được."
        case .reviewMidYear: "Ghi nhận khối đã sơ kết 6 tháng; bảng điểm sơ kết được giữ như đã chấm."
        case .openScoring: "Các đơn vị được tự chấm điểm cả năm, nộp minh chứng và gửi bảng điểm để thẩm định."
        case .holdConference: "Việc chấm điểm khép lại; khối chuyển sang hội nghị tổng kết, bỏ phiếu suy tôn và bầu Trưởng khối năm sau."
        case .submitProposals: "Ghi nhận khối đã gửi tờ trình đề nghị khen thưởng lên tỉnh."
        case .close: "Năm thi đua kết thúc: sau đó mọi điều chỉnh phải là một quyết định bổ sung có lý do."
        case .reopen: "Năm thi đua quay lại bước trước; lý do được ghi vào nhật ký và lịch sử của năm."
        }
    }
}

/// Why a transition is refused.
public enum YearError: Error, Hashable, Sendable {
    case invalidTransition(from: YearState, transition: YearTransition)
    case reasonRequired
    /// Members that have not signed the pact.
    case incompletePact(unsigned: [UUID])
    /// Members whose score sheet is not final.
    case incompleteScoring(missing: [UUID])
    case noHead
    case finalState
    /// Ballot sessions of the conference still open: the conference step cannot be left
    /// with votes still coming in.
    case openBallots(count: Int)

    public var message: String {
        switch self {
        case .invalidTransition(let from, let transition):
            "Không thể chuyển năm thi đua đang ở bước «\(from.label)» bằng thao tác «\(transition.label)»."
        case .reasonRequired: "Quay lại bước trước cần ghi rõ lý do."
        case .incompletePact(let unsigned): "Còn \(unsigned.count) đơn vị thành viên chưa ký giao ước."
        case .incompleteScoring(let missing): "Còn \(missing.count) đơn vị chưa có bảng điểm được thẩm định xong."
        case .noHead: "Năm thi đua chưa có đơn vị Trưởng khối."
        case .finalState: "Năm thi đua đã kết thúc; mọi điều chỉnh phải là một quyết định bổ sung có lý do."
        case .openBallots(let count): "Còn \(count) phiên bỏ phiếu đang mở: hãy kết thúc các phiên trước khi chuyển bước."
        }
    }

    /// The message with the units it concerns named (sorted), so the reader knows whom to
    /// ask: «Còn 2 đơn vị thành viên chưa ký giao ước. Sở Tư pháp, Thanh tra tỉnh.»
    public func message(naming names: [UUID: String]) -> String {
        switch self {
        case .incompletePact(let units), .incompleteScoring(let units):
            let named = units.compactMap { names[$0] }.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) }
            return named.isEmpty ? message : message + " " + named.joined(separator: ", ") + "."
        default: return message
        }
    }
}

/// What the machine needs to know of the year besides its state.
public struct YearFacts: Hashable, Sendable {
    public var members: Set<UUID>
    public var head: UUID?
    public var signed: Set<UUID>
    public var finalSheets: Set<UUID>
    /// Ballot sessions of the year not yet closed.
    public var openBallots: Int

    public init(members: Set<UUID>, head: UUID?, signed: Set<UUID> = [], finalSheets: Set<UUID> = [], openBallots: Int = 0) {
        self.members = members
        self.head = head
        self.signed = signed
        self.finalSheets = finalSheets
        self.openBallots = openBallots
    }
}

public enum YearMachine {
    /// The state after the transition, or why not.
    public static func apply(_ transition: YearTransition, to state: YearState, facts: YearFacts,
                             reason: String? = nil) throws -> YearState {
        if state == .closed { throw YearError.finalState }
        if state == .conference, facts.openBallots > 0 { throw YearError.openBallots(count: facts.openBallots) }
        switch (state, transition) {
        case (.planning, .signPact):
            guard facts.head != nil else { throw YearError.noHead }
            let unsigned = facts.members.subtracting(facts.signed)
            guard unsigned.isEmpty else { throw YearError.incompletePact(unsigned: unsigned.sorted { $0.uuidString < $1.uuidString }) }
            return .pactSigned
        case (.pactSigned, .start):
            return .inProgress
        case (.inProgress, .reviewMidYear):
            return .midYearReviewed
        case (.inProgress, .openScoring), (.midYearReviewed, .openScoring):
            return .scoring
        case (.scoring, .holdConference):
            let missing = facts.members.subtracting(facts.finalSheets)
            guard missing.isEmpty else {
                throw YearError.incompleteScoring(missing: missing.sorted { $0.uuidString < $1.uuidString })
            }
            return .conference
        case (.conference, .submitProposals):
            return .proposalsSubmitted
        case (.proposalsSubmitted, .close):
            return .closed
        case (_, .reopen):
            guard let reason, !VietnameseText.normalized(reason).isEmpty else { throw YearError.reasonRequired }
            guard state != .planning else { throw YearError.invalidTransition(from: state, transition: transition) }
            // Back one step; from scoring, back to in progress whether or not a mid-year
            // review happened (it is optional).
            let index = YearState.allCases.firstIndex(of: state)!
            let previous = YearState.allCases[index - 1]
            return previous == .midYearReviewed && state == .scoring ? .inProgress : previous
        default:
            throw YearError.invalidTransition(from: state, transition: transition)
        }
    }

    /// The transitions open from a state, for showing only the buttons that can work.
    public static func available(from state: YearState) -> [YearTransition] {
        YearTransition.allCases.filter { transition in
            let facts = YearFacts(members: [], head: UUID())
            return (try? apply(transition, to: state, facts: facts, reason: "x")) != nil
        }
    }
}
