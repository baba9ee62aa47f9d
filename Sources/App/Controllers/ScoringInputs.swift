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

    /// The version the form was read at; `afterDecode` has held it to `NumberRange.version`.
    var expectedVersion: Int? { version.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// The version the form was loaded with; a form without one is refused, not saved blind.
    func requiredVersion() throws -> Int {
        guard let version = expectedVersion else {
            throw DomainError.invalid(field: "version", "Biểu mẫu thiếu phiên bản bảng điểm; hãy tải lại trang rồi nhập lại.")
        }
        return version
    }

    /// A version out of range (say Int.max) is refused as the form is read, naming the field,
    /// before the lock's arithmetic sees it.
    mutating func afterDecode() throws {
        var issues = IssueCollector()
        _ = NumberRange.read(version, in: NumberRange.version, field: "version", label: "Phiên bản", into: &issues)
        try issues.finish()
    }
}

/// A sheet action's body: the reason, where the action needs one.
struct SheetActionInput: Content, Sendable {
    var reason: String?
    var dot: String?

    mutating func afterDecode() throws { try ReasonCheck.check(reason) }
}

struct ExtensionInput: Content, Sendable {
    var extendedTo: String?
    var reason: String?
    var dot: String?

    mutating func afterDecode() throws { try ReasonCheck.check(reason) }
}

/// A reason sent with an action (return, reopen, extension, publication) holds no hidden
/// characters and stays within a note's length, whichever form or body it came in.
enum ReasonCheck {
    static func check(_ reason: String?) throws {
        var issues = IssueCollector()
        _ = TextRules.reason(reason, field: "reason", into: &issues)
        try issues.finish()
    }
}

struct EvidenceUpload: Content, Sendable {
    var criterionID: String?
    var file: File?
    var dot: String?
}

struct PublishInput: Content, Sendable {
    var reason: String?

    mutating func afterDecode() throws { try ReasonCheck.check(reason) }
}

/// The sheet as JSON: values keyed by criterion id.
struct SheetBody: Content, Sendable {
    var version: Int
    var values: [String: ItemScore]
    var reasons: [String: String]?

    /// Every number is checked as the body is read, each issue naming its field
    /// ("values.<criterion>.events"): nothing out of range reaches the lock or the totals.
    mutating func afterDecode() throws {
        var issues = IssueCollector()
        NumberRange.check(version, in: NumberRange.version, field: "version", label: "Phiên bản", into: &issues)
        for (key, score) in values.sorted(by: { $0.key < $1.key }) {
            NumberRange.check(score.events, in: NumberRange.events, field: "values.\(key).events", label: "Số lần", into: &issues)
            Points.check(score.points, field: "values.\(key).points", label: "Điểm", into: &issues)
        }
        for (key, reason) in (reasons ?? [:]).sorted(by: { $0.key < $1.key }) {
            _ = TextRules.reason(reason, field: "reasons.\(key)", into: &issues)
        }
        try issues.finish()
    }

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
