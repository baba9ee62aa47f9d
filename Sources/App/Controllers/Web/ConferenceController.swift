import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a conference form sends.
struct ConferenceInput: Content {
    var kind: String?
    var heldOn: String?
    var place: String?
    var chair: String?
    var secretary: String?
    var tallyCommittee: String?
    var agenda: String?
}

/// A ballot session to open, as the console's form sends it (numbers as typed).
struct BallotOpenForm: Content {
    var purpose: String?
    var title: String?
    var candidates: [String]?
    var seats: String?
    var maxChoices: String?
    var shareNumerator: String?
    var shareDenominator: String?
    var strict: String?
    var base: String?
    var quorumNumerator: String?
    var quorumDenominator: String?
    var ruleSource: String?
    var effect: String?

    enum CodingKeys: String, CodingKey {
        case purpose, title, seats, maxChoices, shareNumerator, shareDenominator, strict, base, quorumNumerator, quorumDenominator,
             ruleSource, effect
        case candidates
    }

    /// Reads the numbers, each within its range, every problem at once.
    func input() throws -> VotingService.OpenInput {
        var issues = IssueCollector()
        func number(_ text: String?, _ range: ClosedRange<Int>, _ field: String, _ label: String) -> Int? {
            NumberRange.read(text, in: range, field: field, label: label, into: &issues)
        }
        let candidates = (candidates ?? []).compactMap(UUID.init(uuidString:))
        issues.check(candidates.count == (self.candidates ?? []).count, field: "candidates", "Có ứng viên không hợp lệ.")
        let input = VotingService.OpenInput(
            purpose: purpose, title: title, candidates: candidates,
            seats: number(seats, NumberRange.voters, "seats", "Số lượng cần chọn"),
            maxChoices: number(maxChoices, NumberRange.voters, "maxChoices", "Số lựa chọn tối đa"),
            shareNumerator: number(shareNumerator, Fraction.partRange, "shareNumerator", "Tử số của tỷ lệ"),
            shareDenominator: number(shareDenominator, Fraction.partRange, "shareDenominator", "Mẫu số của tỷ lệ"),
            strict: strict == "on" || strict == "true", base: base,
            quorumNumerator: number(quorumNumerator, Fraction.partRange, "quorumNumerator", "Tử số của túc số"),
            quorumDenominator: number(quorumDenominator, Fraction.partRange, "quorumDenominator", "Mẫu số của túc số"),
            ruleSource: ruleSource, effect: effect)
        try issues.finish()
        return input
    }
}

/// Hội nghị: the head's conferences of a year, the console of one (roll call, ballot
/// sessions, paper batches, closing, further rounds, the flag), and the province's
/// recognition of next year's head and deputy.
enum ConferenceController {
    struct ListPage: Encodable {
        struct Row: Encodable { var label: String; var href: String; var when: String; var place: String; var sessions: Int }
        struct Office: Encodable { var role: String; var unit: String; var basis: String }
        struct Nomination: Encodable { var title: String; var outcome: String; var href: String }
        var head: PageHead
        var heading: String
        var back: String
        var stateLabel: String
        var conferences: [Row]
        var canLead: Bool
        var scheduleAction: String
        var kinds: [SelectOption]
        var form: ConferenceInput
        var errors: [String]
        var nextYear: Int
        var headTitle: String
        var deputyTitle: String
        var nextOffices: [Office]
        var nominations: [Nomination]
        var canRecognise: Bool
        var recogniseAction: String
        var members: [SelectOption]
        var recogniseErrors: [String]
    }

    static func list(req: Request, context: YearContext, error: DomainError? = nil, form: ConferenceInput? = nil,
                     recogniseError: DomainError? = nil) async throws -> Response {
        let year = try context.opened()
        let store = req.registry
        let conferences = try await store.conferences(of: year.id!)
        // The year's sessions in one read: counted per conference, and the nominations below.
        let sessions = try await store.sessions(ofYear: year.id!)
        let sessionCounts = Dictionary(grouping: sessions, by: \.$conference.id).mapValues(\.count)
        var rows: [ListPage.Row] = []
        for conference in conferences {
            rows.append(.init(label: conference.conferenceKind.label, href: context.url(.conference(conference.id!)),
                              when: LocalDate(conference.heldOn)?.vietnamese ?? conference.heldOn, place: conference.place,
                              sessions: sessionCounts[conference.id!] ?? 0))
        }
        let members = try await context.members(req)
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let next = try await store.offices(ofBloc: context.bloc.id!).filter { $0.year == context.year + 1 }
        let kind = context.bloc.core.kind
        let nominations = sessions.filter { $0.electionEffect == .nominate && !$0.isOpen }.map {
            ListPage.Nomination(title: $0.title, outcome: $0.outcome ?? "", href: SiteURL.ballotScreen($0.id!).path)
        }
        let page = ListPage(
            head: req.head("Hội nghị năm \(context.year)", section: "blocs"),
            heading: "Hội nghị của khối năm \(context.year): \(context.bloc.name)", back: context.url(),
            stateLabel: year.yearState.label, conferences: rows, canLead: req.can(.leadBloc, context.resource),
            scheduleAction: context.url(.conferences),
            kinds: ConferenceKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form?.kind ?? "year_end")) },
            form: form ?? ConferenceInput(), errors: error?.issues.map(\.message) ?? [], nextYear: context.year + 1,
            headTitle: kind.headTitle, deputyTitle: kind.deputyTitle,
            nextOffices: next.map { .init(role: $0.role == BlocOfficeRole.head.rawValue ? kind.headTitle : kind.deputyTitle,
                                          unit: names[$0.$unit.id] ?? $0.unit.name,
                                          basis: BlocOfficeBasis(rawValue: $0.basis)?.label ?? $0.basis) },
            nominations: nominations, canRecognise: req.can(.recogniseOffices, context.resource),
            recogniseAction: context.url(.offices),
            members: members.map { SelectOption(value: $0.membership.$unit.id.uuidString, label: $0.nameThen, selected: false) },
            recogniseErrors: recogniseError?.issues.map(\.message) ?? [])
        let status = error?.status ?? recogniseError?.status ?? .ok
        return try await req.view.render("conferences", page).encodeResponse(status: status, for: req)
    }

    static func index(req: Request) async throws -> Response {
        try await list(req: req, context: try await YearContext.load(req))
    }

    static func schedule(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let form = try req.content.decode(ConferenceInput.self)
        do {
            let conference = try await VotingService(req: req).schedule(
                context, kind: form.kind, heldOn: form.heldOn, place: form.place, chair: form.chair, secretary: form.secretary,
                tallyCommittee: form.tallyCommittee, agenda: form.agenda)
            return req.redirect(to: context.url(.conference(conference.id!)))
        } catch let error as DomainError {
            return try await list(req: req, context: context, error: error, form: form)
        }
    }

    struct RecogniseForm: Content { var role: String?; var unitID: String? }

    static func recognise(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let form = try req.content.decode(RecogniseForm.self)
        do {
            try await VotingService(req: req).recognise(context, role: form.role, unit: form.unitID.flatMap(UUID.init(uuidString:)))
            return req.redirect(to: context.url(.conferences))
        } catch let error as DomainError {
            return try await list(req: req, context: context, recogniseError: error)
        }
    }

    // MARK: - The console

    struct ConsolePage: Encodable {
        struct Attendee: Encodable { var unitID: String; var name: String; var present: Bool; var delegate: String }
        struct Candidate: Encodable { var unitID: String; var name: String; var rank: String?; var checked: Bool; var count: String? = nil }
        struct Session: Encodable {
            var title: String
            var purpose: String
            var round: Int
            var open: Bool
            var turnout: Int
            var eligible: Int
            var screenHref: String
            var boardHref: String
            var closeAction: String
            var paperAction: String
            var nextRoundAction: String
            var needsFurtherRound: Bool
            var quorumNeeded: Int
            var elected: [String]
            var outcome: String?
            var notVoted: [Candidate]
            var candidates: [Candidate]
            var errors: [String]
            /// What the head typed in the paper batch and close forms, back after a refusal.
            var collected: String
            var invalid: String
            var reason: String
            var paperTyped: Bool
            /// Documents (issue 15): the blank ballot; after close the ballot-count minutes.
            var documents: SessionDocuments
        }
        struct SessionDocuments: Encodable {
            var ballotDocx: String
            var countDocx: String?
            var countPDF: String?
            var countNumber: String?
            var countIssueAction: String?
        }
        /// Biên bản hội nghị: the download (issued or draft) and issuing.
        struct Minutes: Encodable {
            var docx: String
            var pdf: String?
            var pdfNote: String?
            var number: String?
            var issueAction: String?
            var errors: [String]
        }
        var head: PageHead
        var heading: String
        var back: String
        var kind: String
        var when: String
        var place: String
        var chair: String
        var secretary: String
        var committee: [String]
        var agenda: [String]
        var canLead: Bool
        var attendees: [Attendee]
        var presentCount: Int
        var memberCount: Int
        var attendanceAction: String
        var attendanceErrors: [String]
        var sessions: [Session]
        var openAction: String
        var purposes: [SelectOption]
        var bases: [SelectOption]
        var effects: [SelectOption]
        var candidates: [Candidate]
        var rotation: [String]
        /// Trưởng khối / Cụm trưởng and its deputy, as the bloc's kind says (docs/GLOSSARY.md).
        var headTitle: String
        var deputyTitle: String
        var openForm: BallotOpenForm
        var openErrors: [String]
        var yearEnd: Bool
        var atConference: Bool
        var flagAction: String
        var flagFrom: String?
        var flagTo: String?
        var flagOptions: [SelectOption]
        var flagErrors: [String]
        var minutes: Minutes
        /// Biên bản bàn giao cờ luân lưu (issue 15): once the conference has recorded the flag.
        struct Handover: Encodable { var docx: String; var pdf: String?; var pdfNote: String?; var number: String?; var issueAction: String? }
        var handover: Handover?
    }

    enum Failure { case attendance, open, flag, session(UUID), documents }

    /// A session's paper batch or close form as sent, shown again with its refusal.
    struct SessionTyped {
        var collected: String?
        var invalid: String?
        var units: Set<String> = []
        var counts: [String: String] = [:]
        var reason: String?
    }

    static func console(req: Request, context: YearContext, conferenceID: UUID, error: DomainError? = nil, failure: Failure? = nil,
                        openForm: BallotOpenForm? = nil, typed: SessionTyped? = nil) async throws -> Response {
        let year = try context.opened()
        let store = req.registry
        let conference = try await store.conference(conferenceID, of: year.id!)
        let members = try await context.members(req)
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let roll = Dictionary(try await store.attendance(of: conferenceID).map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a })
        let service = VotingService(req: req)
        let order = try await service.rankingOrder(of: year)
        let ranked = VotingService.inRankingOrder(members.map(\.membership.$unit.id), order: order)
        let chosen = Set(openForm?.candidates ?? [])
        let candidates = ranked.map { unit in
            ConsolePage.Candidate(unitID: unit.uuidString, name: names[unit] ?? "", rank: order[unit].map { "Hạng \($0 + 1)" },
                                  checked: openForm == nil ? order[unit] == 0 : chosen.contains(unit.uuidString))
        }
        func errors(_ which: Failure) -> [String] {
            guard let error, let failure else { return [] }
            switch (failure, which) {
            case (.attendance, .attendance), (.open, .open), (.flag, .flag), (.documents, .documents): return error.issues.map(\.message)
            case (.session(let a), .session(let b)) where a == b: return error.issues.map(\.message)
            default: return []
            }
        }
        var sessions: [ConsolePage.Session] = []
        let documents = DocumentService(req: req)
        let canLead = req.can(.leadBloc, context.resource)
        for session in try await store.sessions(of: conferenceID) {
            let spec = try session.spec
            let result = try session.result
            let voted = Set(try await store.participations(of: session.id!).map(\.unitID))
            let lineNames = spec.candidates.map { names[$0] ?? "" }
            let kept: SessionTyped? = if case .session(let failed) = failure, failed == session.id { typed } else { nil }
            sessions.append(.init(
                title: session.title, purpose: session.ballotPurpose.label, round: spec.round, open: session.isOpen,
                turnout: voted.count, eligible: spec.eligible.count, screenHref: SiteURL.ballotScreen(session.id!).path,
                boardHref: SiteURL.ballotBoard(session.id!).path, closeAction: context.url(.ballotClose(session.id!)),
                paperAction: context.url(.ballotPaper(session.id!)), nextRoundAction: context.url(.ballotNextRound(session.id!)),
                needsFurtherRound: result?.needsFurtherRound ?? false,
                quorumNeeded: spec.rule.quorum.least(of: spec.members, strict: false),
                elected: result?.elected.map { names[$0] ?? "" } ?? [], outcome: session.outcome,
                notVoted: ranked.filter { spec.eligible.contains($0) && !voted.contains($0) }
                    .map { .init(unitID: $0.uuidString, name: names[$0] ?? "", rank: nil, checked: kept?.units.contains($0.uuidString) ?? false) },
                candidates: zip(spec.candidates, lineNames).map {
                    .init(unitID: $0.uuidString, name: $1, rank: nil, checked: false, count: kept?.counts[$0.uuidString] ?? "0")
                },
                errors: errors(.session(session.id!)), collected: kept?.collected ?? "", invalid: kept?.invalid ?? "0",
                reason: kept?.reason ?? "", paperTyped: kept?.collected != nil,
                documents: try await sessionDocuments(context, session: session, service: documents, canLead: canLead)))
        }
        let minutesNumber = try await documents.issued(subject: ConferenceDocuments.minutesSubject(conferenceID))?.numberText
        let handoverNumber = conference.flagTo == nil ? nil
            : try await documents.issued(subject: HandoverDocument.subject(conferenceID))?.numberText
        let offices = try await store.offices(ofBloc: context.bloc.id!).map(\.core)
        let rotation = Rotation.suggest(members: ranked, offices: offices, currentYear: context.year).map { names[$0] ?? "" }
        let form = openForm ?? BallotOpenForm(purpose: BallotPurpose.leadingUnit.rawValue, seats: "1", maxChoices: "1",
                                              shareNumerator: "1", shareDenominator: "2", strict: "on", base: ThresholdBase.members.rawValue,
                                              quorumNumerator: "2", quorumDenominator: "3",
                                              ruleSource: ThresholdRule.common.source, effect: ElectionEffect.elect.rawValue)
        let page = ConsolePage(
            head: req.head(conference.conferenceKind.label, section: "blocs"),
            heading: "\(conference.conferenceKind.label) năm \(context.year): \(context.bloc.name)", back: context.url(.conferences),
            kind: conference.conferenceKind.label, when: LocalDate(conference.heldOn)?.vietnamese ?? conference.heldOn,
            place: conference.place, chair: conference.chair, secretary: conference.secretary, committee: conference.committee,
            agenda: conference.agendaItems, canLead: canLead,
            attendees: members.map { member in
                let unit = member.membership.$unit.id
                return .init(unitID: unit.uuidString, name: member.nameThen, present: roll[unit]?.present ?? false,
                             delegate: roll[unit]?.delegate ?? "")
            },
            presentCount: roll.values.filter(\.present).count, memberCount: members.count,
            attendanceAction: context.url(.attendance(conferenceID)), attendanceErrors: errors(.attendance),
            sessions: sessions, openAction: context.url(.ballotOpen(conferenceID)),
            purposes: BallotPurpose.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.purpose) },
            bases: ThresholdBase.allCases.map { SelectOption(value: $0.rawValue, label: $0.label.capitalizedFirstLetter, selected: $0.rawValue == form.base) },
            effects: ElectionEffect.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.effect) },
            candidates: candidates, rotation: rotation,
            headTitle: context.bloc.core.kind.headTitle, deputyTitle: context.bloc.core.kind.deputyTitle, openForm: form, openErrors: errors(.open),
            yearEnd: conference.conferenceKind == .yearEnd, atConference: year.yearState == .conference,
            flagAction: context.url(.flag(conferenceID)), flagFrom: conference.flagFrom.flatMap { names[$0] },
            flagTo: conference.flagTo.flatMap { names[$0] },
            flagOptions: members.map { SelectOption(value: $0.membership.$unit.id.uuidString, label: $0.nameThen, selected: false) },
            flagErrors: errors(.flag),
            minutes: .init(docx: context.url(.minutesDocx(conferenceID)), pdf: PDFSupport.available ? context.url(.minutesPDF(conferenceID)) : nil,
                           pdfNote: PDFSupport.available ? nil : PDFSupport.unavailable, number: minutesNumber,
                           issueAction: canLead && minutesNumber == nil ? context.url(.minutesIssue(conferenceID)) : nil,
                           errors: errors(.documents)),
            handover: conference.flagTo == nil ? nil
                : .init(docx: context.url(.handoverDocx(conferenceID)), pdf: PDFSupport.available ? context.url(.handoverPDF(conferenceID)) : nil,
                        pdfNote: PDFSupport.available ? nil : PDFSupport.unavailable, number: handoverNumber,
                        issueAction: canLead && handoverNumber == nil ? context.url(.handoverIssue(conferenceID)) : nil))
        return try await req.view.render("conference", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    /// A session's documents: the blank ballot always; the ballot-count minutes once closed.
    static func sessionDocuments(_ context: YearContext, session: BallotSessionModel, service: DocumentService,
                                 canLead: Bool) async throws -> ConsolePage.SessionDocuments {
        var links = ConsolePage.SessionDocuments(ballotDocx: context.url(.paperBallotDocx(session.id!)))
        guard !session.isOpen else { return links }
        links.countDocx = context.url(.countDocx(session.id!))
        links.countPDF = PDFSupport.available ? context.url(.countPDF(session.id!)) : nil
        links.countNumber = try await service.issued(subject: ConferenceDocuments.countSubject(session.id!))?.numberText
        links.countIssueAction = canLead && links.countNumber == nil ? context.url(.countIssue(session.id!)) : nil
        return links
    }

    static func show(req: Request) async throws -> Response {
        try await console(req: req, context: try await YearContext.load(req), conferenceID: try req.id("conferenceID"))
    }

    struct AttendanceForm: Content {
        var unitIDs: [String]?
        var present: [String]?
        var delegates: [String]?
        enum CodingKeys: String, CodingKey { case unitIDs = "unitID", present, delegates = "delegate" }
    }

    static func attendance(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        let form = try req.content.decode(AttendanceForm.self)
        let present = Set(form.present ?? [])
        let units = form.unitIDs ?? []
        let delegates = form.delegates ?? []
        do {
            var roll: [Attendance] = []
            for (index, text) in units.enumerated() {
                guard let unit = UUID(uuidString: text) else { throw DomainError.invalid(field: "unitID", "Có đơn vị không hợp lệ.") }
                roll.append(Attendance(unitID: unit, present: present.contains(text), delegate: index < delegates.count ? delegates[index] : ""))
            }
            try await VotingService(req: req).recordAttendance(context, conference: id, roll: roll)
            return req.redirect(to: context.url(.conference(id)))
        } catch let error as DomainError {
            return try await console(req: req, context: context, conferenceID: id, error: error, failure: .attendance)
        }
    }

    struct FlagForm: Content { var fromUnitID: String?; var toUnitID: String? }

    static func flag(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        let form = try req.content.decode(FlagForm.self)
        do {
            try await VotingService(req: req).handOverFlag(context, conference: id, from: form.fromUnitID.flatMap(UUID.init(uuidString:)),
                                                           to: form.toUnitID.flatMap(UUID.init(uuidString:)))
            return req.redirect(to: context.url(.conference(id)))
        } catch let error as DomainError {
            return try await console(req: req, context: context, conferenceID: id, error: error, failure: .flag)
        }
    }

    static func openSession(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("conferenceID")
        let form = try req.content.decode(BallotOpenForm.self)
        do {
            _ = try await VotingService(req: req).open(context, conference: id, try form.input())
            return req.redirect(to: context.url(.conference(id)) + "#phien")
        } catch let error as DomainError {
            return try await console(req: req, context: context, conferenceID: id, error: error, failure: .open, openForm: form)
        }
    }

    struct CloseForm: Content { var reason: String? }

    static func close(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("sessionID")
        let facts = try await BallotFacts.load(req, sessionID: id)
        let form = try req.content.decode(CloseForm.self)
        do {
            _ = try await VotingService(req: req).close(context, session: id, reason: form.reason)
            return req.redirect(to: SiteURL.ballotScreen(id).path)
        } catch let error as DomainError {
            return try await console(req: req, context: context, conferenceID: facts.session.$conference.id, error: error, failure: .session(id),
                                     typed: SessionTyped(reason: form.reason))
        }
    }

    struct PaperForm: Content {
        var units: [String]?
        var collected: String?
        var invalid: String?
        var voteCandidates: [String]?
        var voteCounts: [String]?
        enum CodingKeys: String, CodingKey {
            case units = "unit", collected, invalid, voteCandidates = "voteCandidate", voteCounts = "voteCount"
        }
    }

    static func paper(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("sessionID")
        let facts = try await BallotFacts.load(req, sessionID: id)
        let form = try req.content.decode(PaperForm.self)
        do {
            var issues = IssueCollector()
            let units = (form.units ?? []).compactMap(UUID.init(uuidString:))
            issues.check(units.count == (form.units ?? []).count, field: "units", "Có đơn vị không hợp lệ.")
            let collected = NumberRange.read(form.collected, in: NumberRange.voters, field: "collected", label: "Số phiếu thu về", into: &issues)
            let invalid = NumberRange.read(form.invalid, in: NumberRange.voters, field: "invalid", label: "Số phiếu không hợp lệ", into: &issues)
            var votes: [UUID: Int] = [:]
            for (index, text) in (form.voteCandidates ?? []).enumerated() {
                guard let candidate = UUID(uuidString: text) else { continue }
                let count = NumberRange.read(index < (form.voteCounts ?? []).count ? form.voteCounts![index] : nil, in: NumberRange.voters,
                                             field: "votes", label: "Số phiếu đồng ý", into: &issues)
                votes[candidate] = count ?? 0
            }
            try issues.finish()
            try await VotingService(req: req).enterPaper(context, session: id, units: units, collected: collected, invalid: invalid, votes: votes)
            return req.redirect(to: context.url(.conference(facts.session.$conference.id)) + "#phien")
        } catch let error as DomainError {
            let counts = Dictionary(zip(form.voteCandidates ?? [], form.voteCounts ?? []).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
            let typed = SessionTyped(collected: form.collected, invalid: form.invalid, units: Set(form.units ?? []), counts: counts)
            return try await console(req: req, context: context, conferenceID: facts.session.$conference.id, error: error, failure: .session(id),
                                     typed: typed)
        }
    }

    static func nextRound(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let id = try req.id("sessionID")
        let facts = try await BallotFacts.load(req, sessionID: id)
        do {
            _ = try await VotingService(req: req).nextRound(context, session: id)
            return req.redirect(to: context.url(.conference(facts.session.$conference.id)) + "#phien")
        } catch let error as DomainError {
            return try await console(req: req, context: context, conferenceID: facts.session.$conference.id, error: error, failure: .session(id))
        }
    }
}

extension String {
    /// "Tổng số …" from "tổng số …", for a label that starts a line.
    var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
