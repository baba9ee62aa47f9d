/// Căn cứ: the legal texts a bloc document rests on, chosen by the document's date (a 2020
/// pact cites the 2003 law, a 2026 one the 2022 law and Decree 152/2025). Texts and dates per
/// DOMAIN.md §0; the pre-2024 pair is VERIFY (recollection of the consolidated law and
/// Decree 91/2017/NĐ-CP).
extension LegalBasis {
    /// The "Căn cứ" lines of a bloc document dated `date`, from the texts in force that day
    /// (the awards' catalogue holds the same texts with their dates).
    public static func emulationTexts(on date: LocalDate) -> [String] {
        if decree152.validity.contains(date) {
            return ["Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
                    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ về phân cấp, phân quyền "
                        + "và quy định chi tiết thi hành Luật Thi đua, khen thưởng"]
        }
        if law2022.validity.contains(date) {
            return ["Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
                    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
                        + "một số điều của Luật Thi đua, khen thưởng"]
        }
        return ["Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
                    + "Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
                    + "một số điều của Luật Thi đua, khen thưởng"]
    }
}

/// The fixed wording of a pact (giao ước): what every member commits to, beside its own
/// targets. A bloc's own commitments, when it records them, come first.
public enum PactWording {
    public static func opening(bloc: String, year: Int) -> String {
        "Nhằm thực hiện tốt các phong trào thi đua năm \(year), các đơn vị thành viên \(bloc) thống nhất ký kết "
            + "giao ước thi đua với các nội dung sau:"
    }

    public static let commitments = [
        "Quán triệt, triển khai thực hiện nghiêm túc các phong trào thi đua do Trung ương, Tỉnh ủy, Ủy ban nhân dân tỉnh phát động.",
        "Phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị và các chỉ tiêu đã đăng ký trong giao ước này.",
        "Tự chấm điểm trung thực, khách quan theo bảng tiêu chí chấm điểm, có tài liệu minh chứng cho từng tiêu chí.",
        "Báo cáo sơ kết 6 tháng, tổng kết năm đúng thời hạn gửi đơn vị trưởng khối (cụm) để tổng hợp.",
        "Tham gia đầy đủ các hoạt động chung, hội nghị của khối (cụm); phối hợp, giúp đỡ nhau cùng hoàn thành nhiệm vụ.",
    ]

    public static let closing = "Giao ước được lập thành bản, mỗi đơn vị thành viên giữ một bản, gửi Ban Thi đua - Khen thưởng "
        + "(Sở Nội vụ) tỉnh một bản để theo dõi."
}

/// The fixed wording of a bloc's plan (kế hoạch hoạt động), around its activities.
public enum PlanWording {
    public static func summary(bloc: String, year: Int) -> String { "Hoạt động của \(bloc) năm \(year)" }

    public static let purposes = [
        "Cụ thể hóa các phong trào thi đua do Tỉnh ủy, Ủy ban nhân dân tỉnh phát động; phát huy vai trò của các đơn vị thành viên.",
        "Các hoạt động có nội dung, thời gian, đơn vị chủ trì rõ ràng; việc chấm điểm, xếp hạng theo bảng tiêu chí của khối (cụm).",
    ]

    public static let organisation = [
        "Đơn vị trưởng khối (cụm) chủ trì, theo dõi, đôn đốc thực hiện kế hoạch; tổng hợp kết quả sơ kết 6 tháng, tổng kết năm.",
        "Các đơn vị thành viên xây dựng kế hoạch của đơn vị, đăng ký thi đua và ký giao ước; báo cáo kết quả đúng thời hạn.",
    ]
}

extension PactRules {
    /// A pact is issued (numbered and filed) once every member has signed it.
    public static func checkIssuable(members: [String: Bool], alreadyIssued: Bool) throws {
        var issues = IssueCollector()
        issues.check(!alreadyIssued, field: nil, "Giao ước đã được phát hành; bản đã phát hành được giữ nguyên, không cấp số lần nữa.")
        let unsigned = members.filter { !$0.value }.keys.sorted()
        issues.check(!members.isEmpty, field: nil, "Khối chưa có đơn vị thành viên nên chưa phát hành giao ước được.")
        issues.check(unsigned.isEmpty, field: nil,
                     "Còn \(unsigned.count) đơn vị chưa ký giao ước (\(unsigned.joined(separator: "; "))); phát hành khi tất cả đã ký.")
        try issues.finish()
    }
}
