import Fluent

/// Every migration, in the order it runs. Append only: a change to the schema is a new type
/// at the end, never an edit of one that has run somewhere.
enum Migrations {
    static let all: [any AsyncMigration] = [
        CreateProvinces(),
        CreateUnits(),
        CreateReorganisationEvents(),
        CreateReorganisationParticipants(),
        CreateBlocs(),
        CreateBlocMemberships(),
        CreateBlocOffices(),
        CreatePeople(),
        CreateAssignments(),
        CreateUsers(),
        CreateRoleGrants(),
        CreateSessions(),
        CreateAPITokens(),
        CreatePasswordResets(),
        CreateLoginAttempts(),
        CreateAuditEntries(),
        CreateLookupIndexes(),
        CreateBlocYears(),
        CreateYearTransitions(),
        CreatePlanActivities(),
        CreateMovements(),
        CreateYearMovements(),
        CreateScoringTables(),
        CreateCriteria(),
        CreateMovementCriteria(),
        CreateScoringTableChanges(),
        CreatePactTargets(),
        CreatePactSignatures(),
        CreateRegistrations(),
        CreateRegistrationIndividuals(),
        AddRankingRulesToScoringTables(),
        CreateScoreSheets(),
        CreateScoreEntries(),
        CreateEvidenceFiles(),
        CreateSheetEvents(),
        CreateRankings(),
        // Voting: conferences and secret ballots.
        CreateConferences(),
        CreateConferenceAttendance(),
        CreateBallotSessions(),
        CreateBallotParticipations(),
        CreateBallots(),
        CreatePaperBatches(),
        CreateVotingIndexes(),
        // Awards (issue 14)
        CreateAnnualRatings(),
        CreateDisciplineRecords(),
        CreateInitiatives(),
        CreateAwardProposals(),
        CreateAwardProposalLines(),
        CreateAwardProposalEvents(),
        CreateAwardDecisions(),
        CreateAwardRecords(),
        AddAwardIndexes(),
        CreateAwardParameterVersions(),
        // Documents (issue 15).
        CreateIssuedDocuments(),
        // Fast pages: the indexes the main pages' reads need.
        CreateHotReadIndexes(),
        // Fast pages: the stamp that keeps cached actors through writes that cannot change them.
        CreateAccessStamp(),
        // History that awards stand on (issue 14 part 9): past years of blocs, from the reports.
        CreateBlocHistoryYears(),
        CreateBlocHistoryStandings(),
        // Notifications (issue 16 part 1): what changed that concerns each user.
        CreateNotifications(),
        // The demo told straight (issue 16 part 7): which facts are sample data.
        CreateSampleFacts(),
    ]
}

struct CreateProvinces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("provinces")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .unique(on: "code", name: "uq_provinces_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("provinces").delete()
    }
}

struct CreateUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("units")
            .id()
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("short_name_key", .string, .required)
            .field("kind", .string, .required)
            .field("parent_body", .string)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .unique(on: "province_id", "short_name_key", name: "uq_units_province_short_name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("units").delete()
    }
}

struct CreateReorganisationEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reorganisation_events")
            .id()
            .field("subject", .string, .required)
            .field("kind", .string, .required)
            .field("effective_date", .string, .required)
            .field("decision_reference", .string, .required)
            .field("previous_name", .string)
            .field("new_name", .string)
            .field("previous_short_name", .string)
            .field("new_short_name", .string)
            .field("from_province_id", .uuid, .references("provinces", "id"))
            .field("to_province_id", .uuid, .references("provinces", "id"))
            .field("note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reorganisation_events").delete()
    }
}

struct CreateReorganisationParticipants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reorganisation_participants")
            .id()
            .field("event_id", .uuid, .required, .references("reorganisation_events", "id"))
            .field("subject_id", .uuid, .required)
            .field("role", .string, .required)
            .field("position", .int, .required)
            .unique(on: "event_id", "subject_id", "role", name: "uq_reorganisation_participant")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reorganisation_participants").delete()
    }
}

struct CreateBlocs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("blocs")
            .id()
            .field("province_id", .uuid, .required, .references("provinces", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("decision_reference", .string)
            .field("decision_date", .string)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("blocs").delete()
    }
}

struct CreateBlocMemberships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bloc_memberships")
            .id()
            .field("bloc_id", .uuid, .required, .references("blocs", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bloc_memberships").delete()
    }
}

struct CreateBlocOffices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bloc_offices")
            .id()
            .field("bloc_id", .uuid, .required, .references("blocs", "id"))
            .field("year", .int, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("basis", .string, .required)
            .unique(on: "bloc_id", "year", "role", name: "uq_bloc_office_year_role")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bloc_offices").delete()
    }
}

struct CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("full_name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_year", .int)
            .field("category", .string, .required)
            .field("national_id", .string)
            .field("search_key", .string, .required)
            .field("sort_key", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}

struct CreateAssignments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assignments")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("position", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assignments").delete()
    }
}
