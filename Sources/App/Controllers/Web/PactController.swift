import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Giao ước thi đua: the targets per unit (set by the head), each unit's signature, the
/// printed pact.
enum PactController {
    struct PactPage: Encodable {
        struct UnitRow: Encodable {
            var unitID: String
            var name: String
            var shortName: String
            var targets: [String]
            var targetsText: String
            var signed: Bool
            var signer: String?
            var signedAt: String?
            var canSign: Bool
            var signAction: String
            var signerName: String
            var signerPosition: String
            var errors: [String]
        }
        var head: PageHead
        var heading: String
        var back: String
        var year: Int
        var stateLabel: String
        var open: Bool
        var canLead: Bool
        var pactDate: String?
        var pactPlace: String?
        var units: [UnitRow]
        var targetsAction: String
        var targetErrors: [String]
        var printHref: String
        var tableHref: String
        var signedCount: Int
        /// Documents (issue 15): the DOCX, the PDF when LibreOffice is installed, issuing.
        var docxHref: String
        var pdfHref: String?
        var pdfNote: String?
        var issuedNumber: String?
        var issueAction: String?
    }

    static func render(req: Request, context: YearContext, error: DomainError? = nil, errorUnit: UUID? = nil,
                       sign: SignInput? = nil) async throws -> Response {
        let model = try context.opened()
        let store = req.registry
        let members = try await context.members(req)
        let targets = try await store.targets(of: model.id!)
        let signatures = Dictionary(try await store.signatures(of: model.id!).map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        let canLead = req.can(.leadBloc, context.resource)
        let open = model.yearState == .planning
        let units = members.map { member -> PactPage.UnitRow in
            let unit = member.membership.$unit.id
            let lines = targets.filter { $0.$unit.id == unit }.map(\.text)
            let signature = signatures[unit]
            let mine = errorUnit == unit
            return .init(unitID: unit.uuidString, name: member.nameThen, shortName: member.membership.unit.shortName,
                         targets: lines, targetsText: lines.joined(separator: "\n"), signed: signature != nil,
                         signer: signature.map { "\($0.signerName), \($0.signerPosition)" },
                         signedAt: signature.map { RoleNames.dateTime($0.signedAt) },
                         canSign: open && signature == nil
                             && req.can(.signPact, .yearUnit(unit: unit, province: context.bloc.$province.id, head: context.head)),
                         signAction: context.url(.sign(unit)), signerName: mine ? sign?.signerName ?? "" : "",
                         signerPosition: mine ? sign?.signerPosition ?? "" : "",
                         errors: mine ? error?.issues.map(\.message) ?? [] : [])
        }
        let issued = try await DocumentService(req: req).issued(subject: "pact:\(model.id!.uuidString)")
        let page = PactPage(
            head: req.head("Giao ước thi đua năm \(context.year)", section: "blocs"),
            heading: "Giao ước thi đua năm \(context.year): \(context.bloc.name)", back: context.url(), year: context.year,
            stateLabel: model.yearState.label, open: open, canLead: canLead, pactDate: model.dates.pactDate?.vietnamese,
            pactPlace: model.pactPlace, units: units, targetsAction: context.url(.targets),
            targetErrors: errorUnit == nil ? error?.issues.map(\.message) ?? [] : [],
            printHref: context.url(.pactPrint), tableHref: context.url(.table),
            signedCount: units.filter(\.signed).count,
            docxHref: context.url(.pactDocx), pdfHref: PDFSupport.available ? context.url(.pactPDF) : nil,
            pdfNote: PDFSupport.available ? nil : PDFSupport.unavailable, issuedNumber: issued?.numberText,
            issueAction: canLead && issued == nil && context.head != nil ? context.url(.pactIssue) : nil)
        return try await req.view.render("pact", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, context: try await YearContext.load(req))
    }

    /// One unit's targets, one a line, replacing what was there.
    static func saveTargets(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(TargetsInput.self)
        do {
            guard let unit = input.unitID.flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid(field: "unitID", "Hãy chọn đơn vị.")
            }
            let lines = (input.text ?? "").split(whereSeparator: \.isNewline).map(String.init)
                .filter { !VietnameseText.normalized($0).isEmpty }
            try await YearService(req: req, context: context).replaceTargets(lines.map { PactTarget(unitID: unit, text: $0) }, unit: unit)
            return req.redirect(to: context.url(.pact))
        } catch let error as DomainError {
            return try await render(req: req, context: context, error: error)
        }
    }

    static func sign(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let unit = try req.id("unitID")
        let input = try req.content.decode(SignInput.self)
        do {
            try await YearService(req: req, context: context).sign(unit: unit, signerName: input.signerName, signerPosition: input.signerPosition)
            return req.redirect(to: context.url(.pact))
        } catch let error as DomainError {
            return try await render(req: req, context: context, error: error, errorUnit: unit, sign: input)
        }
    }

    // MARK: - Print

    /// The print view (A4, Times New Roman) of the pact: the same document as its DOCX, in
    /// the head unit's format (ND 30 or HD 36); the issued one once the pact is issued.
    static func print(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        var pact = try await PactDocument.build(req: req, context: context)
        if let issued = try await DocumentService(req: req).issued(subject: pact.subject) {
            pact.document.heading.number = issued.numberText
        }
        var downloads = [Link(label: "Tải DOCX", href: context.url(.pactDocx))]
        if PDFSupport.available { downloads.append(Link(label: "Tải PDF", href: context.url(.pactPDF))) }
        let page = DocumentPrintPage(pact.document, pageTitle: "Giao ước thi đua năm \(context.year)", downloads: downloads)
        return try await req.view.render("document-print", page).encodeResponse(for: req)
    }
}

/// Đăng ký thi đua: a unit's collective title and its staff's individual titles.
enum RegistrationController {
    struct RegistrationPage: Encodable {
        struct Person: Encodable { var id: String; var name: String; var position: String; var title: String }
        var head: PageHead
        var heading: String
        var back: String
        var unit: Link
        var editable: Bool
        var action: String
        var collectiveOptions: [SelectOption]
        var individualOptions: [SelectOption]
        var people: [Person]
        var errors: [String]
        var submitted: String?
        var acknowledged: String?
        /// Trưởng khối / Cụm trưởng.
        var headTitle: String
        var canAcknowledge: Bool
        var acknowledgeAction: String
        var deadline: String?
    }

    static func render(req: Request, context: YearContext, unitID: UUID, form: RegistrationForm?, error: DomainError?) async throws -> Response {
        let model = try context.opened()
        let unit = try await req.registry.unit(unitID)
        let members = Set(try await context.members(req).map(\.membership.$unit.id))
        guard members.contains(unitID) else { throw DomainError.notFound("Đơn vị không phải thành viên của khối năm \(context.year).") }
        let stored = try await req.registry.registration(of: model.id!, unit: unitID)
        let day = RegistryStore.memberDay(year: context.year, dates: model.dates, today: req.today)
        let staff = try await req.registry.staff(ofUnit: unitID, on: day)
        let typed: [String: String] = form.map { form in
            Dictionary(zip(form.personID ?? [], form.title ?? []).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        } ?? Dictionary((stored?.core.individuals ?? []).map { ($0.personID.uuidString, $0.title.rawValue) }, uniquingKeysWith: { a, _ in a })
        let collective = form?.collectiveTitle ?? stored?.collectiveTitle ?? CollectiveTitle.advancedCollective.rawValue
        let part = Resource.yearUnit(unit: unitID, province: context.bloc.$province.id, head: context.head)
        let page = RegistrationPage(
            head: req.head("Đăng ký thi đua năm \(context.year)", section: "blocs"),
            heading: "Đăng ký thi đua năm \(context.year): \(unit.name)", back: context.url(),
            unit: Link(label: unit.name, href: SiteURL.unit(unitID).path),
            editable: req.can(.register, part) && stored?.acknowledgedAt == nil && RegistrationRules.isOpen(state: model.yearState),
            action: context.url(.registration(unitID)),
            collectiveOptions: CollectiveTitle.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == collective) },
            individualOptions: IndividualTitle.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            people: staff.map { .init(id: $0.id.uuidString, name: $0.name, position: $0.position, title: typed[$0.id.uuidString] ?? "") },
            errors: error?.issues.map(\.message) ?? [],
            submitted: stored.map { "\(RoleNames.dateTime($0.submittedAt)) — \($0.submittedBy)" },
            acknowledged: stored?.acknowledgedAt.map { "\(RoleNames.dateTime($0)) — \(stored?.acknowledgedBy ?? "")" },
            headTitle: context.bloc.core.kind.headTitle,
            canAcknowledge: stored != nil && stored?.acknowledgedAt == nil && req.can(.leadBloc, context.resource),
            acknowledgeAction: context.url(.acknowledge(unitID)), deadline: model.dates.registrationDeadline?.vietnamese)
        return try await req.view.render("registration", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, context: try await YearContext.load(req), unitID: try req.id("unitID"), form: nil, error: nil)
    }

    static func submit(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let unitID = try req.id("unitID")
        let form = try req.content.decode(RegistrationForm.self)
        do {
            try await YearService(req: req, context: context).register(try form.validated(unitID: unitID))
            return req.redirect(to: context.url(.registration(unitID)))
        } catch let error as DomainError {
            return try await render(req: req, context: context, unitID: unitID, form: form, error: error)
        }
    }

    static func acknowledge(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let unitID = try req.id("unitID")
        try await YearService(req: req, context: context).acknowledge(unit: unitID)
        return req.redirect(to: context.url(.registration(unitID)))
    }
}
