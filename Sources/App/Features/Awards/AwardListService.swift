import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Xét điều kiện cả danh sách: a title for a unit's whole staff (`unitID`), or a collective
/// title for a bloc's member units (`blocID`); `recipientIDs` narrows the list to some of them.
struct EligibilityListInput: Content, Sendable {
    var award: String?
    var year: String?
    var date: String?
    var unitID: String?
    var blocID: String?
    var recipientIDs: [String]?
    /// "all", "pass", "fail" or "review": which lines to answer with.
    var outcome: String?
    /// "name" or "outcome" (the failing first).
    var order: String?
}

/// The lists of the awards: the eligibility of a whole list at once and the recipients of a
/// decision (danh sách kèm theo quyết định).
extension AwardService {
    /// Every line's verdict, with the histories read in a bounded number of statements for
    /// the whole list (`RegistryStore.histories`), not one check's reads per recipient.
    func explainList(_ input: EligibilityListInput) async throws -> (list: EligibilityList, filter: EligibilityList.Filter, order: EligibilityList.Order) {
        var issues = IssueCollector()
        let year = NumberRange.read(input.year, in: NumberRange.year, field: "year", label: "Năm thành tích", into: &issues)
        let date = TextRules.optionalDate(input.date, field: "date", label: "Ngày xét", into: &issues)
        let code = AwardInputs.code(input.award, into: &issues)
        let unitID = YearService.optionalID(input.unitID, field: "unitID", label: "Đơn vị", into: &issues)
        let blocID = YearService.optionalID(input.blocID, field: "blocID", label: "Khối", choice: "một khối", into: &issues)
        issues.check((unitID == nil) != (blocID == nil) || !issues.issues.isEmpty, field: "unitID",
                     "Hãy chọn một đơn vị (xét cán bộ của đơn vị) hoặc một khối (xét các đơn vị thành viên).")
        let chosen = AwardInputs.ids(input.recipientIDs, field: "recipientIDs", label: "Danh sách xét", into: &issues)
        issues.check(chosen.count <= EligibilityList.maximum, field: "recipientIDs",
                     "Danh sách có \(chosen.count) dòng, quá \(EligibilityList.maximum) dòng một lần xét; hãy xét từng phần.")
        let filter = EligibilityList.Filter(rawValue: input.outcome ?? "all")
        issues.check(filter != nil, field: "outcome", "Bộ lọc «\(TextRules.excerpt(input.outcome ?? ""))» không hợp lệ (all, pass, fail, review).")
        let order = EligibilityList.Order(rawValue: input.order ?? "name")
        issues.check(order != nil, field: "order", "Cách sắp xếp «\(TextRules.excerpt(input.order ?? ""))» không hợp lệ (name, outcome).")
        try issues.finish()
        let day = date ?? req.today
        let achievementYear = year ?? day.year - 1
        let store = req.registry
        let list: EligibilityList
        if let unitID {
            let unit = try await store.unit(unitID)
            try req.authorize(.checkEligibilityList, try await ResourceFacts.unit(unit, req: req))
            let eligibility = try await eligibility(province: unit.$province.id)
            _ = try EligibilityList.type(code, for: .individual, on: day, catalogue: eligibility.catalogue)
            let scope = "Cán bộ của \(unit.name) năm \(achievementYear)"
            // Who worked there in the year, each once (their latest post there names the position).
            let wholeYear = DatePeriod(from: LocalDate(year: achievementYear, month: 1, day: 1)!, to: LocalDate(year: achievementYear, month: 12, day: 31)!)
            var positions: [UUID: String] = [:]
            for post in try await AssignmentModel.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$validFrom, .descending).all() where post.core.period.overlaps(wholeYear) && positions[post.$person.id] == nil {
                positions[post.$person.id] = post.position
            }
            let ids = try Self.narrow(Array(positions.keys), to: chosen, scope: scope, outsider: "không công tác tại \(unit.name) trong năm \(achievementYear)")
            let histories = try await store.histories(ofPeople: ids)
            list = try EligibilityList.evaluate(code, year: achievementYear, on: day, scope: scope, eligibility: eligibility,
                                                recipients: histories.map { ($0.history, [positions[$0.history.id], unit.name].compactMap { $0 }.joined(separator: ", ")) })
        } else {
            let bloc = try await store.bloc(blocID)
            try req.authorize(.checkEligibilityList, try await ResourceFacts.bloc(bloc, year: achievementYear, req: req))
            let eligibility = try await eligibility(province: bloc.$province.id)
            _ = try EligibilityList.type(code, for: .collective, on: day, catalogue: eligibility.catalogue)
            let scope = "Đơn vị thành viên \(bloc.name) năm \(achievementYear)"
            let members = try await req.members(ofBloc: bloc.id!, on: LocalDate(year: achievementYear, month: 12, day: 31)!)
            let ids = try Self.narrow(members.map { $0.membership.$unit.id }, to: chosen, scope: scope,
                                      outsider: "không phải thành viên \(bloc.name) năm \(achievementYear)")
            let histories = try await store.histories(ofUnits: ids, ballots: ballots)
            list = try EligibilityList.evaluate(code, year: achievementYear, on: day, scope: scope, eligibility: eligibility,
                                                recipients: histories.map { ($0.history, bloc.name) })
        }
        return (list, filter!, order!)
    }

    /// The whole list, or the chosen ones of it (each must be on it); its size checked.
    private static func narrow(_ all: [UUID], to chosen: [UUID], scope: String, outsider: String) throws -> [UUID] {
        guard !chosen.isEmpty else {
            try EligibilityList.checkSize(all.count, scope: scope)
            return all
        }
        let members = Set(all)
        let strangers = chosen.filter { !members.contains($0) }
        guard strangers.isEmpty else {
            throw DomainError.invalid(field: "recipientIDs", "\(strangers.count) người, đơn vị trong danh sách \(outsider).")
        }
        var seen = Set<UUID>()
        let unique = chosen.filter { seen.insert($0).inserted }
        try EligibilityList.checkSize(unique.count, scope: scope)
        return unique
    }
}

// MARK: - The certificate list of a decision

/// Danh sách kèm theo quyết định: the decision and, in the proposal's order, each approved
/// line with its recipient's position and unit.
struct DecisionRecipients: Sendable {
    struct Row: Sendable {
        var name: String
        /// "Chuyên viên, Sở Tài chính" for a person; a collective's superior body where recorded.
        var positionAndUnit: String
        var awardName: String
        var collective: Bool
    }
    var number: String
    var date: LocalDate
    var issuer: String
    var signer: String
    var province: String
    var rows: [Row]

    /// Individuals first, then collectives, as decisions list them.
    var ordered: [Row] { rows.filter { !$0.collective } + rows.filter(\.collective) }

    /// "Kèm theo Quyết định số 15/QĐ-UBND ngày 01 tháng 02 năm 2026 của Chủ tịch UBND tỉnh Khánh Hòa".
    var attachedTo: String {
        // The issuer as recorded ("UBND tỉnh Khánh Hòa"); a record that already names the Chairman keeps it.
        let by = VietnameseText.searchKey(issuer).hasPrefix("chu tich") ? issuer : "Chủ tịch \(issuer)"
        return "Kèm theo Quyết định số \(number) \(DocumentFormat.longDate(date)) của \(by)"
    }
}

extension AwardService {
    /// The recipients of the proposal's decision; a proposal not yet decided has none to print.
    func decisionRecipients(proposal id: UUID) async throws -> DecisionRecipients {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.read, proposal.resource)
        guard let decision = try await store.decision(ofProposal: id), let date = LocalDate(decision.date) else {
            throw DomainError.conflict("Tờ trình chưa có quyết định khen thưởng: chưa có danh sách kèm theo quyết định.")
        }
        let rows = try await listRows(try await store.lines(of: id).filter { $0.lineStatus == .approved }, on: date)
        let province = try await store.province(proposal.provinceID).name
        return DecisionRecipients(number: decision.number, date: date, issuer: decision.issuer, signer: decision.signer,
                                  province: province, rows: rows)
    }
}

extension AwardService {
    /// A list's rows (danh sách), in the lines' order: a person with the position held at the
    /// line's unit on `date` (else the latest there) and the unit's name of that day; a
    /// collective with its superior body where recorded. The decision's list and the
    /// proposal's (tờ trình) print the same rows.
    func listRows(_ lines: [AwardProposalLineModel], on date: LocalDate) async throws -> [DecisionRecipients.Row] {
        let store = req.registry
        let units = try await store.units(ids: Array(Set(lines.map(\.unitID))))
        let people = lines.filter { $0.awardSubject == .individual }.map(\.subjectID)
        let posts = people.isEmpty ? [] : try await AssignmentModel.query(on: req.db).filter(\.$person.$id ~~ people)
            .sort(\.$validFrom, .descending).all()
        func position(_ line: AwardProposalLineModel) -> String? {
            let there = posts.filter { $0.$person.id == line.subjectID && $0.$unit.id == line.unitID }
            return (there.first { $0.core.period.contains(date) } ?? there.first)?.position
        }
        let lineage = try await store.lineage(ofUnits: Set(units.keys))
        let catalogue = catalogue
        return lines.map { line in
            let unitName = units[line.unitID].map { lineage.name(of: $0.id!, on: date, current: $0.name) } ?? ""
            let collective = line.awardSubject == .collective
            return DecisionRecipients.Row(
                name: line.recipientName,
                positionAndUnit: collective ? (units[line.unitID]?.parentBody ?? "") : [position(line), unitName].compactMap { $0 }.joined(separator: ", "),
                awardName: catalogue.type(AwardCode(line.code))?.name ?? line.code, collective: collective)
        }
    }
}
