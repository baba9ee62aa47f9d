import Fluent
import Foundation
import ThiDuaCore

/// Xếp loại hằng năm of a person or a collective: one a year per subject.
final class AnnualRatingModel: Model, @unchecked Sendable {
    static let schema = "annual_ratings"

    @ID(key: .id) var id: UUID?
    /// "individual" (a person's id) or "collective" (a unit's id).
    @Field(key: "subject") var subject: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "rating") var rating: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(subject: AwardSubject, subjectID: UUID, year: Int, rating: TaskRating, recordedBy: String, at: Date) {
        self.subject = subject.rawValue
        self.subjectID = subjectID
        self.year = year
        self.rating = rating.rawValue
        self.recordedBy = recordedBy
        recordedAt = at
    }

    var core: AnnualRating? { TaskRating(rawValue: rating).map { AnnualRating(year: year, rating: $0) } }
}

/// Kỷ luật: a measure, or (no kind) a review or investigation still open or closed.
final class DisciplineModel: Model, @unchecked Sendable {
    static let schema = "discipline_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject") var subject: String
    @Field(key: "subject_id") var subjectID: UUID
    @OptionalField(key: "kind") var kind: String?
    @Field(key: "date") var date: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "reference") var reference: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    init(subject: AwardSubject, subjectID: UUID, record: DisciplineRecord, recordedBy: String) {
        id = record.id
        self.subject = subject.rawValue
        self.subjectID = subjectID
        kind = record.kind?.rawValue
        date = record.date.iso
        closedOn = record.closedOn?.iso
        reference = record.reference
        self.recordedBy = recordedBy
    }

    var core: DisciplineRecord? {
        guard let day = LocalDate(date) else { return nil }
        return DisciplineRecord(id: id!, kind: kind.flatMap(DisciplineKind.init(rawValue:)), date: day,
                                closedOn: closedOn.flatMap(LocalDate.init), reference: reference)
    }
}

/// Sáng kiến of a person, with the level that recognised it and the award that used it.
final class InitiativeModel: Model, @unchecked Sendable {
    static let schema = "initiatives"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "title") var title: String
    @Field(key: "year") var year: Int
    @Field(key: "level") var level: String
    /// Văn bản công nhận: "QĐ 15/QĐ-HĐSK".
    @Field(key: "recognition") var recognition: String
    @OptionalField(key: "used_by") var usedBy: UUID?
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    init(personID: UUID, initiative: Initiative, recognition: String, recordedBy: String) {
        id = initiative.id
        $person.id = personID
        title = initiative.title
        year = initiative.year
        level = initiative.level.rawValue
        self.recognition = recognition
        usedBy = initiative.usedBy
        self.recordedBy = recordedBy
    }

    var core: Initiative {
        Initiative(id: id!, title: title, year: year, level: InitiativeLevel(rawValue: level) ?? .agency, usedBy: usedBy)
    }
}

/// Khen thưởng đã nhận: one lượt, written by a decision (or imported from the past).
final class AwardRecordModel: Model, @unchecked Sendable {
    static let schema = "award_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject") var subject: String
    @Field(key: "subject_id") var subjectID: UUID
    /// The unit it belongs to then: the collective itself, or the person's unit.
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "bloc_id") var blocID: UUID?
    @Field(key: "province_id") var provinceID: UUID
    /// For statistics by gender (a person's, on the day of the decision); nil for a collective.
    @OptionalField(key: "gender") var gender: String?
    @Field(key: "code") var code: String
    @Field(key: "year") var year: Int
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "decision_number") var decisionNumber: String
    @Field(key: "decision_date") var decisionDate: String
    /// "2023,2024,2025".
    @Field(key: "basis_years") var basisYears: String
    /// Initiative ids, comma-separated.
    @Field(key: "basis_initiatives") var basisInitiatives: String
    @OptionalField(key: "proposal_line_id") var proposalLineID: UUID?

    init() {}

    /// One award as every writer records it (a decision, the past-award import, a recorded past
    /// year, the demo): the basis stored as "2023,2024" and initiative ids comma-separated.
    init(subject: AwardSubject, subjectID: UUID, unitID: UUID, blocID: UUID? = nil, provinceID: UUID, gender: Gender? = nil,
         code: AwardCode, year: Int, decisionID: UUID? = nil, decisionNumber: String, decisionDate: LocalDate,
         basis: AwardBasis, proposalLineID: UUID? = nil) {
        self.subject = subject.rawValue
        self.subjectID = subjectID
        self.unitID = unitID
        self.blocID = blocID
        self.provinceID = provinceID
        self.gender = gender?.rawValue
        self.code = code.rawValue
        self.year = year
        self.decisionID = decisionID
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate.iso
        basisYears = basis.years.map(String.init).joined(separator: ",")
        basisInitiatives = basis.initiatives.map(\.uuidString).joined(separator: ",")
        self.proposalLineID = proposalLineID
    }

    var core: AwardRecord {
        AwardRecord(id: id!, code: AwardCode(code), year: year, decisionNumber: decisionNumber,
                    decisionDate: LocalDate(decisionDate) ?? LocalDate(year: 2000, month: 1, day: 1)!, unitID: unitID,
                    basisYears: basisYears.split(separator: ",").compactMap { Int($0) },
                    basisInitiatives: basisInitiatives.split(separator: ",").compactMap { UUID(uuidString: String($0)) })
    }
}

/// Tờ trình đề nghị khen thưởng.
final class AwardProposalModel: Model, @unchecked Sendable {
    static let schema = "award_proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "province_id") var provinceID: UUID
    /// The unit that writes it: the bloc's head of the year, or the unit itself.
    @Field(key: "author_unit_id") var authorUnitID: UUID
    @OptionalField(key: "bloc_id") var blocID: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    /// The day the rules are judged on: the day it was (last) submitted, else today.
    @OptionalField(key: "submitted_on") var submittedOn: String?
    @OptionalField(key: "return_reason") var returnReason: String?
    /// Kết quả Hội đồng TĐKT tỉnh.
    @OptionalField(key: "council_date") var councilDate: String?
    @OptionalField(key: "council_for") var councilFor: Int?
    @OptionalField(key: "council_against") var councilAgainst: Int?
    @OptionalField(key: "council_note") var councilNote: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var proposalKind: ProposalKind { ProposalKind(rawValue: kind) ?? .unit }
    var proposalStatus: ProposalStatus { ProposalStatus(rawValue: status) ?? .draft }
    var resource: Resource { .proposal(author: authorUnitID, province: provinceID, status: proposalStatus) }
}

/// Một dòng của tờ trình: who, for what, on what achievement; proposed ≠ approved.
final class AwardProposalLineModel: Model, @unchecked Sendable {
    static let schema = "award_proposal_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "proposal_id") var proposal: AwardProposalModel
    @Field(key: "subject") var subject: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "code") var code: String
    /// Tóm tắt thành tích.
    @Field(key: "summary") var summary: String
    @Field(key: "status") var status: String
    @OptionalField(key: "return_reason") var returnReason: String?
    @Field(key: "position") var position: Int

    init() {}

    var lineStatus: LineStatus { LineStatus(rawValue: status) ?? .proposed }
    var awardSubject: AwardSubject { AwardSubject(rawValue: subject) ?? .individual }
}

/// One step of a proposal's history: who moved it, from where to where, why.
final class AwardProposalEventModel: Model, @unchecked Sendable {
    static let schema = "award_proposal_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "proposal_id") var proposal: AwardProposalModel
    @Field(key: "action") var action: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date

    init() {}
}

/// Quyết định khen thưởng: its number is unique for its issuer.
final class AwardDecisionModel: Model, @unchecked Sendable {
    static let schema = "award_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "proposal_id") var proposal: AwardProposalModel
    @Field(key: "number") var number: String
    /// The number and the issuer folded (`VietnameseText.searchKey`) for the unique constraint.
    @Field(key: "number_key") var numberKey: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "issuer_key") var issuerKey: String
    @Field(key: "date") var date: String
    @Field(key: "signer") var signer: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// Tham số xét khen thưởng của tỉnh: one dated version (the province's decision).
final class AwardParameterVersionModel: Model, @unchecked Sendable {
    static let schema = "award_parameter_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "province_id") var provinceID: UUID
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?
    @Field(key: "reference") var reference: String
    /// `AwardParameters` as JSON.
    @Field(key: "parameters") var parameters: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    var core: ParameterVersion? {
        guard let from = LocalDate(validFrom),
              let parameters = try? JSONDecoder().decode(AwardParameters.self, from: Data(parameters.utf8)) else { return nil }
        return ParameterVersion(validity: DatePeriod(from: from, to: validTo.flatMap(LocalDate.init)), reference: reference, parameters: parameters)
    }
}
