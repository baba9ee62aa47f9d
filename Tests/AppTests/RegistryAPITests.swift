@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

extension AppTests {
    @Suite struct RegistryAPITests {

        @Test func healthNamesTheDatabase() async throws {
            try await withTestApp(demo: false) { app in
                try await app.send(.GET, "healthz") { res in
                    #expect(res.status == .ok)
                    let body = try res.json([String: String].self)
                    #expect(body == ["status": "ok", "database": app.isPostgres ? "postgresql" : "sqlite"])
                }
            }
        }

        @Test func openAPIDocumentIsServed() async throws {
            try await withTestApp(demo: false) { app in
                try await app.send(.GET, "openapi.yaml") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType?.subType == "yaml")
                    #expect(res.text.hasPrefix("openapi: 3."))
                    #expect(res.text.contains("/api/v1/units/{unitID}/lineage:"))
                }
            }
        }

        /// The description and the routes agree: every API route is in openapi.yaml, with its method.
        @Test func everyAPIRouteIsDocumented() async throws {
            try await withTestApp(demo: false) { app in
                let yaml = try String(contentsOfFile: app.directory.workingDirectory + "openapi.yaml", encoding: .utf8)
                var documented = Set<String>()
                var currentPath: String?
                for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("  /"), line.hasSuffix(":") {
                        currentPath = String(line.dropFirst(2).dropLast())
                    } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "),
                              let method = ["get", "post", "put", "delete"].first(where: { line == "    \($0):" }) {
                        documented.insert("\(method.uppercased()) \(path)")
                    } else if !line.hasPrefix(" "), !line.isEmpty {
                        currentPath = nil
                    }
                }
                for route in app.routes.all {
                    let path = "/" + route.path.map { component -> String in
                        switch component {
                        case .constant(let text): text
                        case .parameter(let name): "{\(name)}"
                        default: "*"
                        }
                    }.joined(separator: "/")
                    guard path.hasPrefix("/api/") || path == "/healthz" else { continue }
                    #expect(documented.contains("\(route.method.rawValue) \(path)"), "\(route.method.rawValue) \(path) is not in openapi.yaml")
                }
            }
        }

        @Test func unitSearchIgnoresDiacriticsCaseAndForm() async throws {
            try await withTestApp { app in
                var results: [[String]] = []
                let decomposed = "Ban Tổ Chức".decomposedStringWithCanonicalMapping
                for query in ["ban to chuc", "BAN TỔ CHỨC", "bAn tỔ chỨc", decomposed, "chuc ban to"] {
                    try await app.send(.GET, "api/v1/units", beforeRequest: { req in
                        try req.query.encode(["q": query, "per": "100"])
                    }) { res in
                        #expect(res.status == .ok)
                        let page = try res.json(PageOf<UnitBody>.self)
                        results.append(page.items.map { "\($0.name) — \($0.provinceName ?? "")" }.sorted())
                    }
                }
                let expected = ["Hà Nam", "Khánh Hòa", "Kon Tum", "Lạng Sơn", "Ninh Bình", "Ninh Thuận", "Quảng Ngãi"]
                    .map { "Ban Tổ chức Tỉnh ủy — \($0)" }.sorted()
                #expect(results.first == expected)
                #expect(Set(results.map { $0 }).count == 1)
            }
        }

        @Test func unitsSortInVietnameseOrderOnEveryDatabase() async throws {
            try await withTestApp { app in
                let province = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận").$province.id
                try await app.send(.GET, "api/v1/units?province=\(province)&per=100") { res in
                    let names = try res.json(PageOf<UnitBody>.self).items.map(\.name)
                    #expect(names.count > 8)
                    #expect(names == names.sorted { VietnameseText.sortKey($0) < VietnameseText.sortKey($1) })
                    // đ after d: "Đài", "Đảng ủy" come after every "D…" and before "E…".
                    let firstD = try #require(names.firstIndex { $0.hasPrefix("Đ") })
                    #expect(names[..<firstD].allSatisfy { !$0.hasPrefix("Đ") })
                    #expect(names.first == "Ban Dân vận Tỉnh ủy")
                }
            }
        }

        @Test func blocMembersAsOfTheConferenceDay() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                try await app.send(.GET, "api/v1/blocs/\(bloc.id!)/members?at=2020-12-11") { res in
                    #expect(res.status == .ok)
                    let body = try res.json(MembersBody.self)
                    #expect(body.count == 8)
                    #expect(Set(body.members.map(\.unit.name)) == [
                        "Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy",
                        "Ủy ban Kiểm tra Tỉnh ủy", "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh", "Trường Chính trị tỉnh",
                        "Báo Ninh Thuận",
                    ])
                }
                // After the Party boards merged (1/3/2025) and before the province merged.
                try await app.send(.GET, "api/v1/blocs/\(bloc.id!)/members?at=2025-06-30") { res in
                    let names = Set(try res.json(MembersBody.self).members.map(\.unit.name))
                    #expect(names.contains("Ban Tuyên giáo và Dân vận Tỉnh ủy"))
                    #expect(names.contains("Báo và Phát thanh, Truyền hình Ninh Thuận"))
                    #expect(!names.contains("Ban Dân vận Tỉnh ủy"))
                }
                try await app.send(.GET, "api/v1/blocs/\(bloc.id!)/members?at=2025-07-01") { res in
                    let decoded = try res.json(MembersBody.self)
                    #expect(decoded.count == 0)
                }
                try await app.send(.GET, "api/v1/blocs/\(bloc.id!)/members?at=11-12-2020") { res in
                    #expect(res.status == .badRequest)
                    let problem = try res.json(ProblemBody.self)
                    #expect(problem.errors?.first?.field == "at")
                    #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                }
            }
        }

        /// A filter the server cannot apply is refused, naming it, rather than answering with
        /// the unfiltered list as if it had been applied.
        @Test func unknownOrMalformedQueryValuesAreRefusedNamingTheParameter() async throws {
            try await withTestApp { app in
                let refused: [(query: String, parameter: String)] = [
                    ("province=NTH", "province"),
                    ("province=\(UUID().uuidString)", "province"),
                    ("page=abc", "page"),
                    ("page=0", "page"),
                    ("per=100000", "per"),
                    ("sort=sideways", "sort"),
                    ("kind=ministry", "kind"),
                    ("provnce=\(UUID().uuidString)", "provnce"),
                ]
                for (query, parameter) in refused {
                    try await app.send(.GET, "api/v1/units?" + query) { res in
                        #expect(res.status == .badRequest, "\(query)")
                        #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.errors?.map(\.field) == [parameter], "\(query)")
                        #expect(problem.detail.contains("«\(parameter)»"), "\(query): \(problem.detail)")
                    }
                }
                try await app.send(.GET, "api/v1/provinces?province=\(UUID().uuidString)") { res in
                    #expect(res.status == .badRequest)
                }
                try await app.send(.GET, "api/v1/reorganisations?subject=person") { res in
                    #expect(res.status == .badRequest)
                }
                try await app.send(.GET, "api/v1/audit?from=yesterday") { res in
                    #expect(res.status == .badRequest)
                }
                // An empty value is no filter (a form's «all»); a known province filters.
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "NTH").first())
                try await app.send(.GET, "api/v1/units?province=&kind=party_agency&sort=desc&page=1&per=200") { res in
                    #expect(res.status == .ok)
                }
                try await app.send(.GET, "api/v1/units?province=\(province.id!)&per=200") { res in
                    #expect(res.status == .ok)
                    let page = try res.json(PageOf<UnitBody>.self)
                    #expect(Set(page.items.compactMap(\.provinceName)) == [province.name])
                }
            }
        }

        /// The lists take exactly the query parameters the spec documents: each with a valid
        /// value is accepted, and on a list (it documents `page`) any other name is refused.
        @Test func listsTakeTheDocumentedQueryParametersAndNoOthers() async throws {
            try await withTestApp { app in
                let province = try #require(try await ProvinceModel.query(on: app.db).filter(\.$code == "NTH").first())
                let lists = OpenAPIValidator.project.documentedQueries()
                #expect(lists.map(\.path).contains("/api/v1/units"))
                for (path, parameters) in lists {
                    for (name, schema) in parameters {
                        let value: String = switch (schema["type"]?.text, schema["format"]?.text) {
                        case _ where schema["enum"]?.items?.first?.text != nil: schema["enum"]!.items!.first!.text!
                        case ("integer", _): "1"
                        case (_, "uuid"): province.id!.uuidString
                        default: ["at", "from", "to"].contains(name) ? "2026-01-01" : "x"
                        }
                        try await app.send(.GET, "\(path)?\(name)=\(value)") { res in
                            #expect(res.status == .ok, "\(path)?\(name)=\(value): \(res.text)")
                        }
                    }
                    guard parameters.contains(where: { $0.name == "page" }) else { continue }
                    try await app.send(.GET, "\(path)?undocumented=1") { res in
                        #expect(res.status == .badRequest, "\(path)?undocumented=1")
                    }
                }
            }
        }

        @Test func lineageShowsThe2025Mergers() async throws {
            try await withTestApp { app in
                let unit = try await app.unit(named: "Báo Ninh Thuận", province: "Ninh Thuận")
                try await app.send(.GET, "api/v1/units/\(unit.id!)/lineage?at=2025-07-01") { res in
                    #expect(res.status == .ok)
                    struct Body: Decodable {
                        struct Ref: Decodable { var name: String }
                        struct Link: Decodable { var generation: Int; var to: Ref }
                        var successors: [Link]
                        var carriersAt: [Ref]
                        var nameAt: String
                    }
                    let body = try res.json(Body.self)
                    #expect(body.successors.map(\.to.name) == ["Báo và Phát thanh, Truyền hình Ninh Thuận",
                                                                "Báo và Phát thanh, Truyền hình Khánh Hòa"])
                    #expect(body.carriersAt.map(\.name) == ["Báo và Phát thanh, Truyền hình Khánh Hòa"])
                }
                let province = try await ProvinceModel.query(on: app.db).filter(\.$code == "NTH").first()!
                try await app.send(.GET, "api/v1/provinces/\(province.id!)/lineage") { res in
                    #expect(res.text.contains("Khánh Hòa"))
                    #expect(res.text.contains("2025-07-01"))
                }
            }
        }

        @Test func provinceAndUnitRoundTrip() async throws {
            try await withTestApp(demo: false) { app in
                var provinceID: UUID?
                try await app.send(.POST, "api/v1/provinces", beforeRequest: { req in
                    try req.content.encode(["code": "tnh", "name": "Tây Ninh", "kind": "province", "validFrom": "01/07/2025"])
                }) { res in
                    #expect(res.status == .created)
                    struct Body: Decodable { var id: UUID; var code: String; var validFrom: String }
                    let body = try res.json(Body.self)
                    #expect(body.code == "TNH")
                    #expect(body.validFrom == "2025-07-01")
                    #expect(res.headers.first(name: .location) == "/api/v1/provinces/\(body.id)")
                    provinceID = body.id
                }
                let province = try #require(provinceID)
                var unitID: UUID?
                try await app.send(.POST, "api/v1/units", beforeRequest: { req in
                    try req.content.encode(["provinceID": province.uuidString, "name": "  Sở   Nội vụ ", "shortName": "SNV",
                                            "kind": "state_agency", "validFrom": "2025-07-01"])
                }) { res in
                    #expect(res.status == .created)
                    let body = try res.json(UnitBody.self)
                    #expect(body.name == "Sở Nội vụ")
                    unitID = body.id
                }
                let id = try #require(unitID)
                try await app.send(.PUT, "api/v1/units/\(id)", beforeRequest: { req in
                    try req.content.encode(["provinceID": province.uuidString, "name": "Sở Nội vụ tỉnh Tây Ninh", "shortName": "SNV",
                                            "kind": "state_agency", "validFrom": "2025-07-01"])
                }) { res in
                    #expect(res.status == .ok)
                }
                try await app.send(.GET, "api/v1/units/\(id)") { res in
                    let body = try res.json(UnitBody.self)
                    #expect(body.name == "Sở Nội vụ tỉnh Tây Ninh")
                    #expect(body.provinceName == "Tây Ninh")
                }
                let stored = try #require(try await UnitModel.find(id, on: app.db))
                #expect(stored.searchKey == "so noi vu tinh tay ninh snv")
            }
        }

        @Test func badUnitInputIsRefusedWithAVietnameseProblemAndNothingStored() async throws {
            try await withTestApp { app in
                let existing = try await app.unit(named: "Ban Tổ chức Tỉnh ủy", province: "Ninh Thuận")
                let before = try await UnitModel.query(on: app.db).count()
                let cases: [[String: String]] = [
                    ["provinceID": existing.$province.id.uuidString, "name": "   ", "shortName": "X1", "kind": "party_agency", "validFrom": "2020-01-01"],
                    ["provinceID": existing.$province.id.uuidString, "name": String(repeating: "Ban ", count: 80), "shortName": "X2", "kind": "party_agency", "validFrom": "2020-01-01"],
                    // The same short name in another case and in decomposed form.
                    ["provinceID": existing.$province.id.uuidString, "name": "Ban mới", "shortName": "btctu".decomposedStringWithCanonicalMapping, "kind": "party_agency", "validFrom": "2020-01-01"],
                    ["provinceID": existing.$province.id.uuidString, "name": "Ban mới", "shortName": "X3", "kind": "tòa án", "validFrom": "31/02/2020"],
                ]
                var details: [String] = []
                for body in cases {
                    try await app.send(.POST, "api/v1/units", beforeRequest: { req in
                        try req.content.encode(body)
                    }) { res in
                        #expect(res.status == .unprocessableEntity)
                        #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.status == 422)
                        #expect(problem.errors?.isEmpty == false)
                        details.append(problem.detail)
                    }
                }
                #expect(details[0].contains("Tên đơn vị không được để trống"))
                #expect(details[1].contains("vượt quá giới hạn 255 ký tự"))
                #expect(details[2].contains("đã được một đơn vị khác trong tỉnh sử dụng"))
                #expect(details[3].contains("Hãy chọn loại đơn vị") && details[3].contains("không phải một ngày hợp lệ"))
                #expect(try await UnitModel.query(on: app.db).count() == before)
            }
        }

        @Test func overlappingMembershipIsRefused() async throws {
            try await withTestApp { app in
                let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Ninh Thuận")
                let unit = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Ninh Thuận")
                let before = try await MembershipModel.query(on: app.db).count()
                try await app.send(.POST, "api/v1/blocs/\(bloc.id!)/members", beforeRequest: { req in
                    try req.content.encode(["unitID": unit.id!.uuidString, "validFrom": "2022-01-01", "validTo": "2022-12-31"])
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.json(ProblemBody.self)
                    #expect(decoded.detail.contains("hai thời gian không được chồng lên nhau"))
                }
                #expect(try await MembershipModel.query(on: app.db).count() == before)
            }
        }

        @Test func reorganisationRulesRefuseBadEventsAndWriteNothing() async throws {
            try await withTestApp { app in
                let office = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Lạng Sơn")
                let inspection = try await app.unit(named: "Ủy ban Kiểm tra Tỉnh ủy", province: "Lạng Sơn")
                let events = try await ReorganisationEventModel.query(on: app.db).count()
                // A merge into a unit created after the merge day.
                var lateID: UUID?
                try await app.send(.POST, "api/v1/units", beforeRequest: { req in
                    try req.content.encode(["provinceID": office.$province.id.uuidString, "name": "Ban mới", "shortName": "BM",
                                            "kind": "party_agency", "validFrom": "2026-01-01"])
                }) { res in lateID = try res.json(UnitBody.self).id }
                try await app.send(.POST, "api/v1/reorganisations", beforeRequest: { req in
                    try req.content.encode(ReorganisationInput(
                        kind: "merge", effectiveDate: "2025-10-01", decisionReference: "QĐ 1-QĐ/TU",
                        sources: [office.id!.uuidString, inspection.id!.uuidString], targets: [lateID!.uuidString]))
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.json(ProblemBody.self)
                    #expect(decoded.detail.contains("chưa tồn tại vào ngày 01/10/2025"))
                }
                // A rename dated before the unit existed.
                let merged = try await app.unit(named: "Ban Tuyên giáo và Dân vận Tỉnh ủy", province: "Lạng Sơn")
                try await app.send(.POST, "api/v1/reorganisations", beforeRequest: { req in
                    try req.content.encode(ReorganisationInput(
                        kind: "rename", effectiveDate: "2024-05-01", decisionReference: "QĐ 2-QĐ/TU",
                        sources: [merged.id!.uuidString], newName: "Ban Tuyên giáo"))
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    let decoded = try res.json(ProblemBody.self)
                    #expect(decoded.detail.contains("trước hoặc trùng ngày"))
                }
                #expect(try await ReorganisationEventModel.query(on: app.db).count() == events)
                let officeAfter = try await app.unit(named: "Văn phòng Tỉnh ủy", province: "Lạng Sơn")
                #expect(officeAfter.validTo == nil)
            }
        }

        @Test func renameKeepsTheOldNameForEarlierDays() async throws {
            try await withTestApp { app in
                let school = try await app.unit(named: "Trường Chính trị Hoàng Văn Thụ", province: "Lạng Sơn")
                try await app.send(.POST, "api/v1/reorganisations", beforeRequest: { req in
                    try req.content.encode(ReorganisationInput(
                        kind: "rename", effectiveDate: "2026-01-01", decisionReference: "QĐ 9-QĐ/TU",
                        sources: [school.id!.uuidString], newName: "Học viện Chính trị Hoàng Văn Thụ", newShortName: "HVCT"))
                }) { res in #expect(res.status == .created) }
                let cluster = try await app.bloc(named: "Cụm thi đua các cơ quan đảng tỉnh", province: "Lạng Sơn")
                try await app.send(.GET, "api/v1/blocs/\(cluster.id!)/members?at=2020-12-30") { res in
                    let names = try res.json(MembersBody.self).members.map(\.unit.name)
                    #expect(names.contains("Trường Chính trị Hoàng Văn Thụ"))
                    #expect(names.count == 9)
                }
                try await app.send(.GET, "api/v1/units/\(school.id!)") { res in
                    let body = try res.json(UnitBody.self)
                    #expect(body.name == "Học viện Chính trị Hoàng Văn Thụ")
                    #expect(body.shortName == "HVCT")
                }
            }
        }

        @Test func unknownAndMalformedIDsAreNotFoundProblems() async throws {
            try await withTestApp(demo: false) { app in
                for path in ["api/v1/units/\(UUID())", "api/v1/units/not-a-uuid", "api/v1/blocs/\(UUID())/members"] {
                    try await app.send(.GET, path) { res in
                        #expect(res.status == .notFound)
                        let problem = try res.json(ProblemBody.self)
                        #expect(problem.title == "Không tìm thấy")
                    }
                }
            }
        }
    }
}
