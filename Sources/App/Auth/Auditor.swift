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

    /// Appends one entry. Only inside `Application.write`, whose turn-taking makes this
    /// writer the only one extending the chain, and whose key seals the entry.
    func record(on db: any Database, action: String, type: String, id: String?,
                before: [String: String?] = [:], after: [String: String?] = [:]) async throws {
        guard let write = WriteInProgress.current else { throw WriteOutsideTransaction() }
        let last = try await AuditEntryModel.query(on: db).sort(\.$sequence, .descending).first()
        let record = AuditRecord(
            sequence: (last?.sequence ?? 0) + 1, at: Auditor.timestamp(now()), actorID: actorID,
            actorName: actorName, role: role, scope: scope, action: action, resourceType: type, resourceID: id,
            changes: AuditChain.changes(before: before, after: after), address: address, requestID: requestID,
            previousHash: last?.hash ?? AuditChain.genesis)
        let hash = AuditChain.seal(record, keyed: write.trail.mac)
        try await AuditEntryModel(record, hash: hash).create(on: db)
        write.appended(AuditChain.Link(sequence: record.sequence, hash: hash))
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
