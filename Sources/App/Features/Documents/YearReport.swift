import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Báo cáo sơ kết 6 tháng / tổng kết năm of a bloc's year, with the year's statistics read
/// from what the year recorded: the members (pact signed, registered), the movements, the
/// published ranking (the year-end report) and the awards proposed and decided (lượt) for
/// the members' staff and selves. Issued in the head's "BC" series.
struct YearReport: Sendable {
    struct Member: Sendable { var name: String; var signed: Bool; var registered: Bool }
    struct Movement: Sendable { var title: String; var kind: String; var when: String; var body: String }

    let kind: ReportKind
    let bloc: String
    let year: Int
    let headTitle: String
    let deputyTitle: String
    let head: String?
    let deputy: String?
    let members: [Member]
    let movements: [Movement]
    /// Published only; nil for the mid-year report or before publication.
    let ranking: RankingResult?
    let awards: AwardCounts

    static func subject(_ yearID: UUID, _ kind: ReportKind) -> String { "report:\(yearID.uuidString):\(kind.rawValue)" }

    static func load(req: Request, context: YearContext, kind: ReportKind) async throws -> YearReport {
        let model = try context.opened()
        let store = req.registry
        let members = try await context.members(req)
        let memberIDs = members.map { $0.membership.$unit.id }
        let signed = Set(try await store.signatures(of: model.id!).map(\.$unit.id))
        let registered = Set(try await store.registrations(of: model.id!).map(\.$unit.id))
        let offices = try await store.units(ids: [context.head, context.deputy].compactMap { $0 })
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let blocKind = context.bloc.core.kind
        let movements = try await store.movements(ofYear: model.id!).map { row in
            let movement = row.core
            return Movement(title: movement.title, kind: movement.kind.label,
                            when: movement.launchedOn.vietnamese + (movement.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                            body: movement.launchingBody)
        }
        // Lượt: the lines sent to the province for the members' staff and selves (not those
        // returned), and the awards decided for the year.
        let catalogue = AwardCatalogue.standard
        func line(_ code: String, _ subject: String) -> ProposalWording.Line {
            ProposalWording.Line(awardName: catalogue.type(AwardCode(code))?.name ?? code, collective: subject == AwardSubject.collective.rawValue)
        }
        let sent: [ProposalStatus] = [.submitted, .received, .atCouncil, .decided]
        let proposals = try await AwardProposalModel.query(on: req.db).filter(\.$year == context.year)
            .filter(\.$status ~~ sent.map(\.rawValue)).all().map { $0.id! }
        let lines = proposals.isEmpty || memberIDs.isEmpty ? [] : try await AwardProposalLineModel.query(on: req.db)
            .filter(\.$proposal.$id ~~ proposals).filter(\.$unitID ~~ memberIDs).sort(\.$position).all()
            .filter { $0.lineStatus != .returned }
        let records = memberIDs.isEmpty ? [] : try await AwardRecordModel.query(on: req.db).filter(\.$year == context.year)
            .filter(\.$unitID ~~ memberIDs).all()
        return YearReport(
            kind: kind, bloc: context.bloc.name, year: context.year, headTitle: blocKind.headTitle, deputyTitle: blocKind.deputyTitle,
            head: context.head.map { names[$0] ?? offices[$0]?.name ?? "" }, deputy: context.deputy.map { names[$0] ?? offices[$0]?.name ?? "" },
            members: members.map { Member(name: $0.nameThen, signed: signed.contains($0.membership.$unit.id),
                                          registered: registered.contains($0.membership.$unit.id)) },
            movements: movements,
            ranking: kind == .annual ? try await store.currentRanking(of: model.id!) : nil,
            awards: AwardCounts(proposed: lines.map { line($0.code, $0.subject) }, decided: records.map { line($0.code, $0.subject) }))
    }

    // MARK: - The tables, one source for the DOCX and the XLSX

    static let memberHeaders = ["TT", "Đơn vị thành viên", "Ký giao ước", "Đăng ký thi đua"]
    var memberRows: [[String]] {
        members.enumerated().map { ["\($0.offset + 1)", $0.element.name, $0.element.signed ? "Đã ký" : "Chưa ký",
                                    $0.element.registered ? "Đã đăng ký" : "Chưa đăng ký"] }
    }

    static let movementHeaders = ["TT", "Phong trào thi đua", "Loại", "Thời gian", "Cơ quan phát động"]
    var movementRows: [[String]] {
        movements.enumerated().map { ["\($0.offset + 1)", $0.element.title, $0.element.kind, $0.element.when, $0.element.body] }
    }

    static let rankingHeaders = ["Hạng", "Đơn vị", "Tổng điểm", "Xếp loại"]
    var rankingRows: [[String]] {
        (ranking?.rows ?? []).map { ["\($0.rank)", $0.name, $0.final.description, $0.classification] }
    }

    static let awardHeaders = ["Hình thức, danh hiệu", "Đề nghị: tập thể", "Đề nghị: cá nhân", "Được khen: tập thể", "Được khen: cá nhân"]
    var awardRows: [[String]] {
        (awards.rows + [awards.total]).map {
            [$0.awardName, "\($0.proposedCollective)", "\($0.proposedIndividual)", "\($0.decidedCollective)", "\($0.decidedIndividual)"]
        }
    }

    var name: String { "\(kind.label) \(year)" }

    func document(_ issuer: DocumentIssuer) -> OfficialDocument {
        let unsigned = members.filter { !$0.signed }.map(\.name)
        let unregistered = members.filter { !$0.registered }.map(\.name)
        var blocks: [DocumentBlock] = [
            .paragraph(ReportWording.opening(kind: kind, bloc: bloc, year: year)),
            .heading("I. KẾT QUẢ THỰC HIỆN"),
            .heading("1. Tổ chức của khối"),
            .paragraph(ReportWording.organisation(bloc: bloc, members: members.count, headTitle: headTitle, head: head, deputyTitle: deputyTitle, deputy: deputy)),
            .table(DocumentTable(headers: Self.memberHeaders, rows: memberRows, widths: [1, 9, 3, 4])),
            .heading("2. Các phong trào thi đua"),
            .paragraph("Trong \(kind.period(year)), \(bloc) triển khai \(movements.count) phong trào thi đua."),
        ]
        if !movements.isEmpty {
            blocks.append(.table(DocumentTable(headers: Self.movementHeaders, rows: movementRows, widths: [1, 8, 3, 4, 5])))
        }
        var section = 3
        if kind == .annual {
            blocks.append(.heading("\(section). Kết quả chấm điểm, xếp hạng"))
            blocks.append(ranking == nil ? .paragraph("Kết quả xếp hạng năm \(year) chưa được công bố.")
                          : .table(DocumentTable(headers: Self.rankingHeaders, rows: rankingRows, widths: [2, 9, 3, 4], numericColumns: [0, 2])))
            section += 1
        }
        let table = awardRows
        blocks += [.heading("\(section). Công tác khen thưởng"), .paragraph(awards.sentence),
                   .table(DocumentTable(headers: Self.awardHeaders, rows: table, widths: [7, 3, 3, 3, 3], boldRows: [table.count - 1],
                                        numericColumns: [1, 2, 3, 4])),
                   .heading("II. TỒN TẠI, HẠN CHẾ"), .dashed(ReportWording.limitations(unsigned: unsigned, unregistered: unregistered)),
                   .heading("III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"), .numbered(ReportWording.tasks(kind: kind, year: year))]
        return OfficialDocument(
            heading: issuer.heading, title: DocumentType.report.title, summary: kind.summary(bloc: bloc, year: year), blocks: blocks,
            signatures: [Signature(authority: "\(issuer.heading.onBehalfPrefix) \(DocumentFormat.uppercased(bloc))",
                                   title: "ĐƠN VỊ TRƯỞNG KHỐI", name: "")],
            recipients: ["Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh", "Các đơn vị thành viên", "Lưu: VT, \(issuer.shortName)"])
    }

    /// The report's tables, a sheet each, under a title row that dates them: the figures are
    /// read when downloaded, so after the report is issued they may have moved on from it.
    func workbook(asOf date: LocalDate) -> Workbook {
        func sheet(_ name: String, _ heading: String, _ headers: [String], _ rows: [[String]], numeric: Set<Int>, widths: [Double]) -> Worksheet {
            let title = "\(heading) (số liệu đến ngày \(date.vietnamese))"
            var cells: [[SheetCell]] = [[.text(title, .title)], headers.map { .text($0, .header) }]
            for row in rows {
                cells.append(row.enumerated().map { column, text in
                    numeric.contains(column) ? Double(text.replacingOccurrences(of: ",", with: ".")).map { .number($0) } ?? .text(text) : .text(text)
                })
            }
            return Worksheet(name: name, columnWidths: widths, rows: cells,
                             merges: [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: headers.count - 1)])
        }
        let period = kind.period(year).uppercased(with: Locale(identifier: "vi_VN"))
        var sheets = [sheet("Thành viên", "ĐƠN VỊ THÀNH VIÊN \(period)", Self.memberHeaders, memberRows, numeric: [0], widths: [6, 44, 14, 16]),
                      sheet("Phong trào", "PHONG TRÀO THI ĐUA \(period)", Self.movementHeaders, movementRows, numeric: [0], widths: [6, 50, 16, 26, 30])]
        if kind == .annual {
            sheets.append(sheet("Xếp hạng", "KẾT QUẢ XẾP HẠNG \(period)", Self.rankingHeaders, rankingRows, numeric: [0, 2], widths: [8, 44, 12, 16]))
        }
        sheets.append(sheet("Khen thưởng", "KHEN THƯỞNG \(period) (LƯỢT)", Self.awardHeaders, awardRows, numeric: [1, 2, 3, 4],
                            widths: [44, 14, 14, 16, 16]))
        return Workbook(sheets: sheets)
    }
}

extension DocumentService {
    func reportDraft(context: YearContext, kind: ReportKind) async throws -> NumberedDraft {
        let model = try context.opened()
        let report = try await YearReport.load(req: req, context: context, kind: kind)
        let date = req.today
        let issuer = try await DocumentIssuer.load(req: req, context: context, date: date)
        return NumberedDraft(document: report.document(issuer), issuer: issuer, type: .report, date: date,
                             subject: YearReport.subject(model.id!, kind), name: report.name)
    }

    func reportFile(context: YearContext, kind: ReportKind) async throws -> DocumentFile {
        if let issued = try await issued(subject: YearReport.subject(try context.opened().id!, kind)) { return try file(of: issued) }
        return try await file(of: reportDraft(context: context, kind: kind))
    }

    /// Issues the report: the head only, once per report of the year.
    @discardableResult
    func issueReport(context: YearContext, kind: ReportKind) async throws -> IssuedDocumentModel {
        try req.authorize(.leadBloc, context.resource)
        if let refusal = kind.issueRefusal(state: try context.opened().yearState) { throw DomainError.conflict(refusal) }
        return try await issue(reportDraft(context: context, kind: kind))
    }
}

extension DocumentController {
    /// The report a path names: «so-ket» / «tong-ket» on the pages, «mid-year» / «annual» on the API.
    static func reportKind(_ req: Request) throws -> ReportKind {
        let slug = req.parameters.get("report") ?? ""
        guard let kind = ReportKind(rawValue: slug) ?? ReportKind.allCases.first(where: { $0.apiSlug == slug }) else {
            throw DomainError.notFound("Không có loại báo cáo này; chọn «so-ket» hoặc «tong-ket» (trên API: «mid-year» hoặc «annual»).")
        }
        return kind
    }

    static func reportDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).reportFile(context: context, kind: try reportKind(req)).response(DocumentFile.docxType)
    }

    static func reportPDF(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).reportFile(context: context, kind: try reportKind(req))
            .pdf(on: req).response(DocumentFile.pdfType)
    }

    static func reportXlsx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let report = try await YearReport.load(req: req, context: context, kind: try reportKind(req))
        return DocumentFile(data: try XlsxWriter.write(report.workbook(asOf: req.today)),
                            name: report.name + " - số liệu ngày \(req.today.iso).xlsx", issued: nil).response(DocumentFile.xlsxType)
    }

    static func issueReport(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        do {
            try await DocumentService(req: req).issueReport(context: context, kind: try reportKind(req))
            return req.redirect(to: context.url() + "#bao-cao")
        } catch let error as DomainError {
            return try await YearController.overview(req: req, context: context, error: error)
        }
    }

    /// The year page's reports: each with its files, its number once issued, and (for the
    /// head, before it is issued) the issuing form.
    struct ReportRow: Encodable { var label: String; var number: String?; var docx: String; var pdf: String?; var xlsx: String; var issueAction: String? }

    static func reportRows(req: Request, context: YearContext, canLead: Bool) async throws -> [ReportRow] {
        let model = try context.opened()
        // Both reports' numbers in one statement.
        let subjects = ReportKind.allCases.map { YearReport.subject(model.id!, $0) }
        let issued = Dictionary(try await IssuedDocumentModel.query(on: req.db).filter(\.$subject ~~ subjects).all().map { ($0.subject, $0.numberText) },
                                uniquingKeysWith: { a, _ in a })
        var rows: [ReportRow] = []
        for kind in ReportKind.allCases {
            let number = issued[YearReport.subject(model.id!, kind)]
            rows.append(ReportRow(label: kind.label, number: number, docx: context.url(.reportDocx(kind)),
                                  pdf: PDFSupport.available ? context.url(.reportPDF(kind)) : nil, xlsx: context.url(.reportXlsx(kind)),
                                  issueAction: canLead && number == nil ? context.url(.reportIssue(kind)) : nil))
        }
        return rows
    }
}

extension ReportKind {
    /// The report's name in the API's paths.
    var apiSlug: String {
        switch self {
        case .midYear: "mid-year"
        case .annual: "annual"
        }
    }
}

extension DocumentAPIController {
    static func issueReport(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let issued = try await DocumentService(req: req).issueReport(context: context, kind: try DocumentController.reportKind(req))
        return try await IssuedDocument(issued).encodeResponse(status: .created, for: req)
    }

    static func issueHandover(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let issued = try await DocumentService(req: req).issueHandover(context: context, conference: try req.id("conferenceID"))
        return try await IssuedDocument(issued).encodeResponse(status: .created, for: req)
    }
}
