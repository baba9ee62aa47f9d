import Foundation

/// Số nữ trong đơn vị: a collective's staff on a day, as the people registry counts them
/// (the people holding a post in the unit that day).
public struct StaffGenderCount: Hashable, Sendable, Codable {
    public var women: Int
    public var total: Int
    public var day: LocalDate

    public init(women: Int, total: Int, day: LocalDate) {
        self.women = women
        self.total = total
        self.day = day
    }
}

/// Ưu tiên khi thành tích bằng nhau: whether one recipient is preferred, and why in words.
public struct TiePriority: Hashable, Sendable, Codable {
    public var prioritised: Bool
    public var reason: String

    public init(prioritised: Bool, reason: String) {
        self.prioritised = prioritised
        self.reason = reason
    }
}

/// The principle that, achievements being equal, women and collectives whose staff are at
/// least a share women come first (DOMAIN.md §5, [S31]: Decree 98/2023 Art 4; its place in
/// Decree 152/2025 is not confirmed — VERIFY). The share is a province's dated parameter
/// (`AwardParameters.womenPriorityPercent`), never a constant here.
public enum WomenPriority {
    /// The threshold in force and the day the staff are counted on (the year's end).
    public struct Rule: Hashable, Sendable, Codable {
        public var percent: Int
        public var day: LocalDate?

        public init(percent: Int = AwardParameters().womenPriorityPercent, day: LocalDate? = nil) {
            self.percent = percent
            self.day = day
        }
    }

    /// Where the principle is written, for the text in force on `date`.
    public static func citation(on date: LocalDate) -> String {
        let decree = LegalBasis.decree(on: date)
        return decree == .decree98 ? "Điều 4 \(decree.citation)" : "\(decree.citation) (điều khoản cần xác minh; trước đây Điều 4 Nghị định 98/2023/NĐ-CP)"
    }

    /// A collective: prioritised when its women reach the share of its staff; no staff
    /// recorded is no priority, and says so.
    public static func collective(_ staff: StaffGenderCount?, rule: Rule) -> TiePriority {
        let percent = min(max(rule.percent, 0), 100)
        let asOf = (staff?.day ?? rule.day).map { ", tính đến \($0.vietnamese)" } ?? ""
        guard let staff, staff.total > 0 else {
            return TiePriority(prioritised: false,
                               reason: "Không ưu tiên: chưa có số liệu nhân sự của đơn vị\(asOf) nên chưa xét được tỷ lệ nữ.")
        }
        let total = min(staff.total, 10_000_000)
        let women = min(max(staff.women, 0), total)
        let counts = "\(women) nữ / \(total) người\(asOf)"
        if Quota.reaches(women, of: total, percent: percent) {
            return TiePriority(prioritised: true, reason: "Ưu tiên tập thể có từ \(percent) % nữ trở lên (\(counts)).")
        }
        return TiePriority(prioritised: false,
                           reason: "Không ưu tiên: tỷ lệ nữ \(share(women, of: total)) % (\(counts)), dưới \(percent) %.")
    }

    /// An individual: women first.
    public static func individual(_ gender: Gender) -> TiePriority {
        switch gender {
        case .female: TiePriority(prioritised: true, reason: "Ưu tiên cá nhân nữ.")
        case .male: TiePriority(prioritised: false, reason: "Không ưu tiên: cá nhân nam.")
        }
    }

    /// The share in tenths of a percent, rounded down so a share under the threshold never
    /// reads as reaching it ("69,9", "70").
    static func share(_ part: Int, of whole: Int) -> String {
        let tenths = part * 1000 / whole
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10),\(tenths % 10)"
    }
}
