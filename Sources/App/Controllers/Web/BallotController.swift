import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The voter's side of a session (their open ballots, the ballot, the receipt) and what the
/// room sees: the screen (turnout while open, then the result) and the bulletin board.
enum BallotController {
    /// The names of a session's year's members, as they were called that year.
    static func names(_ req: Request, _ facts: BallotFacts) async throws -> [UUID: String] {
        Dictionary(try await req.registry.members(of: facts.year, today: req.today).map { ($0.membership.$unit.id, $0.nameThen) },
                   uniquingKeysWith: { a, _ in a })
    }

    struct ListPage: Encodable {
        struct Row: Encodable { var title: String; var bloc: String; var href: String }
        var head: PageHead
        var rows: [Row]
    }

    /// Phiếu đang mở: the sessions the signed-in voter's units are called to.
    static func index(req: Request) async throws -> View {
        var rows: [ListPage.Row] = []
        for session in try await VotingService(req: req).openForVoter() {
            let facts = try await BallotFacts.load(req, sessionID: session.id!)
            rows.append(.init(title: session.title, bloc: facts.bloc.name, href: SiteURL.ballot(session.id!).path))
        }
        return try await req.view.render("ballots", ListPage(head: req.head("Bỏ phiếu", section: "ballots"), rows: rows))
    }

    struct BallotPage: Encodable {
        struct Choice: Encodable { var unitID: String; var name: String; var checked: Bool }
        var head: PageHead
        var title: String
        var bloc: String
        var purpose: String
        var round: Int
        var maxChoices: Int
        var approveEach: Bool
        var choices: [Choice]
        var action: String
        var voted: Bool
        var receipt: String?
        var screenHref: String
        var errors: [String]
    }

    static func render(req: Request, facts: BallotFacts, receipt: String? = nil, error: DomainError? = nil,
                       chosen: Set<String> = []) async throws -> Response {
        let names = try await names(req, facts)
        let voted = try await VotingService(req: req).hasVoted(facts)
        let page = BallotPage(
            head: req.head("Phiếu bầu: \(facts.session.title)", section: "ballots"), title: facts.session.title, bloc: facts.bloc.name,
            purpose: facts.spec.purpose.label, round: facts.spec.round, maxChoices: facts.spec.maxChoices,
            approveEach: facts.spec.maxChoices == facts.spec.candidates.count,
            choices: facts.spec.candidates.map { .init(unitID: $0.uuidString, name: names[$0] ?? "", checked: chosen.contains($0.uuidString)) },
            action: SiteURL.ballot(facts.session.id!).path, voted: voted, receipt: receipt,
            screenHref: SiteURL.ballotScreen(facts.session.id!).path, errors: error?.issues.map(\.message) ?? [])
        return try await req.view.render("ballot", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, facts: try await BallotFacts.load(req, sessionID: try req.id("sessionID")))
    }

    struct CastForm: Content {
        var choices: [String]?
        var unitID: String?
        enum CodingKeys: String, CodingKey { case choices = "choice", unitID }
    }

    static func cast(req: Request) async throws -> Response {
        let id = try req.id("sessionID")
        let facts = try await BallotFacts.load(req, sessionID: id)
        let form = try req.content.decode(CastForm.self)
        let texts = form.choices ?? []
        do {
            let choices = texts.compactMap(UUID.init(uuidString:))
            guard choices.count == texts.count else { throw DomainError.invalid(field: "choices", "Phiếu có ứng viên không hợp lệ.") }
            let code = try await VotingService(req: req).cast(session: id, unit: form.unitID.flatMap(UUID.init(uuidString:)), choices: choices)
            return try await render(req: req, facts: facts, receipt: code)
        } catch let error as DomainError {
            return try await render(req: req, facts: facts, error: error, chosen: Set(texts))
        }
    }

    struct ScreenPage: Encodable {
        struct Line: Encodable { var name: String; var votes: Int; var passed: Bool; var elected: Bool; var tied: Bool }
        var head: PageHead
        var title: String
        var bloc: String
        var purpose: String
        var round: Int
        var open: Bool
        var turnout: Int
        var eligible: Int
        var members: Int
        var candidates: [String]
        var rule: String
        var lines: [Line]
        var counts: [String]
        var reasoning: [String]
        var paper: Bool
        var withoutQuorum: String?
        var elected: [String]
        var outcome: String?
        var boardHref: String
        /// Trưởng khối / Cụm trưởng.
        var headTitle: String
        var refresh: Bool
        /// Documents (issue 15): the ballot-count minutes, shown once the session has closed.
        var countDocx: String
    }

    /// Màn hình phòng họp: while open, how many have voted (no more); after, the result.
    static func screen(req: Request) async throws -> View {
        let facts = try await BallotFacts.load(req, sessionID: try req.id("sessionID"))
        try req.authorize(.read, facts.resource)
        let names = try await names(req, facts)
        let turnout = try await req.registry.turnout(of: facts.session.id!)
        let result = facts.session.isOpen ? nil : try VotingService(req: req).result(facts)
        let page = ScreenPage(
            head: req.head(facts.session.title, section: "ballots"), title: facts.session.title, bloc: facts.bloc.name,
            purpose: facts.spec.purpose.label, round: facts.spec.round, open: facts.session.isOpen, turnout: turnout,
            eligible: facts.spec.eligible.count, members: facts.spec.members, candidates: facts.spec.candidates.map { names[$0] ?? "" },
            rule: facts.spec.rule.sentence,
            lines: result?.lines.map { .init(name: names[$0.candidate] ?? "", votes: $0.votes, passed: $0.passed, elected: $0.elected, tied: $0.tied) } ?? [],
            counts: result.map { ["Tổng số thành viên: \($0.members)", "Có mặt, được bỏ phiếu: \($0.eligible)",
                                  "Phiếu thu về: \($0.cast)", "Phiếu hợp lệ: \($0.valid)", "Phiếu không hợp lệ: \($0.invalid)",
                                  "Số phiếu cần để trúng: \($0.needed)"] } ?? [],
            reasoning: result?.reasoning ?? [], paper: (result?.paper ?? 0) > 0, withoutQuorum: result?.closedWithoutQuorumReason,
            elected: result?.elected.map { names[$0] ?? "" } ?? [], outcome: facts.session.outcome,
            boardHref: SiteURL.ballotBoard(facts.session.id!).path, headTitle: facts.bloc.core.kind.headTitle,
            refresh: facts.session.isOpen,
            countDocx: SiteURL.year(facts.bloc.id!, facts.year.year, .countDocx(facts.session.id!)).path)
        return try await req.view.render("ballot-screen", page)
    }

    struct BoardPage: Encodable {
        var head: PageHead
        var title: String
        var back: String
        var hashes: [String]
        var code: String
        var checked: Bool
        var found: Bool
        var error: String?
    }

    /// Bảng công khai: every receipt hash after close; a voter types their code to find theirs.
    static func board(req: Request) async throws -> Response {
        let facts = try await BallotFacts.load(req, sessionID: try req.id("sessionID"))
        try req.checkQueryNames(["ma"])
        let hashes = try await VotingService(req: req).bulletin(facts)
        let typed = req.queryText("ma") ?? ""
        var page = BoardPage(head: req.head("Bảng công khai mã biên nhận", section: "ballots"), title: facts.session.title,
                             back: SiteURL.ballotScreen(facts.session.id!).path, hashes: hashes, code: typed, checked: false, found: false)
        if !typed.isEmpty {
            if let code = ReceiptCode.normalized(typed) {
                page.checked = true
                page.found = hashes.contains(RegistryStore.receiptHash(code))
            } else {
                page.error = "Mã biên nhận gồm 12 chữ và số, dạng ABCD-EFGH-JKMN."
            }
        }
        return try await req.view.render("bulletin", page).encodeResponse(status: page.error == nil ? .ok : .unprocessableEntity, for: req)
    }
}
