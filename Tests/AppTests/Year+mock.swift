@testable import App
import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting

/// The Khánh Hòa bloc of the demo, with an officer for the province, the head unit and
/// each member, ready to run a year no one has opened yet (2027).
struct YearFixture {
    let app: Application
    let bloc: BlocModel
    let province: UUID
    /// Unit short name → unit id.
    let units: [String: UUID]
    let provincial: String
    let head: String
    /// Member short name → its officer's token.
    let officers: [String: String]
    let outsider: String
    let year = 2027

    static func make(_ app: Application) async throws -> YearFixture {
        let bloc = try await app.bloc(named: "Khối thi đua các cơ quan Đảng tỉnh", province: "Khánh Hòa")
        let members = try await MembershipModel.query(on: app.db).filter(\.$bloc.$id == bloc.id!).with(\.$unit).all()
        var units: [String: UUID] = [:]
        var officers: [String: String] = [:]
        for member in members {
            units[member.unit.shortName] = member.$unit.id
            officers[member.unit.shortName] = try await app.makeUser("test.\(member.unit.shortName.lowercased())",
                                                                     roles: [.unitOfficer(unit: member.$unit.id)]).token
        }
        let other = try await app.unit(named: "Báo Lạng Sơn", province: "Lạng Sơn")
        return YearFixture(
            app: app, bloc: bloc, province: bloc.$province.id, units: units,
            provincial: try await app.makeUser("test.tinh.kha", roles: [.provincialOfficer(province: bloc.$province.id)]).token,
            head: officers["UBKTTU"]!, officers: officers,
            outsider: try await app.makeUser("test.ngoai", roles: [.unitOfficer(unit: other.id!)]).token)
    }

    func api(_ url: SiteURL.API) -> String { SiteURL.api(url).path }
    var yearPath: String { api(.blocYear(bloc.id!, year)) }

    /// Sends JSON as `token`, returns the response.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, as token: String, json: (any Encodable & Sendable)? = nil,
              status: HTTPStatus? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse?
        try await app.send(method, path, as: .token(token), beforeRequest: { req in
            if let json { try req.content.encode(AnyEncodable(json), as: .json) }
        }, sourceLocation: sourceLocation) { res in
            if let status { #expect(res.status == status, "\(method) \(path): \(res.text)", sourceLocation: sourceLocation) }
            response = res
        }
        return response!
    }

    /// A template of 100 points: two groups, a bonus, a deduction, a disqualifier.
    static var templateBody: [String: AnyCodable] {
        ["name": "Bảng điểm khối Đảng (mẫu)", "declaredTotal": "100", "bonusCap": "5", "criteria": .array([
            row("I", nil, "Thực hiện nhiệm vụ chính trị", "group", max: "70"),
            row("1", "I", "Kết quả nhiệm vụ chuyên môn được giao", "base", max: "50", evidence: true),
            row("2", "I", "Cải cách hành chính, chuyển đổi số", "base", max: "20"),
            row("II", nil, "Công tác thi đua, khen thưởng", "group", max: "30"),
            row("3", "II", "Tham gia hoạt động của khối", "base", max: "20", scorer: "head"),
            row("4", "II", "Thực hiện chế độ báo cáo với tỉnh", "base", max: "10", scorer: "province"),
            row("T1", nil, "Sáng kiến được công nhận", "bonus", max: "2", perEvent: "0,5"),
            row("D1", nil, "Chậm gửi báo cáo", "deduction", perEvent: "-1", cap: "-5"),
            row("L1", nil, "Tập thể bị kỷ luật", "disqualifier"),
        ])]
    }

    static func row(_ code: String, _ parent: String?, _ title: String, _ kind: String, max: String? = nil,
                    perEvent: String? = nil, cap: String? = nil, scorer: String = "self", evidence: Bool = false) -> AnyCodable {
        var fields: [String: AnyCodable] = ["code": .string(code), "title": .string(title), "kind": .string(kind),
                                            "scorer": .string(scorer), "evidenceRequired": .bool(evidence)]
        if let parent { fields["parentCode"] = .string(parent) }
        if let max { fields["maximum"] = .string(max) }
        if let perEvent { fields["perEvent"] = .string(perEvent) }
        if let cap { fields["cap"] = .string(cap) }
        return .object(fields)
    }

    /// Creates the template and opens 2027 from it, the province naming the head.
    func openFromTemplate() async throws -> UUID {
        let template = try await send(.POST, api(.provinceTemplates(province)), as: provincial, json: Self.templateBody, status: .created)
            .json(TableBody.self)
        try await send(.POST, yearPath, as: provincial, json: ["headUnitID": units["UBKTTU"]!.uuidString,
                                                               "deputyUnitID": units["BPTTH"]!.uuidString,
                                                               "source": "template:\(template.id.uuidString)"], status: .created)
        return template.id
    }

    struct TableBody: Decodable {
        struct Item: Decodable { var id: UUID; var code: String; var title: String; var maximum: String? }
        var id: UUID
        var name: String
        var declaredTotal: String
        var criteria: [Item]
    }

    struct YearBody: Decodable {
        struct Member: Decodable { var unitID: UUID; var signed: Bool; var registered: Bool; var targets: [String] }
        var state: String
        var headUnitID: UUID?
        var members: [Member]
        var calendarFeed: String
        var availableTransitions: [String]
    }
}

extension Application {
    /// The store as the tests read it.
    func registry(of app: Application) -> RegistryStore { RegistryStore(db: app.db, auditor: .system("test")) }
}

/// JSON of any shape, for request bodies.
enum AnyCodable: Codable, Sendable, ExpressibleByStringLiteral {
    case string(String), bool(Bool), int(Int), array([AnyCodable]), object([String: AnyCodable]), null

    init(stringLiteral value: String) { self = .string(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(String.self) { self = .string(v) }
        else if let v = try? container.decode(Bool.self) { self = .bool(v) }
        else if let v = try? container.decode(Int.self) { self = .int(v) }
        else if let v = try? container.decode([AnyCodable].self) { self = .array(v) }
        else if let v = try? container.decode([String: AnyCodable].self) { self = .object(v) }
        else { self = .null }
    }
}

struct AnyEncodable: Encodable, Content {
    let value: any Encodable & Sendable
    init(_ value: any Encodable & Sendable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    init(from decoder: any Decoder) throws { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "write only")) }
}
