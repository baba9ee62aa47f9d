/// Tờ trình đề nghị khen thưởng: the fixed wording around its list (DOMAIN.md §7: legal
/// basis, the bloc or unit, the year, the list with the proposed awards, the attached files).
/// It goes to the Chairman of the province's People's Committee, who decides, through the
/// Department of Home Affairs (Sở Nội vụ), whose board prepares the council.
public enum ProposalWording {
    /// Trích yếu: "Về việc đề nghị khen thưởng thành tích năm 2020".
    public static func summary(year: Int) -> String { "Về việc đề nghị khen thưởng thành tích năm \(year)" }

    /// "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội vụ)."
    public static func addressee(province: String) -> String {
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh \(DocumentFormat.placeName(province)) (qua Sở Nội vụ)."
    }

    /// What the proposal stands on besides the law: a bloc's ranking and its conference's
    /// vote; a unit's own council.
    public static func ownBasis(bloc: String?, author: String, year: Int) -> [String] {
        if let bloc {
            return ["Căn cứ kết quả chấm điểm, xếp hạng thi đua năm \(year) của \(bloc)",
                    "Căn cứ kết quả bình xét, suy tôn tại Hội nghị tổng kết công tác thi đua năm \(year) của \(bloc)"]
        }
        return ["Căn cứ kết quả bình xét thi đua, khen thưởng năm \(year) của \(author)"]
    }

    /// One line of the list as the request counts it.
    public struct Line: Sendable, Hashable {
        public var awardName: String
        public var collective: Bool

        public init(awardName: String, collective: Bool) {
            self.awardName = awardName
            self.collective = collective
        }
    }

    /// "Sở Tài chính kính đề nghị … xét, khen thưởng cho 01 tập thể và 02 cá nhân …".
    public static func request(author: String, province: String, year: Int, lines: [Line]) -> String {
        let collectives = lines.filter(\.collective).count
        let people = lines.count - collectives
        let whom = [collectives > 0 ? "\(padded(collectives)) tập thể" : nil, people > 0 ? "\(padded(people)) cá nhân" : nil]
            .compactMap { $0 }.joined(separator: " và ")
        return "\(author) kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh \(DocumentFormat.placeName(province)) xét, khen thưởng cho "
            + "\(whom.isEmpty ? "các tập thể, cá nhân" : whom) có thành tích xuất sắc trong năm \(year) (danh sách kèm theo), cụ thể:"
    }

    /// Per proposed form, in the order the list first names it: "Lao động tiên tiến: 02 cá nhân".
    public static func tally(_ lines: [Line]) -> [String] {
        var order: [String] = []
        var counts: [String: (collectives: Int, people: Int)] = [:]
        for line in lines {
            if counts[line.awardName] == nil { order.append(line.awardName) }
            var count = counts[line.awardName] ?? (0, 0)
            if line.collective { count.collectives += 1 } else { count.people += 1 }
            counts[line.awardName] = count
        }
        return order.map { name in
            let count = counts[name]!
            let parts = [count.collectives > 0 ? "\(padded(count.collectives)) tập thể" : nil,
                         count.people > 0 ? "\(padded(count.people)) cá nhân" : nil].compactMap { $0 }
            return "\(name): \(parts.joined(separator: ", "))"
        }
    }

    /// Hồ sơ kèm theo.
    public static func attachments(bloc: Bool, year: Int) -> [String] {
        (bloc ? ["Bảng tổng hợp điểm và xếp hạng thi đua năm \(year) của khối",
                 "Biên bản họp bình xét, suy tôn và biên bản kiểm phiếu của khối"]
              : ["Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị"])
            + ["Báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng"]
    }

    public static func closing(province: String) -> String {
        "Kính trình Chủ tịch Ủy ban nhân dân tỉnh \(DocumentFormat.placeName(province)) xem xét, quyết định./."
    }

    /// "01", "12": counts in a document's words take a zero below ten, as its numbers do.
    static func padded(_ count: Int) -> String { count < 10 ? "0\(count)" : "\(count)" }
}
