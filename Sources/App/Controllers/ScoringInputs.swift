import Foundation
import ThiDuaCore
import Vapor

/// The sheet form: one array per column, a row per criterion.
struct SheetForm: Content, Sendable {
    var version: String?
    var dot: String?
    var criterionID: [String]?
    var value: [String]?
    var reason: [String]?

    var entries: [(criterionID: UUID, text: String)] {
        let ids = criterionID ?? [], texts = value ?? []
        return ids.indices.compactMap { index in
            guard let id = UUID(uuidString: ids[index]) else { return nil }
            return (id, index < texts.count ? texts[index] : "")
        }
    }

    var reasons: [UUID: String] {
        let ids = criterionID ?? [], texts = reason ?? []
        return Dictionary(ids.indices.compactMap { index -> (UUID, String)? in
            guard let id = UUID(uuidString: ids[index]), index < texts.count, !texts[index].isEmpty else { return nil }
            return (id, texts[index])
        }, uniquingKeysWith: { a, _ in a })
    }

    var expectedVersion: Int? { version.flatMap { Int($0) } }
}

struct SheetActionInput: Content, Sendable {
    var action: String?
    var reason: String?
    var dot: String?
}

struct ExtensionInput: Content, Sendable {
    var extendedTo: String?
    var reason: String?
    var dot: String?
}

struct EvidenceUpload: Content, Sendable {
    var criterionID: String?
    var file: File?
    var dot: String?
}

struct PublishInput: Content, Sendable {
    var reason: String?
}

/// The sheet as JSON: values keyed by criterion id.
struct SheetBody: Content, Sendable {
    var version: Int
    var values: [String: ItemScore]
    var reasons: [String: String]?

    func values(table: ScoringTable) throws -> SheetValues {
        var result: SheetValues = [:]
        for (key, score) in values {
            guard let id = UUID(uuidString: key) else {
                throw DomainError.invalid(field: "values", "Mã tiêu chí «\(key)» không hợp lệ.")
            }
            result[id] = score
        }
        try SheetRules.validate(result, table: table)
        return result
    }

    var reasonsByID: [UUID: String] {
        Dictionary((reasons ?? [:]).compactMap { key, value in UUID(uuidString: key).map { ($0, value) } }, uniquingKeysWith: { a, _ in a })
    }
}
