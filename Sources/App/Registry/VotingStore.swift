import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

extension ConferenceModel: Audited {}
extension BallotSessionModel: Audited {}

/// Conferences and ballots: reads and the writes the voting use cases make. A cast writes a
/// participation and a ballot that nothing links; counts exist only once a session closes.
extension RegistryStore {
    // MARK: - Reading

    func conferences(of yearID: UUID) async throws -> [ConferenceModel] {
        try await ConferenceModel.query(on: db).filter(\.$blocYear.$id == yearID).sort(\.$heldOn).all()
    }

    func conference(_ id: UUID, of yearID: UUID) async throws -> ConferenceModel {
        guard let model = try await ConferenceModel.find(id, on: db), model.$blocYear.id == yearID else {
            throw DomainError.notFound("Không tìm thấy hội nghị này trong năm thi đua.")
        }
        return model
    }

    func attendance(of conferenceID: UUID) async throws -> [AttendanceModel] {
        try await AttendanceModel.query(on: db).filter(\.$conference.$id == conferenceID).all()
    }

    func sessions(of conferenceID: UUID) async throws -> [BallotSessionModel] {
        try await BallotSessionModel.query(on: db).filter(\.$conference.$id == conferenceID).sort(\.$openedAt).all()
    }

    func sessions(ofYear yearID: UUID) async throws -> [BallotSessionModel] {
        try await BallotSessionModel.query(on: db).filter(\.$yearID == yearID).sort(\.$openedAt).all()
    }

    func session(_ id: UUID) async throws -> BallotSessionModel {
        guard let model = try await BallotSessionModel.find(id, on: db) else {
            throw DomainError.notFound("Không tìm thấy phiên bỏ phiếu này.")
        }
        return model
    }

    /// Số đơn vị đã bỏ phiếu: the one figure shown while a session is open.
    func turnout(of sessionID: UUID) async throws -> Int {
        try await ParticipationModel.query(on: db).filter(\.$sessionID == sessionID).count()
    }

    func participations(of sessionID: UUID) async throws -> [ParticipationModel] {
        try await ParticipationModel.query(on: db).filter(\.$sessionID == sessionID).all()
    }

    func paperBatches(of sessionID: UUID) async throws -> [PaperBatchModel] {
        try await PaperBatchModel.query(on: db).filter(\.$sessionID == sessionID).sort(\.$enteredAt).all()
    }

    /// Bảng công khai: every receipt hash of a closed session, sorted (so the order says
    /// nothing of the order of casting).
    func receiptHashes(of sessionID: UUID) async throws -> [String] {
        try await BallotModel.query(on: db).filter(\.$sessionID == sessionID).all().map(\.receiptHash).sorted()
    }

    static func receiptHash(_ code: String) -> String { Secrets.sha256(code) }

    // MARK: - Conferences

    func schedule(_ draft: ConferenceDraft, year: BlocYearModel, now: Date) async throws -> ConferenceModel {
        let model = ConferenceModel(yearID: year.id!, draft: draft, now: Auditor.timestamp(now))
        try await persist(model, before: nil)
        return model
    }

    func update(_ conference: ConferenceModel, with draft: ConferenceDraft) async throws {
        let before = conference.auditFields
        conference.apply(draft)
        try await persist(conference, before: before)
    }

    /// Replaces the roll call of a conference.
    func record(_ roll: [Attendance], of conference: ConferenceModel) async throws {
        let before = try await attendance(of: conference.id!)
        let describe: ([Attendance]) -> String = { list in
            list.sorted { $0.unitID.uuidString < $1.unitID.uuidString }
                .map { "\($0.unitID.uuidString)=\($0.present ? "có mặt" : "vắng")\($0.delegate.isEmpty ? "" : " (\($0.delegate))")" }
                .joined(separator: "; ")
        }
        let old = describe(before.map { Attendance(unitID: $0.unitID, present: $0.present, delegate: $0.delegate) })
        guard old != describe(roll) else { return }
        try await AttendanceModel.query(on: db).filter(\.$conference.$id == conference.id!).delete()
        for entry in roll { try await AttendanceModel(conferenceID: conference.id!, attendance: entry).create(on: db) }
        try await auditor.record(on: db, action: "attendance", type: ConferenceModel.auditType, id: conference.id?.uuidString,
                                 before: ["attendance": old], after: ["attendance": describe(roll)])
    }

    func handOverFlag(of conference: ConferenceModel, from: UUID?, to: UUID?) async throws {
        let before = conference.auditFields
        conference.flagFrom = from
        conference.flagTo = to
        try await persist(conference, before: before)
    }

    // MARK: - Sessions

    func open(_ spec: BallotSpec, title: String, effect: ElectionEffect?, previous: UUID?, conference: ConferenceModel,
              now: Date) async throws -> BallotSessionModel {
        let model = BallotSessionModel(conferenceID: conference.id!, yearID: conference.$blocYear.id, title: title, spec: spec,
                                       effect: effect, previousID: previous, now: Auditor.timestamp(now))
        try await persist(model, before: nil)
        return model
    }

    /// Re-reads the session inside the write: a close that committed first wins.
    private func openSession(_ id: UUID) async throws -> BallotSessionModel {
        let session = try await session(id)
        guard session.isOpen else { throw DomainError.conflict("Phiên bỏ phiếu đã kết thúc; không nhận thêm phiếu.") }
        return session
    }

    /// Bỏ phiếu: for each ballot, the participation (unique per unit: the key refuses a
    /// second one) and the ballot, in the caller's one transaction, with nothing linking
    /// them: the ballots go in one statement in the order of their random ids. Each audit
    /// entry says that a unit voted, never how. Returns each ballot's outcome, in order: a
    /// unit that has voted (before, or earlier in this batch), a closed session, a unit not
    /// on the list or choices the ballot does not allow are refused one by one.
    func cast(_ casts: [BallotCast]) async throws -> [Result<Void, any Error>] {
        var specs: [UUID: Result<BallotSpec, any Error>] = [:]
        for id in Set(casts.map(\.session)) {
            do { specs[id] = .success(try await openSession(id).spec) } catch { specs[id] = .failure(error) }
        }
        let cast = try await ParticipationModel.query(on: db).filter(\.$sessionID ~~ Array(specs.keys))
            .filter(\.$unitID ~~ Array(Set(casts.map(\.unit)))).all()
        var voted = Set(cast.map { [$0.sessionID, $0.unitID] })
        var outcomes: [Result<Void, any Error>] = []
        var participations: [ParticipationModel] = [], ballots: [BallotModel] = [], entries: [Auditor.Entry] = []
        for ballot in casts {
            do {
                let spec = try specs[ballot.session]!.get()
                guard spec.eligible.contains(ballot.unit) else {
                    throw DomainError.conflict("Đơn vị không có tên trong danh sách bỏ phiếu của phiên này.")
                }
                try spec.check(choices: ballot.choices)
                guard voted.insert([ballot.session, ballot.unit]).inserted else { throw Self.votedAlready }
                participations.append(ParticipationModel(sessionID: ballot.session, unitID: ballot.unit, channel: "electronic"))
                ballots.append(BallotModel(sessionID: ballot.session, choices: ballot.choices, receiptHash: ballot.receiptHash))
                entries.append(Auditor.Entry(auditor: ballot.auditor, action: "vote", type: BallotSessionModel.auditType,
                                             id: ballot.session.uuidString,
                                             after: ["unitID": ballot.unit.uuidString, "channel": "electronic"]))
                outcomes.append(.success(()))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        guard !ballots.isEmpty else { return outcomes }
        try await insertParticipations(participations)
        try await ballots.sorted { $0.id!.uuidString < $1.id!.uuidString }.create(on: db)
        for session in Set(ballots.map(\.sessionID)) { try await restampBallots(of: session) }
        try await Auditor.record(entries, on: db)
        return outcomes
    }

    private static let votedAlready = DomainError.conflict("Đơn vị đã bỏ phiếu ở phiên này; mỗi đơn vị chỉ một phiếu.")

    /// Phiếu giấy: the units that voted on paper, and the committee's counts.
    func enter(_ batch: PaperBatch, units: [UUID], in sessionID: UUID, enteredBy: String, now: Date) async throws {
        let session = try await openSession(sessionID)
        let spec = try session.spec
        guard Set(units).isSubset(of: spec.eligible), Set(units).count == units.count else {
            throw DomainError.invalid(field: "units", "Chỉ đánh dấu các đơn vị có tên trong danh sách bỏ phiếu, mỗi đơn vị một lần.")
        }
        try batch.validate(for: spec, units: units.count)
        try await insertParticipations(units.map { ParticipationModel(sessionID: sessionID, unitID: $0, channel: "paper") })
        let model = PaperBatchModel(sessionID: sessionID, batch: batch, enteredBy: enteredBy, at: Auditor.timestamp(now))
        try await model.create(on: db)
        // The log says which units voted on paper and how many ballots came in; each candidate's
        // count stays in the batch row until the close records the result (the audit log is read
        // while the session is open).
        try await auditor.record(on: db, action: "paper_batch", type: BallotSessionModel.auditType, id: sessionID.uuidString,
                                 after: ["collected": String(batch.collected), "invalid": String(batch.invalid),
                                         "units": units.map(\.uuidString).sorted().joined(separator: ",")])
    }

    /// PostgreSQL stamps every row with the transaction that wrote it (`xmin`) and keeps rows
    /// in the order written: a ballot written alone would carry its voter's transaction (the
    /// participation's and the audit entry's) and its place in the casting order. Each cast
    /// rewrites the session's ballots, in the order of their random ids, so all of them carry
    /// the latest cast's transaction and none its time. (SQLite: the table has no row ids.)
    private func restampBallots(of sessionID: UUID) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("""
            WITH cast_ballots AS (DELETE FROM ballots WHERE session_id = \(bind: sessionID) RETURNING id, session_id, choices, receipt_hash)
            INSERT INTO ballots (id, session_id, choices, receipt_hash)
            SELECT id, session_id, choices, receipt_hash FROM cast_ballots ORDER BY id
            """).run()
    }

    private func insertParticipations(_ rows: [ParticipationModel]) async throws {
        do {
            try await rows.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Self.votedAlready
        }
    }

    /// Kết thúc phiên: counts once, stores the result with its rule, and, for an election
    /// that takes effect, writes next year's office.
    func close(_ sessionID: UUID, reasonWithoutQuorum: String?, blocID: UUID, year: Int, now: Date) async throws -> BallotSessionModel {
        let session = try await openSession(sessionID)
        let spec = try session.spec
        let ballots = try await BallotModel.query(on: db).filter(\.$sessionID == sessionID).all().map(\.approved)
        let batches = try await paperBatches(of: sessionID).map { try $0.batch }
        let result = try Tally.count(spec, ballots: ballots, batches: batches, reasonWithoutQuorum: reasonWithoutQuorum)
        let before = session.auditFields
        session.state = "closed"
        session.closedAt = Auditor.timestamp(now)
        session.resultJSON = JSONCoding.string(result)
        if let role = spec.purpose.office, let winner = result.elected.first {
            session.outcome = try await fill(role, for: year + 1, of: blocID, with: winner, effect: session.electionEffect ?? .elect)
        }
        try await persist(session, before: before)
        return session
    }

    /// Writes next year's head or deputy from an election, unless the office is taken or the
    /// bloc's rule leaves it to the province; says what it did.
    private func fill(_ role: BlocOfficeRole, for year: Int, of blocID: UUID, with unit: UUID, effect: ElectionEffect) async throws -> String {
        let kind = try await bloc(blocID).core.kind
        let label = role == .head ? kind.headTitle : kind.deputyTitle
        guard effect == .elect else { return "Đã giới thiệu \(label) năm \(year); chờ cấp tỉnh công nhận." }
        let offices = try await head(ofBloc: blocID, year: year)
        if (role == .head ? offices.head : offices.deputy) != nil {
            return "Năm \(year) đã có \(label); kết quả được lưu nhưng không thay thế."
        }
        if (role == .head ? offices.deputy : offices.head) == unit {
            return "Đơn vị trúng đã là \(role == .head ? kind.deputyTitle : kind.headTitle) năm \(year); không ghi hai chức cho một đơn vị."
        }
        try await save(BlocOffice(blocID: blocID, year: year, role: role, unitID: unit, basis: .elected))
        return "Đã ghi nhận \(label) năm \(year) (bầu tại hội nghị)."
    }

    /// Công nhận: the province names next year's head or deputy (replacing nothing it did not
    /// name: an office already recorded is refused).
    func recognise(_ role: BlocOfficeRole, unit: UUID, year: Int, of blocID: UUID, members: Set<UUID>) async throws {
        let offices = try await head(ofBloc: blocID, year: year)
        let label = role == .head ? "Trưởng khối" : "Phó trưởng khối"
        guard members.contains(unit) else { throw DomainError.invalid(field: "unitID", "\(label) phải là đơn vị thành viên của khối.") }
        if (role == .head ? offices.head : offices.deputy) != nil { throw DomainError.conflict("Năm \(year) đã có \(label).") }
        if (role == .head ? offices.deputy : offices.head) == unit {
            throw DomainError.invalid(field: "unitID", "Trưởng khối và Phó trưởng khối phải là hai đơn vị khác nhau.")
        }
        try await save(BlocOffice(blocID: blocID, year: year, role: role, unitID: unit, basis: .recognised))
    }
}

/// What the conference's closed sessions decided, as the award proposals read it: the suy
/// tôn of the leading unit (Cờ thi đua of the province), and the nominations for the
/// Chairman's Bằng khen and the Government's Cờ. The latest round of each purpose counts.
struct StoredBallotResults: BlocBallotResults {
    private func results(bloc: UUID, year: Int, purpose: BallotPurpose, on db: any Database) async throws -> TallyResult? {
        guard let model = try await BlocYearModel.query(on: db).filter(\.$bloc.$id == bloc).filter(\.$year == year).first() else {
            return nil
        }
        let closed = try await BallotSessionModel.query(on: db).filter(\.$yearID == model.id!).filter(\.$purpose == purpose.rawValue)
            .filter(\.$state == "closed").sort(\.$closedAt).all()
        // A further round decides what its earlier round left open: the elected of every round count.
        let results = try closed.compactMap { try $0.result }
        guard var last = results.last else { return nil }
        last.lines = results.flatMap(\.lines).filter(\.elected) + last.lines.filter { !$0.elected }
        return last
    }

    func confirmedLeaders(bloc: UUID, year: Int, on db: any Database) async throws -> Set<UUID>? {
        try await results(bloc: bloc, year: year, purpose: .leadingUnit, on: db).map { Set($0.elected) }
    }

    func nominations(bloc: UUID, year: Int, on db: any Database) async throws -> [(unit: UUID, code: AwardCode)] {
        var found: [(unit: UUID, code: AwardCode)] = []
        for (purpose, code) in [(BallotPurpose.chairmanCommendation, AwardCode.provinceMeritCollective), (.governmentFlag, .governmentFlag)] {
            for unit in try await results(bloc: bloc, year: year, purpose: purpose, on: db)?.elected ?? [] {
                found.append((unit, code))
            }
        }
        return found
    }
}
