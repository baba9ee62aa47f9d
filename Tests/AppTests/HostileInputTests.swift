@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    /// Extremes at the edge: every number out of its range and every hidden character is
    /// refused with a problem naming the field, nothing is stored, and every page that shows
    /// the record still renders.
    @Suite struct HostileInputTests {

        @Test func aSheetWithNumbersOutOfRangeIsRefusedNamingTheField() async throws {
            try await withTestApp { app in
                let fixture = try await ScoringFixture.make(app)
                let path = fixture.sheetPath("BTCTU"), token = fixture.year.officers["BTCTU"]!
                let d1 = fixture.criteria["D1"]!.uuidString
                let stored = try await ScoreEntryModel.query(on: app.db).count()
                let cases: [(AnyCodable, String)] = [
                    (.object(["version": .int(0), "values": .object([d1: .object(["events": .int(1 << 62)])])]), "values.\(d1).events"),
                    (.object(["version": .int(.max), "values": .object([:])]), "version"),
                    (.object(["version": .int(0), "values": .object([d1: .object(["points": .string("92233720368547758,08")])])]),
                     "values.\(d1).points"),
                ]
                for (body, field) in cases {
                    let res = try await fixture.year.send(.PUT, path, as: token, json: body)
                    #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(field): \(res.text)")
                    #expect(res.headers.contentType?.subType == "problem+json")
                    let problem = try res.json(ProblemBody.self)
                    #expect(problem.errors?.map(\.field) == [field], "\(res.text)")
                }
                // Nothing was stored, and every reader of the sheet still gets it.
                #expect(try await ScoreEntryModel.query(on: app.db).count() == stored)
                for reader in [token, fixture.year.head, fixture.year.provincial] {
                    try await fixture.year.send(.GET, path, as: reader, status: .notFound)
                }
                // A reason with a hidden character is refused whatever the action.
                for (url, body) in [(fixture.api(.sheetExtension(fixture.year.bloc.id!, 2027, fixture.year.units["BTCTU"]!)),
                                     ["extendedTo": "2027-12-31", "reason": "Đơn vị\u{0} xin gia hạn"]),
                                    (fixture.api(.ranking(fixture.year.bloc.id!, 2027)), ["reason": "Công bố\u{202E}"])] {
                    let res = try await fixture.year.send(.POST, url, as: fixture.year.head, json: body)
                    #expect(res.status == .unprocessableEntity, "\(url): \(res.text)")
                    #expect(try res.json(ProblemBody.self).errors?.map(\.field) == ["reason"], "\(url)")
                }
                // The same count within its range is taken, and shown.
                try await fixture.year.send(.PUT, path, as: token, json: AnyCodable.object([
                    "version": .int(0), "values": .object([d1: .object(["events": .int(NumberRange.events.upperBound)])])]), status: .ok)
                for reader in [token, fixture.year.head, fixture.year.provincial] {
                    let sheet = try await fixture.year.send(.GET, path, as: reader, status: .ok).json(ScoringFixture.SheetBody.self)
                    #expect(sheet.selfValues[d1]?.events == NumberRange.events.upperBound)
                }
                try await fixture.year.send(.GET, fixture.api(.ranking(fixture.year.bloc.id!, 2027)), as: fixture.year.head, status: .ok)
            }
        }

        @Test func aSheetFormWithAHugeVersionIsRefused() async throws {
            try await withTestApp { app in
                let fixture = try await ScoringFixture.make(app)
                let cookie = try await signIn(app, "test.btctu")
                let csrf = try await csrfToken(app, cookie: cookie)
                let unit = fixture.year.units["BTCTU"]!
                let path = SiteURL.year(fixture.year.bloc.id!, 2027, .sheet(unit)).path
                let stored = try await ScoreEntryModel.query(on: app.db).count()
                try await app.send(.POST, path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "version": "9223372036854775807",
                                            "criterionID[]": fixture.criteria["1"]!.uuidString, "value[]": "40"], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity, "\(res.status)")
                    #expect(res.text.contains("Phiên bản «9223372036854775807» phải từ 0 đến 1000000000."))
                }
                #expect(try await ScoreEntryModel.query(on: app.db).count() == stored)
            }
        }

        @Test func pageNumbersOutOfRangeAreRefusedNotTrapped() async throws {
            try await withTestApp { app in
                for query in ["page=9223372036854775807", "per=9223372036854775807", "page=0", "per=1%200", "page=abc"] {
                    let field = String(query.prefix { $0 != "=" })
                    for path in ["/api/v1/units", "/api/v1/people", "/api/v1/blocs", "/api/v1/provinces", "/api/v1/audit"] {
                        try await app.send(.GET, "\(path)?\(query)") { res in
                            // A query value out of range is a bad request, naming the parameter.
                            #expect(res.status == .badRequest, "\(path)?\(query): \(res.status)")
                            let problem = try res.json(ProblemBody.self)
                            #expect(problem.errors?.map(\.field) == [field], "\(path)?\(query)")
                        }
                    }
                    // The audit page lists 50 a page and reads no `per`.
                    for url in [SiteURL.units, .people, .blocs, .provinces, .reorganisations] + (field == "page" ? [.audit] : []) {
                        try await app.send(.GET, "\(url.path)?\(query)") { res in
                            #expect(res.status == .badRequest, "\(url.path)?\(query): \(res.status)")
                            #expect(res.text.contains("<html lang=\"vi\">"))
                        }
                    }
                }
                try await app.send(.GET, "/api/v1/units?page=1000000&per=200") { res in
                    #expect(res.status == .ok)
                    let page = try res.json(PageOf<UnitBody>.self)
                    #expect(page.items.isEmpty)
                }
                try await app.send(.GET, SiteURL.audit.path + "?to=9999-12-31") { res in #expect(res.status == .ok) }
            }
        }

        @Test func namesWithHiddenCharactersAreRefusedThroughTheAPI() async throws {
            try await withTestApp { app in
                let province = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận").$province.id
                let before = try await UnitModel.query(on: app.db).count()
                for name in ["Ban Nội chính\u{0}Tỉnh ủy", "Ban Nội chính \u{202E}ủy", "Ban\u{200B}Nội chính"] {
                    try await app.send(.POST, "/api/v1/units", beforeRequest: { req in
                        try req.content.encode(["provinceID": province.uuidString, "name": name, "shortName": "BNC",
                                                "kind": "party_agency", "validFrom": "2020-01-01"], as: .json)
                    }) { res in
                        #expect(res.status == .unprocessableEntity, "\(res.text)")
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.errors?.map(\.field) == ["name"], "\(res.text)")
                        #expect(problem.detail.contains("Tên đơn vị chứa ký tự"), "\(problem.detail)")
                    }
                }
                #expect(try await UnitModel.query(on: app.db).count() == before)
            }
        }

        @Test func namesWithHiddenCharactersAreRefusedThroughAPageForm() async throws {
            try await withTestApp { app in
                let cookie = try await signIn(app, "quantri")
                let csrf = try await csrfToken(app, cookie: cookie)
                let before = try await PersonModel.query(on: app.db).count()
                try await app.send(.POST, SiteURL.personNew.path, as: .browser(cookie: cookie), beforeRequest: { req in
                    try req.content.encode(["_csrf": csrf, "fullName": "Nguyễn Văn\u{2066} An", "gender": "male",
                                            "category": "cadre"], as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .unprocessableEntity, "\(res.status)")
                    #expect(res.text.contains("Họ và tên chứa ký tự đảo chiều văn bản (U+2066)"))
                }
                #expect(try await PersonModel.query(on: app.db).count() == before)
            }
        }

        @Test func aPersonMayBeCreatedWithTheirFirstPostAsTheSpecSays() async throws {
            try await withTestApp { app in
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận")
                try await app.send(.POST, "/api/v1/people", beforeRequest: { req in
                    try req.content.encode(["fullName": "Trần Thị Bình", "gender": "female", "category": "cadre",
                                            "unitID": unit.id!.uuidString, "position": "Chuyên viên",
                                            "validFrom": "2024-01-01"], as: .json)
                }) { res in #expect(res.status == .created, "\(res.text)") }
                let yaml = try String(contentsOfFile: app.directory.workingDirectory + "openapi.yaml", encoding: .utf8)
                let schema = try #require(yaml.components(separatedBy: "    PersonInput:\n").last?.components(separatedBy: "    PersonPage:").first)
                for field in ["unitID:", "position:", "validFrom:"] { #expect(schema.contains(field), "PersonInput lacks \(field)") }
            }
        }

        @Test func anUnsupportedMethodOnAKnownPathIs405WithAllow() async throws {
            try await withTestApp(demo: false) { app in
                for method in [HTTPMethod.TRACE, .DELETE, .PATCH] {
                    try await app.send(method, "/api/v1/units") { res in
                        #expect(res.status == .methodNotAllowed, "\(method)")
                        #expect(res.headers.first(name: .allow) == "GET, HEAD, POST")
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.status == 405)
                    }
                }
                try await app.send(.TRACE, "/api/v1/units/\(UUID().uuidString)") { res in
                    #expect(res.status == .methodNotAllowed)
                    #expect(res.headers.first(name: .allow) == "GET, HEAD, PUT")
                }
                try await app.send(.TRACE, SiteURL.units.path) { res in #expect(res.status == .methodNotAllowed) }
                try await app.send(.TRACE, "/api/v1/khong-co") { res in #expect(res.status == .notFound) }
                // A 404 of a route that exists stays a 404.
                try await app.send(.GET, "/api/v1/units/\(UUID().uuidString)") { res in #expect(res.status == .notFound) }
            }
        }

        /// Each operation says what errors it answers: 401 and 403 when signed in, 404 with an
        /// id in the path, 400/413/415 with a body, 409/422 when it writes.
        @Test func everyOperationDocumentsItsErrorStatuses() async throws {
            try await withTestApp(demo: false) { app in
                let yaml = try String(contentsOfFile: app.directory.workingDirectory + "openapi.yaml", encoding: .utf8)
                var operations: [(path: String, method: String, lines: [String])] = []
                var currentPath: String?
                for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                    if line.hasPrefix("  /"), line.hasSuffix(":") {
                        currentPath = String(line.dropFirst(2).dropLast())
                    } else if !line.hasPrefix(" "), !line.isEmpty {
                        currentPath = nil
                    } else if let path = currentPath, let method = ["get", "post", "put"].first(where: { line == "    \($0):" }) {
                        operations.append((path, method, []))
                    } else if currentPath != nil, !operations.isEmpty, line.hasPrefix("      ") {
                        operations[operations.count - 1].lines.append(line)
                    }
                }
                #expect(operations.count > 50)
                for op in operations where op.path != "/healthz" {
                    let codes = Set(op.lines.compactMap { line -> String? in
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        guard line.hasPrefix("        '"), !line.hasPrefix("         "), trimmed.count > 5 else { return nil }
                        return String(trimmed.dropFirst().prefix(3))
                    })
                    var expected: Set<String> = ["401", "403"]
                    if op.path.contains("{") { expected.insert("404") }
                    if op.lines.contains("      requestBody:") { expected.formUnion(["400", "413", "415"]) }
                    if op.method != "get" { expected.formUnion(["409", "422"]) }
                    #expect(expected.isSubset(of: codes), "\(op.method) \(op.path) lacks \(expected.subtracting(codes).sorted())")
                }
                #expect(yaml.contains("    UnprocessableEntity:\n"))
            }
        }
    }
}
