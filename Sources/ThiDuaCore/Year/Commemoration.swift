/// Ngày kỷ niệm: the fixed days of the year that movements are launched to celebrate
/// ("Thi đua chào mừng 90 năm Ngày thành lập Đảng"). A movement celebrating a day runs up to
/// it: it is launched before the day and ends on or after it.
public struct Commemoration: Hashable, Sendable {
    public var name: String
    public var month: Int
    public var day: Int
    /// Words that name the day in a movement's title, as `VietnameseText.searchKey` gives them.
    public var keys: [String]

    /// The days the demo and the glossary's movements celebrate (days fixed by law or custom).
    public static let known: [Commemoration] = [
        Commemoration(name: "Ngày thành lập Đảng Cộng sản Việt Nam", month: 2, day: 3, keys: ["thanh lap dang"]),
        Commemoration(name: "Ngày Thể thao Việt Nam", month: 3, day: 27, keys: ["ngay the thao viet nam"]),
        Commemoration(name: "Ngày Giải phóng miền Nam, thống nhất đất nước", month: 4, day: 30, keys: ["giai phong mien nam"]),
        Commemoration(name: "Ngày sinh Chủ tịch Hồ Chí Minh", month: 5, day: 19, keys: ["ngay sinh chu tich ho chi minh"]),
        Commemoration(name: "Cách mạng Tháng Tám", month: 8, day: 19, keys: ["cach mang thang tam"]),
        Commemoration(name: "Quốc khánh", month: 9, day: 2, keys: ["quoc khanh"]),
        Commemoration(name: "Ngày thành lập Quân đội nhân dân Việt Nam", month: 12, day: 22, keys: ["thanh lap quan doi nhan dan"]),
    ]

    /// The days a title celebrates ("chào mừng", "kỷ niệm"), in the year given, latest last.
    public static func days(celebratedBy title: String, in year: Int) -> [(Commemoration, LocalDate)] {
        let key = VietnameseText.searchKey(title)
        guard key.contains("chao mung") || key.contains("ky niem") else { return [] }
        return known.filter { day in day.keys.contains { key.contains($0) } }
            .compactMap { day in LocalDate(year: year, month: day.month, day: day.day).map { (day, $0) } }
            .sorted { $0.1 < $1.1 }
    }

    /// Why a movement's dates do not fit the days it celebrates (none when they fit): each day
    /// in the year it is launched must fall within its run.
    public static func mismatches(title: String, launchedOn: LocalDate, endsOn: LocalDate?) -> [String] {
        days(celebratedBy: title, in: launchedOn.year).compactMap { day, date in
            if launchedOn > date {
                return "Phát động ngày \(launchedOn.vietnamese), sau \(day.name) (\(date.vietnamese)) mà phong trào chào mừng."
            }
            if let endsOn, endsOn < date {
                return "Kết thúc ngày \(endsOn.vietnamese), trước \(day.name) (\(date.vietnamese)) mà phong trào chào mừng."
            }
            return nil
        }
    }
}
