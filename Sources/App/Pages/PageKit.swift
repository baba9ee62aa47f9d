import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What every page tells the layout: its title, which menu section is open, who is signed
/// in, and the CSRF token its forms post back.
struct PageHead: Encodable, Sendable {
    var title: String
    var section: String
    var user: String?
    var csrf: String?
    var showRegistry: Bool
    var showUsers: Bool
    var showAudit: Bool
    /// The actor casts ballots for a unit: «Bỏ phiếu» in the navigation.
    var showBallots: Bool
    /// How many lines of «Việc cần làm» wait (none: nil), for the navigation.
    var pending: Int?
    /// What the last change did (issue 16 part 3), said once on the next page.
    var flash: String? = nil
    /// How many notifications wait unread (none: nil), for the navigation (issue 16 part 1).
    var unread: Int? = nil
}

extension Request {
    func head(_ title: String, section: String) -> PageHead {
        let actor = self.actor
        return PageHead(
            title: title, section: section, user: actor?.username, csrf: auth.session?.csrfToken,
            showRegistry: can(.read, .registry),
            showUsers: actor.map { $0.isAdmin || !$0.officerProvinces.isEmpty } ?? false,
            showAudit: can(.readAudit, .auditLog),
            showBallots: !(actor?.voterUnits.isEmpty ?? true),
            pending: application.pendingCounts.count(for: self).flatMap { $0 > 0 ? $0 : nil },
            flash: Flash.message(of: self),
            unread: application.pendingCounts.unread(for: self).flatMap { $0 > 0 ? $0 : nil })
    }
}

struct Link: Encodable, Sendable {
    var label: String
    var href: String
}

struct SelectOption: Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// A list page: search, filters, a table, pages. Every registry list is one of these.
struct ListPage: Encodable, Sendable {
    struct Filter: Encodable, Sendable {
        var name: String
        var label: String
        var options: [SelectOption]
    }
    struct Cell: Encodable, Sendable {
        var text: String
        var href: String?
        var note: String?
        /// Its column's name, set when the page renders (a phone shows it beside the text).
        var label: String? = nil
    }
    struct Row: Encodable, Sendable { var cells: [Cell] }

    var head: PageHead
    var heading: String
    var intro: String?
    var action: String
    var query: String
    var filters: [Filter]
    var sortLabel: String
    var descending: Bool
    var newLink: Link?
    var columns: [String]
    var rows: [Row]
    var pagination: Pagination
    var emptyMessage: String
}

/// Page links for a Fluent page, keeping the other query parameters.
struct Pagination: Encodable, Sendable {
    struct PageLink: Encodable, Sendable {
        var number: Int
        var href: String
        var current: Bool
    }
    var page: Int
    var pageCount: Int
    var total: Int
    var previous: String?
    var next: String?
    var pages: [PageLink]

    init(metadata: PageMetadata, base: String, parameters: [String: String]) {
        let page = metadata.page
        let pageCount = max(metadata.pageCount, 1)
        self.page = page
        self.pageCount = pageCount
        total = metadata.total
        @Sendable func href(_ number: Int) -> String {
            var items = parameters.filter { !$0.value.isEmpty && $0.key != "page" }
                .sorted { $0.key < $1.key }
                .map { URLQueryItem(name: $0.key, value: $0.value) }
            items.append(URLQueryItem(name: "page", value: String(number)))
            var components = URLComponents()
            components.path = base
            components.queryItems = items
            return components.string ?? base
        }
        previous = page > 1 ? href(page - 1) : nil
        next = page < pageCount ? href(page + 1) : nil
        let window = max(1, page - 3)...min(pageCount, page + 3)
        pages = window.map { PageLink(number: $0, href: href($0), current: $0 == page) }
    }
}

/// A create or edit form. It always comes back with what was typed and the problems found.
struct FormPage: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        var name: String
        var label: String
        var type: String
        var value: String
        var options: [SelectOption]
        var required: Bool
        var hint: String?
        var error: String?
        var multiple: Bool

        static func text(_ name: String, _ label: String, _ value: String?, required: Bool = false,
                         hint: String? = nil) -> Field {
            Field(name: name, label: label, type: "text", value: value ?? "", options: [], required: required,
                  hint: hint, error: nil, multiple: false)
        }

        static func date(_ name: String, _ label: String, _ value: String?, required: Bool = false,
                         hint: String? = nil) -> Field {
            Field(name: name, label: label, type: "date", value: value ?? "", options: [], required: required,
                  hint: hint, error: nil, multiple: false)
        }

        static func password(_ name: String, _ label: String, hint: String? = nil) -> Field {
            // A password never comes back to the form.
            Field(name: name, label: label, type: "password", value: "", options: [], required: true,
                  hint: hint, error: nil, multiple: false)
        }

        static func number(_ name: String, _ label: String, _ value: String?, hint: String? = nil) -> Field {
            Field(name: name, label: label, type: "number", value: value ?? "", options: [], required: false,
                  hint: hint, error: nil, multiple: false)
        }

        static func select(_ name: String, _ label: String, _ options: [(String, String)], selected: [String],
                           required: Bool = false, multiple: Bool = false, hint: String? = nil) -> Field {
            Field(name: name, label: label, type: "select", value: "",
                  options: options.map { SelectOption(value: $0.0, label: $0.1, selected: selected.contains($0.0)) },
                  required: required, hint: hint, error: nil, multiple: multiple)
        }
    }

    /// Fields with their problems, for a form embedded in another page.
    struct FieldGroup: Encodable, Sendable {
        var errors: [String]
        var fields: [Field]
        /// Before each field's id, where a page shows several groups (ids must be unique, and
        /// a label names its own field).
        var idPrefix: String? = nil

        mutating func show(_ error: DomainError) {
            fields = FormPage.place(error, in: fields)
            errors = error.issues.map(\.message)
        }
    }

    var head: PageHead
    var heading: String
    var action: String
    var submitLabel: String
    var cancel: Link
    var errors: [String]
    var fields: [Field]

    /// Puts each issue next to its field; issues with no field go to the top.
    mutating func show(_ error: DomainError) {
        fields = FormPage.place(error, in: fields)
        errors = error.issues.map(\.message)
    }

    static func place(_ error: DomainError, in fields: [Field]) -> [Field] {
        var fields = fields
        for issue in error.issues {
            if let field = issue.field, let index = fields.firstIndex(where: { $0.name == field || $0.name == field + "[]" }) {
                fields[index].error = [fields[index].error, issue.message].compactMap { $0 }.joined(separator: " ")
            }
        }
        return fields
    }

    func render(on request: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await request.view.render("form", self).encodeResponse(status: status, for: request)
    }
}

extension ListPage {
    func render(on request: Request) async throws -> Response {
        var page = self
        for row in page.rows.indices {
            for (column, name) in zip(page.rows[row].cells.indices, columns) { page.rows[row].cells[column].label = name }
        }
        return try await request.view.render("list", page).encodeResponse(for: request)
    }
}

struct ErrorPage: Encodable, Sendable {
    var head: PageHead
    var status: Int
    var detail: String
    var errors: [String]

    init(problem: Problem, request: Request) {
        self.init(head: request.head(problem.title, section: ""), status: Int(problem.status.code), detail: problem.detail,
                  errors: problem.errors.count > 1 ? problem.errors.map(\.message) : [])
    }

    init(head: PageHead, status: Int, detail: String, errors: [String]) {
        self.head = head
        self.status = status
        self.detail = detail
        self.errors = errors
    }

    func render(on request: Request) async throws -> Response {
        let response = try await request.view.render("error", self).encodeResponse(for: request)
        response.status = HTTPResponseStatus(statusCode: status)
        return response
    }
}

/// Options for select boxes, in one place.
enum Choices {
    static func unitKinds() -> [(String, String)] { UnitKind.allCases.map { ($0.rawValue, $0.label) } }
    static func blocKinds() -> [(String, String)] { BlocKind.allCases.map { ($0.rawValue, $0.label) } }
    static func provinceKinds() -> [(String, String)] { ProvinceKind.allCases.map { ($0.rawValue, $0.label) } }
    static func genders() -> [(String, String)] { Gender.allCases.map { ($0.rawValue, $0.label) } }
    static func staffCategories() -> [(String, String)] { StaffCategory.allCases.map { ($0.rawValue, $0.label) } }
    static func reorganisationKinds() -> [(String, String)] { ReorganisationKind.allCases.map { ($0.rawValue, $0.label) } }

    static func provinces(_ provinces: [ProvinceModel]) -> [(String, String)] {
        provinces.map { ($0.id!.uuidString, $0.core.fullName + ($0.validTo == nil ? "" : " (đến \(LocalDate($0.validTo!)!.vietnamese))")) }
    }

    static func units(_ units: [UnitModel]) -> [(String, String)] {
        units.map { unit in
            let ended = unit.validTo.flatMap(LocalDate.init).map { " — đến \($0.vietnamese)" } ?? ""
            // The province where it was loaded with the unit; never an empty «, )».
            let province = unit.$province.value.map { ", \($0.name)" } ?? ""
            return (unit.id!.uuidString, "\(unit.name) (\(unit.shortName)\(province))\(ended)")
        }
    }
}

extension Request {
    /// Query parameters as text, for keeping them across pages.
    func queryText(_ name: String) -> String? {
        (try? query.get(String.self, at: name)).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The provinces the actor may read; nil for all (admin).
    var readableProvinces: Set<UUID>? { actor.flatMap { $0.isAdmin ? nil : $0.readableProvinces } }

    /// A list's search, filters, order and page, each value checked: a malformed or unknown
    /// value is a 400 problem naming the parameter, never a silent "all". On the API a name
    /// the list does not take is refused too (a misspelt filter would otherwise look applied).
    /// `kind`: the codes `?kind=` may take; `province`: whether the list filters by province;
    /// `extra`: further names the caller reads itself.
    func listQuery<Kind: CaseIterable & RawRepresentable>(kind: Kind.Type, province: Bool = true,
                                                          also extra: Set<String> = []) async throws -> RegistryStore.ListQuery
    where Kind.RawValue == String {
        try checkQueryNames(Set(["q", "kind", "sort", "page", "per"]).union(province ? ["province"] : []).union(extra))
        let page = try queryPage(per: 20)
        return RegistryStore.ListQuery(
            text: queryText("q"),
            provinceID: province ? try await queryProvince() : nil,
            kind: try queryChoice("kind", among: Kind.allCases.map(\.rawValue)),
            page: page.page,
            per: page.per,
            descending: try queryChoice("sort", among: ["asc", "desc"]) == "desc",
            provinceScope: readableProvinces,
            peopleScope: actor.flatMap { $0.isAdmin ? nil : ($0.officerProvinces, $0.officerUnits) })
    }

    /// On the API: refuses a query parameter outside `known`.
    func checkQueryNames(_ known: Set<String>) throws {
        guard url.path.hasPrefix("/api/"), let text = url.query, !text.isEmpty else { return }
        let names = text.split(separator: "&").map { pair in
            String(pair.prefix { $0 != "=" }).removingPercentEncoding ?? String(pair.prefix { $0 != "=" })
        }
        // `name[]` is how forms send lists; the name is what is known.
        if let unknown = names.first(where: { !known.contains($0.hasSuffix("[]") ? String($0.dropLast(2)) : $0) }) {
            let listed = known.sorted().map { "«\($0)»" }.joined(separator: ", ")
            throw QueryProblem(parameter: unknown, "Tham số «\(unknown)» không được dùng ở đây; "
                               + (known.isEmpty ? "địa chỉ này không nhận tham số nào." : "chỉ nhận \(listed)."))
        }
    }

    /// `?page=` and `?per=` (at most `ListQuery.maximumPer`), with `per` as the default size.
    func queryPage(per: Int) throws -> PageRequest {
        PageRequest(page: try queryInt("page", in: NumberRange.page) ?? 1,
                    per: try queryInt("per", in: NumberRange.perPage) ?? per)
    }

    /// `?name=` as a whole number in `range`; nil when absent.
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryText(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw QueryProblem(parameter: name, "Tham số «\(name)» phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound), không phải «\(text)».")
        }
        return value
    }

    /// `?name=` as one of `choices`; nil when absent.
    func queryChoice(_ name: String, among choices: [String]) throws -> String? {
        guard let text = queryText(name) else { return nil }
        guard choices.contains(text) else {
            let listed = choices.map { "«\($0)»" }.joined(separator: ", ")
            throw QueryProblem(parameter: name, "Tham số «\(name)» không nhận giá trị «\(text)»; chỉ nhận \(listed).")
        }
        return text
    }

    /// `?province=` as a stored province's id; nil when absent.
    func queryProvince() async throws -> UUID? {
        guard let text = queryText("province") else { return nil }
        guard let id = UUID(uuidString: text), try await ProvinceModel.find(id, on: db) != nil else {
            throw QueryProblem(parameter: "province", "Không có tỉnh nào mang mã «\(text)» (tham số «province» là mã UUID của tỉnh).")
        }
        return id
    }

    /// `?subject=`: whose reorganisations, units' (the default) or provinces'.
    func querySubject() throws -> LineageSubjectKind {
        try queryChoice("subject", among: LineageSubjectKind.allCases.map(\.rawValue)).flatMap(LineageSubjectKind.init) ?? .unit
    }

    /// `?name=` as a day; nil when absent.
    func queryDate(_ name: String) throws -> LocalDate? {
        guard let text = queryText(name) else { return nil }
        guard let date = LocalDate(text) else {
            throw QueryProblem(parameter: name, "Ngày «\(text)» không hợp lệ (dạng 2020-12-11 hoặc 11/12/2020).")
        }
        return date
    }
}

/// A query parameter that is not known, or whose value is malformed or names nothing: the
/// request itself is wrong (400), unlike a body that breaks a rule (422).
struct QueryProblem: Error, Sendable {
    var parameter: String
    var message: String

    init(parameter: String, _ message: String) {
        self.parameter = parameter
        self.message = message
    }
}

extension FormPage.Field {
    static func textarea(_ name: String, _ label: String, _ value: String?, hint: String? = nil) -> Self {
        Self(name: name, label: label, type: "textarea", value: value ?? "", options: [], required: false,
             hint: hint, error: nil, multiple: false)
    }
}

extension Request {
    /// An API body: JSON only. A form sent to the API is refused (415) rather than read as a
    /// body with nothing in it, which would answer 200 and drop what was sent.
    /// (`Content`, so that its `afterDecode` checks run as the body is read.)
    func jsonBody<T: Content>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json else { throw Abort(.unsupportedMediaType) }
        return try content.decode(T.self)
    }

    /// A form with a file (multipart/form-data), from a page or the API. A body that claims
    /// to be multipart but is not (no closing boundary, broken part headers) is the sender's
    /// mistake and said so (422), never an internal error: the parser's own error is private.
    func uploadForm<T: Content>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let error as DecodingError {
            throw error
        } catch let error as any AbortError {
            // Vapor's answer to a form with no part at all, in words.
            guard error.status == .unprocessableEntity, headers.contentType?.type == "multipart" else { throw error }
            throw DomainError.invalid(field: "file", "Biểu mẫu gửi lên không có phần nào (không có tệp); hãy chọn tệp rồi gửi lại.")
        } catch where headers.contentType?.type == "multipart" {
            throw DomainError.invalid(field: "file", "Nội dung tải lên (multipart/form-data) bị hỏng: thiếu ranh giới hoặc phần đầu của tệp không đọc được. Hãy chọn lại tệp và gửi lại.")
        }
    }

    /// An API body that may be left out (an action with no reason); if sent, JSON only.
    func optionalJSONBody<T: Content>(_ type: T.Type, otherwise empty: T) throws -> T {
        guard let data = body.data, data.readableBytes > 0 else { return empty }
        return try jsonBody(T.self)
    }
}

// MARK: - Controls (issue 16)

/// A link or button a page offers, present only when `Authorization` allows the action its
/// route asks for: the page asks the same decision the route will (one call, from the page's
/// context), so nobody is shown what answers 403. `disabled` says why an allowed control
/// cannot be used yet (the pact before every member has signed); it is shown, not followed.
struct Control: Encodable, Sendable {
    var label: String
    var href: String
    var disabled: String?
}

/// A name that links to its page when the actor may open it, and stands as text otherwise.
struct NameLink: Encodable, Sendable {
    var label: String
    var href: String?
}

extension Request {
    /// The control when the actor may act, else nil.
    func control(_ label: String, _ href: String, _ action: Action, _ resource: Resource,
                 disabled: String? = nil) -> Control? {
        can(action, resource) ? Control(label: label, href: href, disabled: disabled) : nil
    }

    /// Whether a route guarded by `.decide(action, target)` would let the actor in, for a
    /// target that takes nothing from the path (a creation): the guard's own decision.
    func allows(_ action: Action, _ target: Target) async throws -> Bool {
        guard let actor else { return false }
        return try await target.decide(action, for: self, actor: actor).allowed
    }

    /// A link to a creation page when its route would let the actor in, else nil.
    func newLink(_ label: String, _ url: SiteURL, _ action: Action, _ target: Target) async throws -> Link? {
        try await allows(action, target) ? Link(label: label, href: url.path) : nil
    }

    /// The name with its link when the actor may `action` the resource (read, by default).
    func nameLink(_ label: String, _ href: String, _ resource: Resource, _ action: Action = .read) -> NameLink {
        NameLink(label: label, href: can(action, resource) ? href : nil)
    }
}
