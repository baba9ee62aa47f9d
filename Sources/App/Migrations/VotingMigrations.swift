import Fluent
import SQLKit

struct CreateConferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conferences")
            .id()
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("kind", .string, .required)
            .field("held_on", .string, .required)
            .field("place", .string, .required)
            .field("chair", .string, .required)
            .field("secretary", .string, .required)
            .field("tally_committee", .string, .required)
            .field("agenda", .string, .required)
            .field("flag_from_unit_id", .uuid, .references("units", "id"))
            .field("flag_to_unit_id", .uuid, .references("units", "id"))
            .field("created_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("conferences").delete() }
}

struct CreateConferenceAttendance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conference_attendance")
            .id()
            .field("conference_id", .uuid, .required, .references("conferences", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("present", .bool, .required)
            .field("delegate", .string, .required)
            .unique(on: "conference_id", "unit_id", name: "uq_attendance_unit")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("conference_attendance").delete() }
}

struct CreateBallotSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ballot_sessions")
            .id()
            .field("conference_id", .uuid, .required, .references("conferences", "id"))
            .field("bloc_year_id", .uuid, .required, .references("bloc_years", "id"))
            .field("purpose", .string, .required)
            .field("title", .string, .required)
            .field("spec", .string, .required)
            .field("effect", .string)
            .field("previous_id", .uuid, .references("ballot_sessions", "id"))
            .field("state", .string, .required)
            .field("opened_at", .string, .required)
            .field("closed_at", .string)
            .field("result", .string)
            .field("outcome", .string)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("ballot_sessions").delete() }
}

/// One row per unit and session: the unique key is what refuses a second ballot, whether
/// it comes a minute later or in the same instant from another process.
struct CreateBallotParticipations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ballot_participations")
            .id()
            .field("session_id", .uuid, .required, .references("ballot_sessions", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("channel", .string, .required)
            .unique(on: "session_id", "unit_id", name: "uq_participation_unit")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("ballot_participations").delete() }
}

/// Ballots carry no voter and no time. On SQLite the table has no row ids: rows are kept in
/// the order of their random ids, so the order of storage says nothing of who cast first
/// (a plain table would number rows in casting order, the participations' order too).
struct CreateBallots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE "ballots" ("id" BLOB PRIMARY KEY NOT NULL,
                  "session_id" BLOB NOT NULL REFERENCES "ballot_sessions" ("id"),
                  "choices" TEXT NOT NULL, "receipt_hash" TEXT NOT NULL) WITHOUT ROWID
                """).run()
        } else {
            try await database.schema("ballots")
                .id()
                .field("session_id", .uuid, .required, .references("ballot_sessions", "id"))
                .field("choices", .string, .required)
                .field("receipt_hash", .string, .required)
                .create()
        }
    }

    func revert(on database: any Database) async throws { try await database.schema("ballots").delete() }
}

struct CreatePaperBatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("paper_batches")
            .id()
            .field("session_id", .uuid, .required, .references("ballot_sessions", "id"))
            .field("batch", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("paper_batches").delete() }
}

/// Counting and the bulletin board read a session's ballots and participations by session.
struct CreateVotingIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "ix_ballots_session").on("ballots").column("session_id").run()
        try await sql.create(index: "ix_sessions_conference").on("ballot_sessions").column("conference_id").run()
        try await sql.create(index: "ix_conferences_year").on("conferences").column("bloc_year_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for name in ["ix_ballots_session", "ix_sessions_conference", "ix_conferences_year"] {
            try await sql.drop(index: name).run()
        }
    }
}
