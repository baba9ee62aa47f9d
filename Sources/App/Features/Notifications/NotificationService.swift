import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a notification (thông báo) tells: the change that caused it.
enum NotificationKind: String, CaseIterable, Sendable, Codable {
    case sheetSubmitted = "sheet_submitted"
    case sheetReturned = "sheet_returned"
    case sheetFinalised = "sheet_finalised"
    case sheetReopened = "sheet_reopened"
    case pactSigned = "pact_signed"
    case yearStep = "year_step"
    case proposalSubmitted = "proposal_submitted"
    case proposalReturned = "proposal_returned"
    case proposalDecided = "proposal_decided"
}

/// Who a notification goes to: the officers of units, or of a province. Voters and viewers
/// are never told (they act on nothing the notifications name).
struct NotificationRecipients: Sendable {
    var units: Set<UUID> = []
    var provinces: Set<UUID> = []

    static func units(_ units: Set<UUID>) -> Self { Self(units: units) }
    static func province(_ province: UUID) -> Self { Self(provinces: [province]) }

    /// The lead reviewer of a unit's sheet (the head's officers; on the head's own sheet the
    /// deputy's, or the province's), who is to act on a submitted sheet.
    static func reviewer(of parties: SheetParties) -> Self {
        switch parties.leadReviewer {
        case .unit(let unit): .units([unit])
        case .province: .province(parties.province)
        }
    }
}

extension RegistryStore {
    /// The one way to notify: inside the write that causes it (so both stand or fall
    /// together), one row for each officer of the recipients, except the user who acted.
    func notify(_ recipients: NotificationRecipients, _ kind: NotificationKind, _ text: String, href: String, now: Date,
                except actor: UUID?) async throws {
        guard WriteInProgress.current != nil else { throw WriteOutsideTransaction() }
        var grants: [RoleGrantModel] = []
        if !recipients.units.isEmpty {
            grants += try await RoleGrantModel.query(on: db).filter(\.$kind == RoleKind.unitOfficer.rawValue)
                .filter(\.$scopeID ~~ Array(recipients.units)).all()
        }
        if !recipients.provinces.isEmpty {
            grants += try await RoleGrantModel.query(on: db).filter(\.$kind == RoleKind.provincialOfficer.rawValue)
                .filter(\.$scopeID ~~ Array(recipients.provinces)).all()
        }
        let users = Set(grants.map(\.$user.id)).subtracting(actor.map { [$0] } ?? [])
        // In the order of the ids, so that a run writes the same rows in the same order.
        let rows = users.sorted { $0.uuidString < $1.uuidString }.map {
            NotificationModel(userID: $0, kind: kind, text: text, href: href, createdAt: now)
        }
        guard !rows.isEmpty else { return }
        try await rows.create(on: db)
    }
}

/// Thông báo of the signed-in user: the list, the unread count, marking read. Only the
/// recipient sees or marks its own; another's id answers as a missing one would (404).
struct NotificationService {
    let req: Request
    /// The most a list shows at once (the newest).
    static let limit = 200

    private func user() throws -> UUID {
        guard let user = req.actor?.userID else { throw Abort(.unauthorized) }
        return user
    }

    func list() async throws -> [NotificationModel] {
        try await NotificationModel.query(on: req.db).filter(\.$user.$id == user())
            .sort(\.$createdAt, .descending).sort(\.$id).limit(Self.limit).all()
    }

    /// One of the user's own, or nil.
    func list(id: UUID) async throws -> NotificationModel? {
        try await NotificationModel.query(on: req.db).filter(\.$user.$id == user()).filter(\.$id == id).first()
    }

    func unreadCount() async throws -> Int {
        try await NotificationModel.query(on: req.db).filter(\.$user.$id == user()).filter(\.$readAt == nil).count()
    }

    /// Marks one as read (again is no change); nil marks all the user's unread ones.
    func markRead(_ id: UUID?) async throws {
        let user = try user()
        let now = req.thidua.now()
        try await req.write { store in
            let query = NotificationModel.query(on: store.db).filter(\.$user.$id == user)
            if let id {
                guard let row = try await query.filter(\.$id == id).first() else {
                    throw DomainError.notFound("Không có thông báo này.")
                }
                guard row.readAt == nil else { return }
                row.readAt = now
                try await row.update(on: store.db)
                try await store.auditor.record(on: store.db, action: "read", type: "notification", id: id.uuidString)
            } else {
                let unread = try await query.filter(\.$readAt == nil).all()
                guard !unread.isEmpty else { return }
                try await NotificationModel.query(on: store.db).filter(\.$user.$id == user).filter(\.$readAt == nil)
                    .set(\.$readAt, to: now).update()
                try await store.auditor.record(on: store.db, action: "read_all", type: "notification", id: nil,
                                               after: ["count": String(unread.count)])
            }
        }
    }
}
