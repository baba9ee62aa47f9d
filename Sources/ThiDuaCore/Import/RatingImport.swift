import Foundation

/// Xếp loại đã có: the annual ratings of a province's units and people from the lists offices
/// keep («Danh sách xếp loại chất lượng năm …»), one rating a row. A rating is checked by the
/// same rule as one typed on the person's or unit's page (`AwardInputs.rating`: a year the
/// person worked, or the unit existed), so that eligibility's chains of years count it.
public enum RatingImport {
    public static let columns: [ImportRules.Column] = [
        .init(key: "recipient", label: "Tập thể, cá nhân", required: true,
              names: ["tap the ca nhan", "ten tap the ca nhan", "ho va ten", "ho ten", "ten don vi", "ten tap the", "tap the"]),
        .init(key: "unit", label: "Đơn vị", required: false, names: ["don vi", "don vi cong tac", "co quan"]),
        .init(key: "nationalID", label: "Số định danh cá nhân", required: false,
              names: ["so dinh danh ca nhan", "so dinh danh", "cccd", "so cccd"]),
        .init(key: "year", label: "Năm", required: true, names: ["nam", "nam danh gia", "nam xep loai"]),
        .init(key: "rating", label: "Xếp loại", required: true,
              names: ["xep loai", "muc xep loai", "xep loai chat luong", "ket qua xep loai", "danh gia xep loai"]),
    ]

    /// One rating as it will be recorded.
    public struct Row: Sendable, Hashable {
        public var subject: AwardSubject
        public var subjectID: UUID
        public var rating: AnnualRating
        /// The rating on record for that year that this one replaces (nil: none, or the same).
        public var replaces: TaskRating?
        /// On record already as the file has it: nothing to write.
        public var unchanged = false
    }

    /// The rating as offices write it: «HTXSNV», «Hoàn thành xuất sắc nhiệm vụ», «hoan thanh tot
    /// nhiem vu», with or without accents, any case.
    public static func rating(_ text: String) -> TaskRating? {
        let key = VietnameseText.searchKey(text)
        guard !key.isEmpty else { return nil }
        let letters = key.replacingOccurrences(of: " ", with: "")
        return TaskRating.allCases.first { $0.rawValue == letters || VietnameseText.searchKey($0.label) == key }
    }

    /// `recorded`: the ratings on record, by `key(subjectID:year:)`, so that a file imported
    /// twice changes nothing and a corrected file says which ratings it replaces.
    /// `existence`: each unit's name and the days it existed.
    public static func preview(_ rows: [[String]], encoding: LegacyEncoding = .unicode, recipients: ImportRecipients,
                               existence: [UUID: (name: String, period: DatePeriod)], recorded: [String: TaskRating],
                               today: LocalDate) -> ImportPreview<Row> {
        let read = ImportRules.records(rows, encoding: encoding, columns: columns)
        var seen: [String: Int] = [:]
        var previewRows: [ImportPreview<Row>.Row] = []
        for record in read.records {
            let text = { (key: String) in VietnameseText.normalized(record.values[key] ?? "") }
            var problems: [String] = []
            var notes = record.notes

            let rating = Self.rating(text("rating"))
            if rating == nil {
                problems.append("Xếp loại «\(TextRules.excerpt(text("rating")))» không đọc được; ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ như «Hoàn thành tốt nhiệm vụ».")
            }
            // The years a rating can be typed for on the page, and none still to come.
            let years = NumberRange.year.lowerBound...min(NumberRange.year.upperBound, today.year)
            let year = Self.year(text("year"))
            if year.map(years.contains) != true {
                if let serial = Int(text("year")), serial > 3000, let day = ImportRules.excelSerial(serial) {
                    problems.append("Ô năm «\(serial)» là một ô ngày của Excel (\(day.vietnamese)); hãy ghi năm, như \(day.year).")
                } else {
                    problems.append("Năm «\(TextRules.excerpt(text("year")))» phải là một năm từ \(years.lowerBound) đến \(years.upperBound).")
                }
            }

            // The recipient is a unit (a collective's rating) when it names one; else a person of the unit column.
            var subject: (kind: AwardSubject, id: UUID, employment: [DatePeriod])?
            let unitName = text("unit")
            if text("recipient").isEmpty {
                problems.append("Cột «Tập thể, cá nhân» trống: ghi tên đơn vị hoặc họ tên cán bộ.")
            } else if let collective = recipients.unit(named: text("recipient")) {
                let named = unitName.isEmpty ? collective : recipients.unit(named: unitName)
                if named == nil {
                    problems.append("Không có đơn vị «\(TextRules.excerpt(unitName))» trong tỉnh (cột Đơn vị; với tập thể có thể để trống).")
                } else if named != collective {
                    problems.append("«\(TextRules.excerpt(text("recipient")))» là một đơn vị khác với cột Đơn vị «\(TextRules.excerpt(unitName))».")
                } else {
                    subject = (.collective, collective, existence[collective].map { [$0.period] } ?? [])
                }
            } else if unitName.isEmpty {
                problems.append("Không có đơn vị «\(TextRules.excerpt(text("recipient")))» trong tỉnh; nếu là cá nhân, ghi đơn vị công tác ở cột Đơn vị.")
            } else if let unit = recipients.unit(named: unitName) {
                let found = recipients.person(text("recipient"), nationalID: text("nationalID"), unit: unit, unitName: unitName)
                if let problem = found.problem { problems.append(problem) }
                if let person = found.person { subject = (.individual, person.id, person.employment) }
            } else {
                problems.append("Không có đơn vị «\(TextRules.excerpt(unitName))» trong tỉnh (ghi tên hoặc tên viết tắt như trong danh mục).")
            }

            var item: Row?
            if let subject, let rating, let year, problems.isEmpty {
                // The page's own rule: a person rated for a year they worked, a unit for a year it existed.
                do {
                    let checked = try AwardInputs.rating(year: String(year), rating: rating.rawValue, employment: subject.employment,
                                                          subject: subject.kind)
                    let key = Self.key(subjectID: subject.id, year: year)
                    if let earlier = seen[key] {
                        problems.append("Trùng với dòng \(earlier) của tệp (mỗi năm một xếp loại).")
                    } else {
                        seen[key] = record.line
                        let before = recorded[key]
                        if let before, before == rating {
                            notes.append("Đã có xếp loại này năm \(year); không đổi.")
                        } else if let before {
                            notes.append("Thay xếp loại đã ghi năm \(year) (\(before.abbreviation)) bằng \(rating.abbreviation).")
                        }
                        item = Row(subject: subject.kind, subjectID: subject.id, rating: checked, replaces: before == rating ? nil : before,
                                   unchanged: before == rating)
                    }
                } catch let error as DomainError {
                    problems += error.issues.map(\.message)
                } catch {
                    problems.append("\(error)")
                }
            }
            previewRows.append(.init(line: record.line, cells: record.cells, item: problems.isEmpty ? item : nil,
                                     problems: problems, notes: notes))
        }
        return ImportPreview(columns: read.labels, rows: previewRows, fileProblems: read.problems, skipped: read.skipped)
    }

    /// A year as a cell holds it: «2024», or «2024.0» as a number cell may be written.
    static func year(_ text: String) -> Int? {
        if let year = Int(text) { return year }
        guard let number = Double(text), number == number.rounded(), abs(number) < 10_000 else { return nil }
        return Int(number)
    }

    /// One rating of one subject for one year.
    public static func key(subjectID: UUID, year: Int) -> String { "\(subjectID.uuidString)|\(year)" }
}
