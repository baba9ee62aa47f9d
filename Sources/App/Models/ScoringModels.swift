import Fluent
import Foundation
import ThiDuaCore

/// Bảng chấm điểm of one unit for one round of a year.
final class ScoreSheetModel: Model, @unchecked Sendable {
    static let schema = "score_sheets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Parent(key: "unit_id") var unit: UnitModel
    /// `annual` or `mid_year` (sơ kết: an interim round that locks nothing).
    @Field(key: "round") var round: String
    @Field(key: "status") var status: String
    /// Optimistic lock: every save bumps it; a save made against an older version is refused.
    @Field(key: "version") var version: Int
    /// The token of the last write, to tell whose conditional update won.
    @Field(key: "last_write") var lastWrite: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "extended_to") var extendedTo: String?
    @OptionalField(key: "extension_reason") var extensionReason: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(yearID: UUID, unitID: UUID, round: ScoringRound, now: Date) {
        $blocYear.id = yearID
        $unit.id = unitID
        self.round = round.rawValue
        status = SheetStatus.draft.rawValue
        // The version a client saw while nothing was stored: its first save claims 0.
        version = 0
        lastWrite = UUID().uuidString
        updatedAt = now
    }

    var sheetStatus: SheetStatus { SheetStatus(rawValue: status) ?? .draft }
}

/// The rounds of scoring in a year.
enum ScoringRound: String, CaseIterable, Sendable {
    case annual
    /// Sơ kết 6 tháng.
    case midYear = "mid_year"

    var label: String { self == .annual ? "Chấm điểm cả năm" : "Sơ kết 6 tháng (tự chấm giữa năm)" }
    /// The round of one year as a heading says it: «Chấm điểm cả năm 2026», not «cả năm năm 2026».
    func label(year: Int) -> String {
        self == .annual ? "Chấm điểm cả năm \(year)" : "Sơ kết 6 tháng năm \(year) (tự chấm giữa năm)"
    }
    var slug: String { self == .annual ? "ca-nam" : "so-ket" }
    /// The names a round goes by: in page addresses and in the API.
    static let slugs = ["ca-nam", "so-ket", "annual", "mid_year"]

    init?(slug: String?) {
        switch slug ?? "ca-nam" {
        case "ca-nam", "annual": self = .annual
        case "so-ket", "mid_year": self = .midYear
        default: return nil
        }
    }
}

/// One value of one stage: the unit's own, or a reviewer's (`reviewer` is "" for the head's
/// review, a unit id for a peer's in cross-scoring).
final class ScoreEntryModel: Model, @unchecked Sendable {
    static let schema = "score_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "sheet_id") var sheet: ScoreSheetModel
    @Field(key: "criterion_id") var criterionID: UUID
    @Field(key: "stage") var stage: String
    @Field(key: "reviewer") var reviewer: String
    @OptionalField(key: "points") var points: Int?
    @OptionalField(key: "events") var events: Int?
    @Field(key: "flagged") var flagged: Bool
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    var score: ItemScore { ItemScore(points: points.map(Points.init(hundredths:)), events: events, flagged: flagged) }
}

/// A file of evidence for one item of a sheet; replacing keeps the old version.
final class EvidenceFileModel: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "sheet_id") var sheet: ScoreSheetModel
    @Field(key: "criterion_id") var criterionID: UUID
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "kind") var kind: String
    @Field(key: "original_name") var originalName: String
    @Field(key: "version") var version: Int
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date
    @OptionalField(key: "replaced_at") var replacedAt: Date?

    init() {}
}

/// What happened to a sheet: submitted, returned (why), finalised, reopened, extended.
final class SheetEventModel: Model, @unchecked Sendable {
    static let schema = "sheet_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "sheet_id") var sheet: ScoreSheetModel
    @Field(key: "action") var action: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date

    init() {}
}

/// A published ranking. A correction publishes a new version with its reason; the old one
/// stays, marked superseded.
final class RankingModel: Model, @unchecked Sendable {
    static let schema = "rankings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_year_id") var blocYear: BlocYearModel
    @Field(key: "version") var version: Int
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String
    @OptionalField(key: "reason") var reason: String?
    /// The `RankingResult` as JSON: what was published, exactly.
    @Field(key: "snapshot") var snapshot: String
    @OptionalField(key: "superseded_at") var supersededAt: Date?

    init() {}

    var result: RankingResult? { try? JSONDecoder().decode(RankingResult.self, from: Data(snapshot.utf8)) }
}
