import Fluent

// History that awards stand on (issue 14 part 9): the past years of blocs recorded from the
// reports of then. One type per table, appended in this order to `Migrations.all`.

struct CreateBlocHistoryYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bloc_history_years")
            .id()
            .field("bloc_id", .uuid, .required, .references("blocs", "id"))
            .field("year", .int, .required)
            .field("source", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "bloc_id", "year", name: "uq_bloc_history_year")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("bloc_history_years").delete() }
}

struct CreateBlocHistoryStandings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bloc_history_standings")
            .id()
            .field("history_id", .uuid, .required, .references("bloc_history_years", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("rank", .int, .required)
            // Hundredths of a point, as `Points`; nil where the report gives ranks only.
            .field("points", .int)
            .unique(on: "history_id", "unit_id", name: "uq_bloc_history_unit")
            .unique(on: "history_id", "rank", name: "uq_bloc_history_rank")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("bloc_history_standings").delete() }
}
