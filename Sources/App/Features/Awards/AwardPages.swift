import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The awards' pages: each a context struct and a template; the forms post to the same
/// `AwardService` functions as the API, and a refusal comes back on the page with what was typed.
enum AwardPages {
    // MARK: - A person's or a collective's records, eligibility and history

    struct SubjectPage: Encodable {
        struct Row: Encodable {
            var cells: [String]
            /// What of the row is sample data (the demo's), shown as «Dữ liệu mẫu».
            var sample: String? = nil
        }
        struct Condition: Encodable {
            var label: String; var outcome: String; var outcomeLabel: String; var records: [String]; var citation: String
            var alternatives: [[Condition]]
        }
        struct Check: Encodable {
            var summary: String; var outcome: String; var ruleID: String; var legalBasis: [String]; var conditions: [Condition]
        }
        var head: PageHead
        var heading: String
        var subjectLink: Link
        var ratings: [Row]
        var discipline: [Row]
        var initiatives: [Row]
        var history: [Row]
        // History that awards stand on (issue 14 part 9): a collective's terms as head or
        // deputy (under its name of each year) and its places in its blocs.
        var offices: [Row]
        var standings: [Row]
        var individual: Bool
        /// Forms the signed-in user may post (by record kind) and their fields.
        var forms: [Form]
        var checkAction: String
        var awardOptions: [SelectOption]
        var checkYear: String
        var checkDate: String
        var check: Check?
        var errors: [String]

        struct Form: Encodable { var title: String; var action: String; var addForm: FormPage.FieldGroup }
    }

    static func condition(_ c: ConditionResult) -> SubjectPage.Condition {
        .init(label: c.label, outcome: c.outcome.rawValue, outcomeLabel: c.outcome.label, records: c.records, citation: c.citation,
              alternatives: c.alternatives.map { $0.map(condition) })
    }

    static func check(_ e: Explanation) -> SubjectPage.Check {
        .init(summary: e.summary, outcome: e.outcome.rawValue, ruleID: e.ruleID, legalBasis: e.legalBasis, conditions: e.conditions.map(condition))
    }

    static func person(req: Request) async throws -> Response {
        try await subject(req: req, subject: .individual, id: try req.id("personID"), error: nil, typed: [:])
    }

    static func unit(req: Request) async throws -> Response {
        try await subject(req: req, subject: .collective, id: try req.id("unitID"), error: nil, typed: [:])
    }

    /// The page of a person or a collective; `typed` holds what a refused form sent, by field.
    static func subject(req: Request, subject: AwardSubject, id: UUID, error: DomainError?, typed: [String: String]) async throws -> Response {
        let service = AwardService(req: req)
        let store = req.registry
        let history = try await service.history(subject: subject, id: id)
        let catalogue = service.catalogue
        let name = history.name
        let entries = try await service.awardHistory(subject: subject, id: id)
        let sample = try await SampleFacts.marks([.awardDecision: entries.map(\.id)], on: req.db)
        var forms: [SubjectPage.Form] = []
        func form(_ title: String, _ action: SiteURL, _ fields: [FormPage.Field], kind: String) -> SubjectPage.Form {
            var group = FormPage.FieldGroup(errors: [], fields: fields, idPrefix: kind + "-")
            if let error, typed["form"] == kind { group.show(error) }
            return .init(title: title, action: action.path, addForm: group)
        }
        let ratingChoices = TaskRating.allCases.map { ($0.rawValue, "\($0.abbreviation) — \($0.label)") }
        let link: Link
        var initiatives: [SubjectPage.Row] = []
        if subject == .individual {
            link = Link(label: name, href: SiteURL.person(id).path)
            let resource = try await ResourceFacts.person(id, req: req)
            if req.can(.recordAchievements, resource) {
                forms.append(form("Ghi xếp loại", .personAwardRecord(id, .rating), [
                    .number("year", "Năm", typed["year"] ?? String(req.today.year - 1)),
                    .select("rating", "Mức xếp loại", ratingChoices, selected: [typed["rating"] ?? ""], required: true)], kind: "rating"))
                forms.append(form("Ghi kỷ luật, xem xét kỷ luật", .personAwardRecord(id, .discipline), [
                    .select("kind", "Hình thức", [("review", "Đang xem xét kỷ luật, điều tra")] + DisciplineKind.allCases.map { ($0.rawValue, $0.label) },
                            selected: [typed["kind"] ?? ""]),
                    .date("date", "Ngày quyết định / bắt đầu xem xét", typed["date"], required: true),
                    .date("closedOn", "Ngày kết thúc xem xét", typed["closedOn"]),
                    .text("reference", "Số, ký hiệu văn bản", typed["reference"], required: true)], kind: "discipline"))
                forms.append(form("Ghi sáng kiến", .personAwardRecord(id, .initiative), [
                    .text("title", "Tên sáng kiến", typed["title"], required: true),
                    .number("year", "Năm công nhận", typed["initiativeYear"] ?? typed["year"]),
                    .select("level", "Cấp công nhận", InitiativeLevel.allCases.map { ($0.rawValue, $0.label) }, selected: [typed["level"] ?? ""],
                            required: true),
                    .text("recognition", "Văn bản công nhận", typed["recognition"], required: true)], kind: "initiative"))
            }
            initiatives = try await store.initiatives(of: [id]).map {
                .init(cells: [String($0.year), $0.title, InitiativeLevel(rawValue: $0.level)?.label ?? $0.level, $0.recognition,
                              $0.usedBy == nil ? "Chưa dùng" : "Đã dùng làm căn cứ khen thưởng"])
            }
        } else {
            link = Link(label: name, href: SiteURL.unit(id).path)
            let unit = try await store.unit(id)
            if req.can(.recordAchievements, try await ResourceFacts.unit(unit, req: req)) {
                forms.append(form("Ghi xếp loại tập thể", .unitAwardRating(id), [
                    .number("year", "Năm", typed["year"] ?? String(req.today.year - 1)),
                    .select("rating", "Mức xếp loại", ratingChoices, selected: [typed["rating"] ?? ""], required: true)], kind: "rating"))
            }
        }
        // The eligibility check: asked by the query (?award=&year=&date=).
        var check: SubjectPage.Check?
        var errors = error.map { e in typed["form"] == nil ? e.issues.map(\.message) : [] } ?? []
        let award = req.queryText("award")
        if award != nil {
            do {
                check = Self.check(try await service.explain(subject: subject, id: id, code: award, year: req.queryText("year"),
                                                              date: req.queryText("date")))
            } catch let error as DomainError {
                errors += error.issues.map(\.message)
            }
        }
        var offices: [SubjectPage.Row] = []
        if subject == .collective {
            let ids = [id] + Set(try await store.lineage(of: .unit).predecessors(of: id).map(\.to))
            let held = try await BlocOfficeModel.query(on: req.db).filter(\.$unit.$id ~~ ids).with(\.$bloc).with(\.$unit)
                .sort(\.$year, .descending).all()
            let names = try await store.namesThen(of: held)
            offices = held.map { office in
                let kind = office.bloc.core.kind
                return .init(cells: [String(office.year), office.core.role == .head ? kind.headTitle : kind.deputyTitle, office.bloc.name,
                                     names[office.id!] ?? office.unit.name])
            }
        }
        let page = SubjectPage(
            head: req.head("Khen thưởng — \(name)", section: subject == .individual ? "people" : "units"),
            heading: "Thi đua, khen thưởng: \(name)", subjectLink: link,
            ratings: history.ratings.sorted { $0.year > $1.year }.map { .init(cells: [String($0.year), "\($0.rating.abbreviation) — \($0.rating.label)"]) },
            discipline: history.discipline.map {
                .init(cells: [$0.date.vietnamese, $0.kind?.label ?? "Đang xem xét, điều tra" + ($0.closedOn.map { " (kết thúc \($0.vietnamese))" } ?? ""),
                              $0.reference])
            },
            initiatives: initiatives,
            history: entries.map {
                .init(cells: [String($0.year), $0.awardName, "\($0.decisionNumber) (\(LocalDate($0.decisionDate)?.vietnamese ?? $0.decisionDate))",
                              $0.unitNameThen + ($0.predecessor ? " (đơn vị trước sắp xếp)" : "")],
                      sample: sample(.awardDecision, $0.id))
            },
            offices: offices,
            standings: history.standings.sorted { ($0.year, $1.blocName) > ($1.year, $0.blocName) }
                .map { .init(cells: [String($0.year), $0.blocName, "Hạng \($0.rank)"]) },
            individual: subject == .individual, forms: forms,
            checkAction: (subject == .individual ? SiteURL.personAwards(id) : .unitAwards(id)).path,
            awardOptions: catalogue.available(for: subject, on: req.today).map { SelectOption(value: $0.code.rawValue, label: $0.name, selected: $0.code.rawValue == award) },
            checkYear: req.queryText("year") ?? String(req.today.year - 1), checkDate: req.queryText("date") ?? req.today.iso,
            check: check, errors: errors)
        let status: HTTPResponseStatus = error == nil ? .ok : .unprocessableEntity
        return try await req.view.render("awards-subject", page).encodeResponse(status: status, for: req)
    }

    /// Posts one of the person's record forms; back to the page, or the page with the refusal.
    static func record(_ kind: SiteURL.AwardRecordKind) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id("personID")
            let service = AwardService(req: req)
            var typed: [String: String] = ["form": kind == .rating ? "rating" : kind == .discipline ? "discipline" : "initiative"]
            do {
                switch kind {
                case .rating:
                    let input = try req.content.decode(RatingInput.self)
                    typed.merge(["year": input.year ?? "", "rating": input.rating ?? ""]) { $1 }
                    _ = try await service.recordRating(person: id, input)
                case .discipline:
                    let input = try req.content.decode(DisciplineInput.self)
                    typed.merge(["kind": input.kind ?? "", "date": input.date ?? "", "closedOn": input.closedOn ?? "",
                                 "reference": input.reference ?? ""]) { $1 }
                    _ = try await service.recordDiscipline(person: id, input)
                case .initiative:
                    let input = try req.content.decode(InitiativeInput.self)
                    typed.merge(["title": input.title ?? "", "initiativeYear": input.year ?? "", "level": input.level ?? "",
                                 "recognition": input.recognition ?? ""]) { $1 }
                    _ = try await service.recordInitiative(person: id, input)
                }
                return req.redirect(to: SiteURL.personAwards(id).path)
            } catch let error as DomainError {
                return try await subject(req: req, subject: .individual, id: id, error: error, typed: typed)
            }
        }
    }

    static func unitRating(req: Request) async throws -> Response {
        let id = try req.id("unitID")
        let input = try req.content.decode(RatingInput.self)
        do {
            _ = try await AwardService(req: req).recordRating(unit: id, input)
            return req.redirect(to: SiteURL.unitAwards(id).path)
        } catch let error as DomainError {
            return try await subject(req: req, subject: .collective, id: id, error: error,
                                     typed: ["form": "rating", "year": input.year ?? "", "rating": input.rating ?? ""])
        }
    }

    // MARK: - Proposals

    struct ProposalsPage: Encodable {
        struct Row: Encodable { var title: Link; var kind: String; var year: Int; var status: String }
        var head: PageHead
        var rows: [Row]
        var canCreate: Bool
        var action: String
        var addForm: FormPage.FieldGroup
    }

    static func proposals(req: Request) async throws -> Response {
        try await proposalsPage(req: req, input: ProposalInput(kind: "unit", year: String(req.today.year - 1)), error: nil)
    }

    static func proposalsPage(req: Request, input: ProposalInput, error: DomainError?) async throws -> Response {
        let service = AwardService(req: req)
        let units = Array(req.actor?.officerUnits ?? [])
        let unitModels = try await req.registry.units(ids: units).values.sorted { $0.sortKey < $1.sortKey }
        let heads = try await BlocOfficeModel.query(on: req.db).filter(\.$unit.$id ~~ units).filter(\.$role == BlocOfficeRole.head.rawValue).all()
        let blocs = try await BlocModel.query(on: req.db).filter(\.$id ~~ Array(Set(heads.map(\.$bloc.id)))).all()
        var group = FormPage.FieldGroup(errors: [], fields: [
            .select("kind", "Loại tờ trình", ProposalKind.allCases.map { ($0.rawValue, $0.label) }, selected: [input.kind ?? ""], required: true),
            .select("blocID", "Khối (tờ trình của khối, do Trưởng khối lập)", blocs.map { ($0.id!.uuidString, $0.name) }, selected: [input.blocID ?? ""]),
            .select("unitID", "Đơn vị (tờ trình của đơn vị)", Choices.units(unitModels), selected: [input.unitID ?? ""]),
            .number("year", "Năm thành tích", input.year),
            .text("title", "Tiêu đề", input.title, hint: "Bỏ trống: «Tờ trình đề nghị khen thưởng năm … — đơn vị»"),
        ])
        if let error { group.show(error) }
        let rows = try await service.proposals(status: nil).map {
            ProposalsPage.Row(title: Link(label: $0.title, href: SiteURL.proposal($0.id!).path), kind: $0.proposalKind.label, year: $0.year,
                              status: $0.proposalStatus.label)
        }
        let page = ProposalsPage(head: req.head("Tờ trình khen thưởng", section: "awards"), rows: rows, canCreate: !units.isEmpty,
                                 action: SiteURL.proposals.path, addForm: group)
        return try await req.view.render("proposals", page).encodeResponse(status: error == nil ? .ok : .unprocessableEntity, for: req)
    }

    static func createProposal(req: Request) async throws -> Response {
        let input = try req.content.decode(ProposalInput.self)
        do {
            let proposal = try await AwardService(req: req).createProposal(input)
            return req.redirect(to: SiteURL.proposal(proposal.id!).path)
        } catch let error as DomainError {
            return try await proposalsPage(req: req, input: input, error: error)
        }
    }

    struct ProposalPage: Encodable {
        struct Line: Encodable {
            var id: String; var recipient: Link; var award: String; var summary: String; var status: String; var statusValue: String
            var returnReason: String?; var outcome: String?; var outcomeLabel: String?; var explanation: [String]; var removeAction: String
        }
        struct Step: Encodable { var action: String; var from: String; var to: String; var reason: String?; var actor: String }
        var head: PageHead
        var proposal: ProposalDTO
        var lines: [Line]
        var warnings: [String]
        var history: [Step]
        var errors: [String]
        var canEdit: Bool
        var canDecide: Bool
        var status: String
        var addAction: String
        var addForm: FormPage.FieldGroup
        var actions: [String: String]
        var today: String
        var decisionIssuer: String
        /// Danh sách kèm theo quyết định (issue 14, part 6): once decided.
        var recipientDownloads: [Link] = []
        /// Tờ trình và danh sách (issue 15): its files, and its number once sent.
        var proposalDownloads: [Link] = []
        var proposalNumber: String?
    }

    static func proposal(req: Request) async throws -> Response {
        try await proposalPage(req: req, id: try req.id("proposalID"), error: nil, line: ProposalLineInput())
    }

    static func proposalPage(req: Request, id: UUID, error: DomainError?, line input: ProposalLineInput,
                             status: HTTPResponseStatus? = nil) async throws -> Response {
        let service = AwardService(req: req)
        let store = req.registry
        let model = try await store.proposal(id)
        let dto = try await ProposalDTO.load(model, service: service)
        let canEdit = req.can(.proposeAward, model.resource)
        // Who may be named: the staff of the author's unit, and the unit itself (a bloc's: its members).
        var recipients: [(String, String)] = []
        if canEdit {
            let day = LocalDate(year: model.year, month: 12, day: 31)!
            var unitIDs = [model.authorUnitID]
            if model.proposalKind == .bloc, let bloc = model.blocID {
                unitIDs = Array(Set(try await req.members(ofBloc: bloc, on: day).map(\.membership.$unit.id) + unitIDs))
            }
            let units = try await store.units(ids: unitIDs)
            for unit in units.values.sorted(by: { $0.sortKey < $1.sortKey }) {
                recipients.append(("collective:\(unit.id!)", "Tập thể: \(unit.name)"))
                for post in try await store.assignments(ofUnit: unit.id!) {
                    recipients.append(("individual:\(post.$person.id)", "\(post.person.fullName) — \(unit.name)"))
                }
            }
        }
        let selected = "\(input.subject ?? ""):\(input.recipientID ?? "")"
        var group = FormPage.FieldGroup(errors: [], fields: [
            .select("recipient", "Người hoặc tập thể", recipients, selected: [selected], required: true),
            .select("awardCode", "Danh hiệu, hình thức", service.catalogue.types.filter { $0.validity.contains(req.today) }
                .map { ($0.code.rawValue, $0.nameWithSubject) }, selected: [input.awardCode ?? ""], required: true),
            .text("summary", "Tóm tắt thành tích", input.summary),
        ])
        var errors: [String] = []
        if let error {
            if input.recipientID != nil || input.awardCode != nil { group.show(error) } else { errors = error.issues.map(\.message) }
        }
        let actions = Dictionary(uniqueKeysWithValues: ProposalAction.allCases.map { ($0.rawValue, SiteURL.proposalAction(id, $0).path) })
        let page = ProposalPage(
            head: req.head(model.title, section: "awards"), proposal: dto,
            lines: dto.lines.map { line in
                .init(id: line.id.uuidString,
                      recipient: Link(label: line.recipientName, href: (line.subject == "individual" ? SiteURL.personAwards(line.recipientID)
                                                                        : .unitAwards(line.recipientID)).path),
                      award: line.awardName, summary: line.summary, status: LineStatus(rawValue: line.status)?.label ?? line.status,
                      statusValue: line.status, returnReason: line.returnReason, outcome: line.eligibility,
                      outcomeLabel: line.explanation?.outcome.label,
                      explanation: line.explanation.map { e in e.conditions.filter { $0.outcome != .pass }.map { "\($0.outcome.label): \($0.label)" } } ?? [],
                      removeAction: SiteURL.proposalLineRemove(id, line.id).path)
            },
            warnings: dto.warnings,
            history: dto.history.map {
                .init(action: ProposalAction(rawValue: $0.action)?.label ?? ($0.action == "return_lines" ? "Trả lại dòng" : $0.action),
                      from: ProposalStatus(rawValue: $0.from)?.label ?? $0.from, to: ProposalStatus(rawValue: $0.to)?.label ?? $0.to,
                      reason: $0.reason, actor: $0.actor)
            },
            errors: errors, canEdit: canEdit, canDecide: req.can(.decideAward, model.resource), status: model.status,
            addAction: SiteURL.proposalLines(id).path, addForm: group, actions: actions, today: req.today.iso,
            decisionIssuer: "UBND tỉnh \(try await store.province(model.provinceID).name)",
            recipientDownloads: dto.decision == nil ? [] : AwardListController.recipientDownloads(id),
            proposalDownloads: req.can(.read, model.resource) ? DocumentController.proposalDownloads(id) : [],
            proposalNumber: try await proposalNumber(req: req, model))
        let code: HTTPResponseStatus = status ?? (error == nil ? .ok : .unprocessableEntity)
        return try await req.view.render("proposal", page).encodeResponse(status: code, for: req)
    }

    /// The number of the tờ trình last sent, while the author has not got it back to change.
    static func proposalNumber(req: Request, _ model: AwardProposalModel) async throws -> String? {
        guard !model.proposalStatus.editable else { return nil }
        let documents = DocumentService(req: req)
        let sent = try await documents.submissions(of: model.id!)
        return try await documents.issued(subject: ProposalDocument.subject(model.id!, submission: sent))?.numberText
    }

    /// The line form sends "individual:<id>" or "collective:<id>" as one choice.
    struct LineForm: Content { var recipient: String?; var awardCode: String?; var summary: String? }

    static func addLine(req: Request) async throws -> Response {
        let id = try req.id("proposalID")
        let form = try req.content.decode(LineForm.self)
        let parts = (form.recipient ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        let input = ProposalLineInput(subject: parts.first, recipientID: parts.count == 2 ? parts[1] : nil, awardCode: form.awardCode ?? "",
                                      summary: form.summary)
        do {
            _ = try await AwardService(req: req).addLine(proposal: id, input)
            return req.redirect(to: SiteURL.proposal(id).path)
        } catch let error as DomainError {
            return try await proposalPage(req: req, id: id, error: error, line: input, status: error.status)
        }
    }

    static func removeLine(req: Request) async throws -> Response {
        let id = try req.id("proposalID")
        try await AwardService(req: req).removeLine(proposal: id, line: try req.id("lineID"))
        return req.redirect(to: SiteURL.proposal(id).path)
    }

    /// One of the proposal's steps from its page; a refusal comes back on the page.
    static func act(_ action: ProposalAction) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id("proposalID")
            let service = AwardService(req: req)
            do {
                switch action {
                case .submit: try await service.submit(proposal: id, try req.content.decode(ProposalActionInput.self))
                case .receive: try await service.receive(proposal: id)
                case .returnToAuthor: try await service.returnProposal(id, try req.content.decode(ProposalActionInput.self))
                case .toCouncil: try await service.toCouncil(proposal: id)
                case .recordVote: try await service.recordVote(proposal: id, try req.content.decode(CouncilVoteInput.self))
                case .decide: _ = try await service.decide(proposal: id, try req.content.decode(DecisionInput.self))
                }
                return req.redirect(to: SiteURL.proposal(id).path)
            } catch let error as DomainError {
                return try await proposalPage(req: req, id: id, error: error, line: ProposalLineInput(), status: error.status)
            }
        }
    }

    // MARK: - Statistics

    struct StatisticsPage: Encodable {
        struct Bar: Encodable { var label: String; var count: Int; var y: Int; var width: Int; var textY: Int }
        struct Chart: Encodable { var title: String; var height: Int; var bars: [Bar] }
        var head: PageHead
        var heading: String
        var year: String
        var action: String
        var statistics: AwardStatistics
        var charts: [Chart]
    }

    /// Server-side SVG: one horizontal bar per count, scaled to the largest.
    static func chart(_ title: String, _ counts: [AwardStatistics.Count]) -> StatisticsPage.Chart {
        let top = max(counts.map(\.count).max() ?? 1, 1)
        let bars = counts.prefix(20).enumerated().map { index, count in
            StatisticsPage.Bar(label: count.label, count: count.count, y: index * 28, width: max(2, count.count * 300 / top), textY: index * 28 + 16)
        }
        return .init(title: title, height: max(28, bars.count * 28), bars: Array(bars))
    }

    static func statistics(req: Request) async throws -> Response {
        let province = try req.id("provinceID")
        var issues = IssueCollector()
        let year = NumberRange.read(req.queryText("year"), in: NumberRange.year, field: "year", label: "Năm", into: &issues)
        try issues.finish()
        let statistics = try await AwardService(req: req).statistics(province: province, year: year)
        let name = try await req.registry.province(province).name
        let page = StatisticsPage(
            head: req.head("Thống kê khen thưởng", section: "awards"), heading: "Thống kê khen thưởng — \(name)", year: year.map(String.init) ?? "",
            action: SiteURL.awardStatistics(province).path, statistics: statistics,
            charts: [chart("Theo năm", statistics.byYear), chart("Theo hình thức", statistics.byForm), chart("Theo khối", statistics.byBloc),
                     chart("Theo đơn vị", statistics.byUnit), chart("Theo giới tính (cá nhân)", statistics.byGender)])
        return try await req.view.render("award-statistics", page).encodeResponse(for: req)
    }
}
