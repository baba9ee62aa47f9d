import Foundation

/// Khen thưởng đã có: the awards a province decided before ThiDua, from the lists offices keep
/// (one award a row: who, which title or form, for which year, by which decision). Each becomes
/// an award record, so that histories, statistics and the consecutive-year chains of
/// eligibility count it.
public enum AwardHistoryImport {
    public static let columns: [ImportRules.Column] = [
        .init(key: "recipient", label: "Tập thể, cá nhân được khen", required: true,
              names: ["tap the ca nhan duoc khen", "tap the ca nhan", "ten tap the ca nhan", "nguoi duoc khen", "ho va ten", "ho ten",
                      "ten tap the"]),
        .init(key: "unit", label: "Đơn vị", required: true, names: ["don vi", "don vi cong tac", "co quan", "ten don vi"]),
        .init(key: "nationalID", label: "Số định danh cá nhân", required: false,
              names: ["so dinh danh ca nhan", "so dinh danh", "cccd", "so cccd"]),
        .init(key: "award", label: "Danh hiệu, hình thức", required: true,
              names: ["danh hieu hinh thuc", "danh hieu", "hinh thuc", "hinh thuc khen thuong", "danh hieu thi dua"]),
        .init(key: "year", label: "Năm thành tích", required: true, names: ["nam thanh tich", "nam", "nam khen thuong", "nam thi dua"]),
        .init(key: "decisionNumber", label: "Số quyết định", required: true, names: ["so quyet dinh", "quyet dinh so", "so qd"]),
        .init(key: "decisionDate", label: "Ngày quyết định", required: true, names: ["ngay quyet dinh", "ngay qd", "ngay ky"]),
        .init(key: "basisYears", label: "Năm làm căn cứ", required: false, names: ["nam lam can cu", "cac nam lam can cu", "can cu nam"]),
    ]

    /// One award as it will be recorded.
    public struct Row: Sendable, Hashable {
        public var subject: AwardSubject
        public var subjectID: UUID
        /// The collective itself, or the person's unit.
        public var unitID: UUID
        public var gender: Gender?
        public var code: AwardCode
        public var year: Int
        public var decisionNumber: String
        public var decisionDate: LocalDate
        public var basisYears: [Int]
    }

    /// `recipients`: the province's units and people as the file names them; `existence`: each
    /// unit's name and the days it was active (a collective's award dated outside them is
    /// refused); `recorded`: the awards already on record, as `key(subjectID:code:year:)`, so
    /// that a file imported twice writes nothing twice.
    public static func preview(_ rows: [[String]], encoding: LegacyEncoding = .unicode, recipients: ImportRecipients,
                               existence: [UUID: (name: String, period: DatePeriod)] = [:],
                               catalogue: AwardCatalogue, recorded: Set<String>, today: LocalDate) -> ImportPreview<Row> {
        let read = ImportRules.records(rows, encoding: encoding, columns: columns)
        let units = recipients.units
        var seen: [String: Int] = [:]
        var previewRows: [ImportPreview<Row>.Row] = []
        for record in read.records {
            let values = record.values
            var problems: [String] = []
            let text = { (key: String) in VietnameseText.normalized(values[key] ?? "") }

            let award = Self.award(text("award"), in: catalogue,
                                   namesAUnit: units[VietnameseText.searchKey(text("recipient"))] != nil)
            if award == nil {
                problems.append("Danh hiệu, hình thức «\(TextRules.excerpt(text("award")))» không có trong danh mục; ghi tên như «Lao động tiên tiến», «Bằng khen của Chủ tịch UBND tỉnh».")
            }
            let year = Int(text("year"))
            let yearRange = 1945...today.year
            if year.map(yearRange.contains) != true {
                problems.append("Năm thành tích «\(TextRules.excerpt(text("year")))» phải là một năm từ \(yearRange.lowerBound) đến \(yearRange.upperBound).")
            }
            let date = ImportRules.date(text("decisionDate"))
            if date == nil {
                problems.append("Ngày quyết định «\(TextRules.excerpt(text("decisionDate")))» không đọc được (ghi dd/mm/yyyy).")
            } else if let date, date > today {
                problems.append("Ngày quyết định \(date.vietnamese) ở sau hôm nay: chỉ nhập quyết định đã ký.")
            } else if let date, let year, yearRange.contains(year), date.year < year {
                problems.append("Quyết định ngày \(date.vietnamese) có trước năm thành tích \(year).")
            }
            var issues = IssueCollector()
            let number = TextRules.requiredName(values["decisionNumber"], field: "decisionNumber", label: "Số quyết định", into: &issues)
            problems += issues.issues.map(\.message)
            let basis = Self.years(text("basisYears"))
            if basis == nil || basis!.contains(where: { !yearRange.contains($0) }) {
                problems.append("Năm làm căn cứ «\(TextRules.excerpt(text("basisYears")))» phải là các năm cách nhau bằng dấu phẩy, như «2022, 2023».")
            }

            let unitName = text("unit")
            let unit = units[VietnameseText.searchKey(unitName)]
            if unit == nil { problems.append("Không có đơn vị «\(TextRules.excerpt(unitName))» trong tỉnh (ghi tên hoặc tên viết tắt như trong danh mục).") }
            var subjectID: UUID?
            var gender: Gender?
            if let award, let unit {
                switch award.subject {
                case .collective:
                    // A collective is named by its unit: the recipient column repeats it (or names it shorter).
                    let recipient = units[VietnameseText.searchKey(text("recipient"))]
                    if recipient != nil && recipient != unit {
                        problems.append("«\(TextRules.excerpt(text("recipient")))» là một đơn vị khác với cột Đơn vị «\(TextRules.excerpt(unitName))».")
                    } else if let date, let known = existence[unit],
                              let refusal = AwardDecision.inactive(known.name, existence: known.period, on: date) {
                        problems.append(refusal)
                    } else {
                        subjectID = unit
                    }
                case .individual:
                    let found = recipients.person(text("recipient"), nationalID: text("nationalID"), unit: unit, unitName: unitName)
                    if let problem = found.problem { problems.append(problem) }
                    (subjectID, gender) = (found.person?.id, found.person?.gender)
                }
            }
            if let subjectID, let award, let year {
                let key = Self.key(subjectID: subjectID, code: award.code, year: year)
                if recorded.contains(key) {
                    problems.append("\(award.name) năm \(year) của «\(TextRules.excerpt(text("recipient")))» đã có trong hồ sơ khen thưởng.")
                } else if let earlier = seen[key] {
                    problems.append("Trùng với dòng \(earlier) của tệp.")
                } else {
                    seen[key] = record.line
                }
            }
            var item: Row?
            if problems.isEmpty, let award, let subjectID, let unit, let year, let date {
                item = Row(subject: award.subject, subjectID: subjectID, unitID: unit, gender: gender, code: award.code, year: year,
                           decisionNumber: number, decisionDate: date, basisYears: basis ?? [])
            }
            previewRows.append(.init(line: record.line, cells: record.cells, item: item, problems: problems, notes: record.notes))
        }
        return ImportPreview(columns: read.labels, rows: previewRows, fileProblems: read.problems, skipped: read.skipped)
    }

    /// One award of one recipient for one year, whoever recorded it.
    public static func key(subjectID: UUID, code: AwardCode, year: Int) -> String { "\(subjectID.uuidString)|\(code.rawValue)|\(year)" }

    /// A title or form by its name (with or without accents, any case) or its code. Offices
    /// write «Bằng khen của Chủ tịch UBND tỉnh» for the collective's and the person's alike:
    /// the one whose subject the recipient is (a unit's name, or else a person) is meant.
    static func award(_ text: String, in catalogue: AwardCatalogue, namesAUnit: Bool) -> AwardType? {
        let key = VietnameseText.searchKey(text)
        guard !key.isEmpty else { return nil }
        if let exact = catalogue.types.first(where: { VietnameseText.searchKey($0.name) == key || $0.code.rawValue == text }) {
            return exact
        }
        let either = catalogue.types.filter { VietnameseText.searchKey($0.plainName) == key }
        return either.first { $0.subject == (namesAUnit ? .collective : .individual) } ?? (either.count == 1 ? either[0] : nil)
    }

    /// "2022, 2023" or "2022-2023" or nothing; nil when unreadable.
    static func years(_ text: String) -> [Int]? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "-" || $0 == "–" })
        var years: [Int] = []
        for part in parts {
            guard part.count == 4, let year = Int(part) else { return nil }
            years.append(year)
        }
        return Array(Set(years)).sorted()
    }
}
