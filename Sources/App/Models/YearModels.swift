import Fluent
import Foundation
import ThiDuaCore

/// Năm thi đua of a bloc: its state and its fixed dates.
final class BlocYearModel: Model, @unchecked Sendable {
    static let schema = "bloc_years"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_id") var bloc: BlocModel
    @Field(key: "year") var year: Int
    @Field(key: "state") var state: String
    @OptionalField(key: "pact_date") var pactDate: String?
    @OptionalField(key: "pact_place") var pactPlace: String?
    @OptionalField(key: "registration_deadline") var registrationDeadline: String?
    @OptionalField(key: "mid_year_date") var midYearDate: String?
    @OptionalField(key: "self_score_deadline") var selfScoreDeadline: String?
    @OptionalField(key: "conference_date") var conferenceDate: String?
    @Field(key: "opened_at") var openedAt: String
    /// The secret part of the calendar feed's address (a calendar app cannot sign in).
    @Field(key: "calendar_key") var calendarKey: String

    init() {}

    init(blocID: UUID, year: Int, openedAt: String) {
        $bloc.id = blocID
        self.year = year
        state = YearState.planning.rawValue
        self.openedAt = openedAt
        calendarKey = Secrets.token(prefix: "lich_")
    }

    var yearState: YearState { YearState(rawValue: state) ?? .planning }

    var dates: YearDates {
        get {
            YearDates(pactDate: pactDate.flatMap(LocalDate.init), pactPlace: pactPlace,
                      registrationDeadline: registrationDeadline.flatMap(LocalDate.init),
                      midYearDate: midYearDate.flatMap(LocalDate.init),
                      selfScoreDeadline: selfScoreDeadline.flatMap(LocalDate.init),
                      conferenceDate: conferenceDate.flatMap(LocalDate.init))
        }
        set {
            pactDate = newValue.pactDate?.iso
            pactPlace = newValue.pactPlace
            registrationDeadline = newValue.registrationDeadline?.iso
            midYearDate = newValue.midYearDate?.iso
            selfScoreDeadline = newValue.selfScoreDeadline?.iso
            conferenceDate = newValue.conferenceDate?.iso
        }
    }
}

/// One step of a year's history: which transition, by whom, why.
final class YearTransitionModel: Model, @unchecked Sendable {
    static let schema = "year_transitions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Field(key: "transition") var transition: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: String

    init() {}

    init(yearID: UUID, transition: YearTransition, from: YearState, to: YearState, reason: String?, actorName: String, at: String) {
        $blocYear.id = yearID
        self.transition = transition.rawValue
        fromState = from.rawValue
        toState = to.rawValue
        self.reason = reason
        self.actorName = actorName
        self.at = at
    }
}

final class PlanActivityModel: Model, @unchecked Sendable {
    static let schema = "plan_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @OptionalParent(key: "owner_unit_id") var ownerUnit: UnitModel?
    @OptionalField(key: "notes") var notes: String?

    init() {}

    init(_ activity: PlanActivity, yearID: UUID) {
        id = activity.id
        $blocYear.id = yearID
        title = activity.title
        startsOn = activity.startsOn.iso
        endsOn = activity.endsOn?.iso
        $ownerUnit.id = activity.ownerUnitID
        notes = activity.notes
    }

    var core: PlanActivity {
        PlanActivity(id: id!, title: title, startsOn: LocalDate(startsOn)!, endsOn: endsOn.flatMap(LocalDate.init),
                     ownerUnitID: $ownerUnit.id, notes: notes)
    }
}

/// Phong trào thi đua, launched by the province, a bloc or a unit.
final class MovementModel: Model, @unchecked Sendable {
    static let schema = "movements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: ProvinceModel
    @Field(key: "scope") var scope: String
    @OptionalParent(key: "bloc_id") var bloc: BlocModel?
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "launched_on") var launchedOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "launching_body") var launchingBody: String
    @OptionalField(key: "document_reference") var documentReference: String?
    @Field(key: "search_key") var searchKey: String
    @Field(key: "sort_key") var sortKey: String
    @Children(for: \.$movement) var criteria: [MovementCriterionModel]

    init() {}

    init(_ movement: Movement) {
        id = movement.id
        $province.id = movement.provinceID
        scope = movement.scope.rawValue
        $bloc.id = movement.blocID
        $unit.id = movement.unitID
        kind = movement.kind.rawValue
        title = movement.title
        launchedOn = movement.launchedOn.iso
        endsOn = movement.endsOn?.iso
        launchingBody = movement.launchingBody
        documentReference = movement.documentReference
        searchKey = VietnameseText.searchKey(movement.title + " " + movement.launchingBody)
        sortKey = VietnameseText.sortKey(movement.title)
    }

    /// Needs `criteria` loaded.
    var core: Movement {
        Movement(id: id!, provinceID: $province.id, scope: MovementScope(rawValue: scope) ?? .province, blocID: $bloc.id,
                 unitID: $unit.id, kind: MovementKind(rawValue: kind) ?? .regular, title: title,
                 launchedOn: LocalDate(launchedOn)!, endsOn: endsOn.flatMap(LocalDate.init), launchingBody: launchingBody,
                 documentReference: documentReference, criterionIDs: $criteria.value?.map(\.criterionID) ?? [])
    }
}

/// A criterion of a year's table that a movement's results count towards.
final class MovementCriterionModel: Model, @unchecked Sendable {
    static let schema = "movement_criteria"

    @ID(key: .id) var id: UUID?
    @Parent(key: "movement_id") var movement: MovementModel
    @Field(key: "criterion_id") var criterionID: UUID

    init() {}

    init(movementID: UUID, criterionID: UUID) {
        $movement.id = movementID
        self.criterionID = criterionID
    }
}

/// A movement taken into a bloc's year.
final class YearMovementModel: Model, @unchecked Sendable {
    static let schema = "year_movements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Parent(key: "movement_id") var movement: MovementModel

    init() {}

    init(yearID: UUID, movementID: UUID) {
        $blocYear.id = yearID
        $movement.id = movementID
    }
}

/// Bảng tiêu chí: a province's template, or the table of one bloc's year.
final class ScoringTableModel: Model, @unchecked Sendable {
    static let schema = "scoring_tables"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "province_id") var province: ProvinceModel?
    @OptionalParent(key: "bloc_year_id") var blocYear: BlocYearModel?
    @Field(key: "name") var name: String
    @Field(key: "declared_total") var declaredTotal: Int
    @OptionalField(key: "bonus_cap") var bonusCap: Int?
    @Field(key: "updated_at") var updatedAt: String
    /// `RankingRules` as JSON; nil for the defaults.
    @OptionalField(key: "ranking_rules") var rankingRulesJSON: String?
    @Children(for: \.$table) var criteria: [CriterionModel]

    var rankingRules: RankingRules {
        get { rankingRulesJSON.flatMap { try? JSONDecoder().decode(RankingRules.self, from: Data($0.utf8)) } ?? RankingRules() }
        set { rankingRulesJSON = (try? JSONEncoder().encode(newValue)).map { String(decoding: $0, as: UTF8.self) } }
    }

    init() {}

    /// Needs `criteria` loaded.
    var core: ScoringTable {
        ScoringTable(criteria: criteria.map(\.core), declaredTotal: Points(hundredths: declaredTotal),
                     bonusCap: bonusCap.map(Points.init(hundredths:)))
    }
}

final class CriterionModel: Model, @unchecked Sendable {
    static let schema = "criteria"

    @ID(key: .id) var id: UUID?
    @Parent(key: "table_id") var table: ScoringTableModel
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "maximum") var maximum: Int?
    @OptionalField(key: "per_event") var perEvent: Int?
    @OptionalField(key: "cap") var cap: Int?
    @OptionalField(key: "guidance") var guidance: String?
    @Field(key: "evidence_required") var evidenceRequired: Bool
    @Field(key: "scorer") var scorer: String
    @Field(key: "position") var position: Int

    init() {}

    init(_ criterion: Criterion, tableID: UUID) {
        id = criterion.id
        $table.id = tableID
        parentID = criterion.parentID
        code = criterion.code
        title = criterion.title
        kind = criterion.kind.rawValue
        maximum = criterion.maximum?.hundredths
        perEvent = criterion.perEvent?.hundredths
        cap = criterion.cap?.hundredths
        guidance = criterion.guidance
        evidenceRequired = criterion.evidenceRequired
        scorer = criterion.scorer.rawValue
        position = criterion.order
    }

    var core: Criterion {
        Criterion(id: id!, parentID: parentID, code: code, title: title, kind: CriterionKind(rawValue: kind) ?? .base,
                  maximum: maximum.map(Points.init(hundredths:)), perEvent: perEvent.map(Points.init(hundredths:)),
                  cap: cap.map(Points.init(hundredths:)), guidance: guidance, evidenceRequired: evidenceRequired,
                  scorer: Scorer(rawValue: scorer) ?? .selfScore, order: position)
    }
}

/// A change to a table after the pact locked it: the reason, who, when, what.
final class TableChangeModel: Model, @unchecked Sendable {
    static let schema = "scoring_table_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "table_id") var table: ScoringTableModel
    @Field(key: "reason") var reason: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: String
    @Field(key: "summary") var summary: String

    init() {}

    init(tableID: UUID, reason: String, actorName: String, at: String, summary: String) {
        $table.id = tableID
        self.reason = reason
        self.actorName = actorName
        self.at = at
        self.summary = summary
    }
}

final class PactTargetModel: Model, @unchecked Sendable {
    static let schema = "pact_targets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Parent(key: "unit_id") var unit: UnitModel
    @OptionalField(key: "criterion_id") var criterionID: UUID?
    @Field(key: "text") var text: String
    @Field(key: "position") var position: Int

    init() {}

    init(_ target: PactTarget, yearID: UUID, position: Int) {
        $blocYear.id = yearID
        $unit.id = target.unitID
        criterionID = target.criterionID
        text = target.text
        self.position = position
    }

    var core: PactTarget { PactTarget(unitID: $unit.id, criterionID: criterionID, text: text) }
}

final class PactSignatureModel: Model, @unchecked Sendable {
    static let schema = "pact_signatures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "signer_name") var signerName: String
    @Field(key: "signer_position") var signerPosition: String
    @Field(key: "signed_at") var signedAt: Date
    @Field(key: "recorded_by") var recordedBy: String

    init() {}

    init(_ signature: PactSignature, yearID: UUID, recordedBy: String) {
        $blocYear.id = yearID
        $unit.id = signature.unitID
        signerName = signature.signerName
        signerPosition = signature.signerPosition
        signedAt = signature.signedAt
        self.recordedBy = recordedBy
    }

    var core: PactSignature {
        PactSignature(unitID: $unit.id, signerName: signerName, signerPosition: signerPosition, signedAt: signedAt)
    }
}

/// Đăng ký thi đua of one unit for one year.
final class RegistrationModel: Model, @unchecked Sendable {
    static let schema = "registrations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "collective_title") var collectiveTitle: String
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "submitted_by") var submittedBy: String
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @Children(for: \.$registration) var individuals: [RegistrationIndividualModel]

    init() {}

    /// Needs `individuals` loaded.
    var core: Registration {
        Registration(unitID: $unit.id, collectiveTitle: CollectiveTitle(rawValue: collectiveTitle) ?? .advancedCollective,
                     individuals: individuals.sorted { $0.position < $1.position }
                         .map { IndividualTarget(personID: $0.$person.id, title: IndividualTitle(rawValue: $0.title) ?? .advancedWorker) })
    }
}

final class RegistrationIndividualModel: Model, @unchecked Sendable {
    static let schema = "registration_individuals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "registration_id") var registration: RegistrationModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "title") var title: String
    @Field(key: "position") var position: Int

    init() {}

    init(registrationID: UUID, target: IndividualTarget, position: Int) {
        $registration.id = registrationID
        $person.id = target.personID
        title = target.title.rawValue
        self.position = position
    }
}
