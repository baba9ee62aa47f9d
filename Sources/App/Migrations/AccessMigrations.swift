import Fluent
import SQLKit

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("password_changed_at", .datetime)
            .unique(on: "username", name: "uq_users_username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}

struct CreateRoleGrants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("role_grants")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("scope_id", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_grants").delete()
    }
}

struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("csrf_token", .string, .required)
            .field("address", .string, .required)
            .field("user_agent", .string)
            .unique(on: "token_hash", name: "uq_sessions_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash", name: "uq_api_tokens_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}

struct CreatePasswordResets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("password_resets")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_by", .uuid)
            .unique(on: "token_hash", name: "uq_password_resets_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_resets").delete()
    }
}

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("account_key", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("sequence", .int, .required)
            .field("at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("role", .string, .required)
            .field("scope", .string, .required)
            .field("action", .string, .required)
            .field("resource_type", .string, .required)
            .field("resource_id", .string)
            .field("changes", .string, .required)
            .field("address", .string, .required)
            .field("request_id", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence", name: "uq_audit_entries_sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}

/// A migration that makes indexes. Fluent's schema builder has no index; the statement is
/// the same on SQLite and PostgreSQL, and CI migrates both.
protocol IndexMigration: AsyncMigration {
    static var indexes: [(name: String, table: String, columns: String)] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run()
        }
    }
}

/// Indexes for what pages filter and sort on.
struct CreateLookupIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("idx_units_province", "units", "province_id"),
        ("idx_units_sort_key", "units", "sort_key"),
        ("idx_blocs_province", "blocs", "province_id"),
        ("idx_people_sort_key", "people", "sort_key"),
        ("idx_memberships_bloc", "bloc_memberships", "bloc_id"),
        ("idx_memberships_unit", "bloc_memberships", "unit_id"),
        ("idx_assignments_person", "assignments", "person_id"),
        ("idx_assignments_unit", "assignments", "unit_id"),
        ("idx_participants_event", "reorganisation_participants", "event_id"),
        ("idx_role_grants_user", "role_grants", "user_id"),
        ("idx_sessions_user", "sessions", "user_id"),
        ("idx_login_attempts_account", "login_attempts", "account_key, at"),
        ("idx_login_attempts_address", "login_attempts", "address, at"),
    ]
}
