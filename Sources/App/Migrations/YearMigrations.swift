import Fluent

struct CreateBlocYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bloc_years")
            .id()
            .field("bloc_id", .uuid, .required, .references("blocs", "id"))
            .field("year", .int, .required)
            .field("state", .string, .required)
            .field("pact_date", .string)
            .field("pact_place", .string)
            .field("registration_deadline", .string)
            .field("mid_year_date", .string)
            .field("self_score_deadline", .string)
            .field("conference_date", .string)
            .field("opened_at", .string, .required)
            .field("calendar_key", .string, .required)
            .unique(on: "bloc_id", "year", name: "uq_bloc_years_bloc_year")
            .unique(on: "calendar_key", name: "uq_bloc_years_calendar_key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("bloc_years").delete() }
}

struct CreateYearTransitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("year_transitions")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("transition", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("reason", .string)
            .field("actor_name", .string, .required)
            .field("at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("year_transitions").delete() }
}

struct CreatePlanActivities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_activities")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("owner_unit_id", .uuid, .references("units", "id"))
            .field("notes", .string)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("plan_activities").delete() }
}

struct CreateMovements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("movements")
            .id()
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("scope", .string, .required)
            .field("bloc_id", .uuid, .references("blocs", "id"))
            .field("unit_id", .uuid, .references("units", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("launched_on", .string, .required)
            .field("ends_on", .string)
            .field("launching_body", .string, .required)
            .field("document_reference", .string)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("movements").delete() }
}

struct CreateYearMovements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("year_movements")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("movement_id", .uuid, .required, .references("movements", "id"))
            .unique(on: "bloc_year_id", "movement_id", name: "uq_year_movements")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("year_movements").delete() }
}

struct CreateScoringTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_tables")
            .id()
            .field("province_id", .uuid, .references("provinces", "id"))
            .field("bloc_year_id", .uuid, .references("bloc_years", "id"))
            .field("name", .string, .required)
            .field("declared_total", .int, .required)
            .field("bonus_cap", .int)
            .field("updated_at", .string, .required)
            .unique(on: "bloc_year_id", name: "uq_scoring_tables_year")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("scoring_tables").delete() }
}

struct CreateCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("criteria")
            .id()
            .field("table_id", .uuid, .required, .references("scoring_tables", "id"))
            .field("parent_id", .uuid)
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("maximum", .int)
            .field("per_event", .int)
            .field("cap", .int)
            .field("guidance", .string)
            .field("evidence_required", .bool, .required)
            .field("scorer", .string, .required)
            .field("position", .int, .required)
            .unique(on: "table_id", "code", name: "uq_criteria_table_code")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("criteria").delete() }
}

struct CreateMovementCriteria: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("movement_criteria")
            .id()
            .field("movement_id", .uuid, .required, .references("movements", "id"))
            .field("criterion_id", .uuid, .required, .references("criteria", "id"))
            .unique(on: "movement_id", "criterion_id", name: "uq_movement_criteria")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("movement_criteria").delete() }
}

struct CreateScoringTableChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_table_changes")
            .id()
            .field("table_id", .uuid, .required, .references("scoring_tables", "id"))
            .field("reason", .string, .required)
            .field("actor_name", .string, .required)
            .field("at", .string, .required)
            .field("summary", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("scoring_table_changes").delete() }
}

struct CreatePactTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pact_targets")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("criterion_id", .uuid)
            .field("text", .string, .required)
            .field("position", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("pact_targets").delete() }
}

struct CreatePactSignatures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pact_signatures")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("signer_name", .string, .required)
            .field("signer_position", .string, .required)
            .field("signed_at", .datetime, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "bloc_year_id", "unit_id", name: "uq_pact_signatures_unit")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("pact_signatures").delete() }
}

struct CreateRegistrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("registrations")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("collective_title", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .string, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .unique(on: "bloc_year_id", "unit_id", name: "uq_registrations_unit")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("registrations").delete() }
}

struct CreateRegistrationIndividuals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("registration_individuals")
            .id()
            .field("registration_id", .uuid, .required, .references("registrations", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("title", .string, .required)
            .field("position", .int, .required)
            .unique(on: "registration_id", "person_id", name: "uq_registration_person")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("registration_individuals").delete() }
}
