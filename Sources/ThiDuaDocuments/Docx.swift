import Foundation
import ThiDuaCore

/// Văn bản: an official document as data, laid out by `DocxWriter` in the format its heading
/// names (ND 30 or HD 36).
public struct OfficialDocument: Sendable {
    public var heading: DocumentHeading
    /// "GIAO ƯỚC THI ĐUA", caps.
    public var title: String
    /// Trích yếu: what the document is about, bold under the title.
    public var summary: String?
    public var blocks: [DocumentBlock]
    /// One signature (a report) or many (a pact, each unit's leader).
    public var signatures: [Signature]
    /// Nơi nhận.
    public var recipients: [String]

    public init(heading: DocumentHeading, title: String, summary: String? = nil, blocks: [DocumentBlock],
                signatures: [Signature], recipients: [String]) {
        self.heading = heading
        self.title = title
        self.summary = summary
        self.blocks = blocks
        self.signatures = signatures
        self.recipients = recipients
    }
}

public enum DocumentBlock: Sendable {
    /// A section heading ("I. ...") in bold.
    case heading(String)
    /// Body text: justified, first line indented.
    case paragraph(String)
    /// An italic line, e.g. a note under a table.
    case note(String)
    /// A centred italic line under the title: "(Kèm theo Quyết định số …)".
    case caption(String)
    /// An automatically numbered list (1., 2., …), restarting at 1.
    case numbered([String])
    /// A list marked with dashes, as documents list their bases (căn cứ).
    case dashed([String])
    case table(DocumentTable)
}

public struct DocumentTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Relative column widths; equal when empty.
    public var widths: [Int]
    /// Rows printed in bold (groups of criteria, the totals).
    public var boldRows: Set<Int>
    /// Columns whose cells are numbers, aligned right.
    public var numericColumns: Set<Int>

    public init(headers: [String], rows: [[String]], widths: [Int] = [], boldRows: Set<Int> = [],
                numericColumns: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.widths = widths
        self.boldRows = boldRows
        self.numericColumns = numericColumns
    }
}

/// Chữ ký: "TM. BAN THƯỜNG VỤ" / "TRƯỞNG BAN" / name.
public struct Signature: Sendable, Hashable {
    /// "TM. CỤM THI ĐUA", "K/T TRƯỞNG BAN"; nil for a person signing in their own right.
    public var authority: String?
    /// Chức vụ, caps.
    public var title: String
    public var name: String
    /// A line above the title, e.g. the unit a pact signer signs for.
    public var unit: String?

    public init(authority: String? = nil, title: String, name: String, unit: String? = nil) {
        self.authority = authority
        self.title = title
        self.name = name
        self.unit = unit
    }
}

/// WordprocessingML writer: A4, Times New Roman, the margins and header block of ND 30 /
/// HD 36, numbered lists, tables, signatures and "Nơi nhận". No word processor is needed.
public enum DocxWriter {
    /// Page and margins in twentieths of a point: A4; top and bottom 20 mm, left 30 mm,
    /// right 15 mm (the lower bounds both formats allow).
    public static let page = (width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 851)
    static var textWidth: Int { page.width - page.left - page.right }
    static let font = "Times New Roman"

    /// Sizes in points, by format.
    struct Sizes {
        var title: Int          // Quốc hiệu / "ĐẢNG CỘNG SẢN VIỆT NAM"
        var motto: Int
        var bodies: Int         // superior and issuing bodies
        var documentType: Int
        var body: Int

        static func of(_ style: DocumentStyle) -> Sizes {
            switch style {
            case .state: Sizes(title: 13, motto: 14, bodies: 13, documentType: 14, body: 14)
            case .party: Sizes(title: 15, motto: 15, bodies: 14, documentType: 16, body: 14)
            }
        }
    }

    public static func write(_ document: OfficialDocument) throws -> Data {
        var body = BodyBuilder(sizes: Sizes.of(document.heading.style))
        body.headerBlock(document.heading)
        body.titleBlock(document.title, summary: document.summary)
        for block in document.blocks { body.add(block) }
        body.closing(signatures: document.signatures, recipients: document.recipients, heading: document.heading)
        let documentXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(ns.w)" xmlns:r="\(ns.r)"><w:body>\(body.xml)<w:sectPr>\
        <w:headerReference w:type="default" r:id="rIdHeader"/>\
        <w:pgSz w:w="\(page.width)" w:h="\(page.height)"/>\
        <w:pgMar w:top="\(page.top)" w:right="\(page.right)" w:bottom="\(page.bottom)" w:left="\(page.left)" \
        w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>
        """
        return try OfficeZip.write([
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("word/document.xml", documentXML),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", styles(Sizes.of(document.heading.style))),
            ("word/numbering.xml", numbering(lists: body.lists)),
            ("word/header1.xml", pageNumberHeader),
            ("docProps/core.xml", coreProperties(title: document.title)),
        ])
    }

    enum ns {
        static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    }

    // MARK: - Body

    struct BodyBuilder {
        let sizes: Sizes
        var xml = ""
        /// Each list's kind, in order; list n uses numbering instance n + 1.
        var lists: [Bool] = []   // true: numbered, false: dashed

        mutating func headerBlock(_ heading: DocumentHeading) {
            let left: String
            let right: String
            switch heading.style {
            case .state:
                left = paragraph([run(heading.superiorBody, size: sizes.bodies)], align: "center")
                    + paragraph([run(heading.issuingBody, size: sizes.bodies, bold: true)], align: "center")
                    + paragraph([run("________", size: sizes.bodies)], align: "center", after: 60)
                    + (heading.numbered ? paragraph([run(heading.number ?? "Số:", size: sizes.bodies)], align: "center") : "")
                right = paragraph([run(heading.titleLines[0], size: sizes.title, bold: true)], align: "center")
                    + paragraph([run(heading.titleLines[1], size: sizes.motto, bold: true, underline: true)], align: "center", after: 240)
                    + paragraph([run(heading.placeAndDate, size: sizes.body, italic: true)], align: "center")
            case .party:
                left = paragraph([run(heading.superiorBody, size: sizes.bodies)], align: "center")
                    + paragraph([run(heading.issuingBody, size: sizes.bodies, bold: true)], align: "center")
                    + paragraph([run("*", size: sizes.bodies)], align: "center")
                    + (heading.numbered ? paragraph([run(heading.number ?? "Số", size: sizes.bodies)], align: "center") : "")
                right = paragraph([run(heading.titleLines[0], size: sizes.title, bold: true, underline: true)], align: "center", after: 360)
                    + paragraph([run(heading.placeAndDate, size: sizes.body, italic: true)], align: "center")
            }
            let leftWidth = textWidth * 2 / 5
            xml += layoutTable(widths: [leftWidth, textWidth - leftWidth], cells: [[left, right]])
        }

        mutating func titleBlock(_ title: String, summary: String?) {
            xml += paragraph([run(title, size: sizes.documentType, bold: true)], align: "center", before: 360, after: summary == nil ? 240 : 0)
            if let summary {
                xml += paragraph([run(summary, size: sizes.body, bold: true)], align: "center", after: 240)
            }
        }

        mutating func add(_ block: DocumentBlock) {
            switch block {
            case .heading(let text):
                xml += paragraph([run(text, size: sizes.body, bold: true)], align: "both", firstLine: 567, before: 120, keepNext: true)
            case .paragraph(let text):
                xml += paragraph([run(text, size: sizes.body)], align: "both", firstLine: 567)
            case .note(let text):
                xml += paragraph([run(text, size: sizes.body, italic: true)], align: "both", firstLine: 567)
            case .caption(let text):
                xml += paragraph([run(text, size: sizes.body, italic: true)], align: "center", after: 240)
            case .numbered(let items), .dashed(let items):
                guard !items.isEmpty else { return }
                var numbered = false
                if case .numbered = block { numbered = true }
                lists.append(numbered)
                let id = lists.count
                for item in items {
                    xml += paragraph([run(item, size: sizes.body)], align: "both", numbering: id)
                }
            case .table(let table):
                xml += gridTable(table)
            }
        }

        mutating func closing(signatures: [Signature], recipients: [String], heading: DocumentHeading) {
            // A form or an annex (the blank ballot, a decision's list) closes with its table.
            guard !signatures.isEmpty || !recipients.isEmpty else { return }
            let recipientsXML = recipients.isEmpty ? paragraph([]) :
                paragraph([run("Nơi nhận:", size: 12, bold: true, italic: true)], after: 0)
                + recipients.enumerated().map { index, line in
                    paragraph([run("- \(line)\(index == recipients.count - 1 ? "." : ";")", size: 11)], after: 0)
                }.joined()
            if signatures.count <= 1 {
                let signature = signatures.first.map(signatureXML) ?? paragraph([])
                let leftWidth = textWidth / 2
                xml += paragraph([], after: 0)
                xml += layoutTable(widths: [leftWidth, textWidth - leftWidth], cells: [[recipientsXML, signature]])
                return
            }
            // Many signers (a pact): two to a row, then "Nơi nhận".
            xml += paragraph([], after: 0)
            var rows: [[String]] = []
            var index = 0
            while index < signatures.count {
                let pair = signatures[index..<min(index + 2, signatures.count)].map(signatureXML)
                rows.append(pair.count == 2 ? pair : pair + [paragraph([])])
                index += 2
            }
            let half = textWidth / 2
            xml += layoutTable(widths: [half, textWidth - half], cells: rows)
            xml += recipientsXML
        }

        func signatureXML(_ signature: Signature) -> String {
            var parts: [String] = []
            if let unit = signature.unit {
                parts.append(paragraph([run(unit, size: sizes.body, bold: true)], align: "center", after: 0))
            }
            if let authority = signature.authority {
                parts.append(paragraph([run(authority, size: sizes.body, bold: true)], align: "center", after: 0))
            }
            parts.append(paragraph([run(signature.title, size: sizes.body, bold: true)], align: "center", after: 0))
            parts.append(paragraph([run("(Ký, ghi rõ họ tên)", size: 12, italic: true)], align: "center", after: 1200))
            parts.append(paragraph([run(signature.name, size: sizes.body, bold: true)], align: "center", after: 240))
            return parts.joined()
        }

        func gridTable(_ table: DocumentTable) -> String {
            let columns = max(table.headers.count, table.rows.map(\.count).max() ?? 0)
            guard columns > 0 else { return "" }
            let weights = table.widths.count == columns ? table.widths : Array(repeating: 1, count: columns)
            let sum = max(weights.reduce(0, +), 1)
            let widths = weights.map { textWidth * $0 / sum }
            let border = ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
            var out = "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
                + "<w:tblBorders>\(border)</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                + "<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                + "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            func row(_ cells: [String], header: Bool, bold: Bool) -> String {
                var line = "<w:tr>" + (header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
                for column in 0..<columns {
                    let text = column < cells.count ? cells[column] : ""
                    let align = header ? "center" : (table.numericColumns.contains(column) ? "right" : "left")
                    line += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[column])\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                        + paragraph([run(text, size: 13, bold: header || bold)], align: align, before: 40, after: 40, line: 240)
                        + "</w:tc>"
                }
                return line + "</w:tr>"
            }
            if !table.headers.isEmpty { out += row(table.headers, header: true, bold: true) }
            for (index, cells) in table.rows.enumerated() {
                out += row(cells, header: false, bold: table.boldRows.contains(index))
            }
            return out + "</w:tbl>" + paragraph([], after: 0)
        }

        /// A borderless table that places blocks side by side (header, signatures).
        func layoutTable(widths: [Int], cells rows: [[String]]) -> String {
            let none = ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map { "<w:\($0) w:val=\"nil\"/>" }.joined()
            var out = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
                + "<w:tblBorders>\(none)</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
                + "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                + "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            for cells in rows {
                out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                for (column, content) in cells.enumerated() {
                    out += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[column])\" w:type=\"dxa\"/></w:tcPr>\(content)</w:tc>"
                }
                out += "</w:tr>"
            }
            return out + "</w:tbl>"
        }

        func run(_ text: String, size: Int, bold: Bool = false, italic: Bool = false, underline: Bool = false) -> String {
            var properties = "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:cs=\"\(font)\" w:eastAsia=\"\(font)\"/>"
            if bold { properties += "<w:b/><w:bCs/>" }
            if italic { properties += "<w:i/><w:iCs/>" }
            if underline { properties += "<w:u w:val=\"single\"/>" }
            properties += "<w:sz w:val=\"\(size * 2)\"/><w:szCs w:val=\"\(size * 2)\"/>"
            return "<w:r><w:rPr>\(properties)</w:rPr><w:t xml:space=\"preserve\">\(xmlEscaped(text))</w:t></w:r>"
        }

        func paragraph(_ runs: [String], align: String? = nil, firstLine: Int? = nil, before: Int = 0, after: Int = 120,
                       line: Int = 312, keepNext: Bool = false, numbering: Int? = nil) -> String {
            var properties = ""
            if keepNext { properties += "<w:keepNext/>" }
            if let numbering { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(numbering)\"/></w:numPr>" }
            properties += "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"\(line)\" w:lineRule=\"auto\"/>"
            if let firstLine { properties += "<w:ind w:firstLine=\"\(firstLine)\"/>" }
            if let align { properties += "<w:jc w:val=\"\(align)\"/>" }
            return "<w:p><w:pPr>\(properties)</w:pPr>\(runs.joined())</w:p>"
        }
    }

    // MARK: - Package parts

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
    <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    </Types>
    """

    static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="\(ns.rel)">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    </Relationships>
    """

    static let documentRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="\(ns.rel)">\
    <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
    <Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
    </Relationships>
    """

    static func styles(_ sizes: Sizes) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(ns.w)"><w:docDefaults><w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="\(font)" w:hAnsi="\(font)" w:cs="\(font)" w:eastAsia="\(font)"/>\
        <w:sz w:val="\(sizes.body * 2)"/><w:szCs w:val="\(sizes.body * 2)"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
        <w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """
    }

    /// Abstract list 0 numbers "1.", list 1 marks "-"; each list in the body gets its own
    /// instance so that it restarts at 1.
    static func numbering(lists: [Bool]) -> String {
        func level(_ format: String, _ text: String) -> String {
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/><w:lvlText w:val=\"\(text)\"/>"
                + "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"0\" w:firstLine=\"567\"/></w:pPr>"
                + "<w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\"/></w:rPr></w:lvl>"
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering xmlns:w=\"\(ns.w)\">"
            + "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\(level("decimal", "%1."))</w:abstractNum>"
            + "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>\(level("bullet", "-"))</w:abstractNum>"
        for (index, numbered) in lists.enumerated() {
            xml += "<w:num w:numId=\"\(index + 1)\"><w:abstractNumId w:val=\"\(numbered ? 0 : 1)\"/>"
                + "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    /// Page numbers centred at the top from page 2 (the first page has its own, empty header).
    static let pageNumberHeader = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:hdr xmlns:w="\(ns.w)"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
    <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
    <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>
    """

    static func coreProperties(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(xmlEscaped(title))</dc:title><dc:creator>ThiDua</dc:creator></cp:coreProperties>
        """
    }
}
