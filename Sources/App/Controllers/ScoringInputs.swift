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

    /// The rows whose item is known, to show again what was typed.
    var rows: [(criterionID: UUID, text: String)] {
        let ids = criterionID ?? [], texts = value ?? []
        return ids.indices.compactMap { index in
            guard let id = UUID(uuidString: ids[index]) else { return nil }
            return (id, index < texts.count ? texts[index] : "")
        }
    }

    /// Every row; an item that is not a criterion id is refused, as the API refuses it.
    func entries() throws -> [(criterionID: UUID, text: String)] {
        _ = try SheetDraft.criterionIDs(criterionID ?? [])
        return rows
    }

    var reasons: [UUID: String] {
        let ids = criterionID ?? [], texts = reason ?? []
        return Dictionary(ids.indices.compactMap { index -> (UUID, String)? in
            guard let id = UUID(uuidString: ids[index]), index < texts.count, !texts[index].isEmpty else { return nil }
            return (id, texts[index])
        }, uniquingKeysWith: { a, _ in a })
    }

    var expectedVersion: Int? { version.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// The version the form was loaded with; a form without one is refused, not saved blind.
    func requiredVersion() throws -> Int {
        guard let version = expectedVersion else {
            throw DomainError.invalid(field: "version", "Biểu mẫu thiếu phiên bản bảng điểm; hãy tải lại trang rồi nhập lại.")
        }
        return version
    }
}

/// A sheet action's body: the reason, where the action needs one.
struct SheetActionInput: Content, Sendable {
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
        let keys = Array(values.keys)
        let result = Dictionary(zip(try SheetDraft.criterionIDs(keys), keys.map { values[$0]! }), uniquingKeysWith: { a, _ in a })
        try SheetRules.validate(result, table: table)
        return result
    }

    var reasonsByID: [UUID: String] {
        Dictionary((reasons ?? [:]).compactMap { key, value in UUID(uuidString: key).map { ($0, value) } }, uniquingKeysWith: { a, _ in a })
    }
}
