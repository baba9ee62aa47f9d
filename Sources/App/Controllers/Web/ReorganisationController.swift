import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum ReorganisationController {
    static func index(req: Request) async throws -> Response {
        let subject = try req.querySubject()
        let query = try await req.listQuery(kind: ReorganisationKind.self, province: false, also: ["subject"])
        var builder = ReorganisationEventModel.query(on: req.db).filter(\.$subject == subject.rawValue).with(\.$participants)
        if let kind = query.kind { builder = builder.filter(\.$kind == kind) }
        let page = try await builder.sort(\.$effectiveDate, query.descending ? .ascending : .descending)
            .paginate(query.pageRequest)
        let ids = Array(Set(page.items.flatMap { $0.participants.map(\.subjectID) }))
        let names: [UUID: String]
        let provinceOf: [UUID: UUID]
        let link: (UUID) -> String?
        switch subject {
        case .unit:
            let units = try await req.registry.units(ids: ids)
            names = units.mapValues(\.name)
            provinceOf = units.mapValues(\.$province.id)
            // A unit of a province the actor may not read stands without a link.
            link = { id in provinceOf[id].flatMap { req.can(.read, .unit(id: id, province: $0, ended: false)) ? SiteURL.unit(id).path : nil } }
        case .province:
            names = Dictionary(uniqueKeysWithValues: try await req.registry.allProvinces().map { ($0.id!, $0.name) })
            provinceOf = Dictionary(uniqueKeysWithValues: names.keys.map { ($0, $0) })
            link = { req.can(.read, .province(id: $0)) ? SiteURL.province($0).path : nil }
        }
        let scope = query.provinceScope
        let words = query.words
        let rows = page.items.map(\.core).compactMap { event -> ListPage.Row? in
            let before = event.sources.map { names[$0] ?? "?" }.joined(separator: "; ")
            let after = event.kind == .rename ? (event.newName ?? "") : event.targets.map { names[$0] ?? "?" }.joined(separator: "; ")
            let haystack = VietnameseText.searchKey("\(before) \(after) \(event.decisionReference)")
            guard words.allSatisfy({ haystack.contains($0) }) else { return nil }
            // Only events that touch a province the actor may read.
            if let scope, !event.involved.contains(where: { provinceOf[$0].map(scope.contains) ?? false }) { return nil }
            return ListPage.Row(cells: [
                .init(text: event.effectiveDate.vietnamese),
                .init(text: event.kind.label),
                .init(text: before, href: event.sources.first.flatMap(link)),
                .init(text: after, href: event.kind == .rename ? nil : event.targets.first.flatMap(link)),
                .init(text: event.decisionReference, note: event.note),
            ])
        }
        return try await ListPage(
            head: req.head("Sắp xếp tổ chức", section: "reorganisations"), heading: "Sắp xếp, tổ chức lại",
            intro: "Đổi tên, hợp nhất, chia tách, giải thể, chuyển tỉnh: mỗi sự kiện có ngày hiệu lực và văn bản quyết định.",
            action: SiteURL.reorganisations.path, query: query.text ?? "",
            filters: [
                .init(name: "subject", label: "Đối tượng", options: [
                    SelectOption(value: "unit", label: "Đơn vị", selected: subject == .unit),
                    SelectOption(value: "province", label: "Tỉnh", selected: subject == .province),
                ]),
                .init(name: "kind", label: "Hình thức", options: Choices.reorganisationKinds().map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.kind) }),
            ],
            sortLabel: "Ngày hiệu lực", descending: query.descending,
            newLink: try await req.newLink("Ghi nhận sắp xếp", .reorganisationNew, .reorganise, .reorganisation),
            columns: ["Ngày hiệu lực", "Hình thức", "Trước", "Sau", "Văn bản"], rows: rows,
            pagination: Pagination(metadata: page.metadata, base: SiteURL.reorganisations.path, parameters: req.listParameters),
            emptyMessage: "Chưa có sự kiện sắp xếp nào.").render(on: req)
    }

    static func form(req: Request, input: ReorganisationInput) async throws -> FormPage {
        let units = try await req.registry.allUnits()
        let provinces = try await req.registry.allProvinces()
        return FormPage(
            head: req.head("Ghi nhận sắp xếp tổ chức", section: "reorganisations"),
            heading: "Ghi nhận sắp xếp, tổ chức lại đơn vị",
            action: SiteURL.reorganisationNew.path, submitLabel: "Ghi nhận",
            cancel: Link(label: "Hủy", href: SiteURL.reorganisations.path), errors: [],
            fields: [
                .select("kind", "Hình thức", Choices.reorganisationKinds(), selected: [input.kind ?? ""], required: true),
                .date("effectiveDate", "Ngày có hiệu lực", input.effectiveDate, required: true),
                .text("decisionReference", "Văn bản quyết định", input.decisionReference, required: true,
                      hint: "Ví dụ: Quyết định số 2345-QĐ/TU ngày 25/02/2025"),
                .select("sources[]", "Đơn vị trước sắp xếp", Choices.units(units), selected: input.sources ?? [],
                        required: true, multiple: true, hint: "Giữ Ctrl để chọn nhiều đơn vị"),
                .select("targets[]", "Đơn vị sau sắp xếp", Choices.units(units), selected: input.targets ?? [],
                        multiple: true, hint: "Hợp nhất: một đơn vị (tạo đơn vị mới trước); chia tách: các đơn vị mới; bỏ trống khi đổi tên, giải thể, chuyển tỉnh"),
                .text("newName", "Tên mới (khi đổi tên)", input.newName),
                .text("newShortName", "Tên viết tắt mới (khi đổi tên)", input.newShortName),
                .select("toProvinceID", "Tỉnh tiếp nhận (khi chuyển tỉnh)", Choices.provinces(provinces),
                        selected: [input.toProvinceID ?? ""]),
                .text("note", "Ghi chú", input.note),
            ])
    }

    static func new(req: Request) async throws -> Response {
        try await form(req: req, input: ReorganisationInput(effectiveDate: req.today.iso)).render(on: req)
    }

    static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ReorganisationInput.self)
        do {
            let event = try await RegistryService(req: req).record(input, subject: .unit)
            return req.redirect(to: SiteURL.unit(event.targets.first ?? event.sources[0]).path)
        } catch let error as DomainError {
            var page = try await form(req: req, input: input)
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
    }
}
