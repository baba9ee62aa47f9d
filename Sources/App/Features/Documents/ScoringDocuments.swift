import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The ranking a page or a download shows: the published version when there is one, else
/// (for the head and the province, who may read it before) the ranking as it stands.
struct ShownRanking: Sendable {
    var result: RankingResult
    var current: RankingModel?
    var versions: [RankingModel]
    /// Members whose final sheet is missing from a live ranking.
    var missing: [String]
}

extension ScoringService {
    func shownRanking() async throws -> ShownRanking {
        let versions = try await req.registry.rankings(of: context.model.id!)
        let current = versions.first { $0.supersededAt == nil }
        // What was published is served as published (decoded once, kept by id and version).
        if let current, let stored = req.published(current)?.result {
            return ShownRanking(result: stored, current: current, versions: versions, missing: [])
        }
        let (result, missing) = try await liveRanking()
        return ShownRanking(result: result, current: current, versions: versions, missing: missing)
    }
}

/// Bảng tổng hợp điểm và xếp hạng, and the scoring table, as XLSX and DOCX.
enum ScoringDocuments {
    static func number(_ points: Points) -> Double { Double(points.hundredths) / 100 }

    static func rankingStatus(_ shown: ShownRanking) -> String {
        if let current = shown.current {
            return "(Công bố lần \(current.version), \(RoleNames.dateTime(current.publishedAt)))"
        }
        return "(Chưa công bố: số liệu tạm tính theo các bảng điểm đã hoàn tất)"
    }

    /// Where the women-priority tie-break was asked, each unit's verdict (issue 14 part 10).
    static func priorityNotes(_ result: RankingResult) -> [String] {
        result.rows.compactMap { row in row.priority.map { "\(row.name): \($0.reason)" } }
    }

    static func rankingWorkbook(_ shown: ShownRanking, table: ScoringTable, bloc: String, year: Int) -> Workbook {
        let groups = table.children(of: nil).filter { $0.kind == .group }
        let columns = 2 + groups.count + 4
        var rows: [[SheetCell]] = [
            [.text(DocumentFormat.uppercased(bloc), .title)],
            [.text("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM \(year)", .title)],
            [.text(rankingStatus(shown), .plain)],
        ]
        let tail = ["Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại"]
        rows.append([.text("Hạng", .header), .text("Đơn vị", .header)]
                    + groups.enumerated().map { $0.offset == 0 ? .text("Điểm các nhóm tiêu chí", .header) : .text("", .header) }
                    + tail.map { .text($0, .header) })
        rows.append([.text("", .header), .text("", .header)] + groups.map { .text("\($0.code). \($0.title)", .header) }
                    + tail.map { _ in .text("", .header) })
        for row in shown.result.rows {
            rows.append([.number(Double(row.rank), .integer), .text(row.name)]
                        + row.groups.map { .number(number($0.points)) }
                        + [.number(number(row.bonus)), .number(number(row.deductions)), .number(number(row.final)),
                           .text(row.classification)])
        }
        var merges = [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: columns - 1),
                      CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: columns - 1),
                      CellRange(firstRow: 2, firstColumn: 0, lastRow: 2, lastColumn: columns - 1)]
        // Women priority (issue 14 part 10): the verdicts below the table, a line each.
        for note in priorityNotes(shown.result) {
            merges.append(CellRange(firstRow: rows.count, firstColumn: 0, lastRow: rows.count, lastColumn: columns - 1))
            rows.append([.text("Ưu tiên khi bằng điểm — \(note)", .plain)])
        }
        for column in [0, 1] + Array((2 + groups.count)..<columns) {
            merges.append(CellRange(firstRow: 3, firstColumn: column, lastRow: 4, lastColumn: column))
        }
        if groups.count > 1 {
            merges.append(CellRange(firstRow: 3, firstColumn: 2, lastRow: 3, lastColumn: 1 + groups.count))
        }
        return Workbook(sheets: [Worksheet(name: "Xếp hạng \(year)",
                                           columnWidths: [7, 42] + groups.map { _ in 16 } + [11, 10, 11, 22],
                                           rows: rows, merges: merges)])
    }

    static func rankingDocument(_ shown: ShownRanking, table: ScoringTable, issuer: DocumentIssuer, bloc: String, year: Int) -> OfficialDocument {
        let groups = table.children(of: nil).filter { $0.kind == .group }
        let rows = shown.result.rows.map { row in
            ["\(row.rank)", row.name] + row.groups.map(\.points.description)
                + [row.bonus.description, row.deductions.description, row.final.description, row.classification]
        }
        let headers = ["Hạng", "Đơn vị"] + groups.map(\.code) + ["Thưởng", "Trừ", "Tổng", "Xếp loại"]
        let numeric = Set(2..<(headers.count - 1))
        var blocks: [DocumentBlock] = [.note(rankingStatus(shown)),
                                       .table(DocumentTable(headers: headers, rows: rows,
                                                            widths: [2, 9] + groups.map { _ in 2 } + [2, 2, 2, 4],
                                                            numericColumns: numeric))]
        if !groups.isEmpty {
            blocks.append(.note("Nhóm tiêu chí: " + groups.map { "\($0.code). \($0.title)" }.joined(separator: "; ") + "."))
        }
        blocks += priorityNotes(shown.result).map { .note("Ưu tiên khi bằng điểm — \($0)") }
        return OfficialDocument(
            heading: issuer.heading, title: "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG", summary: "Năm \(year)", blocks: blocks,
            signatures: [Signature(authority: "\(issuer.heading.onBehalfPrefix) \(DocumentFormat.uppercased(bloc))",
                                   title: DocumentFormat.uppercased("Đơn vị \(issuer.kind.headTitle)"), name: "")],
            recipients: ["Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh", "Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"])
    }

    static func tableWorkbook(_ table: ScoringTable?, name: String?, bloc: String, year: Int) -> Workbook {
        var rows: [[SheetCell]] = [
            [.text(DocumentFormat.uppercased(bloc), .title)],
            [.text("BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM \(year)", .title)],
            [.text(name ?? "", .plain)],
            ["Mã", "Nội dung tiêu chí", "Loại", "Điểm", "Người chấm", "Cần minh chứng"].map { .text($0, .header) },
        ]
        for row in TableController.outline(table) {
            let style: SheetCell.Style = row.group ? .boldCell : .cell
            rows.append([.text(row.code, style), .text(String(repeating: "   ", count: row.depth) + row.title, style),
                         .text(row.kind, style), .text(row.points, style), .text(row.scorer, style),
                         .text(row.evidence ? "Có" : "", style)])
        }
        return Workbook(sheets: [Worksheet(name: "Bảng tiêu chí \(year)", columnWidths: [8, 60, 14, 18, 16, 12], rows: rows,
                                           merges: (0..<3).map { CellRange(firstRow: $0, firstColumn: 0, lastRow: $0, lastColumn: 5) })])
    }

    static func sheetWorkbook(_ state: ScoringService.SheetState, table: ScoringTable, unit: String, round: String, year: Int) -> Workbook {
        let evidence = Dictionary(grouping: state.evidence, by: \.criterionID)
        var rows: [[SheetCell]] = [
            [.text(DocumentFormat.uppercased(unit), .title)],
            [.text("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM \(year)", .title)],
            [.text("\(round). Trạng thái: \(state.status.label)", .plain)],
            ["Mã", "Nội dung tiêu chí", "Điểm tối đa", "Đơn vị tự chấm", "Sau thẩm định", "Minh chứng"].map { .text($0, .header) },
        ]
        for (criterion, depth) in table.outline() {
            let group = criterion.kind == .group
            let style: SheetCell.Style = group ? .boldCell : .cell
            rows.append([.text(criterion.code, style), .text(String(repeating: "   ", count: depth) + criterion.title, style),
                         .text(group ? table.baseTotal(under: criterion.id).description : criterion.maximum?.description ?? "", style),
                         .text(SheetDraft.text(state.own[criterion.id], under: criterion), style),
                         .text(SheetDraft.text(state.merged[criterion.id], under: criterion), style),
                         .text((evidence[criterion.id] ?? []).map(\.originalName).joined(separator: "; "), style)])
        }
        rows.append([.text("", .boldCell), .text("Tổng điểm", .boldCell), .text("", .boldCell),
                     .number(number(state.totals.selfScored), .boldDecimal), .number(number(state.totals.total), .boldDecimal),
                     .text("", .boldCell)])
        return Workbook(sheets: [Worksheet(name: "Bảng điểm \(year)", columnWidths: [8, 56, 12, 14, 14, 40], rows: rows,
                                           merges: (0..<3).map { CellRange(firstRow: $0, firstColumn: 0, lastRow: $0, lastColumn: 5) })])
    }

    static func tableDocument(_ table: ScoringTable?, name: String?, issuer: DocumentIssuer, bloc: String, year: Int) -> OfficialDocument {
        let outline = TableController.outline(table)
        var rows = outline.map { [$0.code, String(repeating: "   ", count: $0.depth) + $0.title, $0.kind, $0.points, $0.scorer] }
        var bold = Set(outline.enumerated().filter { $0.element.group }.map(\.offset))
        if let table {
            bold.insert(rows.count)
            rows.append(["", "Tổng điểm", "", table.declaredTotal.description, ""])
        }
        return OfficialDocument(
            heading: issuer.heading, title: "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA", summary: "Năm \(year)" + (name.map { ": \($0)" } ?? ""),
            blocks: [.table(DocumentTable(headers: ["Mã", "Nội dung tiêu chí", "Loại", "Điểm", "Người chấm"], rows: rows,
                                          widths: [2, 10, 3, 3, 3], boldRows: bold))],
            signatures: [Signature(authority: "\(issuer.heading.onBehalfPrefix) \(DocumentFormat.uppercased(bloc))",
                                   title: DocumentFormat.uppercased("Đơn vị \(issuer.kind.headTitle)"), name: "")],
            recipients: ["Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"])
    }

    static func planDocument(_ plan: [PlanActivityModel], issuer: DocumentIssuer, bloc: String, year: Int,
                             table: String?) -> OfficialDocument {
        let rows = plan.enumerated().map { index, row -> [String] in
            let activity = row.core
            return ["\(index + 1)", activity.title,
                    activity.startsOn.vietnamese + (activity.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                    row.ownerUnit?.name ?? "Cả \(issuer.kind.noun)", activity.notes ?? ""]
        }
        var blocks: [DocumentBlock] = [.dashed(LegalBasis.emulationTexts(on: LocalDate(year: year, month: 1, day: 1)!).map { $0 + ";" }),
                                       .heading("I. MỤC ĐÍCH, YÊU CẦU"), .numbered(PlanWording.purposes),
                                       .heading("II. NỘI DUNG HOẠT ĐỘNG")]
        blocks.append(rows.isEmpty ? .paragraph("Chưa có hoạt động nào.")
                      : .table(DocumentTable(headers: ["TT", "Nội dung", "Thời gian", "Đơn vị chủ trì", "Ghi chú"], rows: rows,
                                             widths: [1, 8, 4, 4, 3])))
        if let table { blocks.append(.paragraph("Việc chấm điểm, xếp hạng theo bảng tiêu chí «\(table)» của năm \(year).")) }
        blocks += [.heading("III. TỔ CHỨC THỰC HIỆN"), .numbered(PlanWording.organisation)]
        return OfficialDocument(
            heading: issuer.heading, title: DocumentType.plan.title, summary: PlanWording.summary(bloc: bloc, year: year),
            blocks: blocks,
            signatures: [Signature(authority: "\(issuer.heading.onBehalfPrefix) \(DocumentFormat.uppercased(bloc))",
                                   title: DocumentFormat.uppercased("Đơn vị \(issuer.kind.headTitle)"), name: "")],
            recipients: ["Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh", "Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"])
    }
}
