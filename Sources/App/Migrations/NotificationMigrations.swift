import Fluent
import SQLKit

/// Notifications (issue 16 part 1): the table and the index its reads use (a user's lines,
/// newest first, and the unread count of the navigation).
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("href", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_notifications_user ON notifications (user_id, read_at, created_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationModel.schema).delete()
    }
}
