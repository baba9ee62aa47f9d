import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Downloads of a bloc year's documents, from the page each belongs to, and issuing.
enum DocumentController {
    static func pactDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).pactFile(context: context).response(DocumentFile.docxType)
    }

    static func pactPDF(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await DocumentService(req: req).pactFile(context: context).pdf(on: req).response(DocumentFile.pdfType)
    }

    /// Numbers and files the pact; the pact page then offers the issued document.
    static func issuePact(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        do {
            try await DocumentService(req: req).issuePact(context: context)
            return req.redirect(to: context.url(.pact))
        } catch let error as DomainError {
            return try await PactController.render(req: req, context: context, error: error)
        }
    }
}

extension DocumentController {
    /// Links to a page's documents: DOCX and XLSX, and PDF of the DOCX when LibreOffice is here.
    static func downloads(_ context: YearContext, docx: SiteURL.YearPart?, xlsx: SiteURL.YearPart?) -> [Link] {
        var links: [Link] = []
        if let docx { links.append(Link(label: "DOCX", href: context.url(docx))) }
        if let xlsx { links.append(Link(label: "XLSX", href: context.url(xlsx))) }
        return links
    }

    static func rankingXlsx(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        let shown = try await ScoringService(req: req, context: context).shownRanking()
        let workbook = ScoringDocuments.rankingWorkbook(shown, table: context.table, bloc: context.year.bloc.name, year: context.year.year)
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Xếp hạng \(context.year.year).xlsx", issued: nil)
            .response(DocumentFile.xlsxType)
    }

    static func rankingDocx(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        let shown = try await ScoringService(req: req, context: context).shownRanking()
        let date = shown.current.map { AppEnvironment.vietnamDay(of: $0.publishedAt) } ?? req.today
        let issuer = try await DocumentIssuer.load(req: req, context: context.year, date: date)
        let document = ScoringDocuments.rankingDocument(shown, table: context.table, issuer: issuer,
                                                        bloc: context.year.bloc.name, year: context.year.year)
        return DocumentFile(data: try DocxWriter.write(document), name: "Xếp hạng \(context.year.year).docx", issued: nil)
            .response(DocumentFile.docxType)
    }

    /// Bảng tự chấm điểm: the unit's items, its own scores, the reviewed ones, its evidence.
    static func sheetXlsx(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let unitID = try req.id("unitID")
        guard let member = try await context.year.members(req).first(where: { $0.membership.$unit.id == unitID }) else {
            throw DomainError.notFound("Đơn vị không phải thành viên của \(context.year.bloc.core.kind.noun) năm \(context.year.year).")
        }
        let state = try await ScoringService(req: req, context: context).sheetState(unit: unitID)
        let workbook = ScoringDocuments.sheetWorkbook(state, table: context.table, unit: member.nameThen,
                                                      round: context.round.label, year: context.year.year)
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Bảng điểm \(context.year.year) - \(member.nameThen).xlsx",
                            issued: nil).response(DocumentFile.xlsxType)
    }

    static func tableDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let model = try context.opened()
        let table = try await req.registry.table(ofYear: model.id!)
        let issuer = try await DocumentIssuer.load(req: req, context: context, date: model.dates.pactDate ?? req.today)
        let document = ScoringDocuments.tableDocument(table?.core, name: table?.name, issuer: issuer, bloc: context.bloc.name,
                                                      year: context.year)
        return DocumentFile(data: try DocxWriter.write(document), name: "Bảng tiêu chí \(context.year).docx", issued: nil)
            .response(DocumentFile.docxType)
    }

    /// Kế hoạch hoạt động, dated the year's first day of planning (its opening) or today.
    static func planDocx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let model = try context.opened()
        let issuer = try await DocumentIssuer.load(req: req, context: context, date: req.today)
        let plan = try await req.registry.plan(of: model.id!)
        let table = try await req.registry.table(ofYear: model.id!)
        let document = ScoringDocuments.planDocument(plan, issuer: issuer, bloc: context.bloc.name, year: context.year, table: table?.name)
        return DocumentFile(data: try DocxWriter.write(document), name: "Kế hoạch \(context.year).docx", issued: nil)
            .response(DocumentFile.docxType)
    }

    static func tableXlsx(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let table = try await req.registry.table(ofYear: try context.opened().id!)
        let workbook = ScoringDocuments.tableWorkbook(table?.core, name: table?.name, bloc: context.bloc.name, year: context.year)
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Bảng tiêu chí \(context.year).xlsx", issued: nil)
            .response(DocumentFile.xlsxType)
    }
}

/// The same documents on the API.
enum DocumentAPIController {
    struct IssuedDocument: Content {
        var number: String
        var sha256: String
        var size: Int
        var issuedAt: Date
        var issuedBy: String

        init(_ issued: IssuedDocumentModel) {
            number = issued.numberText
            sha256 = issued.sha256
            size = issued.size
            issuedAt = issued.issuedAt
            issuedBy = issued.issuedBy
        }
    }

    static func issuePact(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let issued = try await DocumentService(req: req).issuePact(context: context)
        return try await IssuedDocument(issued).encodeResponse(status: .created, for: req)
    }
}
