import Fluent
import Foundation
import ThiDuaCore

/// Hội nghị of a bloc's year, with what its minutes need.
final class ConferenceModel: Model, @unchecked Sendable {
    static let schema = "conferences"
    static let auditType = "conference"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Field(key: "kind") var kind: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "place") var place: String
    @Field(key: "chair") var chair: String
    @Field(key: "secretary") var secretary: String
    /// Tổ kiểm phiếu and chương trình, one entry a line.
    @Field(key: "tally_committee") var tallyCommittee: String
    @Field(key: "agenda") var agenda: String
    /// Cờ luân lưu: the unit that handed the bloc's rotating flag over, and the one that took it.
    @OptionalField(key: "flag_from_unit_id") var flagFrom: UUID?
    @OptionalField(key: "flag_to_unit_id") var flagTo: UUID?
    @Field(key: "created_at") var createdAt: String

    init() {}

    init(yearID: UUID, draft: ConferenceDraft, now: String) {
        $blocYear.id = yearID
        createdAt = now
        apply(draft)
    }

    func apply(_ draft: ConferenceDraft) {
        kind = draft.kind.rawValue
        heldOn = draft.heldOn.iso
        place = draft.place
        chair = draft.chair
        secretary = draft.secretary
        tallyCommittee = draft.tallyCommittee.joined(separator: "\n")
        agenda = draft.agenda.joined(separator: "\n")
    }

    var conferenceKind: ConferenceKind { ConferenceKind(rawValue: kind) ?? .yearEnd }
    var committee: [String] { tallyCommittee.split(separator: "\n").map(String.init) }
    var agendaItems: [String] { agenda.split(separator: "\n").map(String.init) }

    var auditFields: [String: String?] {
        ["kind": kind, "heldOn": heldOn, "place": place, "chair": chair, "secretary": secretary,
         "tallyCommittee": tallyCommittee, "agenda": agenda, "flagFrom": flagFrom?.uuidString, "flagTo": flagTo?.uuidString]
    }
}

/// Điểm danh: one member unit at a conference.
final class AttendanceModel: Model, @unchecked Sendable {
    static let schema = "conference_attendance"

    @ID(key: .id) var id: UUID?
    @Parent(key: "conference_id") var conference: ConferenceModel
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "present") var present: Bool
    @Field(key: "delegate") var delegate: String

    init() {}

    init(conferenceID: UUID, attendance: Attendance) {
        $conference.id = conferenceID
        unitID = attendance.unitID
        present = attendance.present
        delegate = attendance.delegate
    }
}

/// Phiên bỏ phiếu: what was fixed when it opened (candidates, voters, rule), and, once
/// closed, the result with the rule that made it.
final class BallotSessionModel: Model, @unchecked Sendable {
    static let schema = "ballot_sessions"
    static let auditType = "ballot_session"

    @ID(key: .id) var id: UUID?
    @Parent(key: "conference_id") var conference: ConferenceModel
    @Field(key: "bloc_year_id") var yearID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "title") var title: String
    /// JSON: the `BallotSpec` fixed at opening.
    @Field(key: "spec") var specJSON: String
    @OptionalField(key: "effect") var effect: String?
    @OptionalField(key: "previous_id") var previousID: UUID?
    @Field(key: "state") var state: String
    @Field(key: "opened_at") var openedAt: String
    @OptionalField(key: "closed_at") var closedAt: String?
    /// JSON: the `TallyResult`, written once, at close.
    @OptionalField(key: "result") var resultJSON: String?
    /// What the result did: the office it wrote for next year, or that it awaits recognition.
    @OptionalField(key: "outcome") var outcome: String?

    init() {}

    init(conferenceID: UUID, yearID: UUID, title: String, spec: BallotSpec, effect: ElectionEffect?, previousID: UUID?, now: String) {
        $conference.id = conferenceID
        self.yearID = yearID
        purpose = spec.purpose.rawValue
        self.title = title
        specJSON = JSONCoding.string(spec)
        self.effect = effect?.rawValue
        self.previousID = previousID
        state = "open"
        openedAt = now
    }

    var isOpen: Bool { state == "open" }
    var spec: BallotSpec { get throws { try JSONCoding.decode(BallotSpec.self, specJSON) } }
    var result: TallyResult? { get throws { try resultJSON.map { try JSONCoding.decode(TallyResult.self, $0) } } }
    var ballotPurpose: BallotPurpose { BallotPurpose(rawValue: purpose) ?? .leadingUnit }
    var electionEffect: ElectionEffect? { effect.flatMap(ElectionEffect.init(rawValue:)) }

    var auditFields: [String: String?] {
        ["purpose": purpose, "title": title, "spec": specJSON, "effect": effect, "previousID": previousID?.uuidString,
         "state": state, "closedAt": closedAt, "result": resultJSON, "outcome": outcome]
    }
}

/// Đã bỏ phiếu: that a unit took part in a session, and how (electronic or paper). Unique
/// per session and unit: this row, not a check before it, stops a second ballot. It holds
/// no time and nothing of the ballot.
final class ParticipationModel: Model, @unchecked Sendable {
    static let schema = "ballot_participations"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "unit_id") var unitID: UUID
    /// `electronic` or `paper`.
    @Field(key: "channel") var channel: String

    init() {}

    init(sessionID: UUID, unitID: UUID, channel: String) {
        self.sessionID = sessionID
        self.unitID = unitID
        self.channel = channel
    }
}

/// Lá phiếu: the choices of one electronic ballot and the hash of its receipt code. No voter,
/// no time; a random id; on SQLite a table without row ids, so not even the order of
/// storage follows the order of casting.
final class BallotModel: Model, @unchecked Sendable {
    static let schema = "ballots"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    /// JSON: the approved candidates, sorted.
    @Field(key: "choices") var choices: String
    @Field(key: "receipt_hash") var receiptHash: String

    init() {}

    init(sessionID: UUID, choices: Set<UUID>, receiptHash: String) {
        id = UUID()
        self.sessionID = sessionID
        self.choices = JSONCoding.string(choices.map(\.uuidString).sorted())
        self.receiptHash = receiptHash
    }

    var approved: Set<UUID> { Set(((try? JSONCoding.decode([String].self, choices)) ?? []).compactMap(UUID.init(uuidString:))) }
}

/// Một đợt phiếu giấy, counted by the tally committee and entered by the head's officer.
final class PaperBatchModel: Model, @unchecked Sendable {
    static let schema = "paper_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    /// JSON: the `PaperBatch`.
    @Field(key: "batch") var batchJSON: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: String

    init() {}

    init(sessionID: UUID, batch: PaperBatch, enteredBy: String, at: String) {
        self.sessionID = sessionID
        batchJSON = JSONCoding.string(batch)
        self.enteredBy = enteredBy
        enteredAt = at
    }

    var batch: PaperBatch { get throws { try JSONCoding.decode(PaperBatch.self, batchJSON) } }
}
