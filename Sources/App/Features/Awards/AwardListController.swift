import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Xét cả danh sách as a JSON answer: the counts of the whole list and the lines asked for.
struct EligibilityListDTO: Content {
    struct Counts: Content { var total: Int; var pass: Int; var fail: Int; var review: Int }
    struct Line: Content {
        var recipientID: UUID
        var recipientName: String
        var detail: String
        var outcome: String
        var eligible: Bool
        var summary: String
        var explanation: Explanation
    }
    var award: String
    var awardName: String
    var year: Int
    var date: String
    var scope: String
    var counts: Counts
    var lines: [Line]

    init(_ list: EligibilityList, lines shown: [EligibilityList.Line]) {
        award = list.award.rawValue
        awardName = list.awardName
        year = list.year
        date = list.date.iso
        scope = list.scope
        counts = Counts(total: list.lines.count, pass: list.count(.pass), fail: list.count(.fail), review: list.count(.review))
        lines = shown.map {
            Line(recipientID: $0.recipientID, recipientName: $0.recipientName, detail: $0.detail, outcome: $0.outcome.rawValue,
                 eligible: $0.explanation.eligible, summary: $0.explanation.summary, explanation: $0.explanation)
        }
    }
}

/// Danh sách kèm theo quyết định as JSON.
struct DecisionRecipientsDTO: Content {
    struct Row: Content { var position: Int; var name: String; var positionAndUnit: String; var awardName: String; var subject: String }
    var number: String
    var date: String
    var issuer: String
    var attachedTo: String
    var rows: [Row]

    init(_ recipients: DecisionRecipients) {
        number = recipients.number
        date = recipients.date.iso
        issuer = recipients.issuer
        attachedTo = recipients.attachedTo
        rows = recipients.ordered.enumerated().map {
            Row(position: $0.offset + 1, name: $0.element.name, positionAndUnit: $0.element.positionAndUnit, awardName: $0.element.awardName,
                subject: $0.element.collective ? AwardSubject.collective.rawValue : AwardSubject.individual.rawValue)
        }
    }
}

/// The page, the API and the files of the awards' lists; each calls `AwardService`.
enum AwardListController {
    static let names: Set<String> = ["award", "year", "date", "unitID", "blocID", "outcome", "order"]

    static func input(_ req: Request) -> EligibilityListInput {
        EligibilityListInput(award: req.queryText("award"), year: req.queryText("year"), date: req.queryText("date"),
                             unitID: req.queryText("unitID"), blocID: req.queryText("blocID"), outcome: req.queryText("outcome"),
                             order: req.queryText("order"))
    }

    static func batch(req: Request) async throws -> EligibilityListDTO {
        let (list, filter, order) = try await AwardService(req: req).explainList(try req.content.decode(EligibilityListInput.self))
        return EligibilityListDTO(list, lines: list.shown(filter, order))
    }

    /// The page's file: the list of the page's query.
    static func xlsx(req: Request) async throws -> Response {
        try req.checkQueryNames(names)
        return try await spreadsheet(req, input(req))
    }

    /// The API's file: the list of the same body as `batch`.
    static func batchSpreadsheet(req: Request) async throws -> Response {
        try await spreadsheet(req, try req.content.decode(EligibilityListInput.self))
    }

    static func spreadsheet(_ req: Request, _ input: EligibilityListInput) async throws -> Response {
        let (list, filter, order) = try await AwardService(req: req).explainList(input)
        let workbook = AwardListDocuments.eligibilityWorkbook(list, lines: list.shown(filter, order))
        return DocumentFile(data: try XlsxWriter.write(workbook), name: "Xét điều kiện \(list.awardName) \(list.year).xlsx", issued: nil)
            .response(DocumentFile.xlsxType)
    }

    // MARK: - The page

    struct Page: Encodable {
        struct Line: Encodable {
            var number: Int; var name: String; var detail: String; var outcome: String; var outcomeLabel: String
            var conditions: [AwardPages.SubjectPage.Condition]; var link: String
        }
        var head: PageHead
        var action: String
        var addForm: FormPage.FieldGroup
        var errors: [String]
        var checked: Bool
        var title: String
        var summary: String
        var filters: [Link]
        var orders: [Link]
        var download: String
        var lines: [Line]
    }

    static func page(req: Request) async throws -> Response {
        try req.checkQueryNames(names)
        let typed = input(req)
        var errors: [String] = []
        var result: (list: EligibilityList, filter: EligibilityList.Filter, order: EligibilityList.Order)?
        let asked = typed.award != nil || typed.unitID != nil || typed.blocID != nil
        if asked {
            do {
                result = try await AwardService(req: req).explainList(typed)
            } catch let error as DomainError {
                errors = error.issues.map(\.message)
            }
        }
        let page = try await render(req: req, typed: typed, result: result, errors: errors)
        return try await req.view.render("eligibility-list", page).encodeResponse(status: errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// The query of the page with some names changed: for the filter, order and file links.
    static func query(_ input: EligibilityListInput, _ changes: [String: String]) -> String {
        let values: [(String, String?)] = [("award", input.award), ("year", input.year), ("date", input.date), ("unitID", input.unitID),
                                           ("blocID", input.blocID), ("outcome", input.outcome), ("order", input.order)]
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+")
        return values.compactMap { name, value in
            (changes[name] ?? value).flatMap { $0.isEmpty ? nil : "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0)" }
        }.joined(separator: "&")
    }

    static func render(req: Request, typed: EligibilityListInput, result: (list: EligibilityList, filter: EligibilityList.Filter, order: EligibilityList.Order)?,
                       errors: [String]) async throws -> Page {
        let store = req.registry
        let actor = req.actor
        // The province's lists, and those of the provinces merged into it (their past years).
        let provinces = Array((actor?.officerProvinces ?? []).union(actor?.inheritedOfficerProvinces ?? []))
        let ownUnits = Array(actor?.officerUnits ?? [])
        var units = Array(try await store.units(ids: ownUnits).values)
        var blocs: [BlocModel] = []
        if actor?.isAdmin == true {
            // The admin may check any list (as the API lets them): every unit in force, every bloc.
            units += try await UnitModel.query(on: req.db).filter(\.$validTo == nil).all()
            blocs = try await BlocModel.query(on: req.db).all()
        } else if !provinces.isEmpty {
            units += try await UnitModel.query(on: req.db).filter(\.$province.$id ~~ provinces).all()
            blocs = try await BlocModel.query(on: req.db).filter(\.$province.$id ~~ provinces).all()
        }
        if !ownUnits.isEmpty {
            let headed = try await BlocOfficeModel.query(on: req.db).filter(\.$unit.$id ~~ ownUnits).filter(\.$role == BlocOfficeRole.head.rawValue).all()
            blocs += try await BlocModel.query(on: req.db).filter(\.$id ~~ Array(Set(headed.map(\.$bloc.id)))).all()
        }
        var seenUnits = Set<UUID>(), seenBlocs = Set<UUID>()
        units = units.filter { seenUnits.insert($0.id!).inserted }.sorted { $0.sortKey < $1.sortKey }
        blocs = blocs.filter { seenBlocs.insert($0.id!).inserted }.sorted { $0.sortKey < $1.sortKey }
        let catalogue = AwardService(req: req).catalogue
        let fields = FormPage.FieldGroup(errors: [], fields: [
            .select("award", "Danh hiệu, hình thức", catalogue.types.filter { $0.validity.contains(req.today) }
                .map { ($0.code.rawValue, $0.nameWithSubject) }, selected: [typed.award ?? ""], required: true),
            .select("unitID", "Cán bộ của đơn vị (danh hiệu cá nhân)", Choices.units(units), selected: [typed.unitID ?? ""]),
            .select("blocID", "Các đơn vị thành viên của khối (danh hiệu tập thể)",
                    blocs.map { ($0.id!.uuidString, $0.name + ($0.core.validity.to.map { " (đến \($0.vietnamese))" } ?? "")) },
                    selected: [typed.blocID ?? ""]),
            .number("year", "Năm thành tích", typed.year ?? String(req.today.year - 1)),
            .date("date", "Ngày xét", typed.date ?? req.today.iso),
        ])
        var page = Page(head: req.head("Xét điều kiện cả danh sách", section: "awards"), action: SiteURL.eligibilityList.path, addForm: fields,
                        errors: errors, checked: false, title: "", summary: "", filters: [], orders: [], download: "", lines: [])
        guard let (list, filter, order) = result else { return page }
        let base = SiteURL.eligibilityList.path + "?"
        page.checked = true
        page.title = "\(list.awardName) năm \(list.year) — \(list.scope)"
        page.summary = "\(list.lines.count) dòng, xét ngày \(list.date.vietnamese): \(list.count(.pass)) đủ điều kiện, \(list.count(.fail)) chưa đủ điều kiện, \(list.count(.review)) cần xem xét."
        page.filters = EligibilityList.Filter.allCases.map { f in
            let count = f == .all ? list.lines.count : list.lines.filter { $0.outcome.rawValue == f.rawValue }.count
            return Link(label: "\(f.label) (\(count))" + (f == filter ? " ✓" : ""), href: base + query(typed, ["outcome": f.rawValue]))
        }
        page.orders = EligibilityList.Order.allCases.map { o in
            Link(label: o.label + (o == order ? " ✓" : ""), href: base + query(typed, ["order": o.rawValue]))
        }
        page.download = SiteURL.eligibilityListXlsx.path + "?" + query(typed, [:])
        let individual = typed.unitID != nil
        page.lines = list.shown(filter, order).enumerated().map { index, line in
            Page.Line(number: index + 1, name: line.recipientName, detail: line.detail, outcome: line.outcome.rawValue,
                      outcomeLabel: line.outcome.label,
                      conditions: line.explanation.conditions.filter { $0.outcome != .pass }.map(AwardPages.condition),
                      link: (individual ? SiteURL.personAwards(line.recipientID) : .unitAwards(line.recipientID)).path
                        + "?" + query(EligibilityListInput(award: typed.award, year: String(list.year), date: list.date.iso), [:]))
        }
        return page
    }

    // MARK: - The certificate list of a decision

    /// The proposal page's links to its decision's list: DOCX, XLSX, and PDF where LibreOffice is.
    static func recipientDownloads(_ id: UUID) -> [Link] {
        [Link(label: "Danh sách kèm theo quyết định (DOCX)", href: SiteURL.decisionRecipientsDocx(id).path),
         Link(label: "Danh sách kèm theo quyết định (XLSX)", href: SiteURL.decisionRecipientsXlsx(id).path)]
            + (PDFSupport.available ? [Link(label: "Danh sách kèm theo quyết định (PDF)", href: SiteURL.decisionRecipientsPDF(id).path)] : [])
    }

    static func recipients(req: Request) async throws -> DecisionRecipientsDTO {
        DecisionRecipientsDTO(try await AwardService(req: req).decisionRecipients(proposal: try req.id("proposalID")))
    }

    static func docxFile(_ req: Request) async throws -> DocumentFile {
        let recipients = try await AwardService(req: req).decisionRecipients(proposal: try req.id("proposalID"))
        return DocumentFile(data: try DocxWriter.write(AwardListDocuments.recipientDocument(recipients)),
                            name: AwardListDocuments.recipientFileName(recipients) + ".docx", issued: nil)
    }

    static func recipientsDocx(req: Request) async throws -> Response {
        try await docxFile(req).response(DocumentFile.docxType)
    }

    static func recipientsPDF(req: Request) async throws -> Response {
        try await docxFile(req).pdf(on: req).response(DocumentFile.pdfType)
    }

    static func recipientsXlsx(req: Request) async throws -> Response {
        let recipients = try await AwardService(req: req).decisionRecipients(proposal: try req.id("proposalID"))
        return DocumentFile(data: try XlsxWriter.write(AwardListDocuments.recipientWorkbook(recipients)),
                            name: AwardListDocuments.recipientFileName(recipients) + ".xlsx", issued: nil).response(DocumentFile.xlsxType)
    }
}
