import Foundation
import Testing
import VaporTesting
import Yams

/// Checks an answer of the server against openapi.yaml: the operation (method and path
/// template) exists, the status is documented (or covered by `default`), the content type is
/// one the spec lists, and a JSON body fits the response schema. `Application.send` runs it on
/// every `/api/` answer, so a test that drifts from the spec fails.
///
/// Stricter than JSON Schema in one way, on purpose: an object whose schema says nothing of
/// `additionalProperties` may carry only the fields it lists — the spec must document every
/// field the server sends (the e2e check reads the spec the same way).
struct OpenAPIValidator: Sendable {
    /// What differs, and where in the body (a JSON pointer; empty for the answer as a whole).
    struct Mismatch: Sendable, Equatable, CustomStringConvertible {
        var pointer: String
        var message: String
        var description: String { pointer.isEmpty ? message : "\(pointer): \(message)" }
    }

    /// openapi.yaml of the working directory (the package root under `swift test`), read once.
    static let project: OpenAPIValidator = {
        let path = FileManager.default.currentDirectoryPath + "/openapi.yaml"
        do {
            return try OpenAPIValidator(yaml: String(contentsOfFile: path, encoding: .utf8))
        } catch {
            fatalError("cannot read \(path): \(error)")
        }
    }()

    private let document: SpecNode
    private let templates: [(segments: [String], template: String)]

    init(yaml: String) throws {
        guard let node = try Yams.compose(yaml: yaml) else { throw SpecError.empty }
        document = SpecNode(node)
        templates = (document["paths"]?.entries ?? []).map { template, _ in
            (template.split(separator: "/", omittingEmptySubsequences: false).map(String.init), template)
        }
    }

    enum SpecError: Error { case empty }

    /// The path template of the spec that `path` (without query) matches; literal segments win
    /// over parameters, so `/tokens/{id}/revoke` is not taken for `/tokens/{id}`.
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return templates.filter { candidate in
            candidate.segments.count == segments.count && zip(candidate.segments, segments).allSatisfy { spec, actual in
                spec == actual || (spec.hasPrefix("{") && spec.hasSuffix("}") && !actual.isEmpty)
            }
        }.max { lhs, rhs in
            lhs.segments.filter { !$0.hasPrefix("{") }.count < rhs.segments.filter { !$0.hasPrefix("{") }.count
        }?.template
    }

    /// The paths without parameters whose GET the spec documents with query parameters, and
    /// those parameters with their schemas (path-level and operation-level, `$ref` resolved).
    func documentedQueries() -> [(path: String, parameters: [(name: String, schema: SpecNode)])] {
        (document["paths"]?.entries ?? []).compactMap { path, item in
            guard !path.contains("{"), let operation = item["get"] else { return nil }
            let declared = (item["parameters"]?.items ?? []) + (operation["parameters"]?.items ?? [])
            let query = declared.map(resolve).filter { $0["in"]?.text == "query" }.compactMap { parameter in
                parameter["name"]?.text.map { (name: $0, schema: resolve(parameter["schema"] ?? .mapping([]))) }
            }
            return query.isEmpty ? nil : (path, query)
        }
    }

    /// Everything about one answer that the spec does not say.
    func mismatches(method: String, path: String, status: Int, contentType: String?, body: Data) -> [Mismatch] {
        let path = String(path.prefix { $0 != "?" })
        guard let template = template(for: path) else {
            // An address the API does not have is answered 404 by the router, not by the spec.
            return status == 404 ? [] : [Mismatch(pointer: "", message: "no path of the spec matches")]
        }
        guard let operation = document["paths"]?[template]?[method.lowercased()] else {
            // A method the path does not have is answered 405 by HTTP itself, not by the spec.
            if status == 405 { return [] }
            return [Mismatch(pointer: "", message: "\(template) has no \(method.uppercased()) operation")]
        }
        let responses = operation["responses"]
        guard let documented = responses?[String(status)] ?? responses?["\(status / 100)XX"] ?? responses?["default"] else {
            return [Mismatch(pointer: "", message: "status \(status) is not documented for \(method.uppercased()) \(template)")]
        }
        let response = resolve(documented)
        guard let content = response["content"]?.entries, !content.isEmpty else {
            return body.isEmpty ? [] : [Mismatch(pointer: "", message: "the spec documents no body, the server sent \(body.count) bytes")]
        }
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let media = content.first(where: { Self.mediaType(mediaType, matches: $0.key) })?.value else {
            let listed = content.map(\.key).joined(separator: ", ")
            return [Mismatch(pointer: "", message: "content type «\(mediaType)» is not among \(listed)")]
        }
        guard mediaType == "application/json" || mediaType.hasSuffix("+json"), let schema = media["schema"] else { return [] }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            return [Mismatch(pointer: "", message: "the body is not JSON")]
        }
        return check(value, against: schema, at: "")
    }

    private static func mediaType(_ actual: String, matches listed: String) -> Bool {
        let listed = listed.lowercased()
        if listed == actual || listed == "*/*" { return true }
        return listed.hasSuffix("/*") && actual.hasPrefix(String(listed.dropLast()))
    }

    /// Follows `$ref` (local references only: the spec is one file).
    private func resolve(_ node: SpecNode) -> SpecNode {
        var node = node
        var hops = 0
        while let reference = node["$ref"]?.text, hops < 32 {
            hops += 1
            guard reference.hasPrefix("#/") else { break }
            var target: SpecNode? = document
            for part in reference.dropFirst(2).split(separator: "/") {
                target = target?[String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            guard let found = target else { break }
            node = found
        }
        return node
    }

    /// The property names a schema declares, through `allOf` (for the strict field check).
    private func declaredProperties(of schema: SpecNode) -> Set<String> {
        let schema = resolve(schema)
        var names = Set((schema["properties"]?.entries ?? []).map(\.key))
        for part in schema["allOf"]?.items ?? [] { names.formUnion(declaredProperties(of: part)) }
        return names
    }

    /// `inherited`: fields an enclosing `allOf` declares, which this part may ignore.
    private func check(_ value: JSONValue, against schema: SpecNode, at pointer: String,
                       inherited: Set<String> = []) -> [Mismatch] {
        let schema = resolve(schema)
        if case .null = value, schema["nullable"]?.text == "true" { return [] }
        var found: [Mismatch] = []

        if let parts = schema["allOf"]?.items {
            let names = parts.reduce(inherited.union(declaredProperties(of: schema))) { $0.union(declaredProperties(of: $1)) }
            for part in parts { found += check(value, against: part, at: pointer, inherited: names) }
        }
        for keyword in ["oneOf", "anyOf"] {
            guard let parts = schema[keyword]?.items else { continue }
            let outcomes = parts.map { check(value, against: $0, at: pointer, inherited: inherited) }
            let fitting = outcomes.filter(\.isEmpty).count
            if fitting == 0 {
                let closest = outcomes.min { $0.count < $1.count } ?? []
                found.append(Mismatch(pointer: pointer, message: "fits none of \(keyword) (closest: \(closest.map(\.description).joined(separator: "; ")))"))
            } else if keyword == "oneOf", fitting > 1 {
                found.append(Mismatch(pointer: pointer, message: "fits \(fitting) branches of oneOf"))
            }
        }

        if let type = schema["type"]?.text {
            guard value.fits(type: type) else {
                return found + [Mismatch(pointer: pointer, message: "expected \(type), found \(value.kind)")]
            }
        } else if case .null = value, !(schema["allOf"] != nil || schema["oneOf"] != nil || schema["anyOf"] != nil) {
            if schema.entries.isEmpty { return found }
            return found + [Mismatch(pointer: pointer, message: "null where the schema is not nullable")]
        }

        if let allowed = schema["enum"]?.items {
            if !allowed.contains(where: { value.equals(scalar: $0.text) }) {
                let listed = allowed.compactMap(\.text).joined(separator: ", ")
                found.append(Mismatch(pointer: pointer, message: "\(value.brief) is not one of [\(listed)]"))
            }
        }
        if case .string(let text) = value, let format = schema["format"]?.text, !Self.fits(text, format: format) {
            found.append(Mismatch(pointer: pointer, message: "«\(text)» is not a \(format)"))
        }
        if case .number(let number) = value {
            if let minimum = schema["minimum"]?.text.flatMap(Double.init), number < minimum {
                found.append(Mismatch(pointer: pointer, message: "\(value.brief) is below the minimum \(minimum)"))
            }
            if let maximum = schema["maximum"]?.text.flatMap(Double.init), number > maximum {
                found.append(Mismatch(pointer: pointer, message: "\(value.brief) is above the maximum \(maximum)"))
            }
        }

        switch value {
        case .object(let fields):
            for name in schema["required"]?.items?.compactMap(\.text) ?? [] where fields[name] == nil {
                found.append(Mismatch(pointer: pointer + "/" + Self.escape(name), message: "required field is missing"))
            }
            let properties = schema["properties"]
            let extra = schema["additionalProperties"]
            // A schema made of branches leaves the fields to them.
            let closed = (properties != nil || schema["type"]?.text == "object")
                && schema["oneOf"] == nil && schema["anyOf"] == nil
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                let fieldPointer = pointer + "/" + Self.escape(name)
                if let property = properties?[name] {
                    found += check(field, against: property, at: fieldPointer)
                } else if let extra, extra.entries.isEmpty == false || extra["$ref"] != nil {
                    found += check(field, against: extra, at: fieldPointer)
                } else if extra?.text == "false" || (extra == nil && closed && !inherited.contains(name)) {
                    found.append(Mismatch(pointer: fieldPointer, message: "field is not in the spec"))
                }
            }
        case .array(let elements):
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    found += check(element, against: items, at: pointer + "/\(index)")
                }
            }
        default:
            break
        }
        return found
    }

    /// Formats checked loosely: the shape, not the calendar.
    private static func fits(_ text: String, format: String) -> Bool {
        func isDate(_ text: Substring) -> Bool {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 3 && zip(parts, [4, 2, 2]).allSatisfy { part, length in
                part.count == length && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
            }
        }
        switch format {
        case "date": return isDate(Substring(text))
        case "date-time": return text.count > 11 && isDate(text.prefix(10)) && text.dropFirst(10).first == "T"
        case "uuid": return UUID(uuidString: text) != nil
        default: return true
        }
    }

    private static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

/// The spec as plain values: mappings keep their order, scalars stay text.
indirect enum SpecNode: Sendable {
    case mapping([(key: String, value: SpecNode)])
    case sequence([SpecNode])
    case scalar(String)

    init(_ node: Node) {
        if let mapping = node.mapping {
            self = .mapping(mapping.map { (key: $0.key.scalar?.string ?? "", value: SpecNode($0.value)) })
        } else if let sequence = node.sequence {
            self = .sequence(sequence.map(SpecNode.init))
        } else {
            self = .scalar(node.scalar?.string ?? "")
        }
    }

    subscript(key: String) -> SpecNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var entries: [(key: String, value: SpecNode)] {
        if case .mapping(let entries) = self { return entries }
        return []
    }

    var items: [SpecNode]? {
        if case .sequence(let items) = self { return items }
        return nil
    }

    var text: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }
}

/// A JSON body, decoded without Foundation's guesses about numbers and booleans.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.rounded() == number ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var brief: String {
        switch self {
        case .string(let text): "«\(text)»"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let bool): String(bool)
        default: kind
        }
    }

    func fits(type: String) -> Bool {
        switch (type, self) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    /// Whether this value is the enum entry written `scalar` in the YAML.
    func equals(scalar: String?) -> Bool {
        guard let scalar else { return false }
        switch self {
        case .string(let text): return text == scalar
        case .number(let number): return Double(scalar) == number
        case .bool(let bool): return scalar == String(bool)
        case .null: return scalar == "null" || scalar == "~"
        default: return false
        }
    }
}

extension OpenAPIValidator {
    /// Records a test issue for each way the answer to an `/api/` request (or `/healthz`)
    /// differs from the spec, naming the request, the status and the JSON pointer.
    func record(method: String, path: String, response: TestingHTTPResponse, sourceLocation: SourceLocation) {
        let path = path.hasPrefix("/") ? path : "/" + path
        let bare = String(path.prefix { $0 != "?" })
        guard bare.hasPrefix("/api/") || bare == "/healthz" else { return }
        let status = Int(response.status.code)
        let found = mismatches(method: method, path: bare, status: status,
                               contentType: response.headers.first(name: .contentType), body: Data(buffer: response.body))
        for mismatch in found {
            let pointer = mismatch.pointer.isEmpty ? "(answer)" : mismatch.pointer
            Issue.record(Comment(rawValue: "openapi.yaml: \(method) \(bare) → \(status): \(pointer) \(mismatch.message)"),
                         sourceLocation: sourceLocation)
        }
    }
}
