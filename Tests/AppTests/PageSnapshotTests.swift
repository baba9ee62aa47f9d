@testable import App
import Foundation
import Testing
import ThiDuaCore
import Vapor

/// A page as its snapshot test renders it: a template and a fixed context (the fixtures are
/// in `*Pages+mock.swift`: fixed ids, dates and names, no clock, no database).
struct PageMock: Sendable {
    /// The snapshot's name: the template's, or `template-variant` for a second state of it.
    var name: String
    var template: String
    var context: @Sendable () -> any Encodable

    init(_ template: String, variant: String? = nil, _ context: @escaping @Sendable () -> any Encodable) {
        name = variant.map { "\(template)-\($0)" } ?? template
        self.template = template
        self.context = context
    }

    /// Every page the snapshot tests render.
    static var all: [PageMock] { access + registry + year + scoring + voting + awards }
}

/// Fixed values every mock shares.
enum Mock {
    /// A fixed id: `00000000-0000-0000-0000-00000000000n`.
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    static func idText(_ n: Int) -> String { id(n).uuidString }
    static let csrf = "csrf-mock"
    static let province = id(1)
    static let bloc = id(2)
    static let unit = id(3)
    static let otherUnit = id(4)
    static let person = id(5)
    static let blocPath = "/khoi/\(id(2).uuidString)"
    static let yearPath = "/khoi/\(id(2).uuidString)/nam/2026"
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// The layout's head: a head unit's officer with pending work, as most pages are seen.
    static func head(_ title: String, section: String = "blocs", flash: String? = nil, user: String? = "donvi.kha.ubkttu",
                     registry: Bool = true, users: Bool = false, audit: Bool = false, ballots: Bool = false,
                     pending: Int? = 3, unread: Int? = 2) -> PageHead {
        PageHead(title: title, section: section, user: user, csrf: user == nil ? nil : csrf, showRegistry: registry,
                 showUsers: users, showAudit: audit, showBallots: ballots, pending: pending, flash: flash,
                 unread: user == nil ? nil : unread)
    }

    static func option(_ value: String, _ label: String, selected: Bool = false) -> SelectOption {
        SelectOption(value: value, label: label, selected: selected)
    }

    static func group(_ fields: [FormPage.Field], errors: [String] = []) -> FormPage.FieldGroup {
        FormPage.FieldGroup(errors: errors, fields: fields)
    }
}

@Suite struct PageSnapshotTests {
    static let suite = "PageSnapshotTests"
    /// Templates that are parts of pages (the layout, a form's fields, a page's downloads or
    /// lineage table), rendered inside the pages that import them.
    static let partials: Set<String> = ["base", "fields", "downloads", "lineage"]

    static var views: URL { Snapshot.packageRoot.appendingPathComponent("Resources/Views") }

    @Test(arguments: PageMock.all.map(\.name))
    func pageMatchesItsSnapshot(_ name: String) async throws {
        let page = try #require(PageMock.all.first { $0.name == name })
        let app = try await Application.make(.testing)
        do {
            app.directory = DirectoryConfiguration(workingDirectory: Snapshot.packageRoot.path + "/")
            app.logger.logLevel = .warning
            useViews(app)
            let view = try await app.view.render(page.template, page.context())
            try Snapshot.check(String(buffer: view.data), named: page.name, suite: Self.suite)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A new page template fails here until it has a mock and a snapshot; a snapshot whose
    /// mock is gone fails too (it would be reviewed for nothing).
    @Test func everyPageTemplateHasASnapshot() throws {
        let manager = FileManager.default
        let templates = Set(try manager.contentsOfDirectory(atPath: Self.views.path)
            .filter { $0.hasSuffix(".leaf") }.map { String($0.dropLast(".leaf".count)) })
        let pages = templates.subtracting(Self.partials)
        let mocked = Set(PageMock.all.map(\.template))
        let missing = pages.subtracting(mocked).sorted()
        #expect(missing.isEmpty, "page templates with no snapshot (add a PageMock in a *Pages+mock.swift): \(missing.joined(separator: ", "))")
        #expect(mocked.subtracting(templates).isEmpty, "mocks of no template: \(mocked.subtracting(templates).sorted())")
        let names = PageMock.all.map(\.name)
        #expect(Set(names).count == names.count, "two mocks share a name")
        let stored = Set(try manager.contentsOfDirectory(atPath: Snapshot.root.appendingPathComponent(Self.suite).path)
            .filter { $0.hasSuffix(".html") && !$0.hasSuffix(".new.html") }.map { String($0.dropLast(".html".count)) })
        let stale = stored.subtracting(names).sorted()
        #expect(stale.isEmpty, "snapshots with no mock (delete them): \(stale.joined(separator: ", "))")
    }

    @Test func theDiffNamesTheChangedLines() {
        let diff = Snapshot.diff("a\nb\nc\nd\ne", "a\nb\nC\nd\ne")
        #expect(diff == "     2 │ b\n-    3 │ c\n+    3 │ C\n     4 │ d")
    }

    @Test func onlyTheCSRFTokenIsNormalised() {
        let html = #"<input type="hidden" name="_csrf" value="k3y"><input name="q" value="k3y">"#
        #expect(Snapshot.normalise(html) == #"<input type="hidden" name="_csrf" value="CSRF"><input name="q" value="k3y">"#)
    }
}
