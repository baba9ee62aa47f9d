import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum UnitController {
    static func index(req: Request) async throws -> Response {
        let query = try await req.listQuery(kind: UnitKind.self)
        let page = try await req.registry.units(query)
        let provinces = try await req.registry.allProvinces()
        let rows = page.items.map { model -> ListPage.Row in
            let unit = model.core
            return ListPage.Row(cells: [
                .init(text: unit.name, href: SiteURL.unit(unit.id).path, note: unit.parentBody),
                .init(text: unit.shortName),
                .init(text: unit.kind.label),
                .init(text: model.province.name),
                .init(text: unit.existence.to.map { "Đến \($0.vietnamese)" } ?? "Đang hoạt động"),
            ])
        }
        return try await ListPage(
            head: req.head("Đơn vị", section: "units"), heading: "Đơn vị, cơ quan",
            intro: "Tìm theo tên hoặc tên viết tắt, có dấu hay không dấu đều được.",
            action: SiteURL.units.path, query: query.text ?? "",
            filters: [
                .init(name: "province", label: "Tỉnh", options: Choices.provinces(provinces).map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.provinceID?.uuidString) }),
                .init(name: "kind", label: "Loại", options: Choices.unitKinds().map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.kind) }),
            ],
            sortLabel: "Tên", descending: query.descending,
            newLink: try await req.newLink("Thêm đơn vị", .unitNew, .create, .newUnit),
            columns: ["Tên đơn vị", "Viết tắt", "Loại", "Tỉnh", "Tình trạng"], rows: rows,
            pagination: Pagination(metadata: page.metadata, base: SiteURL.units.path, parameters: req.listParameters),
            emptyMessage: "Không có đơn vị nào khớp với tìm kiếm.").render(on: req)
    }

    struct ShowPage: Encodable {
        struct MembershipRow: Encodable {
            var bloc: Link
            var from: String
            var to: String
        }
        struct OfficeRow: Encodable {
            var year: Int
            var role: String
            var bloc: Link
        }
        struct StaffRow: Encodable {
            var person: NameLink
            var position: String
            var from: String
            var to: String
        }
        struct AsOf: Encodable {
            var date: String
            var dateText: String
            var nameThen: String
            var carriers: [NameLink]
            var existed: Bool
            var isItself: Bool
        }
        var head: PageHead
        var unit: OrgUnit
        var kindLabel: String
        var documentStyle: String
        var province: Link
        var from: String
        var to: String?
        var edit: Control?
        /// Awards (issue 14): records, eligibility and history.
        var awardsLink: String
        var asOf: AsOf?
        var history: [LineageView.EventRow]
        var memberships: [MembershipRow]
        var offices: [OfficeRow]
        var staff: [StaffRow]
    }

    static func show(req: Request) async throws -> Response {
        let model = try await req.registry.unit(try req.id("unitID"))
        let unit = model.core
        let lineage = try await req.registry.lineage(of: .unit)
        let related = Set(lineage.events.filter { $0.involved.contains(unit.id) }.flatMap(\.involved))
            .union(lineage.predecessors(of: unit.id).map(\.to)).union(lineage.successors(of: unit.id).map(\.to))
        let relatedUnits = try await req.registry.units(ids: Array(related))
        // Units of another province carry its name: after 2025 "Ban Tổ chức Tỉnh ủy" is several units.
        let names = relatedUnits.mapValues { related in
            related.$province.id == unit.provinceID ? related.name : "\(related.name) (\(related.province.name))"
        }
        // A related unit links to its page only for those who may read its province.
        func relatedLink(_ id: UUID) -> String? {
            guard let related = relatedUnits[id], req.can(.read, .unit(id: id, province: related.$province.id, ended: false)) else { return nil }
            return SiteURL.unit(id).path
        }
        var asOf: ShowPage.AsOf?
        if let text = req.queryText("at") {
            guard let date = LocalDate(text) else {
                throw DomainError.invalid(field: "at", "Ngày «\(text)» không hợp lệ (dạng 2025-07-01 hoặc 01/07/2025).")
            }
            let carriers = lineage.carriers(of: unit.id, on: date)
            asOf = ShowPage.AsOf(
                date: date.iso, dateText: date.vietnamese,
                nameThen: lineage.name(of: unit.id, on: date, current: unit.name),
                carriers: carriers.sorted { (names[$0] ?? "") < (names[$1] ?? "") }
                    .map { NameLink(label: names[$0] ?? $0.uuidString, href: relatedLink($0)) },
                existed: unit.existence.from <= date, isItself: carriers == [unit.id])
        }
        let memberships = try await req.registry.memberships(ofUnit: unit.id)
        let offices = try await req.registry.offices(ofUnit: unit.id)
        let staff = try await req.registry.assignments(ofUnit: unit.id)
        return try await req.view.render("unit", ShowPage(
            head: req.head(unit.name, section: "units"), unit: unit, kindLabel: unit.kind.label,
            documentStyle: unit.kind.documentStyle.label,
            province: Link(label: model.province.core.fullName, href: SiteURL.province(unit.provinceID).path),
            from: unit.existence.from.vietnamese, to: unit.existence.to?.vietnamese,
            edit: req.control("Sửa", SiteURL.unitEdit(unit.id).path, .update, try await ResourceFacts.unit(model, req: req)),
            awardsLink: SiteURL.unitAwards(unit.id).path, asOf: asOf,
            history: LineageView.rows(for: unit.id, lineage: lineage, names: names, link: relatedLink),
            memberships: memberships.map {
                .init(bloc: Link(label: $0.bloc.name, href: SiteURL.bloc($0.$bloc.id).path),
                      from: LocalDate($0.validFrom)!.vietnamese, to: $0.validTo.flatMap(LocalDate.init)?.vietnamese ?? "nay")
            },
            offices: offices.map {
                .init(year: $0.year, role: ($0.core.role == .head ? BlocKind(rawValue: $0.bloc.kind)?.headTitle
                                            : BlocKind(rawValue: $0.bloc.kind)?.deputyTitle) ?? "",
                      bloc: Link(label: $0.bloc.name, href: SiteURL.bloc($0.$bloc.id).path))
            },
            staff: staff.map {
                // Read through this unit only: enough to allow, never to show what the page would refuse.
                .init(person: req.nameLink($0.person.fullName, SiteURL.person($0.$person.id).path,
                                           .person(id: $0.$person.id, units: [unit.id], provinces: [unit.provinceID])),
                      position: $0.position,
                      from: LocalDate($0.validFrom)!.vietnamese, to: $0.validTo.flatMap(LocalDate.init)?.vietnamese ?? "nay")
            })).encodeResponse(for: req)
    }

    static func form(req: Request, input: UnitInput, id: UUID?) async throws -> FormPage {
        let provinces = try await req.registry.provincesForWriting()
        var input = input
        if input.provinceID == nil, provinces.count == 1 { input.provinceID = provinces[0].id?.uuidString }
        return FormPage(
            head: req.head(id == nil ? "Thêm đơn vị" : "Sửa đơn vị", section: "units"),
            heading: id == nil ? "Thêm đơn vị, cơ quan" : "Sửa: \(input.name ?? "")",
            action: id.map { SiteURL.unitEdit($0).path } ?? SiteURL.unitNew.path,
            submitLabel: "Lưu", cancel: Link(label: "Hủy", href: id.map { SiteURL.unit($0).path } ?? SiteURL.units.path),
            errors: [],
            fields: [
                .select("provinceID", "Tỉnh", Choices.provinces(provinces), selected: [input.provinceID ?? ""], required: true),
                .text("name", "Tên đơn vị", input.name, required: true, hint: "Ví dụ: Ban Tổ chức Tỉnh ủy"),
                .text("shortName", "Tên viết tắt", input.shortName, required: true,
                      hint: "Dùng trong số, ký hiệu văn bản, ví dụ BTCTU; không trùng trong một tỉnh"),
                .select("kind", "Loại đơn vị", Choices.unitKinds(), selected: [input.kind ?? ""], required: true,
                        hint: "Quyết định thể thức văn bản: cơ quan Đảng và báo chí dùng thể thức của Đảng"),
                .text("parentBody", "Cơ quan cấp trên", input.parentBody, hint: "Ví dụ: Tỉnh ủy Ninh Thuận"),
                .date("validFrom", "Bắt đầu hoạt động từ", input.validFrom, required: true),
                .date("validTo", "Ngừng hoạt động từ sau ngày", input.validTo,
                      hint: "Để trống nếu đang hoạt động; hợp nhất, chia tách ghi ở mục Sắp xếp tổ chức"),
            ])
    }

    static func new(req: Request) async throws -> Response {
        let input = UnitInput(provinceID: req.queryText("province"), validFrom: req.today.iso)
        return try await form(req: req, input: input, id: nil).render(on: req)
    }

    static func edit(req: Request) async throws -> Response {
        let model = try await req.registry.unit(try req.id("unitID"))
        return try await form(req: req, input: UnitInput(model.core), id: model.id).render(on: req)
    }

    static func save(req: Request) async throws -> Response {
        let id = try? req.id("unitID")
        if let id { _ = try await req.registry.unit(id) }
        let input = try req.content.decode(UnitInput.self)
        do {
            let unit = try await RegistryService(req: req).saveUnit(input, id: id)
            return req.redirect(to: SiteURL.unit(unit.id).path)
        } catch let error as DomainError {
            var page = try await form(req: req, input: input, id: id)
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
    }
}
