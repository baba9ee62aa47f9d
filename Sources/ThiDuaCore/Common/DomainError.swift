/// One problem with one field of what a user sent, in Vietnamese.
public struct FieldIssue: Hashable, Sendable, Codable {
    /// The form or JSON field the problem is in ("name", "validFrom"), or nil for the whole.
    public var field: String?
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// The domain's errors. Every rule that refuses something says so with one of these, in
/// Vietnamese; the App turns them into a page or a problem document in one place.
public enum DomainError: Error, Hashable, Sendable {
    /// What was sent breaks a rule (HTTP 422); each issue names its field.
    case invalid([FieldIssue])
    /// What was sent clashes with what is stored (HTTP 409).
    case conflict(String)
    /// What was asked for does not exist (HTTP 404).
    case notFound(String)

    public static func invalid(field: String?, _ message: String) -> DomainError {
        .invalid([FieldIssue(field: field, message)])
    }

    /// The messages, one a line, for a page or a problem document's `detail`.
    public var message: String {
        switch self {
        case .invalid(let issues): return issues.map(\.message).joined(separator: " ")
        case .conflict(let message), .notFound(let message): return message
        }
    }

    public var issues: [FieldIssue] {
        if case .invalid(let issues) = self { return issues }
        return [FieldIssue(field: nil, message)]
    }
}

/// Collects issues from several checks, so that a form shows every problem at once.
public struct IssueCollector: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public mutating func check(_ condition: Bool, field: String?, _ message: @autoclosure () -> String) {
        if !condition { issues.append(FieldIssue(field: field, message())) }
    }

    public mutating func add(_ issue: FieldIssue) { issues.append(issue) }

    public mutating func run(_ body: () throws -> Void) {
        do { try body() } catch let error as DomainError { issues += error.issues } catch {
            issues.append(FieldIssue(field: nil, "\(error)"))
        }
    }

    public func finish() throws {
        if !issues.isEmpty { throw DomainError.invalid(issues) }
    }
}
