import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Bảng tính: a workbook as data; `XlsxWriter` writes it as SpreadsheetML and `XlsxReader`
/// reads the cells back (from our files and from the files offices already have).
public struct Workbook: Sendable {
    public var sheets: [Worksheet]
    public init(sheets: [Worksheet]) { self.sheets = sheets }
}

public struct Worksheet: Sendable {
    /// At most 31 characters, none of \ / ? * [ ] : (Excel's rule; `XlsxWriter` cleans it).
    public var name: String
    /// Widths in characters, one a column.
    public var columnWidths: [Double]
    public var rows: [[SheetCell]]
    /// Merged ranges, e.g. a title across the table or a two-row header.
    public var merges: [CellRange]

    public init(name: String, columnWidths: [Double] = [], rows: [[SheetCell]], merges: [CellRange] = []) {
        self.name = name
        self.columnWidths = columnWidths
        self.rows = rows
        self.merges = merges
    }
}

public struct SheetCell: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case empty
        case text(String)
        case number(Double)
    }
    /// Cell formats the writer knows; each is one entry of styles.xml.
    public enum Style: Int, Sendable, CaseIterable {
        case plain = 0
        /// The sheet's title: bold 14, centred.
        case title
        /// Column headers: bold, bordered, centred, wrapped.
        case header
        /// Table body text: bordered, wrapped.
        case cell
        /// Table body number with two decimals, bordered.
        case decimal
        /// Table body whole number, bordered.
        case integer
        /// A bold row (group, total): text.
        case boldCell
        /// A bold row: number with two decimals.
        case boldDecimal
    }
    public var value: Value
    public var style: Style

    public init(_ value: Value, style: Style = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, _ style: Style = .cell) -> SheetCell { SheetCell(.text(text), style: style) }
    public static func number(_ number: Double, _ style: Style = .decimal) -> SheetCell { SheetCell(.number(number), style: style) }
    public static let empty = SheetCell(.empty)
}

/// A rectangle of cells, zero-based, inclusive.
public struct CellRange: Sendable, Hashable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// "A1:C2".
    public var reference: String {
        "\(CellReference.name(row: firstRow, column: firstColumn)):\(CellReference.name(row: lastRow, column: lastColumn))"
    }

    public init?(reference: String) {
        let parts = reference.split(separator: ":")
        guard let first = parts.first.flatMap({ CellReference.parse(String($0)) }) else { return nil }
        let last = parts.count > 1 ? CellReference.parse(String(parts[1])) : first
        guard let last else { return nil }
        self.init(firstRow: first.row, firstColumn: first.column, lastRow: last.row, lastColumn: last.column)
    }
}

/// "A1" ↔ (row 0, column 0).
public enum CellReference {
    /// Excel's limits: 16 384 columns, 1 048 576 rows.
    public static let maximumColumns = 16_384
    public static let maximumRows = 1_048_576

    public static func columnName(_ column: Int) -> String {
        var number = column + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    public static func name(row: Int, column: Int) -> String { "\(columnName(column))\(row + 1)" }

    public static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for scalar in reference.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 65...90, 97...122:
                guard !sawDigit else { return nil }
                sawLetter = true
                column = column * 26 + Int((scalar.value & 0xDF) - 64)
                guard column <= maximumColumns else { return nil }
            case 48...57:
                sawDigit = true
                row = row * 10 + Int(scalar.value - 48)
                guard row <= maximumRows else { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        return (row - 1, column - 1)
    }
}

// MARK: - Writer

public enum XlsxWriter {
    public static func write(_ workbook: Workbook) throws -> Data {
        var strings = SharedStrings()
        var parts: [(String, String)] = []
        let sheets = workbook.sheets.isEmpty ? [Worksheet(name: "Trang 1", rows: [])] : workbook.sheets
        var names: [String] = []
        for (index, sheet) in sheets.enumerated() {
            names.append(uniqueName(sheet.name, taken: names))
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheetXML(sheet, strings: &strings)))
        }
        let workbookXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(ns.main)" xmlns:r="\(ns.r)"><sheets>\
        \(names.enumerated().map { "<sheet name=\"\(xmlEscaped($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
        </sheets></workbook>
        """
        let workbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(ns.rel)">\
        \(names.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(ns.r)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
        <Relationship Id="rIdStyles" Type="\(ns.r)/styles" Target="styles.xml"/>\
        <Relationship Id="rIdStrings" Type="\(ns.r)/sharedStrings" Target="sharedStrings.xml"/>\
        </Relationships>
        """
        let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        \(names.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
        </Types>
        """
        let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(ns.rel)"><Relationship Id="rId1" Type="\(ns.r)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
        return try OfficeZip.write([("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels),
                                    ("xl/workbook.xml", workbookXML), ("xl/_rels/workbook.xml.rels", workbookRels),
                                    ("xl/styles.xml", styles), ("xl/sharedStrings.xml", strings.xml)] + parts)
    }

    enum ns {
        static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    }

    struct SharedStrings {
        var index: [String: Int] = [:]
        var ordered: [String] = []
        var uses = 0

        mutating func id(_ text: String) -> Int {
            uses += 1
            if let id = index[text] { return id }
            index[text] = ordered.count
            ordered.append(text)
            return ordered.count - 1
        }

        var xml: String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"\(ns.main)\" count=\"\(uses)\" uniqueCount=\"\(ordered.count)\">"
                + ordered.map { "<si><t xml:space=\"preserve\">\(xmlEscaped($0))</t></si>" }.joined() + "</sst>"
        }
    }

    static func sheetXML(_ sheet: Worksheet, strings: inout SharedStrings) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"\(ns.main)\" xmlns:r=\"\(ns.r)\">"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(min(max(width, 1), 255))\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, cell) in row.enumerated() {
                let reference = CellReference.name(row: rowIndex, column: columnIndex)
                let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
                switch cell.value {
                case .empty:
                    if cell.style != .plain { xml += "<c r=\"\(reference)\"\(style)/>" }
                case .text(let text):
                    xml += "<c r=\"\(reference)\"\(style) t=\"s\"><v>\(strings.id(text))</v></c>"
                case .number(let number):
                    // Not a number or infinite cannot be stored; such a cell stays empty.
                    if number.isFinite { xml += "<c r=\"\(reference)\"\(style)><v>\(numberText(number))</v></c>" }
                    else { xml += "<c r=\"\(reference)\"\(style)/>" }
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.merges.isEmpty {
            xml += "<mergeCells count=\"\(sheet.merges.count)\">"
                + sheet.merges.map { "<mergeCell ref=\"\($0.reference)\"/>" }.joined() + "</mergeCells>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"landscape\"/>"
        return xml + "</worksheet>"
    }

    /// Whole numbers as Excel writes them ("96", not "96.0"), so that they read back as typed.
    static func numberText(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
    }

    /// Excel refuses some characters in sheet names, names over 31 characters and repeats.
    static func uniqueName(_ raw: String, taken: [String]) -> String {
        let cleaned = String(raw.filter { !"\\/?*[]:".contains($0) }.prefix(31))
        let base = cleaned.trimmingCharacters(in: .whitespaces).isEmpty ? "Trang" : cleaned
        var name = base
        var counter = 2
        while taken.contains(where: { $0.lowercased() == name.lowercased() }) {
            let suffix = " (\(counter))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return name
    }

    /// Fonts: 0 regular 12, 1 bold 12, 2 bold 14; border 1 thin; formats 2 (0.00) and 1 (0).
    /// The order of cellXfs follows `SheetCell.Style`.
    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="\(ns.main)">\
    <fonts count="3"><font><sz val="12"/><name val="Times New Roman"/></font>\
    <font><b/><sz val="12"/><name val="Times New Roman"/></font>\
    <font><b/><sz val="14"/><name val="Times New Roman"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
    <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="8">\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>\
    <xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf>\
    <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="2" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>\
    </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """
}

// MARK: - Reader

/// A sheet as read: values as text the way the file stores them, with what kind they were.
public struct ReadSheet: Sendable {
    public var name: String
    /// Row by row; a row is as long as its last filled cell.
    public var rows: [[ReadCell]]
    public var merges: [CellRange]
}

public struct ReadCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case empty, text, number, boolean, error }
    public var kind: Kind
    /// The text, or the number as the file writes it ("45337", "12.5").
    public var raw: String
    /// The cell held a formula; `raw` is its last computed value.
    public var formula: Bool

    public static let empty = ReadCell(kind: .empty, raw: "", formula: false)
}

public enum XlsxReader {
    /// Unpacked size accepted at most: far above a 100 000-row file, far below a ZIP bomb.
    public static let maximumUnpackedBytes: UInt64 = 512 * 1_048_576
    /// Characters a cell may hold, as in Excel itself.
    public static let maximumCellCharacters = 32_767

    public static func read(_ data: Data, maximumRows: Int = 200_000) throws -> [ReadSheet] {
        let parts = try OfficeZip.read(data, limit: maximumUnpackedBytes)
        guard let workbook = parts["xl/workbook.xml"] else { throw OfficeFileError.missingPart("xl/workbook.xml") }
        let strings = try parts["xl/sharedStrings.xml"].map(sharedStrings) ?? []
        let relationships = try parts["xl/_rels/workbook.xml.rels"].map(targets) ?? [:]
        var sheets: [ReadSheet] = []
        for (name, relation) in try sheetList(workbook) {
            guard let target = relationships[relation] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = parts[path] else { throw OfficeFileError.missingPart(path) }
            sheets.append(try sheet(xml, name: name, strings: strings, maximumRows: maximumRows))
        }
        return sheets
    }

    static func sheetList(_ data: Data) throws -> [(String, String)] {
        var list: [(String, String)] = []
        let collector = XMLCollector()
        collector.onStart = { element in
            if element.name == "sheet", let name = element.attributes["name"],
               let id = element.attributes["r:id"] ?? element.attributes.first(where: { $0.key.hasSuffix(":id") })?.value {
                list.append((name, id))
            }
        }
        try collector.parse(data)
        return list
    }

    static func targets(_ data: Data) throws -> [String: String] {
        var map: [String: String] = [:]
        let collector = XMLCollector()
        collector.onStart = { element in
            if element.name == "Relationship", let id = element.attributes["Id"], let target = element.attributes["Target"] {
                map[id] = target
            }
        }
        try collector.parse(data)
        return map
    }

    /// Each <si>: plain <t> or rich text runs <r><t>, joined; phonetic runs (<rPh>) left out.
    static func sharedStrings(_ data: Data) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inPhonetic = false
        let collector = XMLCollector()
        collector.onStart = { element in
            if element.name == "si" { current = "" }
            if element.name == "rPh" { inPhonetic = true }
        }
        collector.onEnd = { name, text in
            switch name {
            case "t":
                guard !inPhonetic else { break }
                current += text
                // A string of many runs is one cell: the same limit.
                if current.utf16.count > XMLCollector.maximumTextCharacters { collector.fail(.cellTooLong(XMLCollector.maximumTextCharacters)) }
            case "rPh": inPhonetic = false
            case "si": strings.append(current)
            default: break
            }
        }
        try collector.parse(data)
        return strings
    }

    static func sheet(_ data: Data, name: String, strings: [String], maximumRows: Int) throws -> ReadSheet {
        var rows: [[ReadCell]] = []
        var merges: [CellRange] = []
        var reference: (row: Int, column: Int)?
        var type = "n"
        var value = ""
        var inline = ""
        var hasFormula = false
        var nextColumn = 0
        var currentRow = -1
        var tooMany = false
        let collector = XMLCollector()
        collector.onStart = { element in
            switch element.name {
            case "row":
                currentRow = element.attributes["r"].flatMap(Int.init).map { $0 - 1 } ?? currentRow + 1
                nextColumn = 0
            case "c":
                reference = element.attributes["r"].flatMap(CellReference.parse) ?? (max(currentRow, 0), nextColumn)
                type = element.attributes["t"] ?? "n"
                value = ""
                inline = ""
                hasFormula = false
            case "f": hasFormula = true
            case "mergeCell":
                if let range = element.attributes["ref"].flatMap(CellRange.init(reference:)) { merges.append(range) }
            default: break
            }
        }
        collector.onEnd = { name, text in
            switch name {
            case "v": value = text
            case "t":
                inline += text
                if inline.utf16.count > XMLCollector.maximumTextCharacters { collector.fail(.cellTooLong(XMLCollector.maximumTextCharacters)) }
            case "c":
                guard let (row, column) = reference else { return }
                nextColumn = column + 1
                guard row < maximumRows else { tooMany = true; return }
                let cell: ReadCell
                switch type {
                case "s":
                    let index = Int(value) ?? -1
                    cell = ReadCell(kind: .text, raw: strings.indices.contains(index) ? strings[index] : "", formula: hasFormula)
                case "inlineStr": cell = ReadCell(kind: .text, raw: inline, formula: hasFormula)
                case "str": cell = ReadCell(kind: .text, raw: value, formula: hasFormula)
                case "b": cell = ReadCell(kind: .boolean, raw: value, formula: hasFormula)
                case "e": cell = ReadCell(kind: .error, raw: value, formula: hasFormula)
                default: cell = ReadCell(kind: value.isEmpty ? .empty : .number, raw: value, formula: hasFormula)
                }
                guard cell.kind != .empty || hasFormula else { return }
                while rows.count <= row { rows.append([]) }
                while rows[row].count < column { rows[row].append(.empty) }
                if rows[row].count == column { rows[row].append(cell) } else { rows[row][column] = cell }
            default: break
            }
        }
        try collector.parse(data)
        if tooMany { throw OfficeFileError.tooManyRows(maximumRows) }
        return ReadSheet(name: name, rows: rows, merges: merges)
    }
}
