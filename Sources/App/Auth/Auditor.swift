import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Appends to the hash-chained audit log on behalf of one actor, in the transaction of the
/// write it records (pass the transaction's database).
struct Auditor: Sendable {
    var actorID: UUID?
    var actorName: String
    var role: String
    var scope: String
    var address: String
    var requestID: String
    var now: @Sendable () -> Date
    /// The actor whose writes these are (nil for the system).
    var actor: Actor? = nil

    /// Writes done by the system itself (demo data, CLI).
    static func system(_ name: String, now: @escaping @Sendable () -> Date = Date.init) -> Auditor {
        Auditor(actorID: nil, actorName: name, role: "system", scope: "", address: "local",
                requestID: UUID().uuidString, now: now)
    }

    /// What one entry says: the action, on what, and the fields before and after.
    struct Entry: Sendable {
        var auditor: Auditor
        var action: String
        var type: String
        var id: String?
        var before: [String: String?] = [:]
        var after: [String: String?] = [:]
    }

    /// Appends one entry. Only inside `Application.write`, whose turn-taking makes this
    /// writer the only one extending the chain, and whose key seals the entry.
    func record(on db: any Database, action: String, type: String, id: String?,
                before: [String: String?] = [:], after: [String: String?] = [:]) async throws {
        try await Auditor.record([Entry(auditor: self, action: action, type: type, id: id, before: before, after: after)], on: db)
    }

    /// Appends entries in order, each chained to the one before, in one statement: the head
    /// of the chain is read once per transaction (later entries extend the head this write
    /// holds), so a batch of ballots costs one read and one insert.
    static func record(_ entries: [Entry], on db: any Database) async throws {
        guard let write = WriteInProgress.current else { throw WriteOutsideTransaction() }
        guard !entries.isEmpty else { return }
        var head: AuditChain.Link
        if let held = write.head {
            head = held
        } else {
            let last = try await AuditEntryModel.query(on: db).sort(\.$sequence, .descending).first()
            head = AuditChain.Link(sequence: last?.sequence ?? 0, hash: last?.hash ?? AuditChain.genesis)
        }
        var rows: [AuditEntryModel] = []
        var movesAccess = false, changesPendingWork = false
        for entry in entries {
            let who = entry.auditor
            let record = AuditRecord(
                sequence: head.sequence + 1, at: Auditor.timestamp(who.now()), actorID: who.actorID,
                actorName: who.actorName, role: who.role, scope: who.scope, action: entry.action, resourceType: entry.type,
                resourceID: entry.id, changes: AuditChain.changes(before: entry.before, after: entry.after),
                address: who.address, requestID: who.requestID, previousHash: head.hash)
            let hash = AuditChain.seal(record, keyed: write.trail.mac)
            rows.append(AuditEntryModel(record, hash: hash))
            head = AuditChain.Link(sequence: record.sequence, hash: hash)
            movesAccess = movesAccess || AccessStamp.moves(with: entry)
            changesPendingWork = changesPendingWork || PendingCounts.mayChange(entry)
        }
        try await rows.create(on: db)
        if movesAccess { try await AccessStamp.move(to: head.sequence, on: db) }
        write.appended(head, changingPendingWork: changesPendingWork)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Walks the whole chain in sequence order, with the key, and against the checkpoints.
    static func verify(on db: any Database, trail: AuditTrail) async throws -> AuditChain.Verdict {
        let entries = try await AuditEntryModel.query(on: db).sort(\.$sequence).all()
        return AuditChain.verify(entries.map { ($0.record, $0.hash) }, checkpoints: try trail.checkpoints(),
                                 keyed: trail.mac, plain: Secrets.sha256)
    }
}

/// The fields of a stored row that the audit log shows before and after a change.
protocol Audited {
    static var auditType: String { get }
    var auditFields: [String: String?] { get }
}

extension ProvinceModel: Audited {
    static var auditType: String { "province" }
    var auditFields: [String: String?] {
        ["code": code, "name": name, "kind": kind, "validFrom": validFrom, "validTo": validTo]
    }
}

extension UnitModel: Audited {
    static var auditType: String { "unit" }
    var auditFields: [String: String?] {
        ["provinceID": $province.id.uuidString, "name": name, "shortName": shortName, "kind": kind,
         "parentBody": parentBody, "validFrom": validFrom, "validTo": validTo]
    }
}

extension BlocModel: Audited {
    static var auditType: String { "bloc" }
    var auditFields: [String: String?] {
        ["provinceID": $province.id.uuidString, "kind": kind, "name": name, "decisionReference": decisionReference,
         "decisionDate": decisionDate, "validFrom": validFrom, "validTo": validTo]
    }
}

extension MembershipModel: Audited {
    static var auditType: String { "membership" }
    var auditFields: [String: String?] {
        ["blocID": $bloc.id.uuidString, "unitID": $unit.id.uuidString, "validFrom": validFrom, "validTo": validTo,
         "note": note]
    }
}

extension BlocOfficeModel: Audited {
    static var auditType: String { "bloc_office" }
    var auditFields: [String: String?] {
        ["blocID": $bloc.id.uuidString, "year": String(year), "role": role, "unitID": $unit.id.uuidString, "basis": basis]
    }
}

extension PersonModel: Audited {
    static var auditType: String { "person" }
    var auditFields: [String: String?] {
        // The national ID is personal data: the log says that it changed, not what it is.
        ["fullName": fullName, "gender": gender, "birthYear": birthYear.map(String.init), "category": category,
         "nationalID": nationalID == nil ? nil : "(đã ghi)"]
    }
}

extension AssignmentModel: Audited {
    static var auditType: String { "assignment" }
    var auditFields: [String: String?] {
        ["personID": $person.id.uuidString, "unitID": $unit.id.uuidString, "position": position,
         "validFrom": validFrom, "validTo": validTo]
    }
}

extension ReorganisationEventModel: Audited {
    static var auditType: String { "reorganisation" }
    var auditFields: [String: String?] {
        ["subject": subject, "kind": kind, "effectiveDate": effectiveDate, "decisionReference": decisionReference,
         "newName": newName, "newShortName": newShortName, "toProvinceID": toProvinceID?.uuidString, "note": note]
    }
}
