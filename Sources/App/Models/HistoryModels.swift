import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Năm đã qua của khối, ghi lại từ báo cáo: a year ThiDua did not run, with the document it
/// is recorded from. Its head and deputy are `BlocOfficeModel`s, its awards `AwardRecordModel`s.
final class BlocHistoryYearModel: Model, @unchecked Sendable {
    static let schema = "bloc_history_years"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_id") var bloc: BlocModel
    @Field(key: "year") var year: Int
    @Field(key: "source") var source: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Children(for: \.$history) var standings: [BlocHistoryStandingModel]

    init() {}

    init(blocID: UUID, year: Int, source: String, recordedBy: String, at: Date) {
        $bloc.id = blocID
        self.year = year
        self.source = source
        self.recordedBy = recordedBy
        recordedAt = at
    }
}

/// One unit's place in a recorded year: its rank, and its points where the report gives them.
final class BlocHistoryStandingModel: Model, @unchecked Sendable {
    static let schema = "bloc_history_standings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "history_id") var history: BlocHistoryYearModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "rank") var rank: Int
    @OptionalField(key: "points") var points: Int?

    init() {}

    init(historyID: UUID, standing: RecordedYear.Standing) {
        $history.id = historyID
        $unit.id = standing.unitID
        rank = standing.rank
        points = standing.points?.hundredths
    }

    var core: RecordedYear.Standing {
        RecordedYear.Standing(unitID: $unit.id, rank: rank, points: points.map(Points.init(hundredths:)))
    }
}
