import Fluent
import Foundation
import SQLKit
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

    func record(on db: any Database, action: String, type: String, id: String?,
                before: [String: String?] = [:], after: [String: String?] = [:]) async throws {
        // One writer at a time extends the chain. PostgreSQL: a transaction-scoped advisory
        // lock; SQLite serialises writers itself. The unique sequence is the backstop.
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(731002)").run()
        }
        let last = try await AuditEntryModel.query(on: db).sort(\.$sequence, .descending).first()
        let record = AuditRecord(
            sequence: (last?.sequence ?? 0) + 1, at: Auditor.timestamp(now()), actorID: actorID,
            actorName: actorName, role: role, scope: scope, action: action, resourceType: type, resourceID: id,
            changes: AuditChain.changes(before: before, after: after), address: address, requestID: requestID,
            previousHash: last?.hash ?? AuditChain.genesis)
        try await AuditEntryModel(record, hash: Auditor.hash(record.canonicalText)).create(on: db)
    }

    static func hash(_ text: String) -> String { Secrets.sha256(text) }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Walks the whole chain in sequence order.
    static func verify(on db: any Database) async throws -> AuditChain.Verdict {
        let entries = try await AuditEntryModel.query(on: db).sort(\.$sequence).all()
        return AuditChain.verify(entries.map { ($0.record, $0.hash) }, hash: hash)
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
