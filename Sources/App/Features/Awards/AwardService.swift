import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a form or a JSON body sends for the awards: text, checked in Core (`AwardInputs`).
struct RatingInput: Content, Sendable { var year: String?; var rating: String? }
struct DisciplineInput: Content, Sendable { var kind: String?; var date: String?; var closedOn: String?; var reference: String? }
struct InitiativeInput: Content, Sendable { var title: String?; var year: String?; var level: String?; var recognition: String? }
struct ProposalInput: Content, Sendable {
    /// "bloc" (with blocID: the year's head writes it) or "unit" (with unitID).
    var kind: String?
    var blocID: String?
    var unitID: String?
    var year: String?
    var title: String?
}
struct ProposalLineInput: Content, Sendable { var subject: String?; var recipientID: String?; var awardCode: String?; var summary: String? }
struct ProposalActionInput: Content, Sendable {
    var reason: String?
    /// Trả lại: only these lines (the rest stays); blank: the whole proposal.
    var lineIDs: [String]?
    /// Gửi: the author has read the warnings and submits anyway.
    var acknowledgeWarnings: Bool?
}
struct CouncilVoteInput: Content, Sendable { var date: String?; var votesFor: String?; var votesAgainst: String?; var note: String? }
struct DecisionInput: Content, Sendable {
    var number: String?
    var date: String?
    var issuer: String?
    var signer: String?
    /// The lines the Chairman approved; every other line at the council is not awarded.
    var approvedLineIDs: [String]?
}

/// The awards use cases: the one path of the pages and the API. Each authorises with
/// `Authorization`, loads, asks Core (eligibility, the proposal's machine, the decision's
/// checks) and writes and audits in one transaction.
struct AwardService {
    let req: Request

    private var now: Date { req.thidua.now() }
    private var today: LocalDate { req.today }
    /// The titles and forms that can be proposed (the national texts').
    var catalogue: AwardCatalogue { .standard }

    /// The rules for a province: the national rule book with the province's dated parameter
    /// versions (the defaults of DOMAIN.md §5 where it has none).
    func eligibility(province: UUID?) async throws -> Eligibility {
        guard let province else { return Eligibility() }
        let versions = try await AwardParameterVersionModel.query(on: req.db).filter(\.$provinceID == province).all().compactMap(\.core)
        return Eligibility(catalogue: catalogue, parameters: ParameterSchedule(versions: versions))
    }
    var ballots: any BlocBallotResults { req.application.ballotResults }

    // MARK: - Achievements of a person or a collective

    /// Xếp loại of a person for a year they worked.
    func recordRating(person personID: UUID, _ input: RatingInput) async throws -> AnnualRatingModel {
        try await authorizePerson(personID)
        let employment = try await req.registry.assignments(ofPerson: personID).map(\.core.period)
        let rating = try AwardInputs.rating(year: input.year, rating: input.rating, employment: employment)
        let now = now
        return try await req.write { try await $0.save(rating, subject: .individual, id: personID, now: now) }
    }

    /// Xếp loại of a collective: the province's, for a year the unit existed.
    func recordRating(unit unitID: UUID, _ input: RatingInput) async throws -> AnnualRatingModel {
        let unit = try await req.registry.unit(unitID)
        try req.authorize(.recordAchievements, try await ResourceFacts.unit(unit, req: req))
        let rating = try AwardInputs.rating(year: input.year, rating: input.rating, employment: [unit.core.existence], subject: .collective)
        let now = now
        return try await req.write { try await $0.save(rating, subject: .collective, id: unitID, now: now) }
    }

    func recordDiscipline(person personID: UUID, _ input: DisciplineInput) async throws -> DisciplineModel {
        try await authorizePerson(personID)
        let record = try AwardInputs.discipline(kind: input.kind, date: input.date, closedOn: input.closedOn, reference: input.reference)
        return try await req.write { try await $0.save(record, subject: .individual, id: personID) }
    }

    func recordInitiative(person personID: UUID, _ input: InitiativeInput) async throws -> InitiativeModel {
        try await authorizePerson(personID)
        let (initiative, recognition) = try AwardInputs.initiative(title: input.title, year: input.year, level: input.level,
                                                                    recognition: input.recognition)
        return try await req.write { try await $0.save(initiative, recognition: recognition, person: personID) }
    }

    private func authorizePerson(_ personID: UUID) async throws {
        try req.authorize(.recordAchievements, try await ResourceFacts.person(personID, req: req))
    }

    // MARK: - Eligibility

    /// "Đủ điều kiện hay không, và vì sao" for a person or a collective.
    func explain(subject: AwardSubject, id: UUID, code text: String?, year yearText: String?, date dateText: String?) async throws -> Explanation {
        var issues = IssueCollector()
        let year = NumberRange.read(yearText, in: NumberRange.year, field: "year", label: "Năm thành tích", into: &issues)
        let date = TextRules.optionalDate(dateText, field: "date", label: "Ngày xét", into: &issues)
        let code = AwardInputs.code(text, into: &issues)
        try issues.finish()
        let (history, province) = try await historyAndProvince(subject: subject, id: id)
        let day = date ?? today
        return try await eligibility(province: province).evaluate(code, for: history, year: year ?? day.year - 1, on: day)
    }

    func history(subject: AwardSubject, id: UUID) async throws -> RecipientHistory {
        try await historyAndProvince(subject: subject, id: id).history
    }

    /// The history, and the province whose parameters judge it: a collective's, or the
    /// province of the person's latest post.
    func historyAndProvince(subject: AwardSubject, id: UUID) async throws -> (history: RecipientHistory, province: UUID?) {
        switch subject {
        case .individual:
            let loaded = try await req.registry.history(ofPerson: id)
            return (loaded.history, loaded.assignments.first?.unit.$province.id)
        case .collective:
            let loaded = try await req.registry.history(ofUnit: id, ballots: ballots)
            return (loaded.history, loaded.unit.$province.id)
        }
    }

    // MARK: - Proposals: the author

    /// Lập tờ trình: a unit's own, or the bloc's by the year's head, filled from the published
    /// ranking (Cờ thi đua of the province for the leader) and the ballots' nominations.
    func createProposal(_ input: ProposalInput) async throws -> AwardProposalModel {
        var issues = IssueCollector()
        let kind = ProposalKind(rawValue: input.kind ?? "")
        issues.check(kind != nil, field: "kind", "Hãy chọn loại tờ trình (của khối hoặc của đơn vị).")
        let year = AwardInputs.year(input.year, label: "Năm thành tích", into: &issues)
        let title = TextRules.optionalText(input.title, field: "title", label: "Tiêu đề", into: &issues)
        let blocID = YearService.optionalID(input.blocID, field: "blocID", label: "Khối", choice: "một khối", into: &issues)
        let unitID = YearService.optionalID(input.unitID, field: "unitID", label: "Đơn vị", into: &issues)
        if kind == .bloc { issues.check(blocID != nil, field: "blocID", "Hãy chọn khối của tờ trình.") }
        if kind == .unit { issues.check(unitID != nil, field: "unitID", "Hãy chọn đơn vị lập tờ trình.") }
        try issues.finish()
        let store = req.registry
        let author: UnitModel
        var found: [(unit: UUID, code: AwardCode)] = []
        if kind == .bloc {
            let bloc = try await store.bloc(blocID)
            guard let head = try await store.head(ofBloc: bloc.id!, year: year!).head else {
                throw DomainError.conflict("Khối chưa có Trưởng khối năm \(year!).")
            }
            author = try await store.unit(head)
            try req.authorize(.proposeAward, .proposal(author: head, province: bloc.$province.id, status: .draft))
            guard let model = try await store.blocYearIfOpened(bloc.id!, year!), let ranking = try await store.currentRanking(of: model.id!) else {
                throw DomainError.conflict("Khối chưa công bố kết quả xếp hạng năm \(year!): chưa lập được tờ trình của khối.")
            }
            if let leader = ranking.leader { found.append((leader, .provinceFlag)) }
            found += try await ballots.nominations(bloc: bloc.id!, year: year!, on: req.db)
        } else {
            author = try await store.unit(unitID)
            try req.authorize(.proposeAward, .proposal(author: author.id!, province: author.$province.id, status: .draft))
        }
        let leaderLines = found
        let names = try await store.units(ids: leaderLines.map(\.unit))
        let (now, catalogue) = (now, catalogue)
        return try await req.write { store in
            let proposal = AwardProposalModel()
            proposal.kind = kind!.rawValue
            proposal.provinceID = author.$province.id
            proposal.authorUnitID = author.id!
            proposal.blocID = blocID
            proposal.year = year!
            proposal.title = title ?? "Tờ trình đề nghị khen thưởng năm \(year!) — \(author.name)"
            proposal.status = ProposalStatus.draft.rawValue
            proposal.createdAt = now
            try await proposal.create(on: store.db)
            try await store.auditor.record(on: store.db, action: "create", type: "award_proposal", id: proposal.id?.uuidString,
                                           after: ["kind": proposal.kind, "authorUnitID": author.id!.uuidString, "year": String(year!),
                                                   "title": proposal.title])
            for (position, line) in leaderLines.enumerated() {
                guard let unit = names[line.unit] else { continue }
                try await Self.insertLine(into: proposal, subject: .collective, recipient: unit.id!, unit: unit.id!, name: unit.name,
                                          code: line.code, summary: "\(catalogue.type(line.code)?.name ?? line.code.rawValue): theo kết quả xếp hạng và bình xét của khối",
                                          position: position, store: store)
            }
            return proposal
        }
    }

    /// Thêm dòng: a person of the author's unit (or, in a bloc's, of a member unit) or a collective.
    func addLine(proposal id: UUID, _ input: ProposalLineInput) async throws -> AwardProposalLineModel {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.proposeAward, proposal.resource)
        let line = try AwardInputs.line(subject: input.subject, recipient: input.recipientID, code: input.awardCode, summary: input.summary,
                                        catalogue: catalogue, on: today)
        let allowedUnits = try await unitsOf(proposal)
        let wholeYear = DatePeriod(from: LocalDate(year: proposal.year, month: 1, day: 1)!, to: LocalDate(year: proposal.year, month: 12, day: 31)!)
        let (unitID, name): (UUID, String)
        switch line.subject {
        case .individual:
            let person = try await store.person(line.recipient)
            let posts = try await store.assignments(ofPerson: line.recipient).filter { $0.core.period.overlaps(wholeYear) }
            guard let post = posts.first(where: { allowedUnits.contains($0.$unit.id) }) else {
                throw DomainError.invalid(field: "recipientID",
                                          "«\(person.fullName)» không công tác tại đơn vị của tờ trình trong năm \(proposal.year).")
            }
            (unitID, name) = (post.$unit.id, person.fullName)
        case .collective:
            let unit = try await store.unit(line.recipient)
            guard allowedUnits.contains(unit.id!) else {
                throw DomainError.invalid(field: "recipientID", "«\(unit.name)» không thuộc phạm vi của tờ trình này.")
            }
            (unitID, name) = (unit.id!, unit.name)
        }
        let position = try await store.lines(of: id).map(\.position).max().map { $0 + 1 } ?? 0
        return try await req.write { store in
            let exists = try await AwardProposalLineModel.query(on: store.db).filter(\.$proposal.$id == id)
                .filter(\.$subjectID == line.recipient).filter(\.$code == line.type.code.rawValue).count() > 0
            guard !exists else { throw DomainError.conflict("«\(name)» đã có trong tờ trình với «\(line.type.name)».") }
            return try await Self.insertLine(into: proposal, subject: line.subject, recipient: line.recipient, unit: unitID, name: name,
                                             code: line.type.code, summary: line.summary, position: position, store: store)
        }
    }

    func removeLine(proposal id: UUID, line lineID: UUID) async throws {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.proposeAward, proposal.resource)
        guard let line = try await AwardProposalLineModel.find(lineID, on: req.db), line.$proposal.id == id else {
            throw DomainError.notFound("Không tìm thấy dòng này trong tờ trình.")
        }
        try await req.write { store in
            try await line.delete(on: store.db)
            try await store.auditor.record(on: store.db, action: "delete", type: "award_proposal_line", id: lineID.uuidString,
                                           before: ["recipient": line.recipientName, "code": line.code])
        }
    }

    /// The units whose staff and selves a proposal may name: the author's unit, or the bloc's
    /// members of the year.
    private func unitsOf(_ proposal: AwardProposalModel) async throws -> Set<UUID> {
        guard proposal.proposalKind == .bloc, let bloc = proposal.blocID else { return [proposal.authorUnitID] }
        let day = LocalDate(year: proposal.year, month: 12, day: 31)!
        return Set(try await req.members(ofBloc: bloc, on: day).map(\.membership.$unit.id)).union([proposal.authorUnitID])
    }

    private static func insertLine(into proposal: AwardProposalModel, subject: AwardSubject, recipient: UUID, unit: UUID, name: String,
                                   code: AwardCode, summary: String, position: Int, store: RegistryStore) async throws -> AwardProposalLineModel {
        let line = AwardProposalLineModel()
        line.$proposal.id = proposal.id!
        line.subject = subject.rawValue
        line.subjectID = recipient
        line.unitID = unit
        line.recipientName = name
        line.code = code.rawValue
        line.summary = summary
        line.status = LineStatus.proposed.rawValue
        line.position = position
        try await line.create(on: store.db)
        try await store.auditor.record(on: store.db, action: "create", type: "award_proposal_line", id: line.id?.uuidString,
                                       after: ["proposalID": proposal.id!.uuidString, "recipient": name, "code": code.rawValue])
        return line
    }

    /// The day a proposal's lines are judged on: the day it was submitted, else today.
    func judgedOn(_ proposal: AwardProposalModel) -> LocalDate { proposal.submittedOn.flatMap(LocalDate.init) ?? today }

    /// Each line's explanation (nil when the rule cannot be asked: a form not in force).
    func explanations(of proposal: AwardProposalModel, lines: [AwardProposalLineModel]) async throws -> [UUID: Explanation] {
        var result: [UUID: Explanation] = [:]
        let day = judgedOn(proposal)
        let eligibility = try await eligibility(province: proposal.provinceID)
        for line in lines {
            let history = try await history(subject: line.awardSubject, id: line.subjectID)
            result[line.id!] = try? eligibility.evaluate(AwardCode(line.code), for: history, year: proposal.year, on: day)
        }
        return result
    }

    /// Cảnh báo: every ineligible line, every quota exceeded (CSTĐCS ≤ 15 % of the unit's LĐTT,
    /// held or proposed alongside; Cờ Chính phủ ≤ 20 % of the province's bloc leaders).
    func warnings(of proposal: AwardProposalModel, lines: [AwardProposalLineModel],
                  explanations: [UUID: Explanation]) async throws -> ProposalWarnings {
        let open = lines.filter { $0.lineStatus != .returned }
        var advanced: [UUID: Int] = [:]
        for unit in Set(open.filter { $0.code == AwardCode.baseEmulationSoldier.rawValue }.map(\.unitID)) {
            let held = try await req.registry.memberSummaries(of: [unit]).first { $0.year == proposal.year }?.advancedWorkers ?? 0
            let proposed = open.filter { $0.unitID == unit && $0.code == AwardCode.advancedWorker.rawValue }.count
            advanced[unit] = held + proposed
        }
        var leaders = 0
        if open.contains(where: { $0.code == AwardCode.governmentFlag.rawValue }) {
            let blocs = try await BlocModel.query(on: req.db).filter(\.$province.$id == proposal.provinceID).all().map { $0.id! }
            for year in try await BlocYearModel.query(on: req.db).filter(\.$bloc.$id ~~ blocs).filter(\.$year == proposal.year).all() {
                if try await req.registry.currentRanking(of: year.id!)?.leader != nil { leaders += 1 }
            }
        }
        let checks = open.map {
            ProposalLineCheck(lineID: $0.id!, recipientName: $0.recipientName, unitID: $0.unitID, code: AwardCode($0.code),
                              explanation: explanations[$0.id!])
        }
        return ProposalWarnings.check(checks, advancedWorkers: advanced, blocLeaders: leaders,
                                      parameters: try await eligibility(province: proposal.provinceID).parameters.version(on: judgedOn(proposal)).parameters)
    }

    /// Gửi: refused while there are warnings the author has not acknowledged.
    func submit(proposal id: UUID, _ input: ProposalActionInput) async throws {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.proposeAward, proposal.resource)
        let lines = try await store.lines(of: id)
        guard !lines.isEmpty else { throw DomainError.conflict("Tờ trình chưa có dòng đề nghị nào.") }
        let warnings = try await warnings(of: proposal, lines: lines, explanations: try await explanations(of: proposal, lines: lines))
        if !warnings.isEmpty && input.acknowledgeWarnings != true {
            throw DomainError.conflict("Tờ trình còn cảnh báo; hãy sửa, hoặc xác nhận đã xem để vẫn gửi: " + warnings.messages.joined(separator: " "))
        }
        let (now, today, actor) = (now, today, req.actor?.userID)
        // The tờ trình goes out with the submission: numbered in the author's register, filed.
        let documents = DocumentService(req: req)
        let draft = try await documents.proposalDraft(proposal, submission: try await documents.submissions(of: id) + 1, date: today)
        try await req.write { store in
            try await store.move(proposal, .submit, reason: nil, now: now)
            try await store.notify(.province(proposal.provinceID), .proposalSubmitted, "Tờ trình «\(proposal.title)» đã được gửi để thẩm định.",
                                   href: SiteURL.proposal(id).path, now: now, except: actor)
            proposal.submittedOn = today.iso
            try await proposal.save(on: store.db)
            for line in lines where line.lineStatus == .returned {
                line.status = LineStatus.proposed.rawValue
                line.returnReason = nil
                try await line.save(on: store.db)
            }
            _ = try await documents.issue(draft)
        }
    }

    // MARK: - Proposals: the province

    func receive(proposal id: UUID) async throws { try await provinceStep(id, .receive, reason: nil) }

    /// Trả lại with a reason: the whole proposal, or (with line ids) only those lines.
    func returnProposal(_ id: UUID, _ input: ProposalActionInput) async throws {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.decideAward, proposal.resource)
        var issues = IssueCollector()
        let reason = TextRules.reason(input.reason, field: "reason", label: "Lý do trả lại", into: &issues)
        issues.check(reason != nil, field: "reason", "Hãy ghi lý do trả lại.")
        let lineIDs = AwardInputs.ids(input.lineIDs, field: "lineIDs", label: "Dòng trả lại", into: &issues)
        try issues.finish()
        let lines = try await store.lines(of: id)
        guard lineIDs.isEmpty else {
            let chosen = lines.filter { lineIDs.contains($0.id!) }
            guard chosen.count == Set(lineIDs).count else { throw DomainError.invalid(field: "lineIDs", "Dòng trả lại không có trong tờ trình.") }
            guard [.submitted, .received].contains(proposal.proposalStatus) else {
                throw DomainError.conflict("Chỉ trả lại dòng của tờ trình đã gửi hoặc đã tiếp nhận (tờ trình này: «\(proposal.proposalStatus.label)»).")
            }
            let (now, actor) = (now, req.actor?.userID)
            try await req.write { store in
                try await store.notify(.units([proposal.authorUnitID]), .proposalReturned,
                                       "Tờ trình «\(proposal.title)»: \(chosen.count) dòng bị trả lại. Lý do: \(reason!)",
                                       href: SiteURL.proposal(id).path, now: now, except: actor)
                for line in chosen {
                    line.status = LineStatus.returned.rawValue
                    line.returnReason = reason
                    try await line.save(on: store.db)
                }
                try await store.logEvent(proposal, action: "return_lines", from: proposal.proposalStatus, to: proposal.proposalStatus,
                                         reason: "\(chosen.map(\.recipientName).joined(separator: ", ")): \(reason!)",
                                         details: ["lines": chosen.map { $0.id!.uuidString }.joined(separator: ",")], now: now)
            }
            return
        }
        try await provinceStep(id, .returnToAuthor, reason: reason)
    }

    /// Trình Hội đồng: the lines not set aside go to the council.
    func toCouncil(proposal id: UUID) async throws {
        let lines = try await req.registry.lines(of: id).filter { $0.lineStatus == .proposed }
        try await provinceStep(id, .toCouncil, reason: nil, details: ["lines": lines.map { $0.id!.uuidString }.joined(separator: ",")]) { store, _ in
            for line in lines {
                line.status = LineStatus.atCouncil.rawValue
                try await line.save(on: store.db)
            }
        }
    }

    /// Kết quả Hội đồng TĐKT tỉnh: the day and the votes.
    func recordVote(proposal id: UUID, _ input: CouncilVoteInput) async throws {
        let (date, yes, no, note) = try AwardInputs.vote(date: input.date, votesFor: input.votesFor, against: input.votesAgainst, note: input.note)
        try await provinceStep(id, .recordVote, reason: note,
                               details: ["councilDate": date.iso, "votesFor": String(yes), "votesAgainst": String(no)]) { store, proposal in
            proposal.councilDate = date.iso
            proposal.councilFor = yes
            proposal.councilAgainst = no
            proposal.councilNote = note
            try await proposal.save(on: store.db)
        }
    }

    /// Quyết định khen thưởng của Chủ tịch UBND tỉnh: writes an award record for each approved
    /// line (marking the years and initiatives it stands on), rejects the rest at the council.
    func decide(proposal id: UUID, _ input: DecisionInput) async throws -> AwardDecisionModel {
        let store = req.registry
        let proposal = try await store.proposal(id)
        try req.authorize(.decideAward, proposal.resource)
        var issues = IssueCollector()
        let date = TextRules.requiredDate(input.date, field: "date", label: "Ngày quyết định", into: &issues)
        let number = TextRules.requiredName(input.number, field: "number", label: "Số quyết định", maximum: 100, into: &issues)
        let issuer = TextRules.requiredName(input.issuer, field: "issuer", label: "Cơ quan ban hành", into: &issues)
        let signer = TextRules.requiredName(input.signer, field: "signer", label: "Người ký", into: &issues)
        let approved = Set(AwardInputs.ids(input.approvedLineIDs, field: "approvedLineIDs", label: "Dòng được khen thưởng", into: &issues))
        try issues.finish()
        guard proposal.proposalStatus == .atCouncil else {
            throw DomainError.conflict("Chỉ ghi quyết định cho tờ trình đã trình Hội đồng (tờ trình này: «\(proposal.proposalStatus.label)»).")
        }
        let lines = try await store.lines(of: id)
        let explanations = try await explanations(of: proposal, lines: lines)
        let issuerKey = VietnameseText.searchKey(issuer)
        let numbers = Set(try await AwardDecisionModel.query(on: req.db).filter(\.$issuerKey == issuerKey).all().map(\.number))
        let units = try await store.units(ids: Array(Set(lines.map(\.unitID))))
        let people = try await PersonModel.query(on: req.db).filter(\.$id ~~ lines.filter { $0.awardSubject == .individual }.map(\.subjectID)).all()
        let genders = Dictionary(people.map { ($0.id!, $0.gender) }, uniquingKeysWith: { a, _ in a })
        let used = Set(try await InitiativeModel.query(on: req.db).filter(\.$person.$id ~~ people.map { $0.id! }).all()
            .filter { $0.usedBy != nil }.map { $0.id! })
        let recipients = lines.map { line in
            AwardDecision.Recipient(lineID: line.id!, name: line.recipientName,
                                    existence: line.awardSubject == .collective ? units[line.unitID]?.core.existence : nil,
                                    initiatives: explanations[line.id!]?.basis.initiatives ?? [])
        }
        let decision = AwardDecision(number: number, date: date!, issuer: issuer, signer: signer, approved: approved)
        try decision.validate(councilLines: Set(lines.filter { $0.lineStatus == .atCouncil }.map { $0.id! }), allLines: Set(lines.map { $0.id! }),
                              numbersOfIssuer: numbers, recipients: recipients, usedInitiatives: used)
        let (now, actor) = (now, req.actor?.userID)
        return try await req.write { store in
            try await store.notify(.units([proposal.authorUnitID]), .proposalDecided,
                                   "Tờ trình «\(proposal.title)» đã có quyết định khen thưởng số \(number) (\(approved.count) được khen thưởng).",
                                   href: SiteURL.proposal(id).path, now: now, except: actor)
            let model = AwardDecisionModel()
            model.$proposal.id = id
            model.number = number
            model.numberKey = VietnameseText.searchKey(number)
            model.issuer = issuer
            model.issuerKey = issuerKey
            model.date = date!.iso
            model.signer = signer
            model.recordedBy = store.auditor.actorName
            try await model.create(on: store.db)
            try await store.auditor.record(on: store.db, action: "create", type: "award_decision", id: model.id?.uuidString,
                                           after: ["number": number, "date": date!.iso, "issuer": issuer, "signer": signer,
                                                   "approved": String(approved.count)])
            for line in lines where line.lineStatus == .atCouncil {
                let isApproved = approved.contains(line.id!)
                line.status = (isApproved ? LineStatus.approved : .rejected).rawValue
                try await line.save(on: store.db)
                guard isApproved else { continue }
                let basis = explanations[line.id!]?.basis ?? AwardBasis(years: [proposal.year])
                let record = AwardRecordModel(subject: line.awardSubject, subjectID: line.subjectID, unitID: line.unitID,
                                              blocID: proposal.blocID, provinceID: proposal.provinceID,
                                              gender: genders[line.subjectID].flatMap(Gender.init(rawValue:)), code: AwardCode(line.code),
                                              year: proposal.year, decisionID: model.id, decisionNumber: number, decisionDate: date!,
                                              basis: basis, proposalLineID: line.id)
                try await record.create(on: store.db)
                try await store.auditor.record(on: store.db, action: "create", type: "award_record", id: record.id?.uuidString,
                                               after: ["recipient": line.recipientName, "code": line.code, "year": String(proposal.year),
                                                       "decision": number, "basisYears": record.basisYears])
                if !basis.initiatives.isEmpty {
                    for initiative in try await InitiativeModel.query(on: store.db).filter(\.$id ~~ basis.initiatives).all() {
                        initiative.usedBy = record.id
                        try await initiative.save(on: store.db)
                    }
                }
            }
            try await store.move(proposal, .decide, reason: nil, details: ["decision": number,
                                 "approved": approved.map(\.uuidString).sorted().joined(separator: ",")], now: now)
            return model
        }
    }

    /// One of the province's steps: authorise, move by the machine, then `extra`, in one write.
    private func provinceStep(_ id: UUID, _ action: ProposalAction, reason: String?, details: [String: String?] = [:],
                              extra: (@Sendable (RegistryStore, AwardProposalModel) async throws -> Void)? = nil) async throws {
        let proposal = try await req.registry.proposal(id)
        try req.authorize(.decideAward, proposal.resource)
        let (now, actor) = (now, req.actor?.userID)
        try await req.write { store in
            try await store.move(proposal, action, reason: reason, details: details, now: now)
            if action == .returnToAuthor {
                try await store.notify(.units([proposal.authorUnitID]), .proposalReturned,
                                       "Tờ trình «\(proposal.title)» bị trả lại. Lý do: \(reason ?? "")",
                                       href: SiteURL.proposal(id).path, now: now, except: actor)
            }
            try await extra?(store, proposal)
        }
    }

    /// The proposals the actor may read, newest first.
    func proposals(status: String?) async throws -> [AwardProposalModel] {
        guard let actor = req.actor else { return [] }
        var query = AwardProposalModel.query(on: req.db)
        if let status, !status.isEmpty {
            guard ProposalStatus(rawValue: status) != nil else { throw DomainError.invalid(field: "status", "Trạng thái «\(TextRules.excerpt(status))» không hợp lệ.") }
            query = query.filter(\.$status == status)
        }
        if !actor.isAdmin {
            let provinces = Array(actor.officerProvinces), units = Array(actor.officerUnits)
            query = query.group(.or) { $0.filter(\.$provinceID ~~ provinces).filter(\.$authorUnitID ~~ units) }
        }
        return try await query.sort(\.$createdAt, .descending).limit(200).all()
    }
}

// MARK: - The province's parameters

/// Tham số của tỉnh: the days it applies, its decision, and the values by field name (text; a
/// field left out keeps the default).
struct AwardParametersInput: Content, Sendable {
    var validFrom: String?
    var validTo: String?
    var reference: String?
    var values: [String: String]?
}

extension AwardService {
    func parameterVersions(province: UUID) async throws -> [AwardParameterVersionModel] {
        try await AwardParameterVersionModel.query(on: req.db).filter(\.$provinceID == province).sort(\.$validFrom).all()
    }

    /// A new dated version of the province's parameters; it may not overlap another.
    func addParameters(province: UUID, _ input: AwardParametersInput) async throws -> AwardParameterVersionModel {
        try req.authorize(.update, .provinceProgramme(province: province))
        _ = try await req.registry.province(province)
        var issues = IssueCollector()
        let from = TextRules.requiredDate(input.validFrom, field: "validFrom", label: "Áp dụng từ ngày", into: &issues)
        let to = TextRules.optionalDate(input.validTo, field: "validTo", label: "Áp dụng đến ngày", into: &issues)
        let reference = TextRules.requiredName(input.reference, field: "reference", label: "Văn bản quy định", into: &issues)
        var parameters = AwardParameters()
        issues.run { parameters = try AwardParameters.read(input.values ?? [:]) }
        try issues.finish()
        let version = ParameterVersion(validity: DatePeriod(from: from!, to: to), reference: reference, parameters: parameters)
        let existing = try await parameterVersions(province: province).compactMap(\.core)
        try ParameterSchedule(versions: existing).validate(version)
        let json = String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self)
        return try await req.write { store in
            let model = AwardParameterVersionModel()
            model.provinceID = province
            model.validFrom = from!.iso
            model.validTo = to?.iso
            model.reference = reference
            model.parameters = json
            model.recordedBy = store.auditor.actorName
            try await model.create(on: store.db)
            try await store.auditor.record(on: store.db, action: "create", type: "award_parameters", id: model.id?.uuidString,
                                           after: ["provinceID": province.uuidString, "validFrom": model.validFrom, "validTo": model.validTo,
                                                   "reference": reference, "parameters": json])
            return model
        }
    }
}

// MARK: - History and statistics

/// One award in a history: the record, the unit's name in the award's year, the title's name.
struct AwardHistoryEntry: Content {
    var id: UUID
    var year: Int
    var code: String
    var awardName: String
    var decisionNumber: String
    var decisionDate: String
    var unitID: UUID
    /// The unit's name in the award's year (a predecessor before a merger keeps its own).
    var unitNameThen: String
    /// True when the award belongs to a unit this one came from.
    var predecessor: Bool
}

/// Thống kê: lượt (award instances) counted by year, bloc, unit, form and gender.
struct AwardStatistics: Content {
    struct Count: Content { var key: String; var label: String; var count: Int }
    var total: Int
    var collective: Int
    var individual: Int
    var byYear: [Count]
    var byBloc: [Count]
    var byUnit: [Count]
    var byForm: [Count]
    var byGender: [Count]
}

extension AwardService {
    /// Every award of a person, or of a collective and the units it came from, oldest first.
    func awardHistory(subject: AwardSubject, id: UUID) async throws -> [AwardHistoryEntry] {
        let store = req.registry
        var ids = [id]
        if subject == .collective {
            _ = try await store.unit(id)
            ids += Set(try await store.lineage(reachingBackFrom: [id]).predecessors(of: id).map(\.to))
        } else {
            _ = try await store.person(id)
        }
        let records = try await store.awardRecords(of: ids)
        // The names the records' units had then: the events that touch those units.
        let lineage = try await store.lineage(reachingBackFrom: Set(records.map(\.unitID)).union(ids))
        let units = try await store.units(ids: Array(Set(records.map(\.unitID))))
        return records.map { record in
            // The name of the year the award is for (a rename after it does not rewrite it).
            let day = LocalDate(year: record.year, month: 12, day: 31) ?? today
            let current = units[record.unitID]?.name ?? ""
            return AwardHistoryEntry(id: record.id!, year: record.year, code: record.code,
                                     awardName: catalogue.type(AwardCode(record.code))?.name ?? record.code,
                                     decisionNumber: record.decisionNumber, decisionDate: record.decisionDate, unitID: record.unitID,
                                     unitNameThen: lineage.name(of: record.unitID, on: day, current: current),
                                     predecessor: subject == .collective && record.subjectID != id)
        }
    }

    /// Lượt khen thưởng of a province (and those merged into it), in a year or all years.
    func statistics(province: UUID, year: Int?) async throws -> AwardStatistics {
        let store = req.registry
        let provinces = Set(try await store.lineage(of: .province).predecessors(of: province).map(\.to)).union([province])
        let records = try await store.awardRecords(ofProvinces: provinces, year: year)
        let units = try await store.units(ids: Array(Set(records.map(\.unitID))))
        let blocs = try await BlocModel.query(on: req.db).filter(\.$id ~~ Array(Set(records.compactMap(\.blocID)))).all()
        let blocNames = Dictionary(blocs.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        func counts(_ key: (AwardRecordModel) -> (String, String)?) -> [AwardStatistics.Count] {
            var tally: [String: (label: String, count: Int)] = [:]
            for record in records {
                guard let (k, label) = key(record) else { continue }
                tally[k, default: (label, 0)].count += 1
            }
            return tally.map { AwardStatistics.Count(key: $0.key, label: $0.value.label, count: $0.value.count) }
                .sorted { ($0.count, $1.label) > ($1.count, $0.label) }
        }
        let catalogue = catalogue
        return AwardStatistics(
            total: records.count,
            collective: records.filter { $0.subject == AwardSubject.collective.rawValue }.count,
            individual: records.filter { $0.subject == AwardSubject.individual.rawValue }.count,
            byYear: counts { (String($0.year), String($0.year)) }.sorted { $0.key < $1.key },
            byBloc: counts { r in r.blocID.map { ($0.uuidString, blocNames[$0] ?? "") } },
            byUnit: counts { ($0.unitID.uuidString, units[$0.unitID]?.name ?? "") },
            byForm: counts { ($0.code, catalogue.type(AwardCode($0.code))?.name ?? $0.code) },
            byGender: counts { r in r.gender.flatMap(Gender.init(rawValue:)).map { ($0.rawValue, $0.label) } })
    }
}
