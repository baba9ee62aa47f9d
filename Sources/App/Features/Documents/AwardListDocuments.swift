import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The awards' lists as office files: a whole list's eligibility (XLSX) and the certificate
/// list that goes with a decision (danh sách kèm theo quyết định, DOCX and XLSX).
enum AwardListDocuments {
    /// The failing conditions of a line, each with its article: "Xếp loại … (Điều 24 …)".
    static func failing(_ explanation: Explanation) -> String {
        explanation.conditions.filter { $0.outcome != .pass }
            .map { "\($0.outcome == .fail ? "✗" : "?") \($0.label) (\($0.citation))" }.joined(separator: "\n")
    }

    /// One sheet: the title, what was checked, a header row, then STT, name, position and unit,
    /// the verdict, the conditions not met with their articles, the rule version.
    static func eligibilityWorkbook(_ list: EligibilityList, lines: [EligibilityList.Line]) -> Workbook {
        let headers = ["STT", "Họ và tên / Tên đơn vị", "Chức vụ, đơn vị", "Kết quả", "Điều kiện chưa đạt, cần xem xét (căn cứ)", "Quy định áp dụng"]
        var rows: [[SheetCell]] = [
            [.text("KẾT QUẢ XÉT ĐIỀU KIỆN \(DocumentFormat.uppercased(list.awardName)) NĂM \(list.year)", .title)],
            [.text("\(list.scope); xét ngày \(list.date.vietnamese): \(list.count(.pass)) đủ điều kiện, \(list.count(.fail)) chưa đủ, \(list.count(.review)) cần xem xét.", .plain)],
            headers.map { .text($0, .header) },
        ]
        for (index, line) in lines.enumerated() {
            rows.append([.number(Double(index + 1), .integer), .text(line.recipientName), .text(line.detail), .text(line.outcome.label),
                         .text(failing(line.explanation)), .text(line.explanation.ruleID)])
        }
        let last = headers.count - 1
        return Workbook(sheets: [Worksheet(name: "Xét điều kiện \(list.year)", columnWidths: [6, 30, 34, 16, 70, 22], rows: rows,
                                           merges: [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: last),
                                                    CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: last)])])
    }

    static let recipientHeaders = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác", "Hình thức, danh hiệu khen thưởng"]

    /// The recipients in the decision's order, numbered.
    static func recipientRows(_ recipients: DecisionRecipients) -> [[String]] {
        recipients.ordered.enumerated().map { ["\($0.offset + 1)", $0.element.name, $0.element.positionAndUnit, $0.element.awardName] }
    }

    /// In the issuer's format, the People's Committee's (ND 30): the committee at the left,
    /// the national title at the right; no number of its own (it is the decision's annex),
    /// the decision's number and date under the title.
    static func recipientDocument(_ recipients: DecisionRecipients) -> OfficialDocument {
        var heading = DocumentHeading(style: .state, superiorBody: "ỦY BAN NHÂN DÂN",
                                      issuingBody: DocumentFormat.uppercased("Tỉnh \(DocumentFormat.placeName(recipients.province))"),
                                      number: nil, placeAndDate: "")
        heading.numbered = false
        let rows = recipientRows(recipients)
        return OfficialDocument(
            heading: heading, title: "DANH SÁCH", summary: "Cá nhân, tập thể được khen thưởng",
            blocks: [.caption("(\(recipients.attachedTo))"),
                     .table(DocumentTable(headers: recipientHeaders, rows: rows, widths: [7, 30, 38, 30], numericColumns: [0])),
                     .note("Danh sách có \(rows.count) cá nhân, tập thể.")],
            signatures: [], recipients: [])
    }

    static func recipientWorkbook(_ recipients: DecisionRecipients) -> Workbook {
        let last = recipientHeaders.count - 1
        var rows: [[SheetCell]] = [
            [.text("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG", .title)],
            [.text("(\(recipients.attachedTo))", .plain)],
            recipientHeaders.map { .text($0, .header) },
        ]
        for row in recipientRows(recipients) {
            rows.append([.number(Double(row[0]) ?? 0, .integer), .text(row[1]), .text(row[2]), .text(row[3])])
        }
        return Workbook(sheets: [Worksheet(name: "Danh sách khen thưởng", columnWidths: [6, 32, 44, 40], rows: rows,
                                           merges: [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: last),
                                                    CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: last)])])
    }

    /// "Danh sách khen thưởng - 15-QĐ-UBND".
    static func recipientFileName(_ recipients: DecisionRecipients) -> String {
        "Danh sách khen thưởng - " + recipients.number.replacingOccurrences(of: "/", with: "-")
    }
}
