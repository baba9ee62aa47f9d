@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import ThiDuaCore
import VaporTesting

/// Conferences and secret ballots through the API, on both databases: one ballot per unit
/// (also at the same instant), no count before close, nothing that links a voter to a
/// choice, quorum with a reason, paper batches, and the election writing next year's head.
extension AppTests {
@Suite struct VotingTests {
    struct Session: Decodable {
        struct Result: Decodable {
            struct Line: Decodable { var unitID: UUID; var votes: Int; var passed: Bool; var elected: Bool }
            var cast: Int; var paper: Int; var valid: Int; var needed: Int; var quorumMet: Bool; var lines: [Line]; var elected: [UUID]
            var closedWithoutQuorumReason: String?
        }
        var id: UUID; var state: String; var turnout: Int; var eligible: [UUID]; var candidates: [UUID]; var result: Result?
        var outcome: String?
    }
    struct Conference: Decodable { var id: UUID }
    struct Receipt: Decodable { var receipt: String }
    struct Bulletin: Decodable { var receiptHashes: [String] }

    /// The demo's Khánh Hòa bloc with 2027 opened and moved to its conference; a voter for
    /// each member; a conference scheduled with everyone present but `absent`.
    struct Room {
        let fixture: YearFixture
        let conference: UUID
        let voters: [UUID: String]
        let members: [UUID]
        let absent: UUID

        static func make(_ app: Application, absent count: Int = 1) async throws -> Room {
            let fixture = try await YearFixture.make(app)
            _ = try await fixture.openFromTemplate()
            let model = try await app.registry(of: app).blocYear(fixture.bloc.id!, fixture.year)
            // Setup only: the year's earlier steps have their own tests.
            model.state = YearState.conference.rawValue
            try await model.save(on: app.db)
            let members = fixture.units.values.sorted { $0.uuidString < $1.uuidString }
            var voters: [UUID: String] = [:]
            for (index, unit) in members.enumerated() {
                voters[unit] = try await app.makeUser("phieu.test.\(index)", roles: [.voter(unit: unit)]).token
            }
            let conference = try await fixture.send(.POST, fixture.api(.conferences(fixture.bloc.id!, fixture.year)), as: fixture.head, json: [
                "kind": "year_end", "heldOn": "2027-12-28", "place": "Hội trường Tỉnh ủy", "chair": "Nguyễn Văn An",
                "secretary": "Lê Thị Bình", "tallyCommittee": "Trần Văn Cường\nPhạm Thị Dung",
            ], status: .created).json(Conference.self).id
            let absent = Array(members.suffix(count))
            try await fixture.send(.PUT, fixture.api(.conferenceAttendance(fixture.bloc.id!, fixture.year, conference)), as: fixture.head,
                                   json: AttendanceBody(attendance: members.map { .init(unitID: $0, present: !absent.contains($0), delegate: "Đại biểu") }),
                                   status: .ok)
            return Room(fixture: fixture, conference: conference, voters: voters, members: members, absent: absent.first!)
        }

        struct AttendanceBody: Encodable, Sendable {
            struct Row: Encodable, Sendable { var unitID: UUID; var present: Bool; var delegate: String }
            var attendance: [Row]
        }

        struct OpenBody: Encodable, Sendable {
            struct Rule: Encodable, Sendable {
                var shareNumerator = 1, shareDenominator = 2, strict = true, base = "members", quorumNumerator = 2, quorumDenominator = 3
                var source = "Quy chế hoạt động của khối (thử)"
            }
            var purpose: String
            var candidates: [UUID]
            var seats = 1
            var maxChoices = 1
            var rule = Rule()
            var effect: String?
        }

        func open(_ purpose: String = "leading_unit", candidates: [UUID], maxChoices: Int = 1, effect: String? = nil,
                  status: HTTPStatus = .created) async throws -> TestingHTTPResponse {
            try await fixture.send(.POST, fixture.api(.conferenceBallots(fixture.bloc.id!, fixture.year, conference)), as: fixture.head,
                                   json: OpenBody(purpose: purpose, candidates: candidates, maxChoices: maxChoices, effect: effect), status: status)
        }

        func vote(_ session: UUID, as unit: UUID, for choices: [UUID], status: HTTPStatus? = .created) async throws -> TestingHTTPResponse {
            try await fixture.send(.POST, fixture.api(.ballotVote(session)), as: voters[unit]!,
                                   json: ["choices": choices.map(\.uuidString)], status: status)
        }

        func close(_ session: UUID, reason: String? = nil, status: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
            try await fixture.send(.POST, fixture.api(.ballotClose(fixture.bloc.id!, fixture.year, session)), as: fixture.head,
                                   json: reason.map { ["reason": $0] } ?? [:], status: status)
        }

        func session(_ id: UUID, as token: String? = nil) async throws -> Session {
            try await fixture.send(.GET, fixture.api(.ballot(id)), as: token ?? fixture.head, status: .ok).json(Session.self)
        }

        var present: [UUID] { members.filter { $0 != absent } }
    }

    @Test func aSessionCountsEachUnitOnceAndShowsNothingBeforeClose() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let candidate = room.members[0]
            let session = try await room.open(candidates: [candidate]).json(Session.self)
            #expect(Set(session.eligible) == Set(room.present))
            // The voter's page lists it; the absent unit's voter has nothing to vote on.
            let list = try await room.fixture.send(.GET, SiteURL.ballots.path, as: room.voters[room.present[0]]!, status: .ok)
            #expect(list.text.contains(SiteURL.ballot(session.id).path), "\(list.text)")
            let none = try await room.fixture.send(.GET, SiteURL.ballots.path, as: room.voters[room.absent]!, status: .ok)
            #expect(none.text.contains("Chưa có phiếu nào"))

            var receipts: [String] = []
            for (index, unit) in room.present.enumerated() {
                receipts.append(try await room.vote(session.id, as: unit, for: index == 0 ? [] : [candidate]).json(Receipt.self).receipt)
            }
            // Once only; the absent unit's voter is not on the list; an admin never votes.
            try await room.vote(session.id, as: room.present[0], for: [candidate], status: .conflict)
            try await room.vote(session.id, as: room.absent, for: [candidate], status: .forbidden)
            try await room.fixture.send(.POST, room.fixture.api(.ballotVote(session.id)), as: app.adminToken,
                                        json: ["choices": [candidate.uuidString]], status: .forbidden)
            // More choices than allowed, a stranger on the ballot: refused, nothing counted.
            try await room.vote(session.id, as: room.present[1], for: [candidate, room.members[1]], status: .unprocessableEntity)

            // While open: the turnout, no result, no bulletin — for the head, the province, the admin.
            for token in [room.fixture.head, room.fixture.provincial, app.adminToken] {
                let open = try await room.session(session.id, as: token)
                #expect(open.turnout == room.present.count && open.result == nil)
                try await room.fixture.send(.GET, room.fixture.api(.ballotBulletin(session.id)), as: token, status: .conflict)
            }
            try await room.fixture.send(.GET, SiteURL.ballotBoard(session.id).path, as: room.fixture.head, status: .conflict)

            let closed = try await room.close(session.id).json(Session.self)
            let result = try #require(closed.result)
            #expect(closed.state == "closed" && result.cast == room.present.count)
            #expect(result.lines.map(\.votes) == [room.present.count - 1])
            #expect(result.elected == (result.lines[0].passed ? [candidate] : []))
            try await room.vote(session.id, as: room.present[1], for: [candidate], status: .forbidden)

            let board = try await room.fixture.send(.GET, room.fixture.api(.ballotBulletin(session.id)), as: room.voters[room.present[0]]!,
                                                    status: .ok).json(Bulletin.self)
            #expect(Set(board.receiptHashes) == Set(receipts.map(RegistryStore.receiptHash)))
            #expect(board.receiptHashes == board.receiptHashes.sorted())
        }
    }

    @Test func manyVotersAtOnceLoseNoBallotAndDoubleNone() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let candidates = Array(room.members.prefix(2))
            let session = try await room.open(candidates: candidates).json(Session.self)
            let present = room.present
            // Every present voter twice, all at the same instant.
            let statuses = try await simultaneously(present.count * 2) { index in
                let unit = present[index % present.count]
                return try await room.vote(session.id, as: unit, for: [candidates[index % 2]], status: nil).status
            }
            #expect(statuses.count(of: .created) == present.count)
            #expect(statuses.count(of: .conflict) == present.count)
            #expect(statuses.serverErrors == 0)
            let ballots = try await BallotModel.query(on: app.db).filter(\.$sessionID == session.id).count()
            let participations = try await ParticipationModel.query(on: app.db).filter(\.$sessionID == session.id).count()
            #expect(ballots == present.count && participations == present.count)
        }
    }

    @Test func noRowLinksAVoterToAChoice() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let session = try await room.open(candidates: Array(room.members.prefix(3)), maxChoices: 3).json(Session.self)
            var receipts: [String] = []
            for (index, unit) in room.present.enumerated() {
                receipts.append(try await room.vote(session.id, as: unit, for: Array(room.members.prefix(index % 3 + 1))).json(Receipt.self).receipt)
            }
            _ = try await room.close(session.id)
            let sql = try #require(app.db as? any SQLDatabase)
            // Every table, every row, every text column: neither a receipt code nor its hash is
            // anywhere but in the ballots (the voter's code is in no row at all).
            let hashes = Set(receipts.map(RegistryStore.receiptHash))
            let tables = app.isPostgres
                ? try await sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'").all()
                : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
            var scanned = 0
            for table in try tables.map({ try $0.decode(column: "name", as: String.self) }) {
                for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        guard let text = try? row.decode(column: column, as: String.self) else { continue }
                        scanned += 1
                        #expect(!receipts.contains { text.contains($0) }, "a receipt code is stored in \(table).\(column)")
                        if table != "ballots" {
                            #expect(!hashes.contains { text.contains($0) }, "a receipt hash is stored in \(table).\(column)")
                        }
                    }
                }
            }
            #expect(tables.count > 30 && scanned > 1000)
            // The ballot rows hold no voter and no time: exactly these columns.
            let row = try #require(try await sql.raw("SELECT * FROM ballots").all().first)
            #expect(Set(row.allColumns) == ["id", "session_id", "choices", "receipt_hash"])
            // The participations hold no choice and no time.
            let participation = try #require(try await sql.raw("SELECT * FROM ballot_participations").all().first)
            #expect(Set(participation.allColumns) == ["id", "session_id", "unit_id", "channel"])
            // The audit log says who voted, never what: no vote entry names a choice.
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$action == "vote")
                .filter(\.$resourceID == session.id.uuidString).all()
            #expect(entries.count == room.present.count)
            for entry in entries {
                #expect(!entry.changes.contains("choices") && !entry.changes.contains("receipt"), "\(entry.changes)")
            }
            // On SQLite not even the storage order follows the casting order: no row ids.
            if !app.isPostgres {
                await #expect(throws: (any Error).self) { try await sql.raw("SELECT rowid FROM ballots").run() }
                // And every acknowledged ballot's commit reached the disk (boot checks the default).
                let level = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                #expect(level == 2)
            } else {
                // PostgreSQL stamps each row with the transaction that wrote it (xmin) and keeps rows
                // in the order written: no ballot may share its voter's transaction (the
                // participation's and the audit entry's) nor its place in the casting order.
                struct Stamp: Decodable { var stamp: String }
                let ballots = try await sql.raw("SELECT xmin::text AS stamp FROM ballots WHERE session_id = \(bind: session.id)").all(decoding: Stamp.self).map(\.stamp)
                let voters = try await sql.raw("SELECT xmin::text AS stamp FROM ballot_participations WHERE session_id = \(bind: session.id)").all(decoding: Stamp.self).map(\.stamp)
                #expect(ballots.count == room.present.count)
                for voter in voters {
                    let shared = ballots.filter { $0 == voter }.count
                    #expect(shared == 0 || shared == ballots.count, "a ballot is stamped with its voter's transaction")
                }
                struct Row: Decodable { var id: UUID }
                let stored = try await sql.raw("SELECT id FROM ballots WHERE session_id = \(bind: session.id) ORDER BY ctid").all(decoding: Row.self).map(\.id)
                let byID = try await sql.raw("SELECT id FROM ballots WHERE session_id = \(bind: session.id) ORDER BY id").all(decoding: Row.self).map(\.id)
                #expect(stored == byID, "the ballots are stored in the order they were cast")
            }
            // And the session's spec and result carry counts, never a unit's choice.
            let model = try await room.fixture.app.registry(of: app).session(session.id)
            #expect(!(model.resultJSON ?? "").contains("receipt"))
        }
    }

    /// The year does not leave its conference step while a session still takes ballots.
    @Test func theYearWaitsForItsOpenSessionsToClose() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let session = try await room.open(candidates: Array(room.members.prefix(1))).json(Session.self)
            let step = room.fixture.api(.blocYearTransitions(room.fixture.bloc.id!, room.fixture.year))

            let refused = try await room.fixture.send(.POST, step, as: room.fixture.head, json: ["transition": "submit_proposals"],
                                                      status: .unprocessableEntity)
            #expect(refused.text.contains("Còn 1 phiên bỏ phiếu đang mở"), "\(refused.text)")

            _ = try await room.close(session.id, reason: "Thử: đóng sớm")
            try await room.fixture.send(.POST, step, as: room.fixture.head, json: ["transition": "submit_proposals"], status: .ok)
        }
    }

    @Test func closingWithoutQuorumNeedsAReasonAndIsMarked() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let session = try await room.open(candidates: [room.members[0]]).json(Session.self)
            try await room.vote(session.id, as: room.present[0], for: [room.members[0]])
            let refused = try await room.close(session.id, status: .unprocessableEntity)
            #expect(refused.text.contains("túc số"))
            #expect(try await room.session(session.id).state == "open")
            let closed = try await room.close(session.id, reason: "Mất điện, hội nghị tạm dừng").json(Session.self)
            let result = try #require(closed.result)
            #expect(!result.quorumMet && result.elected.isEmpty && result.closedWithoutQuorumReason == "Mất điện, hội nghị tạm dừng")
        }
    }

    @Test func paperBallotsCountOnceAndAreMarked() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let candidate = room.members[0]
            let session = try await room.open(candidates: [candidate]).json(Session.self)
            let paperUnits = Array(room.present.prefix(2))
            struct Paper: Encodable, Sendable {
                struct Votes: Encodable, Sendable { var unitID: UUID; var votes: Int }
                var units: [UUID]; var collected: Int; var invalid: Int; var votes: [Votes]
            }
            let path = room.fixture.api(.ballotPaper(room.fixture.bloc.id!, room.fixture.year, session.id))
            // Counts that do not add up are refused and nothing is stored.
            try await room.fixture.send(.POST, path, as: room.fixture.head,
                                        json: Paper(units: paperUnits, collected: 2, invalid: 0, votes: [.init(unitID: candidate, votes: 3)]),
                                        status: .unprocessableEntity)
            try await room.fixture.send(.POST, path, as: room.fixture.head,
                                        json: Paper(units: paperUnits, collected: 2, invalid: 1, votes: [.init(unitID: candidate, votes: 1)]),
                                        status: .ok)
            // A unit that voted on paper cannot vote again on a phone.
            try await room.vote(session.id, as: paperUnits[0], for: [candidate], status: .conflict)
            for unit in room.present.dropFirst(2) { try await room.vote(session.id, as: unit, for: [candidate]) }
            let result = try #require(try await room.close(session.id).json(Session.self).result)
            #expect(result.cast == room.present.count && result.paper == 2 && result.valid == room.present.count - 1)
            #expect(result.lines[0].votes == room.present.count - 2 + 1)
        }
    }

    @Test func theElectedHeadLeadsNextYear() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let next = room.members.first { $0 != room.fixture.units["UBKTTU"] && $0 != room.absent }!
            let session = try await room.open("elect_head", candidates: [next], effect: "elect").json(Session.self)
            for unit in room.present { try await room.vote(session.id, as: unit, for: [next]) }
            let closed = try await room.close(session.id).json(Session.self)
            #expect(closed.result?.elected == [next])
            #expect(closed.outcome?.contains("Đã ghi nhận Trưởng khối năm 2028") == true)
            let offices = try await room.fixture.app.registry(of: app).head(ofBloc: room.fixture.bloc.id!, year: 2028)
            #expect(offices.head == next)
            // The elected unit's officer may now open 2028; the old head may not.
            let nextOfficer = room.fixture.officers.first { room.fixture.units[$0.key] == next }!.value
            try await room.fixture.send(.POST, room.fixture.api(.blocYear(room.fixture.bloc.id!, 2028)), as: room.fixture.head,
                                        json: ["source": "previous"], status: .forbidden)
            // …signing 2028's pact at this conference: its day and place are the pact's.
            let opened = try await room.fixture.send(.POST, room.fixture.api(.blocYear(room.fixture.bloc.id!, 2028)), as: nextOfficer,
                                                     json: ["source": "previous", "pactAt": "conference"], status: .created)
            #expect(opened.text.contains("\"pactDate\":\"2027-12-28\"") && opened.text.contains("Hội trường Tỉnh ủy"), "\(opened.text)")
            #expect(try await app.registry(of: app).head(ofBloc: room.fixture.bloc.id!, year: 2028).head == next)
        }
    }

    @Test func aNominatedHeadWaitsForTheProvince() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let next = room.present.first { $0 != room.fixture.units["UBKTTU"] }!
            let session = try await room.open("elect_head", candidates: [next], effect: "nominate").json(Session.self)
            for unit in room.present { try await room.vote(session.id, as: unit, for: [next]) }
            let closed = try await room.close(session.id).json(Session.self)
            #expect(closed.outcome?.contains("chờ cấp tỉnh công nhận") == true)
            #expect(try await room.fixture.app.registry(of: app).head(ofBloc: room.fixture.bloc.id!, year: 2028).head == nil)
            let path = room.fixture.api(.nextOffices(room.fixture.bloc.id!, room.fixture.year))
            try await room.fixture.send(.POST, path, as: room.fixture.head, json: ["role": "head", "unitID": next.uuidString], status: .forbidden)
            try await room.fixture.send(.POST, path, as: room.fixture.provincial, json: ["role": "head", "unitID": next.uuidString], status: .created)
            try await room.fixture.send(.POST, path, as: room.fixture.provincial, json: ["role": "head", "unitID": next.uuidString], status: .conflict)
            #expect(try await room.fixture.app.registry(of: app).head(ofBloc: room.fixture.bloc.id!, year: 2028).head == next)
        }
    }

    @Test func onlyTheHeadRunsTheConferenceAndOnlyAtItsStep() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let member = room.fixture.officers.first { $0.key != "UBKTTU" }!.value
            try await room.fixture.send(.POST, room.fixture.api(.conferenceBallots(room.fixture.bloc.id!, room.fixture.year, room.conference)),
                                        as: member, json: Room.OpenBody(purpose: "leading_unit", candidates: [room.members[0]]), status: .forbidden)
            try await room.fixture.send(.POST, room.fixture.api(.conferences(room.fixture.bloc.id!, room.fixture.year)), as: room.fixture.outsider,
                                        json: ["kind": "year_end"], status: .forbidden)
            // Bad input: an unknown purpose, no candidates, a candidate from outside the bloc.
            let stranger = try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn").id!
            try await room.open("nonsense", candidates: [room.members[0]], status: .unprocessableEntity)
            try await room.open(candidates: [], status: .unprocessableEntity)
            try await room.open(candidates: [stranger], status: .unprocessableEntity)
            // Not at the conference step: no session opens.
            let model = try await room.fixture.app.registry(of: app).blocYear(room.fixture.bloc.id!, room.fixture.year)
            model.state = YearState.scoring.rawValue
            try await model.save(on: app.db)
            try await room.open(candidates: [room.members[0]], status: .conflict)
        }
    }

    /// What the proposals read of the conference: the suy tôn and the nominations.
    @Test func theProposalsReadWhatTheBallotsDecided() async throws {
        try await withTestApp { app in
            let room = try await Room.make(app)
            let (leader, other) = (room.present[0], room.present[1])
            let results = StoredBallotResults()
            let (bloc, year) = (room.fixture.bloc.id!, room.fixture.year)
            #expect(try await results.leaderConfirmed(bloc: bloc, year: year, unit: leader, on: app.db) == nil)
            let suyTon = try await room.open(candidates: [leader]).json(Session.self)
            for unit in room.present { try await room.vote(suyTon.id, as: unit, for: [leader]) }
            _ = try await room.close(suyTon.id)
            #expect(try await results.leaderConfirmed(bloc: bloc, year: year, unit: leader, on: app.db) == true)
            #expect(try await results.leaderConfirmed(bloc: bloc, year: year, unit: other, on: app.db) == false)
            let merit = try await room.open("chairman_commendation", candidates: [other, leader]).json(Session.self)
            for unit in room.present { try await room.vote(merit.id, as: unit, for: [other]) }
            _ = try await room.close(merit.id)
            let nominated = try await results.nominations(bloc: bloc, year: year, on: app.db)
            #expect(nominated.map(\.unit) == [other] && nominated.map(\.code) == [.provinceMeritCollective])
        }
    }

    /// The demo's conference of 30/12/2020 (seed 002) as each page shows it.
    @Test func theDemoConferencePagesRender() async throws {
        try await withTestApp { app in
            let bloc = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
            let conference = try #require(try await ConferenceModel.query(on: app.db).first())
            let sessions = try await app.registry(of: app).sessions(of: conference.id!)
            #expect(sessions.map(\.title) == ["Bầu Cụm trưởng năm 2021", "Bầu Cụm phó năm 2021"])
            let ubkt = try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn")
            #expect(try await app.registry(of: app).head(ofBloc: bloc.id!, year: 2021).head == ubkt.id)
            let pages: [(String, [String])] = [
                (SiteURL.year(bloc.id!, 2020, .conferences).path, ["Hội nghị tổng kết", "30/12/2020", "Cụm trưởng: <strong>Ủy ban Kiểm tra Tỉnh ủy"]),
                (SiteURL.year(bloc.id!, 2020, .conference(conference.id!)).path,
                 ["9/9 đơn vị thành viên", "Bầu Cụm trưởng năm 2021", "Đã ghi nhận Cụm trưởng năm 2021", "dữ liệu mẫu"]),
                (SiteURL.ballotScreen(sessions[0].id!).path,
                 ["Kết quả kiểm phiếu", "Ủy ban Kiểm tra Tỉnh ủy", "Trúng", "Quy định áp dụng", "Phiếu thu về: 9"]),
                (SiteURL.ballotBoard(sessions[0].id!).path, ["9 phiếu điện tử."]),
            ]
            for (path, texts) in pages {
                try await app.send(.GET, path) { res in
                    #expect(res.status == .ok, "\(path): \(res.text.prefix(500))")
                    #expect(res.text.contains("<html lang=\"vi\">"))
                    for text in texts { #expect(res.text.contains(text), "\(path) should show «\(text)»") }
                }
            }
        }
    }

    @Test func twoFurtherRoundsAskedAtOnceOpenOne() async throws {
        try await withTestApp { app in
            // Setup: a session every unit left blank, closed: its seat stays open.
            let room = try await Room.make(app)
            let session = try await room.open(candidates: Array(room.members.prefix(2))).json(Session.self)
            for unit in room.present { try await room.vote(session.id, as: unit, for: []) }
            _ = try await room.close(session.id)
            // Act: the head asks for the next round twice at the same instant.
            let path = room.fixture.api(.ballotNextRound(room.fixture.bloc.id!, room.fixture.year, session.id))
            let statuses = try await simultaneously(2) { _ in
                try await room.fixture.send(.POST, path, as: room.fixture.head, status: nil).status
            }
            // Check: one round opens, the other is refused; no two sessions follow the same one.
            #expect(statuses.count(of: .created) == 1 && statuses.count(of: .conflict) == 1, "\(statuses)")
            let rounds = try await BallotSessionModel.query(on: app.db).filter(\.$previousID == session.id).count()
            #expect(rounds == 1)
        }
    }

    @Test func hugePaperCountsAreRefusedAndTheServerStays() async throws {
        try await withTestApp { app in
            // Setup: a session of two candidates, two choices a ballot.
            let room = try await Room.make(app)
            let session = try await room.open(candidates: Array(room.members.prefix(2)), maxChoices: 2).json(Session.self)
            let path = room.fixture.api(.ballotPaper(room.fixture.bloc.id!, room.fixture.year, session.id))
            // Act: counts that would overflow collected − invalid, or valid × choices.
            for (collected, invalid) in [(Int.max, -1), (Int.max, 0), (Int.min, Int.max)] {
                let body: [String: AnyCodable] = ["units": .array([.string(room.present[0].uuidString)]),
                                                  "collected": .int(collected), "invalid": .int(invalid), "votes": .array([])]
                // Check: a clear refusal, nothing stored.
                let refused = try await room.fixture.send(.POST, path, as: room.fixture.head, json: body, status: .unprocessableEntity)
                #expect(refused.text.contains("Số phiếu thu về"), "\(refused.text)")
            }
            #expect(try await room.session(session.id).turnout == 0)
        }
    }

    @Test func aPaperBatchInTheAuditLogShowsNoCountBeforeClose() async throws {
        try await withTestApp { app in
            // Setup: two units vote on paper, both for a candidate that is not one of them.
            let room = try await Room.make(app)
            let paperUnits = Array(room.present.suffix(2))
            let candidate = try #require(room.present.first { !paperUnits.contains($0) })
            let session = try await room.open(candidates: [candidate]).json(Session.self)
            let path = room.fixture.api(.ballotPaper(room.fixture.bloc.id!, room.fixture.year, session.id))
            let body: [String: AnyCodable] = ["units": .array(paperUnits.map { .string($0.uuidString) }), "collected": .int(2),
                                              "invalid": .int(0), "votes": .array([.object(["unitID": .string(candidate.uuidString), "votes": .int(2)])])]
            try await room.fixture.send(.POST, path, as: room.fixture.head, json: body, status: .ok)
            // Act: the admin reads the audit log while the session is open.
            struct Log: Decodable { struct Entry: Decodable { var changes: String }; var items: [Entry] }
            let log = try await room.fixture.send(.GET, room.fixture.api(.audit) + "?action=paper_batch", as: app.adminToken, status: .ok)
                .json(Log.self)
            // Check: the entry is there, with the units and the ballots collected, but no candidate's count.
            let changes = try #require(log.items.first).changes
            #expect(changes.contains(paperUnits[0].uuidString), "\(changes)")
            #expect(!changes.contains(candidate.uuidString), "\(changes)")
        }
    }

    @Test func aRefusedPaperBatchOrCloseOnThePageKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            // Setup: a session of one candidate, open; the head in a browser.
            let room = try await Room.make(app)
            let candidate = room.members[0]
            let session = try await room.open(candidates: [candidate]).json(Session.self)
            let cookie = try await signIn(app, "test.ubkttu")
            let csrf = try await csrfToken(app, cookie: cookie)
            let bloc = room.fixture.bloc.id!, paperUnit = room.present[1]
            // Act: a batch with more approvals than ballots, then a close with a reason too long.
            let paper = "_csrf=\(csrf)&unit[]=\(paperUnit)&collected=1&invalid=0&voteCandidate[]=\(candidate)&voteCount[]=7"
            try await app.send(.POST, SiteURL.year(bloc, 2027, .ballotPaper(session.id)).path, as: .browser(cookie: cookie),
                               beforeRequest: { req in
                req.headers.contentType = .urlEncodedForm
                req.body = .init(string: paper)
            }) { res in
                // Check: refused, and the counts typed from the tally sheet are still in the form.
                #expect(res.status == .unprocessableEntity, "\(res.text)")
                #expect(res.text.contains("name=\"voteCount[]\" inputmode=\"numeric\" value=\"7\""), "\(res.text)")
                #expect(res.text.contains("name=\"collected\" inputmode=\"numeric\" value=\"1\""))
                #expect(res.text.contains("name=\"unit[]\" value=\"\(paperUnit.uuidString)\" checked"))
            }
            let reason = "Mất điện " + String(repeating: "rất lâu ", count: 300)
            try await app.send(.POST, SiteURL.year(bloc, 2027, .ballotClose(session.id)).path, as: .browser(cookie: cookie),
                               beforeRequest: { req in
                req.headers.contentType = .urlEncodedForm
                req.body = .init(string: "_csrf=\(csrf)&reason=" + reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            }) { res in
                #expect(res.status == .unprocessableEntity, "\(res.text)")
                #expect(res.text.contains("value=\"\(reason)\""))
            }
            #expect(try await room.session(session.id).state == "open")
        }
    }

    @Test func theRuleSourceIsCheckedLikeAnyText() async throws {
        try await withTestApp { app in
            // Setup: the room, with the attendance recorded.
            let room = try await Room.make(app)
            let path = room.fixture.api(.conferenceBallots(room.fixture.bloc.id!, room.fixture.year, room.conference))
            for source in [String(repeating: "Quy chế ", count: 400), "Quy chế \u{202E}khối"] {
                var body = Room.OpenBody(purpose: "leading_unit", candidates: [room.members[0]])
                body.rule.source = source
                // Act: open with a source too long, or with a hidden direction override.
                let refused = try await room.fixture.send(.POST, path, as: room.fixture.head, json: body, status: .unprocessableEntity)
                // Check: refused, naming the field.
                #expect(refused.text.contains("Căn cứ"), "\(refused.text)")
            }
            #expect(try await BallotSessionModel.query(on: app.db).filter(\.$conference.$id == room.conference).count() == 0)
        }
    }
}
}
