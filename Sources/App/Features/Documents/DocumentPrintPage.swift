import Foundation
import ThiDuaCore
import ThiDuaDocuments

/// The print view (HTML, A4) of an official document: the same heading, number, place and
/// date, blocks and signatures as its DOCX, so the two never disagree.
struct DocumentPrintPage: Encodable {
    struct Block: Encodable {
        var kind: String
        var text: String = ""
        var items: [String] = []
        var headers: [String] = []
        var rows: [Row] = []
    }
    struct Row: Encodable { var cells: [String]; var bold: Bool }
    struct Signer: Encodable { var unit: String?; var authority: String?; var title: String; var name: String }

    var pageTitle: String
    var party: Bool
    var superiorBody: String
    var issuingBody: String
    var number: String
    var nationalTitle: String
    var motto: String?
    var placeAndDate: String
    var title: String
    var summary: String?
    var blocks: [Block]
    var signers: [Signer]
    var recipients: [String]
    var downloads: [Link]

    init(_ document: OfficialDocument, pageTitle: String, downloads: [Link]) {
        let heading = document.heading
        self.pageTitle = pageTitle
        party = heading.style == .party
        superiorBody = heading.superiorBody
        issuingBody = heading.issuingBody
        number = heading.number ?? ""
        nationalTitle = heading.titleLines[0]
        motto = heading.titleLines.dropFirst().first
        placeAndDate = heading.placeAndDate
        title = document.title
        summary = document.summary
        blocks = document.blocks.map { block in
            switch block {
            case .heading(let text): Block(kind: "heading", text: text)
            case .paragraph(let text): Block(kind: "paragraph", text: text)
            case .note(let text), .caption(let text): Block(kind: "note", text: text)
            case .numbered(let items): Block(kind: "numbered", items: items)
            case .dashed(let items): Block(kind: "dashed", items: items)
            case .table(let table):
                Block(kind: "table", headers: table.headers,
                      rows: table.rows.enumerated().map { Row(cells: $1, bold: table.boldRows.contains($0)) })
            }
        }
        signers = document.signatures.map { Signer(unit: $0.unit, authority: $0.authority, title: $0.title, name: $0.name) }
        recipients = document.recipients
        self.downloads = downloads
    }
}
