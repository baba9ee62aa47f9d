import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The page of a past year of a bloc (issue 14 part 9): what was recorded, or the form to
/// record it from the year's report. The form posts to the same service as the API.
enum BlocHistoryPages {
    /// The form's fields: one ranking row per member of that year, a few award rows.
    struct FormInput: Content, Sendable {
        var source: String?
        var headUnitID: String?
        var deputyUnitID: String?
        var unitID: [String]?
        var rank: [String]?
        var points: [String]?
        var awardUnitID: [String]?
        var awardCode: [String]?
        var decisionNumber: [String]?
        var decisionDate: [String]?

        var input: HistoryYearInput {
            func at(_ list: [String]?, _ i: Int) -> String? { list.flatMap { i < $0.count ? $0[i] : nil } }
            func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            // The form has a row for every member: one left blank is a unit the report did not rank.
            let rows = (unitID ?? []).indices.filter { !blank(at(rank, $0)) || !blank(at(points, $0)) }
                .map { HistoryStandingInput(unitID: unitID?[$0], rank: at(rank, $0), points: at(points, $0)) }
            let awards = (awardUnitID ?? []).indices
                .filter { i in ![awardUnitID, awardCode, decisionNumber, decisionDate].allSatisfy { blank(at($0, i)) } }
                .map {
                    HistoryAwardInput(unitID: awardUnitID?[$0], awardCode: at(awardCode, $0), decisionNumber: at(decisionNumber, $0),
                                      decisionDate: at(decisionDate, $0))
                }
            return HistoryYearInput(source: source, headUnitID: headUnitID, deputyUnitID: deputyUnitID, standings: rows, awards: awards)
        }
    }

    struct Page: Encodable {
        struct Row: Encodable { var unitID: String; var name: String; var rank: String; var points: String }
        struct AwardRow: Encodable { var units: [SelectOption]; var codes: [SelectOption]; var number: String; var date: String }
        var head: PageHead
        var bloc: Link
        var year: Int
        var headTitle: String
        var deputyTitle: String
        var recorded: RecordedYearDTO?
        var canRecord: Bool
        var refusal: String?
        var action: String
        var errors: [String]
        var source: String
        var rows: [Row]
        var heads: [SelectOption]
        var deputies: [SelectOption]
        var awardRows: [AwardRow]
        /// Where the recorded awards now show: each unit's award history.
        var historyLinks: [Link]
        /// Why the recorded ranking is sample data (the demo's), if it is.
        var sampleRanking: String? = nil
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, input: FormInput(), error: nil)
    }

    static func record(req: Request) async throws -> Response {
        let blocID = try req.id("blocID")
        let year = try req.year()
        let form = try req.content.decode(FormInput.self)
        do {
            _ = try await BlocHistoryService(req: req).record(blocID: blocID, year: year, form.input)
            return req.redirect(to: SiteURL.blocHistory(blocID, year).path)
        } catch let error as DomainError {
            return try await render(req: req, input: form, error: error)
        }
    }

    static func render(req: Request, input: FormInput, error: DomainError?) async throws -> Response {
        let service = BlocHistoryService(req: req)
        let model = try await req.registry.bloc(try req.id("blocID"))
        let bloc = model.core
        let year = try req.year()
        let recorded = try await service.years(blocID: bloc.id).first { $0.year == year }
        let decision = Authorization.decide(req.actor, .recordHistory, ResourceFacts.blocHistory(model))
        let refusal = decision.allowed ? BlocHistory.yearRefusal(year, validity: bloc.validity, today: req.today) : decision.reason
        let memberships = try await req.registry.memberships(ofBloc: bloc.id)
        let members = BlocHistory.members(of: memberships.map(\.core), in: year)
        let units = memberships.filter { members.contains($0.$unit.id) }.map(\.unit)
        let names = try await req.registry.namesThen(units, year: year)
        let ordered = Dictionary(units.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }).values
            .sorted { VietnameseText.sortKey(names[$0.id!] ?? "") < VietnameseText.sortKey(names[$1.id!] ?? "") }
        let sent = input.input
        func typed(_ unit: UUID) -> HistoryStandingInput? { sent.standings?.first { $0.unitID == unit.uuidString } }
        func options(_ selected: String?) -> [SelectOption] {
            [SelectOption(value: "", label: "—", selected: (selected ?? "").isEmpty)]
                + ordered.map { SelectOption(value: $0.id!.uuidString, label: names[$0.id!] ?? $0.name, selected: $0.id!.uuidString == selected) }
        }
        let collective = service.catalogue.types.filter { $0.subject == .collective }
        let awardRows = (0..<max(3, sent.awards?.count ?? 0)).map { index -> Page.AwardRow in
            let row = index < (sent.awards?.count ?? 0) ? sent.awards![index] : HistoryAwardInput()
            return Page.AwardRow(units: options(row.unitID),
                                 codes: [SelectOption(value: "", label: "—", selected: (row.awardCode ?? "").isEmpty)]
                                    + collective.map { SelectOption(value: $0.code.rawValue, label: $0.name, selected: $0.code.rawValue == row.awardCode) },
                                 number: row.decisionNumber ?? "", date: row.decisionDate ?? "")
        }
        let page = Page(
            head: req.head("\(bloc.name): năm \(year)", section: "blocs"),
            bloc: Link(label: bloc.name, href: SiteURL.bloc(bloc.id).path), year: year,
            headTitle: bloc.kind.headTitle, deputyTitle: bloc.kind.deputyTitle, recorded: recorded,
            canRecord: recorded == nil && refusal == nil, refusal: recorded == nil ? refusal : nil,
            action: SiteURL.blocHistory(bloc.id, year).path, errors: error?.issues.map(\.message) ?? [],
            source: input.source ?? "",
            rows: ordered.map { unit in
                Page.Row(unitID: unit.id!.uuidString, name: names[unit.id!] ?? unit.name, rank: typed(unit.id!)?.rank ?? "",
                         points: typed(unit.id!)?.points ?? "")
            },
            heads: options(input.headUnitID), deputies: options(input.deputyUnitID), awardRows: awardRows,
            historyLinks: (recorded?.awards ?? []).map { Link(label: "Khen thưởng của \($0.unitNameThen)", href: SiteURL.unitAwards($0.unitID).path) },
            sampleRanking: try await SampleFacts.marks([.historyRanking: recorded.map { [$0.id] } ?? []], on: req.db)(.historyRanking, recorded?.id))
        return try await req.view.render("bloc-history", page)
            .encodeResponse(status: error?.status ?? .ok, for: req)
    }
}

/// `/api/v1` for the past years of a bloc: the same service as the page.
enum BlocHistoryAPIController {
    static func years(req: Request) async throws -> [RecordedYearDTO] {
        try await BlocHistoryService(req: req).years(blocID: try req.registry.bloc(try req.id("blocID")).id!)
    }

    static func record(req: Request) async throws -> Response {
        let blocID = try req.id("blocID")
        let year = try req.year()
        let service = BlocHistoryService(req: req)
        _ = try await service.record(blocID: blocID, year: year, try req.content.decode(HistoryYearInput.self))
        let recorded = try await service.years(blocID: blocID).first { $0.year == year }!
        return try await recorded.encodeResponse(status: .created, for: req)
    }
}
