import Fluent

// Awards (issue 14): one type per table, appended in this order to `Migrations.all`.

struct CreateAnnualRatings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("annual_ratings")
            .id()
            .field("subject", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("year", .int, .required)
            .field("rating", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "subject_id", "year", name: "uq_annual_ratings_subject_year")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("annual_ratings").delete() }
}

struct CreateDisciplineRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("discipline_records")
            .id()
            .field("subject", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("kind", .string)
            .field("date", .string, .required)
            .field("closed_on", .string)
            .field("reference", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("discipline_records").delete() }
}

struct CreateInitiatives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("initiatives")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("title", .string, .required)
            .field("year", .int, .required)
            .field("level", .string, .required)
            .field("recognition", .string, .required)
            .field("used_by", .uuid)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("initiatives").delete() }
}

struct CreateAwardProposals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_proposals")
            .id()
            .field("kind", .string, .required)
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("author_unit_id", .uuid, .required, .references("units", "id"))
            .field("bloc_id", .uuid, .references("blocs", "id"))
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("submitted_on", .string)
            .field("return_reason", .string)
            .field("council_date", .string)
            .field("council_for", .int)
            .field("council_against", .int)
            .field("council_note", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_proposals").delete() }
}

struct CreateAwardProposalLines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_proposal_lines")
            .id()
            .field("proposal_id", .uuid, .required, .references("award_proposals", "id"))
            .field("subject", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("recipient_name", .string, .required)
            .field("code", .string, .required)
            .field("summary", .string, .required)
            .field("status", .string, .required)
            .field("return_reason", .string)
            .field("position", .int, .required)
            .unique(on: "proposal_id", "subject_id", "code", name: "uq_award_lines_recipient_code")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_proposal_lines").delete() }
}

struct CreateAwardProposalEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_proposal_events")
            .id()
            .field("proposal_id", .uuid, .required, .references("award_proposals", "id"))
            .field("action", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("reason", .string)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_proposal_events").delete() }
}

struct CreateAwardDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_decisions")
            .id()
            .field("proposal_id", .uuid, .required, .references("award_proposals", "id"))
            .field("number", .string, .required)
            .field("number_key", .string, .required)
            .field("issuer", .string, .required)
            .field("issuer_key", .string, .required)
            .field("date", .string, .required)
            .field("signer", .string, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "issuer_key", "number_key", name: "uq_award_decisions_issuer_number")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_decisions").delete() }
}

struct CreateAwardRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_records")
            .id()
            .field("subject", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("bloc_id", .uuid, .references("blocs", "id"))
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("gender", .string)
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("decision_id", .uuid, .references("award_decisions", "id"))
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("basis_years", .string, .required)
            .field("basis_initiatives", .string, .required)
            .field("proposal_line_id", .uuid, .references("award_proposal_lines", "id"))
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_records").delete() }
}

struct AddAwardIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("idx_annual_ratings_subject", "annual_ratings", "subject_id"),
        ("idx_discipline_subject", "discipline_records", "subject_id"),
        ("idx_initiatives_person", "initiatives", "person_id"),
        ("idx_award_records_subject", "award_records", "subject_id, year"),
        ("idx_award_records_province", "award_records", "province_id, year"),
        ("idx_award_lines_proposal", "award_proposal_lines", "proposal_id"),
        ("idx_award_events_proposal", "award_proposal_events", "proposal_id"),
        ("idx_award_proposals_province", "award_proposals", "province_id, status"),
    ]
}

struct CreateAwardParameterVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("award_parameter_versions")
            .id()
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("reference", .string, .required)
            .field("parameters", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("award_parameter_versions").delete() }
}
