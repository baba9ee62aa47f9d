import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum ProvinceController {
    static func index(req: Request) async throws -> Response {
        let query = try await req.listQuery(kind: ProvinceKind.self, province: false)
        let page = try await req.registry.provinces(query)
        let rows = page.items.map { model -> ListPage.Row in
            let province = model.core
            return ListPage.Row(cells: [
                .init(text: province.fullName, href: SiteURL.province(province.id).path),
                .init(text: province.code),
                .init(text: province.existence.from.vietnamese),
                .init(text: province.existence.to?.vietnamese ?? "Đang hoạt động"),
            ])
        }
        return try await ListPage(
            head: req.head("Tỉnh, thành phố", section: "provinces"), heading: "Tỉnh, thành phố",
            intro: "Các tỉnh, thành phố và lịch sử sắp xếp (từ 01/7/2025: 34 đơn vị hành chính cấp tỉnh).",
            action: SiteURL.provinces.path, query: query.text ?? "",
            filters: [.init(name: "kind", label: "Loại", options: Choices.provinceKinds().map {
                SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.kind) })],
            sortLabel: "Tên", descending: query.descending,
            newLink: try await req.newLink("Thêm tỉnh", .provinceNew, .create, .newProvince),
            columns: ["Tên", "Mã", "Từ ngày", "Đến ngày"], rows: rows,
            pagination: Pagination(metadata: page.metadata, base: SiteURL.provinces.path, parameters: req.listParameters),
            emptyMessage: "Không có tỉnh nào khớp với tìm kiếm.").render(on: req)
    }

    struct ShowPage: Encodable {
        var head: PageHead
        var province: Province
        var fullName: String
        var edit: Control?
        var unitsLink: String
        var programmeLink: String
        /// Documents (issue 15): import and export of the province's units.
        var importLink: Control?
        var importPeopleLink: Control?
        /// Awards: the province's statistics, and the awards decided before ThiDua.
        var awardStatisticsLink: Control?
        var importAwardsLink: Control?
        var importRatingsLink: Control?
        var blocs: [Link]
        var history: [LineageView.EventRow]
    }

    static func show(req: Request) async throws -> View {
        let model = try await req.registry.province(try req.id("provinceID"))
        let province = model.core
        let blocs = try await BlocModel.query(on: req.db).filter(\.$province.$id == province.id).sort(\.$sortKey).all()
        let lineage = try await req.registry.lineage(of: .province)
        let names = Dictionary(uniqueKeysWithValues: try await req.registry.allProvinces().map { ($0.id!, $0.name) })
        // A province merged into another links to it only for those who may read it.
        let history = LineageView.rows(for: province.id, lineage: lineage, names: names, link: {
            req.can(.read, .province(id: $0)) ? SiteURL.province($0).path : nil
        })
        return try await req.view.render("province", ShowPage(
            head: req.head(province.fullName, section: "provinces"), province: province,
            fullName: province.fullName,
            edit: req.control("Sửa", SiteURL.provinceEdit(province.id).path, .update, .province(id: province.id)),
            unitsLink: SiteURL.units.path + "?province=\(province.id.uuidString)",
            programmeLink: SiteURL.provinceProgramme(province.id).path,
            // Importing is creating units or people in this province.
            importLink: req.control("Nhập đơn vị từ tệp Excel, CSV", SiteURL.unitImport(province.id).path, .create,
                                    .unit(id: nil, province: province.id, ended: false)),
            importPeopleLink: req.control("Nhập cán bộ từ tệp", SiteURL.peopleImport(province.id).path, .create,
                                          .person(id: nil, units: [], provinces: [province.id])),
            awardStatisticsLink: req.control("Thống kê khen thưởng", SiteURL.awardStatistics(province.id).path, .read,
                                             .awardProvince(province: province.id)),
            importAwardsLink: req.control("Nhập khen thưởng đã có từ tệp", SiteURL.awardHistoryImport(province.id).path, .decideAward,
                                          .awardProvince(province: province.id)),
            importRatingsLink: req.control("Nhập xếp loại hằng năm từ tệp", SiteURL.ratingImport(province.id).path, .recordAchievements,
                                           .unit(id: nil, province: province.id, ended: false)),
            blocs: blocs.map { Link(label: $0.name, href: SiteURL.bloc($0.id!).path) }, history: history))
    }

    static func form(req: Request, input: ProvinceInput, id: UUID?) -> FormPage {
        FormPage(
            head: req.head(id == nil ? "Thêm tỉnh" : "Sửa thông tin tỉnh", section: "provinces"),
            heading: id == nil ? "Thêm tỉnh, thành phố" : "Sửa: \(input.name ?? "")",
            action: id.map { SiteURL.provinceEdit($0).path } ?? SiteURL.provinceNew.path,
            submitLabel: "Lưu", cancel: Link(label: "Hủy", href: id.map { SiteURL.province($0).path } ?? SiteURL.provinces.path),
            errors: [],
            fields: [
                .text("name", "Tên", input.name, required: true, hint: "Ví dụ: Ninh Thuận"),
                .text("code", "Mã", input.code, required: true, hint: "Chữ không dấu, ví dụ NTH"),
                .select("kind", "Loại", Choices.provinceKinds(), selected: [input.kind ?? "province"], required: true),
                .date("validFrom", "Từ ngày", input.validFrom, required: true),
                .date("validTo", "Đến ngày", input.validTo, hint: "Để trống nếu đang hoạt động"),
            ])
    }

    static func new(req: Request) async throws -> Response {
        try await form(req: req, input: ProvinceInput(kind: "province"), id: nil).render(on: req)
    }

    static func edit(req: Request) async throws -> Response {
        let model = try await req.registry.province(try req.id("provinceID"))
        return try await form(req: req, input: ProvinceInput(model.core), id: model.id).render(on: req)
    }

    static func save(req: Request) async throws -> Response {
        let id = try? req.id("provinceID")
        if let id { _ = try await req.registry.province(id) }
        let input = try req.content.decode(ProvinceInput.self)
        do {
            let province = try await RegistryService(req: req).saveProvince(input, id: id)
            return req.redirect(to: SiteURL.province(province.id).path)
        } catch let error as DomainError {
            var page = form(req: req, input: input, id: id)
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
    }
}

/// A unit's or province's reorganisation history as rows for a timeline.
enum LineageView {
    struct EventRow: Encodable {
        var date: String
        var kind: String
        var decision: String
        var before: [NameLink]
        var after: [NameLink]
        var detail: String?
        /// "self", "predecessor" or "successor": how the event relates to the subject.
        var relation: String
    }

    static func rows(for id: UUID, lineage: Lineage, names: [UUID: String], link: (UUID) -> String?) -> [EventRow] {
        var seen = Set<UUID>()
        var events: [(ReorganisationEvent, String)] = []
        for link in lineage.predecessors(of: id) where seen.insert(link.event.id).inserted { events.append((link.event, "predecessor")) }
        for event in lineage.events(involving: id) where seen.insert(event.id).inserted { events.append((event, "self")) }
        for link in lineage.successors(of: id) where seen.insert(link.event.id).inserted { events.append((link.event, "successor")) }
        return events.sorted { $0.0.effectiveDate < $1.0.effectiveDate }.map { event, relation in
            var detail: String?
            switch event.kind {
            case .rename: detail = "«\(event.previousName ?? "")» → «\(event.newName ?? "")»"
            case .transfer: detail = "Chuyển sang tỉnh khác"
            default: detail = event.note
            }
            return EventRow(
                date: event.effectiveDate.vietnamese, kind: event.kind.label, decision: event.decisionReference,
                before: event.sources.map { NameLink(label: names[$0] ?? "?", href: link($0)) },
                after: event.kind == .rename || event.kind == .transfer ? []
                    : event.targets.map { NameLink(label: names[$0] ?? "?", href: link($0)) },
                detail: detail, relation: relation)
        }
    }
}

extension Request {
    /// The list's query parameters, for page links.
    var listParameters: [String: String] {
        var result: [String: String] = [:]
        for name in ["q", "province", "kind", "sort", "per", "subject"] {
            if let value = queryText(name) { result[name] = value }
        }
        return result
    }
}
