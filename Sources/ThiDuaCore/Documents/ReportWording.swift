/// Báo cáo sơ kết 6 tháng / tổng kết năm of a bloc (DOMAIN.md §7): the results with the
/// year's statistics, the limitations, the next period's tasks.
public enum ReportKind: String, CaseIterable, Sendable, Hashable {
    /// Sơ kết 6 tháng đầu năm.
    case midYear = "so-ket"
    /// Tổng kết năm.
    case annual = "tong-ket"

    public var label: String {
        switch self {
        case .midYear: "Báo cáo sơ kết 6 tháng"
        case .annual: "Báo cáo tổng kết năm"
        }
    }

    /// Trích yếu: "Tổng kết công tác thi đua, khen thưởng năm 2026 của Khối …".
    public func summary(bloc: String, year: Int) -> String {
        switch self {
        case .midYear: "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm \(year) của \(bloc)"
        case .annual: "Tổng kết công tác thi đua, khen thưởng năm \(year) của \(bloc)"
        }
    }

    /// The period the report covers, as its sentences name it.
    public func period(_ year: Int) -> String { self == .midYear ? "6 tháng đầu năm \(year)" : "năm \(year)" }

    /// The step from which a report reports something: the mid-year report once the year's
    /// movements run, the year-end report at the conference (its ranking published).
    public var issuedFrom: YearState { self == .midYear ? .inProgress : .conference }

    /// Why the report cannot be issued (given a number) now, or nil. A draft can always be read.
    public func issueRefusal(state: YearState) -> String? {
        guard state < issuedFrom else { return nil }
        return "Chưa cấp số được «\(label)»: năm thi đua đang ở bước «\(state.label)»; "
            + "báo cáo được phát hành từ bước «\(issuedFrom.label)». Bản tải về bây giờ là dự thảo."
    }
}

/// Biên bản bàn giao cờ luân lưu: fixed once issued (the issued record must keep saying what
/// the conference did).
public enum FlagHandover {
    public static func recordRefusal(issuedNumber: String?) -> String? {
        issuedNumber.map { "Biên bản bàn giao cờ đã phát hành (\($0)); không sửa được việc trao cờ của hội nghị này." }
    }
}

/// Lượt khen thưởng by form: proposed (lines sent to the province) and decided (award records).
public struct AwardCounts: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var awardName: String
        public var proposedCollective = 0
        public var proposedIndividual = 0
        public var decidedCollective = 0
        public var decidedIndividual = 0
    }

    /// In the order a form is first met, proposed then decided.
    public var rows: [Row]

    public init(proposed: [ProposalWording.Line], decided: [ProposalWording.Line]) {
        var rows: [Row] = []
        func add(_ line: ProposalWording.Line, decided: Bool) {
            let index = rows.firstIndex { $0.awardName == line.awardName } ?? {
                rows.append(Row(awardName: line.awardName))
                return rows.count - 1
            }()
            switch (decided, line.collective) {
            case (false, true): rows[index].proposedCollective += 1
            case (false, false): rows[index].proposedIndividual += 1
            case (true, true): rows[index].decidedCollective += 1
            case (true, false): rows[index].decidedIndividual += 1
            }
        }
        for line in proposed { add(line, decided: false) }
        for line in decided { add(line, decided: true) }
        self.rows = rows
    }

    public var total: Row {
        rows.reduce(into: Row(awardName: "Tổng cộng")) { sum, row in
            sum.proposedCollective += row.proposedCollective
            sum.proposedIndividual += row.proposedIndividual
            sum.decidedCollective += row.decidedCollective
            sum.decidedIndividual += row.decidedIndividual
        }
    }

    /// "Đề nghị khen thưởng 3 lượt (1 lượt tập thể, 2 lượt cá nhân); được khen thưởng 1 lượt (…)."
    public var sentence: String {
        let sum = total
        func part(_ collective: Int, _ individual: Int) -> String {
            "\(collective + individual) lượt (\(collective) lượt tập thể, \(individual) lượt cá nhân)"
        }
        return "Đề nghị khen thưởng \(part(sum.proposedCollective, sum.proposedIndividual)); "
            + "được khen thưởng \(part(sum.decidedCollective, sum.decidedIndividual))."
    }
}

public enum ReportWording {
    public static func opening(kind: ReportKind, bloc: String, year: Int) -> String {
        "Thực hiện chế độ báo cáo công tác thi đua, khen thưởng, \(bloc) báo cáo kết quả \(kind.period(year)) như sau:"
    }

    /// "Khối thi đua … có 4 đơn vị thành viên; Trưởng khối: …; Phó trưởng khối: …."
    public static func organisation(bloc: String, members: Int, headTitle: String, head: String?, deputyTitle: String, deputy: String?) -> String {
        "\(bloc) có \(members) đơn vị thành viên; \(headTitle): \(head ?? "chưa có"); \(deputyTitle): \(deputy ?? "chưa có")."
    }

    /// What the year's records show was not done: members that have not signed the pact or
    /// registered; none of that, a sentence that says so.
    public static func limitations(unsigned: [String], unregistered: [String]) -> [String] {
        var lines: [String] = []
        if !unsigned.isEmpty { lines.append("Còn \(unsigned.count) đơn vị chưa ký giao ước thi đua: \(unsigned.joined(separator: "; ")).") }
        if !unregistered.isEmpty {
            lines.append("Còn \(unregistered.count) đơn vị chưa đăng ký thi đua: \(unregistered.joined(separator: "; ")).")
        }
        return lines.isEmpty ? ["Các đơn vị thành viên đã ký giao ước và đăng ký thi đua đầy đủ."] : lines
    }

    public static func tasks(kind: ReportKind, year: Int) -> [String] {
        switch kind {
        case .midYear:
            ["Tiếp tục thực hiện các chỉ tiêu đã giao ước; hoàn thành nhiệm vụ 6 tháng cuối năm \(year).",
             "Các đơn vị tự chấm điểm cả năm trung thực, đúng thời hạn, có đủ tài liệu minh chứng.",
             "Đơn vị trưởng khối chuẩn bị hội nghị tổng kết, bình xét, suy tôn năm \(year)."]
        case .annual:
            ["Tổ chức ký kết giao ước thi đua năm \(year + 1); xây dựng kế hoạch hoạt động và bảng tiêu chí của khối.",
             "Phát động các phong trào thi đua năm \(year + 1) gắn với nhiệm vụ chính trị của từng đơn vị.",
             "Hoàn thiện hồ sơ đề nghị khen thưởng theo kết quả bình xét năm \(year), gửi đúng thời hạn."]
        }
    }
}
