import Foundation

/// Nhập dữ liệu: rows read from an office file (XLSX or CSV, already in Unicode), checked row
/// by row before anything is written. The preview lists every row with its problems; only a
/// file with no refused row is written, all at once.
public struct ImportPreview<Item: Sendable>: Sendable {
    public struct Row: Sendable {
        /// The row's line in the file (1 = the first line), as the office sees it.
        public var line: Int
        public var cells: [String]
        public var item: Item?
        public var problems: [String]
        /// What was corrected without asking: spaces, decomposed accents, legacy encoding.
        public var notes: [String]
    }
    /// The columns recognised, in file order (nil where a column is not used).
    public var columns: [String]
    public var rows: [Row]
    /// Problems of the file as a whole (a required column missing, too many rows).
    public var fileProblems: [String]
    /// Empty rows skipped.
    public var skipped: Int

    public var accepted: [Item] { rows.compactMap(\.item) }
    public var refused: [Row] { rows.filter { !$0.problems.isEmpty } }
    public var canCommit: Bool { fileProblems.isEmpty && refused.isEmpty && !rows.isEmpty }
}

public enum ImportRules {
    /// Rows a file may hold: a province's people fit many times over.
    public static let maximumRows = 100_000

    /// A column of the file, found by its header (Vietnamese, any case, with or without accents).
    public struct Column: Sendable {
        public var key: String
        public var label: String
        public var required: Bool
        /// Header search keys that name it ("ten don vi", "don vi").
        public var names: [String]

        public init(key: String, label: String, required: Bool, names: [String]) {
            self.key = key
            self.label = label
            self.required = required
            self.names = names
        }
    }

    /// Rows looked at for the header: a printed table has its title lines above it.
    static let headerSearchRows = 20

    /// Finds the header (the first row naming every required column among the first rows,
    /// else the first row that is not empty) and each column's position.
    static func header(_ rows: [[String]], columns: [Column]) -> (line: Int, positions: [String: Int], problems: [String], labels: [String])? {
        func read(_ index: Int) -> (positions: [String: Int], labels: [String]) {
            var positions: [String: Int] = [:]
            var labels: [String] = []
            for (position, cell) in rows[index].enumerated() {
                let key = VietnameseText.searchKey(cell)
                if let column = columns.first(where: { $0.names.contains(key) }), positions[column.key] == nil {
                    positions[column.key] = position
                    labels.append(column.label)
                } else {
                    labels.append("")
                }
            }
            return (positions, labels)
        }
        let filled = rows.indices.lazy.filter { rows[$0].contains { !VietnameseText.normalized($0).isEmpty } }
        guard let first = filled.first else { return nil }
        let index = filled.prefix(headerSearchRows).first { index in
            let positions = read(index).positions
            return columns.allSatisfy { !$0.required || positions[$0.key] != nil }
        } ?? first
        let (positions, labels) = read(index)
        let missing = columns.filter { $0.required && positions[$0.key] == nil }.map(\.label)
        let problems = missing.isEmpty ? [] : ["Tệp thiếu cột: \(missing.joined(separator: ", ")). Dòng tiêu đề phải có các cột "
            + columns.map { "«\($0.label)»\($0.required ? "" : " (không bắt buộc)")" }.joined(separator: ", ") + "."]
        return (index, positions, problems, labels)
    }

    /// Rows under the header, each as a dictionary of column key → raw text, with its line.
    public static func records(_ raw: [[String]], encoding: LegacyEncoding, columns: [Column])
        -> (records: [(line: Int, cells: [String], values: [String: String], notes: [String])],
            labels: [String], problems: [String], skipped: Int) {
        // Converted once, for the whole file (a short cell alone can read either way).
        let rows = raw.map { $0.map { encoding == .unicode ? $0 : LegacyText.convert($0, from: encoding) } }
        guard let header = header(rows, columns: columns) else {
            return ([], [], ["Tệp không có dòng nào."], 0)
        }
        var records: [(Int, [String], [String: String], [String])] = []
        var skipped = 0
        var problems = header.problems
        for index in (header.line + 1)..<max(rows.count, header.line + 1) {
            let cells = rows[index]
            guard cells.contains(where: { !VietnameseText.normalized($0).isEmpty }) else {
                skipped += 1
                continue
            }
            guard records.count < maximumRows else {
                problems.append("Tệp có hơn \(maximumRows) dòng dữ liệu; hãy chia thành nhiều tệp.")
                break
            }
            var values: [String: String] = [:]
            for (key, position) in header.positions where position < cells.count { values[key] = cells[position] }
            var notes = Set(cells.flatMap(Self.notes(for:)))
            if encoding != .unicode && raw[index] != cells { notes.insert("chuyển từ bảng mã \(encoding.label) sang Unicode") }
            records.append((index + 1, cells.map(VietnameseText.normalized), values, notes.sorted()))
        }
        if records.isEmpty && problems.isEmpty { problems.append("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.") }
        return (records, header.labels, problems, skipped)
    }

    /// A CSV typed by hand whose header names a column with a comma in it, unquoted
    /// («Tập thể, cá nhân,Đơn vị,…»): the header has one cell more than every row under it,
    /// and every row would be read a column off. Said once for the file; nil when the rows agree.
    public static func columnMismatch(_ rows: [[String]]) -> String? {
        let filled = rows.filter { $0.contains { !VietnameseText.normalized($0).isEmpty } }
        guard let header = filled.first, filled.count > 1 else { return nil }
        let widths = Set(filled.dropFirst().map(\.count))
        guard widths.count == 1, let width = widths.first, width < header.count else { return nil }
        return "Dòng tiêu đề có \(header.count) cột nhưng các dòng dữ liệu chỉ có \(width) cột: có thể một tên cột có dấu phẩy mà "
            + "không đặt trong ngoặc kép (ghi \"Tập thể, cá nhân\" trong ngoặc kép, hoặc lưu lại tệp từ Excel)."
    }

    /// What the importer corrected silently in a cell, for the preview's notes.
    public static func notes(for raw: String) -> [String] {
        var notes: [String] = []
        if !VietnameseText.isNFC(raw) { notes.append("chữ có dấu dạng tổ hợp (NFD) đã chuẩn hóa") }
        if raw != raw.trimmingCharacters(in: .whitespaces) || raw.contains("  ") { notes.append("khoảng trắng thừa đã bỏ") }
        return notes
    }

    /// A date as offices type it: "2020-02-14", "14/02/2020", "14-2-2020", "14.02.2020", or an
    /// Excel serial number (days since 30/12/1899, as Excel stores dates).
    public static func date(_ raw: String) -> LocalDate? {
        let text = VietnameseText.normalized(raw)
        if let iso = LocalDate(text) { return iso }
        if let serial = Double(text), serial >= 1, serial < 2_958_466, serial == serial.rounded(.down) {
            return excelSerial(Int(serial))
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              (1000...9999).contains(year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// Excel's 1900 date system (serial 60 is the non-existent 29/2/1900; later serials count it).
    static func excelSerial(_ serial: Int) -> LocalDate? {
        var days = serial > 60 ? serial - 1 : serial
        var year = 1900
        while days > daysIn(year) {
            days -= daysIn(year)
            year += 1
        }
        for month in 1...12 {
            let length = LocalDate.daysIn(month: month, year: year)
            if days <= length { return LocalDate(year: year, month: month, day: days) }
            days -= length
        }
        return nil
    }

    static func daysIn(_ year: Int) -> Int { (1...12).reduce(0) { $0 + LocalDate.daysIn(month: $1, year: year) } }
}

/// Đơn vị from a file: one unit a row, checked by the same rules as the form.
public enum UnitImport {
    public static let columns: [ImportRules.Column] = [
        .init(key: "name", label: "Tên đơn vị", required: true, names: ["ten don vi", "don vi", "ten co quan", "co quan"]),
        .init(key: "shortName", label: "Tên viết tắt", required: true, names: ["ten viet tat", "viet tat", "ky hieu"]),
        .init(key: "kind", label: "Loại đơn vị", required: true, names: ["loai don vi", "loai", "loai hinh"]),
        .init(key: "parentBody", label: "Cơ quan cấp trên", required: false, names: ["co quan cap tren", "cap tren", "co quan chu quan"]),
        .init(key: "validFrom", label: "Ngày bắt đầu hoạt động", required: true,
              names: ["ngay bat dau hoat dong", "ngay bat dau", "hoat dong tu", "tu ngay", "ngay thanh lap"]),
        .init(key: "validTo", label: "Ngày kết thúc hoạt động", required: false, names: ["ngay ket thuc hoat dong", "ngay ket thuc", "den ngay"]),
    ]

    /// The kind as the file names it: its label ("Cơ quan Đảng") or its code ("party_agency").
    public static func kind(_ raw: String?) -> UnitKind? {
        let key = VietnameseText.searchKey(raw ?? "")
        return UnitKind.allCases.first { VietnameseText.searchKey($0.label) == key || $0.rawValue == raw?.trimmingCharacters(in: .whitespaces) }
    }

    public static func preview(_ rows: [[String]], encoding: LegacyEncoding = .unicode, provinceID: UUID,
                               shortNamesInProvince: Set<String>) -> ImportPreview<OrgUnit> {
        let read = ImportRules.records(rows, encoding: encoding, columns: columns)
        var seen: [String: Int] = [:]
        var previewRows: [ImportPreview<OrgUnit>.Row] = []
        for record in read.records {
            let values = record.values
            var problems: [String] = []
            let from = ImportRules.date(values["validFrom"] ?? "")
            let to = (values["validTo"].map(VietnameseText.normalized) ?? "").isEmpty ? nil : ImportRules.date(values["validTo"]!)
            if from == nil {
                problems.append("Ngày bắt đầu hoạt động «\(values["validFrom"] ?? "")» không đọc được (ghi dd/mm/yyyy).")
            }
            if !(values["validTo"].map(VietnameseText.normalized) ?? "").isEmpty, to == nil {
                problems.append("Ngày kết thúc hoạt động «\(values["validTo"] ?? "")» không đọc được (ghi dd/mm/yyyy).")
            }
            let kind = kind(values["kind"])
            if kind == nil {
                problems.append("Loại đơn vị «\(values["kind"] ?? "")» không có; ghi một trong: "
                                + UnitKind.allCases.map(\.label).joined(separator: ", ") + ".")
            }
            var unit: OrgUnit?
            do {
                unit = try OrgUnit.validated(provinceID: provinceID, name: values["name"], shortName: values["shortName"],
                                             kind: kind?.rawValue ?? values["kind"], parentBody: values["parentBody"],
                                             validFrom: from?.iso ?? "", validTo: to?.iso,
                                             shortNamesInProvince: shortNamesInProvince)
            } catch let error as DomainError {
                for issue in error.issues where !(issue.field == "kind" && kind == nil)
                    && !(issue.field == "validFrom" && from == nil) { problems.append(issue.message) }
            } catch {
                problems.append("\(error)")
            }
            let key = VietnameseText.searchKey(values["shortName"] ?? "")
            if !key.isEmpty, let earlier = seen[key] {
                problems.append("Tên viết tắt «\(VietnameseText.normalized(values["shortName"] ?? ""))» trùng với dòng \(earlier) của tệp.")
            } else if !key.isEmpty {
                seen[key] = record.line
            }
            previewRows.append(.init(line: record.line, cells: record.cells, item: problems.isEmpty ? unit : nil,
                                     problems: problems, notes: record.notes))
        }
        return ImportPreview(columns: read.labels, rows: previewRows, fileProblems: read.problems, skipped: read.skipped)
    }
}

extension Assignment {
    /// A post as a form, the API or an imported row gives it.
    public static func validated(personID: UUID, unitID: UUID?, position: String?, validFrom: String?,
                                 validTo: String?) throws -> Assignment {
        var issues = IssueCollector()
        issues.check(unitID != nil, field: "unitID", "Hãy chọn đơn vị công tác.")
        let position = TextRules.requiredName(position, field: "position", label: "Chức vụ", into: &issues)
        let from = TextRules.requiredDate(validFrom, field: "validFrom", label: "Ngày bắt đầu", into: &issues)
        let to = TextRules.optionalDate(validTo, field: "validTo", label: "Ngày kết thúc", into: &issues)
        try issues.finish()
        return Assignment(personID: personID, unitID: unitID!, position: position, period: DatePeriod(from: from!, to: to))
    }
}

/// Cán bộ from a file: one person a row with their post (chức vụ) in a unit of the province,
/// found by its short name or its name.
public enum PersonImport {
    public static let columns: [ImportRules.Column] = [
        .init(key: "fullName", label: "Họ và tên", required: true, names: ["ho va ten", "ho ten", "ten can bo"]),
        .init(key: "gender", label: "Giới tính", required: true, names: ["gioi tinh", "nam nu"]),
        .init(key: "birthYear", label: "Năm sinh", required: false, names: ["nam sinh"]),
        .init(key: "category", label: "Đối tượng", required: true, names: ["doi tuong", "loai can bo"]),
        .init(key: "nationalID", label: "Số định danh cá nhân", required: false, names: ["so dinh danh ca nhan", "so dinh danh", "cccd", "so cccd"]),
        .init(key: "unit", label: "Đơn vị", required: true, names: ["don vi", "don vi cong tac", "co quan"]),
        .init(key: "position", label: "Chức vụ", required: true, names: ["chuc vu"]),
        .init(key: "validFrom", label: "Từ ngày", required: true, names: ["tu ngay", "ngay bat dau", "ngay nhan chuc vu"]),
    ]

    public struct Row: Sendable, Hashable {
        public var person: Person
        public var assignment: Assignment
    }

    /// Someone already in the registry with a post in one of the province's units.
    public struct Known: Sendable, Hashable {
        public var fullName: String
        public var birthYear: Int?
        public var nationalID: String?
        public var unitID: UUID
        public var unitName: String

        public init(fullName: String, birthYear: Int?, nationalID: String?, unitID: UUID, unitName: String) {
            self.fullName = fullName
            self.birthYear = birthYear
            self.nationalID = nationalID
            self.unitID = unitID
            self.unitName = unitName
        }

        /// Without a national ID, one person is one name and birth year in one unit.
        var key: String { "\(VietnameseText.searchKey(fullName))|\(birthYear.map(String.init) ?? "")|\(unitID.uuidString)" }
    }

    /// `units`: search key of each unit's short name and name → its id, for the province.
    /// `known`: the people already registered there, so a file imported twice (or listing
    /// someone already entered by hand) is refused row by row instead of making twins.
    /// `unitsByID`: the units themselves, so a post is checked by the rule the write applies
    /// (`Assignment.validate`: the unit active on the post's first day) before it is written.
    public static func preview(_ rows: [[String]], encoding: LegacyEncoding = .unicode, units: [String: UUID],
                               unitsByID: [UUID: OrgUnit] = [:], known: [Known] = [], currentYear: Int) -> ImportPreview<Row> {
        let read = ImportRules.records(rows, encoding: encoding, columns: columns)
        let knownIDs = Dictionary(known.compactMap { k in k.nationalID.map { ($0, k) } }, uniquingKeysWith: { first, _ in first })
        let knownKeys = Dictionary(known.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var seenIDs: [String: Int] = [:]
        var seenKeys: [String: Int] = [:]
        var previewRows: [ImportPreview<Row>.Row] = []
        for record in read.records {
            let values = record.values
            var problems: [String] = []
            let gender = Gender.allCases.first { VietnameseText.searchKey($0.label) == VietnameseText.searchKey(values["gender"] ?? "") }
            let category = StaffCategory.allCases.first {
                VietnameseText.searchKey($0.label) == VietnameseText.searchKey(values["category"] ?? "")
            }
            if gender == nil { problems.append("Giới tính «\(values["gender"] ?? "")» không đọc được; ghi «Nam» hoặc «Nữ».") }
            if category == nil {
                problems.append("Đối tượng «\(values["category"] ?? "")» không có; ghi một trong: "
                                + StaffCategory.allCases.map(\.label).joined(separator: ", ") + ".")
            }
            let unitName = VietnameseText.normalized(values["unit"] ?? "")
            let unit = units[VietnameseText.searchKey(unitName)]
            if unit == nil { problems.append("Không có đơn vị «\(unitName)» trong tỉnh (ghi tên hoặc tên viết tắt như trong danh mục).") }
            let from = ImportRules.date(values["validFrom"] ?? "")
            if from == nil { problems.append("Từ ngày «\(values["validFrom"] ?? "")» không đọc được (ghi dd/mm/yyyy).") }
            var person: Person?
            do {
                person = try Person.validated(fullName: values["fullName"], gender: gender?.rawValue ?? "", birthYear: values["birthYear"],
                                              category: category?.rawValue ?? "", nationalID: values["nationalID"],
                                              currentYear: currentYear)
            } catch let error as DomainError {
                problems += error.issues.filter { !["gender", "category"].contains($0.field ?? "") }.map(\.message)
            } catch {
                problems.append("\(error)")
            }
            var assignment: Assignment?
            do {
                // The unit and the date have their own messages above.
                assignment = try Assignment.validated(personID: person?.id ?? UUID(), unitID: unit ?? UUID(), position: values["position"],
                                                      validFrom: from?.iso ?? "2000-01-01", validTo: nil)
                if let assignment, let unit, from != nil, let orgUnit = unitsByID[unit] {
                    try Assignment.validate(assignment, unit: orgUnit, others: [])
                }
            } catch let error as DomainError {
                problems += error.issues.map(\.message)
            } catch {
                problems.append("\(error)")
            }
            if let id = person?.nationalID {
                if let earlier = seenIDs[id] { problems.append("Số định danh \(id) trùng với dòng \(earlier) của tệp.") }
                else { seenIDs[id] = record.line }
                if let already = knownIDs[id] {
                    problems.append("Số định danh \(id) đã có trong danh mục: «\(already.fullName)», \(already.unitName). Không nhập lại.")
                }
            } else if let person, let unit {
                let key = Known(fullName: person.fullName, birthYear: person.birthYear, nationalID: nil, unitID: unit, unitName: "").key
                let born = person.birthYear.map { ", sinh năm \($0)" } ?? ""
                if let already = knownKeys[key] {
                    problems.append("«\(already.fullName)»\(born) đã có trong danh mục của \(already.unitName). Nếu là người khác cùng tên, "
                                    + "ghi số định danh cá nhân để phân biệt.")
                } else if let earlier = seenKeys[key] {
                    problems.append("«\(person.fullName)»\(born) trùng với dòng \(earlier) của tệp (cùng đơn vị). Nếu là hai người, ghi số định danh cá nhân.")
                } else {
                    seenKeys[key] = record.line
                }
            }
            let item = person.flatMap { person in assignment.map { Row(person: person, assignment: $0) } }
            previewRows.append(.init(line: record.line, cells: record.cells, item: problems.isEmpty ? item : nil,
                                     problems: problems, notes: record.notes))
        }
        return ImportPreview(columns: read.labels, rows: previewRows, fileProblems: read.problems, skipped: read.skipped)
    }
}

/// Comma-separated values as offices save them: "," or ";" (Excel in Vietnamese locales writes
/// ";"), fields in double quotes with "" for a quote, CR LF or LF line ends.
public enum CSV {
    public static func rows(_ text: String) -> [[String]] {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case delimiter: row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                rows.append(row); row = []
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// One line of CSV, quoting what needs it.
    public static func line(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == ";" || $0.isNewline })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }
}
