import Foundation

/// Bảng tiêu chí chấm điểm from the file an office keeps: one criterion a row, numbered as the
/// printed table numbers it (groups I, II, III or 1, 2; items 1, 2 or 1.1, 1.2), with its
/// maximum points and who scores it. The rows become the same `CriterionRow`s the table
/// editor sends, so `TableDraft.build` is the one check of a table; this adds the row-by-row
/// problems a preview shows (a number that is not one, a group whose items disagree with its
/// stated total, a number used twice).
public enum TableImport {
    public static let columns: [ImportRules.Column] = [
        .init(key: "code", label: "STT", required: true, names: ["stt", "so tt", "tt", "so thu tu", "ma", "ma tieu chi", "muc"]),
        .init(key: "title", label: "Nội dung tiêu chí", required: true,
              names: ["noi dung tieu chi", "noi dung", "tieu chi", "ten tieu chi", "noi dung cham diem", "noi dung thi dua"]),
        .init(key: "maximum", label: "Điểm tối đa", required: true,
              names: ["diem toi da", "diem chuan", "thang diem", "diem", "muc diem", "diem toi da muc tran"]),
        .init(key: "scorer", label: "Đơn vị chấm", required: false, names: ["don vi cham", "nguoi cham", "cap cham", "cham boi", "ben cham"]),
        .init(key: "kind", label: "Loại", required: false, names: ["loai", "loai tieu chi", "loai diem"]),
        .init(key: "perEvent", label: "Điểm mỗi lần", required: false, names: ["diem moi lan", "moi lan", "diem cong tru moi lan"]),
        .init(key: "cap", label: "Mức trừ tối đa", required: false, names: ["muc tru toi da", "tru toi da", "diem tru toi da"]),
        .init(key: "evidence", label: "Minh chứng", required: false, names: ["minh chung", "can minh chung", "yeu cau minh chung"]),
        .init(key: "guidance", label: "Hướng dẫn chấm", required: false, names: ["huong dan cham", "huong dan", "cach cham", "ghi chu"]),
    ]

    /// What an accepted row adds to the table.
    public enum Line: Sendable, Hashable {
        case criterion(CriterionRow)
        /// «Tổng cộng»: the table's declared total.
        case total(Points)
        /// A «Điểm thưởng» section's own maximum: the most bonus a unit can get.
        case bonusCap(Points)
    }

    /// The table the accepted lines make, as the editor would send it.
    public static func draft(_ lines: [Line]) -> (rows: [CriterionRow], declaredTotal: String, bonusCap: String?) {
        var rows: [CriterionRow] = []
        var total: Points?
        var cap: Points?
        for line in lines {
            switch line {
            case .criterion(let row): rows.append(row)
            case .total(let points): total = points
            case .bonusCap(let points): cap = points
            }
        }
        let base = rows.filter { $0.kind == CriterionKind.base.rawValue }.compactMap { $0.maximum.flatMap(Points.init) }
            .reduce(Points.zero, +)
        return (rows, (total ?? base).description, cap?.description)
    }

    /// The kind as a file names it: the editor's labels, short forms, or the code.
    public static func kind(_ raw: String) -> CriterionKind? {
        switch VietnameseText.searchKey(raw) {
        case "nhom", "nhom tieu chi", "group", "muc": .group
        case "diem co ban", "co ban", "tieu chi", "base", "diem chuan": .base
        case "diem thuong", "thuong", "diem cong", "cong", "bonus": .bonus
        case "diem tru", "tru", "deduction": .deduction
        case "dieu kien loai tru", "loai tru", "disqualifier": .disqualifier
        default: nil
        }
    }

    /// Who scores, as offices write it; blank is the unit itself.
    public static func scorer(_ raw: String) -> Scorer? {
        let key = VietnameseText.searchKey(raw)
        if key.isEmpty || key == "self" || key.contains("tu cham") || key == "don vi" || key == "don vi cham" { return .selfScore }
        if key == "head" || ["truong khoi", "khoi truong", "truong cum", "cum truong"].contains(where: key.contains) { return .head }
        if key == "province" || ["tinh", "ban thi dua", "so noi vu", "hoi dong"].contains(where: key.contains) { return .province }
        return nil
    }

    static func evidence(_ raw: String) -> Bool? {
        switch VietnameseText.searchKey(raw) {
        case "", "khong", "0", "no", "khong can": false
        case "x", "co", "bat buoc", "can", "1", "yes", "co minh chung", "can minh chung": true
        default: nil
        }
    }

    /// A section of the table (I, II, A, B): letters only.
    static func isSection(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 5 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// "1", "1.2", "1.2.3": the parts, or nil.
    static func numbered(_ code: String) -> [Substring]? {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 6, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return parts
    }

    /// What a section is for, from its title: a «Điểm thưởng» section holds bonus items, and
    /// so on; nil for an ordinary group.
    static func sectionKind(_ title: String) -> CriterionKind? {
        let key = VietnameseText.searchKey(title)
        if ["diem thuong", "diem cong", "cong diem"].contains(where: key.contains) { return .bonus }
        if key.contains("loai tru") { return .disqualifier }
        if ["diem tru", "tru diem"].contains(where: key.contains) { return .deduction }
        return nil
    }

    /// «Tổng cộng», «Tổng điểm»: the row that states the table's total.
    static func isTotal(_ title: String) -> Bool {
        let key = VietnameseText.searchKey(title)
        return ["tong cong", "tong diem", "tong so diem", "cong"].contains { key == $0 || key.hasPrefix($0 + " ") }
    }

    /// «Mức trần điểm thưởng»: a row stating the most bonus a unit can get.
    static func isBonusCap(_ title: String) -> Bool {
        let key = VietnameseText.searchKey(title)
        return ["muc tran diem thuong", "diem thuong toi da", "tong diem thuong toi da"].contains { key.hasPrefix($0) }
    }

    /// A row of column numbers under the header: «(1) (2) (3)».
    static func isColumnNumbers(_ cells: [String]) -> Bool {
        let filled = cells.map(VietnameseText.normalized).filter { !$0.isEmpty }
        return filled.count >= 2 && filled.allSatisfy { $0.hasPrefix("(") && $0.hasSuffix(")") && $0.dropFirst().dropLast().allSatisfy(\.isNumber) }
    }

    private struct Read {
        var line: Int
        var cells: [String]
        var notes: [String]
        var problems: [String] = []
        var typed: String
        var code: String
        var title: String
        var values: [String: String]
        var section: String?
        var parentCode: String?
        var kind: CriterionKind?
        var total = false
        /// «Mức trần điểm thưởng» without a number of its own.
        var bonusCapRow = false
        /// A «Điểm thưởng» / «Điểm trừ» section: its row is not a criterion, its items are.
        var special: CriterionKind?
    }

    public static func preview(_ rows: [[String]], encoding: LegacyEncoding = .unicode) -> ImportPreview<Line> {
        let read = ImportRules.records(rows, encoding: encoding, columns: columns)
        var skipped = read.skipped
        var lines: [Read] = []
        var section: String?
        var sectionSpecial: CriterionKind?
        for record in read.records {
            if lines.isEmpty && isColumnNumbers(record.cells) { skipped += 1; continue }
            let value = { (key: String) in VietnameseText.normalized(record.values[key] ?? "") }
            // "I.", "1.2." and "1.2)" as printed tables write them.
            var code = value("code")
            while let last = code.last, last == "." || last == ")" { code.removeLast() }
            var row = Read(line: record.line, cells: record.cells, notes: record.notes, typed: value("code"), code: code,
                           title: value("title"), values: record.values.mapValues(VietnameseText.normalized))
            if code.isEmpty && isTotal(row.title) {
                row.total = true
            } else if code.isEmpty && isBonusCap(row.title) {
                row.bonusCapRow = true
            } else if code.isEmpty {
                row.problems.append("Dòng chưa có số thứ tự (STT) của tiêu chí (ví dụ I, 1, 1.2).")
            } else if isSection(code) {
                section = code
                sectionSpecial = sectionKind(row.title)
                row.special = sectionSpecial
            } else {
                row.section = section
                if sectionSpecial != nil { row.special = sectionSpecial }
            }
            if row.title.isEmpty && !row.total && !row.bonusCapRow { row.problems.append("Tiêu chí \(TextRules.excerpt(row.typed)) chưa có nội dung.") }
            let typedKind = value("kind")
            if !typedKind.isEmpty {
                row.kind = kind(typedKind)
                if row.kind == nil {
                    row.problems.append("Loại «\(TextRules.excerpt(typedKind))» không có; ghi một trong: Nhóm, Điểm cơ bản, Điểm thưởng, Điểm trừ, Điều kiện loại trừ.")
                }
            }
            lines.append(row)
        }

        // Numbering that starts again in each section (I: 1, 2; II: 1, 2) is read as "I.1",
        // "II.1": a table's codes are unique.
        var sectionsOfNumber: [Substring: Set<String>] = [:]
        for row in lines { if let first = numbered(row.code)?.first { sectionsOfNumber[first, default: []].insert(row.section ?? "") } }
        let restarts = sectionsOfNumber.values.contains { $0.count > 1 }
        for index in lines.indices where numbered(lines[index].code) != nil {
            let parts = numbered(lines[index].code)!
            let section = lines[index].section
            if restarts, let section {
                lines[index].code = section + "." + lines[index].code
                lines[index].notes.append("số thứ tự đánh lại trong mỗi mục: ghi thành «\(lines[index].code)»")
            }
            if parts.count > 1 {
                let parent = parts.dropLast().joined(separator: ".")
                lines[index].parentCode = restarts && section != nil ? section! + "." + parent : parent
            } else if lines[index].special == nil {
                lines[index].parentCode = section
            }
        }

        // Duplicates, parents, kinds.
        var firstLine: [String: Int] = [:]
        for index in lines.indices where !lines[index].code.isEmpty {
            if let earlier = firstLine[lines[index].code] {
                lines[index].problems.append("Số thứ tự «\(lines[index].code)» trùng với dòng \(earlier) của tệp.")
            } else {
                firstLine[lines[index].code] = lines[index].line
            }
        }
        let parents = Set(lines.compactMap(\.parentCode))
        for index in lines.indices {
            let row = lines[index]
            if let parent = row.parentCode, firstLine[parent] == nil {
                lines[index].problems.append("Tiêu chí \(row.code) thuộc nhóm «\(parent)» nhưng tệp không có dòng «\(parent)».")
            }
            if row.kind == nil && !row.total && !row.bonusCapRow {
                if isSection(row.code) && row.special != nil {
                    lines[index].kind = nil
                } else if parents.contains(row.code) {
                    lines[index].kind = .group
                } else if let special = row.special {
                    lines[index].kind = special
                } else if isSection(row.code) {
                    lines[index].kind = .group
                } else if (row.values["maximum"] ?? "").hasPrefix("-") {
                    lines[index].kind = .deduction
                } else {
                    lines[index].kind = .base
                }
            }
            if row.kind != nil, row.kind != .group, parents.contains(row.code) {
                lines[index].problems.append("Tiêu chí \(row.code) có tiêu chí con nên phải là một nhóm.")
            }
        }

        // Points, row by row.
        var items: [Int: Line] = [:]
        var maxima: [String: Points] = [:]
        for index in lines.indices {
            var row = lines[index]
            var issues = IssueCollector()
            func points(_ key: String, _ label: String) -> Points? {
                let text = row.values[key] ?? ""
                guard !text.isEmpty else { return nil }
                return Points.parse(text, field: key, label: "\(label) của \(row.total ? "dòng tổng cộng" : "tiêu chí \(TextRules.excerpt(row.code))")",
                                    into: &issues)
            }
            let maximum = points("maximum", "Điểm tối đa")
            var perEvent = points("perEvent", "Điểm mỗi lần")
            var cap = points("cap", "Mức trừ tối đa")
            let scorer = scorer(row.values["scorer"] ?? "")
            if scorer == nil {
                issues.add(FieldIssue(field: "scorer", "Đơn vị chấm «\(TextRules.excerpt(row.values["scorer"] ?? ""))» của tiêu chí \(row.code) không rõ; "
                                      + "ghi Đơn vị tự chấm, Trưởng khối chấm hoặc Tỉnh chấm."))
            }
            let evidence = evidence(row.values["evidence"] ?? "")
            if evidence == nil {
                issues.add(FieldIssue(field: "evidence", "Minh chứng «\(TextRules.excerpt(row.values["evidence"] ?? ""))» của tiêu chí \(row.code) không rõ; ghi «x» khi bắt buộc, để trống khi không."))
            }
            row.problems += issues.issues.map(\.message)
            let hasMaximum = !(row.values["maximum"] ?? "").isEmpty
            if row.total {
                if let maximum { items[index] = .total(maximum) } else if !hasMaximum { row.problems.append("Dòng tổng cộng chưa ghi số điểm.") }
            } else if row.bonusCapRow {
                if let maximum { items[index] = .bonusCap(maximum) } else if !hasMaximum { row.problems.append("Dòng mức trần điểm thưởng chưa ghi số điểm.") }
            } else if isSection(row.code) && row.special != nil {
                if row.special == .bonus, let maximum { items[index] = .bonusCap(maximum) }
            } else if let kind = row.kind {
                switch kind {
                case .base:
                    if !hasMaximum { row.problems.append("Tiêu chí \(row.code) chưa ghi điểm tối đa.") }
                    else if let maximum, maximum <= .zero { row.problems.append("Điểm tối đa của tiêu chí \(row.code) phải lớn hơn 0 (đang ghi \(maximum)).") }
                case .deduction:
                    // Điểm trừ: «-1» or «1» per event in the points column, as tables print it.
                    if perEvent == nil, let maximum {
                        perEvent = maximum
                        if maximum > .zero { row.notes.append("điểm trừ ghi thành số âm") }
                    }
                    perEvent = perEvent.map { $0 > .zero ? .zero - $0 : $0 }
                    cap = cap.map { $0 > .zero ? .zero - $0 : $0 }
                    if perEvent == nil && issues.issues.isEmpty { row.problems.append("Điểm trừ \(row.code) chưa ghi số điểm trừ mỗi lần.") }
                case .disqualifier:
                    if hasMaximum { row.problems.append("Điều kiện loại trừ \(row.code) không mang điểm; để trống cột điểm.") }
                case .group, .bonus: break
                }
                if let maximum { maxima[row.code] = maximum }
                if row.problems.isEmpty {
                    let maximumText = kind == .deduction || kind == .disqualifier ? nil : maximum?.description
                    items[index] = .criterion(CriterionRow(
                        code: row.code, parentCode: row.parentCode, title: row.title, kind: kind.rawValue, maximum: maximumText,
                        perEvent: perEvent?.description, cap: cap?.description, scorer: (scorer ?? .selfScore).rawValue,
                        evidenceRequired: evidence ?? false, guidance: row.values["guidance"].flatMap { $0.isEmpty ? nil : $0 }))
                }
            }
            lines[index] = row
        }

        // Group totals: a stated total must be what its items add up to.
        func baseSum(under code: String, depth: Int = 0) -> Points {
            guard depth < 8 else { return .zero }
            return lines.filter { $0.parentCode == code }.reduce(Points.zero) { sum, child in
                switch child.kind {
                case .group: sum + baseSum(under: child.code, depth: depth + 1)
                case .base: sum + (maxima[child.code] ?? .zero)
                default: sum
                }
            }
        }
        for index in lines.indices where lines[index].kind == .group {
            let row = lines[index]
            if let stated = maxima[row.code] {
                let sum = baseSum(under: row.code)
                if sum != stated {
                    lines[index].problems.append("Nhóm \(row.code) ghi tối đa \(stated) điểm nhưng các tiêu chí trong nhóm cộng lại \(sum) điểm.")
                    items[index] = nil
                }
            }
        }
        let allBase = lines.filter { $0.kind == .base }.reduce(Points.zero) { $0 + (maxima[$1.code] ?? .zero) }
        for index in lines.indices where lines[index].total {
            if case .total(let stated) = items[index], stated != allBase {
                lines[index].problems.append("Dòng tổng cộng ghi \(stated) điểm nhưng các tiêu chí cộng lại \(allBase) điểm.")
                items[index] = nil
            }
        }

        var fileProblems = read.problems
        let previewRows = lines.enumerated().map { index, row in
            ImportPreview<Line>.Row(line: row.line, cells: row.cells, item: row.problems.isEmpty ? items[index] : nil,
                                    problems: row.problems, notes: row.notes)
        }
        // The table as a whole, checked by the editor's own rules once every row reads.
        if fileProblems.isEmpty, previewRows.allSatisfy({ $0.problems.isEmpty }), !previewRows.isEmpty {
            let draft = draft(previewRows.compactMap(\.item))
            do {
                _ = try TableDraft.build(rows: draft.rows, declaredTotal: draft.declaredTotal, bonusCap: draft.bonusCap)
            } catch let error as DomainError {
                fileProblems += error.issues.map(\.message)
            } catch {
                fileProblems.append("\(error)")
            }
        }
        return ImportPreview(columns: read.labels, rows: previewRows, fileProblems: fileProblems, skipped: skipped)
    }
}
