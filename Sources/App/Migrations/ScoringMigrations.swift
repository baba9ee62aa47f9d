import Fluent

struct AddRankingRulesToScoringTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_tables").field("ranking_rules", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scoring_tables").deleteField("ranking_rules").update()
    }
}

struct CreateScoreSheets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("score_sheets")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("round", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("last_write", .string, .required)
            .field("submitted_at", .datetime)
            .field("returned_reason", .string)
            .field("extended_to", .string)
            .field("extension_reason", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "bloc_year_id", "unit_id", "round", name: "uq_score_sheets_unit_round")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("score_sheets").delete() }
}

struct CreateScoreEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("score_entries")
            .id()
            .field("sheet_id", .uuid, .required, .references("score_sheets", "id"))
            .field("criterion_id", .uuid, .required, .references("criteria", "id"))
            .field("stage", .string, .required)
            .field("reviewer", .string, .required)
            .field("points", .int)
            .field("events", .int)
            .field("flagged", .bool, .required)
            .field("reason", .string)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "sheet_id", "criterion_id", "stage", "reviewer", name: "uq_score_entries_value")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("score_entries").delete() }
}

struct CreateEvidenceFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evidence_files")
            .id()
            .field("sheet_id", .uuid, .required, .references("score_sheets", "id"))
            .field("criterion_id", .uuid, .required, .references("criteria", "id"))
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("kind", .string, .required)
            .field("original_name", .string, .required)
            .field("version", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .field("replaced_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("evidence_files").delete() }
}

struct CreateSheetEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sheet_events")
            .id()
            .field("sheet_id", .uuid, .required, .references("score_sheets", "id"))
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("reason", .string)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("sheet_events").delete() }
}

struct CreateRankings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rankings")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("version", .int, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("reason", .string)
            .field("snapshot", .string, .required)
            .field("superseded_at", .datetime)
            .unique(on: "bloc_year_id", "version", name: "uq_rankings_version")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("rankings").delete() }
}
