import Fluent
import Foundation
import ThiDuaCore

/// A reorganisation of units or of provinces (`subject` says which).
final class ReorganisationEventModel: Model, @unchecked Sendable {
    static let schema = "reorganisation_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject") var subject: String
    @Field(key: "kind") var kind: String
    @Field(key: "effective_date") var effectiveDate: String
    @Field(key: "decision_reference") var decisionReference: String
    @OptionalField(key: "previous_name") var previousName: String?
    @OptionalField(key: "new_name") var newName: String?
    @OptionalField(key: "previous_short_name") var previousShortName: String?
    @OptionalField(key: "new_short_name") var newShortName: String?
    @OptionalField(key: "from_province_id") var fromProvinceID: UUID?
    @OptionalField(key: "to_province_id") var toProvinceID: UUID?
    @OptionalField(key: "note") var note: String?
    @Children(for: \.$event) var participants: [ReorganisationParticipantModel]

    init() {}

    init(_ event: ReorganisationEvent, subject: LineageSubjectKind) {
        id = event.id
        self.subject = subject.rawValue
        kind = event.kind.rawValue
        effectiveDate = event.effectiveDate.iso
        decisionReference = event.decisionReference
        previousName = event.previousName
        newName = event.newName
        previousShortName = event.previousShortName
        newShortName = event.newShortName
        fromProvinceID = event.fromProvinceID
        toProvinceID = event.toProvinceID
        note = event.note
    }

    /// Needs `participants` eager-loaded.
    var core: ReorganisationEvent {
        let ordered = participants.sorted { $0.position < $1.position }
        return ReorganisationEvent(
            id: id!, kind: ReorganisationKind(rawValue: kind) ?? .rename,
            effectiveDate: LocalDate(effectiveDate)!, decisionReference: decisionReference,
            sources: ordered.filter { $0.role == "source" }.map(\.subjectID),
            targets: ordered.filter { $0.role == "target" }.map(\.subjectID),
            previousName: previousName, newName: newName, previousShortName: previousShortName,
            newShortName: newShortName, fromProvinceID: fromProvinceID, toProvinceID: toProvinceID, note: note)
    }
}

/// Whether a reorganisation is about units or about provinces.
enum LineageSubjectKind: String, CaseIterable, Sendable {
    case unit
    case province
}

/// A unit or province named by an event, as a source (before) or a target (after).
final class ReorganisationParticipantModel: Model, @unchecked Sendable {
    static let schema = "reorganisation_participants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: ReorganisationEventModel
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "role") var role: String
    @Field(key: "position") var position: Int

    init() {}

    init(eventID: UUID, subjectID: UUID, role: String, position: Int) {
        $event.id = eventID
        self.subjectID = subjectID
        self.role = role
        self.position = position
    }
}
