import Fluent
import Foundation

/// Thông báo: one line for one user about a change that concerns them (issue 16 part 1),
/// written in the same transaction as the change. It names what changed and links to it;
/// it never carries a vote.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    /// A `NotificationKind`.
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "href") var href: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(userID: UUID, kind: NotificationKind, text: String, href: String, createdAt: Date) {
        $user.id = userID
        self.kind = kind.rawValue
        self.text = text
        self.href = href
        self.createdAt = createdAt
    }
}
