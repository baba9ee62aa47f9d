import Fluent
import Foundation
import Vapor

/// A notification as the API shows it.
struct NotificationDTO: Content {
    var id: UUID
    var kind: String
    var text: String
    /// The page of the thing that changed.
    var href: String
    var createdAt: Date
    var read: Bool
    var readAt: Date?

    init(_ model: NotificationModel) {
        id = model.id!
        kind = model.kind
        text = model.text
        href = model.href
        createdAt = model.createdAt
        read = model.readAt != nil
        readAt = model.readAt
    }
}

struct NotificationsDTO: Content {
    var unread: Int
    var items: [NotificationDTO]
}

/// `/thong-bao` and `/api/v1/notifications`: the signed-in user's notifications, newest
/// first; «Đánh dấu đã đọc» one or all.
enum NotificationController {
    struct NotificationsPage: Encodable {
        struct Row: Encodable { var text: String; var href: String; var at: String; var unread: Bool; var readAction: String }
        var head: PageHead
        var rows: [Row]
        var unread: Int
        var readAllAction: String
    }

    static func page(req: Request) async throws -> Response {
        let service = NotificationService(req: req)
        let rows = try await service.list()
        let page = NotificationsPage(
            head: req.head("Thông báo", section: "notifications"),
            rows: rows.map { .init(text: $0.text, href: $0.href, at: RoleNames.dateTime($0.createdAt), unread: $0.readAt == nil,
                                   readAction: SiteURL.notificationRead($0.id!).path) },
            // Counted apart: the list shows at most the newest `NotificationService.limit`.
            unread: try await service.unreadCount(), readAllAction: SiteURL.notificationsReadAll.path)
        return try await req.view.render("notifications", page).encodeResponse(for: req)
    }

    static func markRead(req: Request) async throws -> Response {
        try await NotificationService(req: req).markRead(try req.id("notificationID"))
        return req.redirect(to: SiteURL.notifications.path, flash: "Đã đánh dấu thông báo là đã đọc.")
    }

    static func markAllRead(req: Request) async throws -> Response {
        try await NotificationService(req: req).markRead(nil)
        return req.redirect(to: SiteURL.notifications.path, flash: "Đã đánh dấu mọi thông báo là đã đọc.")
    }

    static func list(req: Request) async throws -> NotificationsDTO {
        try req.checkQueryNames([])
        let service = NotificationService(req: req)
        let rows = try await service.list()
        return NotificationsDTO(unread: try await service.unreadCount(), items: rows.map(NotificationDTO.init))
    }

    static func read(req: Request) async throws -> NotificationDTO {
        let id = try req.id("notificationID")
        let service = NotificationService(req: req)
        try await service.markRead(id)
        guard let row = try await service.list(id: id) else { throw Abort(.notFound) }
        return NotificationDTO(row)
    }
}
