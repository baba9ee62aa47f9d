import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum PersonController {
    static func index(req: Request) async throws -> Response {
        let query = try await req.listQuery(kind: StaffCategory.self)
        let page = try await req.registry.people(query)
        let provinces = try await req.registry.allProvinces()
        // Every row's posts in one query, not two queries a row.
        let posts = try await AssignmentModel.query(on: req.db).filter(\.$person.$id ~~ page.items.map { $0.id! })
            .with(\.$unit).all()
        let postsByPerson = Dictionary(grouping: posts, by: \.$person.id)
        var rows: [ListPage.Row] = []
        for model in page.items {
            let person = model.core
            let rowsOfPosts = postsByPerson[person.id] ?? []
            let current = Assignment.current(rowsOfPosts.map(\.core), on: req.today)
            let unit = current.flatMap { post in rowsOfPosts.first { $0.id == post.id }?.unit }
            // The national ID never appears in a list.
            rows.append(ListPage.Row(cells: [
                .init(text: person.fullName, href: SiteURL.person(person.id).path),
                .init(text: person.gender.label),
                .init(text: person.birthYear.map(String.init) ?? ""),
                .init(text: person.category.label),
                .init(text: current?.position ?? "", note: unit?.name),
            ]))
        }
        return try await ListPage(
            head: req.head("Cán bộ", section: "people"), heading: "Cán bộ, công chức, viên chức, người lao động",
            intro: "Xếp theo tên rồi đến họ, như danh sách của cơ quan.",
            action: SiteURL.people.path, query: query.text ?? "",
            filters: [
                .init(name: "province", label: "Tỉnh", options: Choices.provinces(provinces).map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.provinceID?.uuidString) }),
                .init(name: "kind", label: "Đối tượng", options: Choices.staffCategories().map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.kind) }),
            ],
            sortLabel: "Tên", descending: query.descending,
            newLink: try await req.newLink("Thêm người", .personNew, .create, .newPerson),
            columns: ["Họ và tên", "Giới tính", "Năm sinh", "Đối tượng", "Chức vụ hiện nay"], rows: rows,
            pagination: Pagination(metadata: page.metadata, base: SiteURL.people.path, parameters: req.listParameters),
            emptyMessage: "Không có ai khớp với tìm kiếm.").render(on: req)
    }

    struct ShowPage: Encodable {
        struct AssignmentRow: Encodable {
            var unit: NameLink
            var position: String
            var from: String
            var to: String
        }
        var head: PageHead
        var person: Person
        var genderLabel: String
        var categoryLabel: String
        var maskedNationalID: String?
        /// Editing and adding assignments: whoever may update the person (the route's decision).
        var edit: Control?
        /// Awards (issue 14): records, eligibility and history.
        var awardsLink: String
        var assignments: [AssignmentRow]
        var addAction: String?
        var addForm: FormPage.FieldGroup
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, personID: try req.id("personID"), input: AssignmentInput(), error: nil)
    }

    static func render(req: Request, personID: UUID, input: AssignmentInput, error: DomainError?) async throws -> Response {
        let person = try await req.registry.person(personID).core
        let assignments = try await req.registry.assignments(ofPerson: person.id)
        let units = try await req.registry.allUnits().filter { $0.validTo == nil || $0.id?.uuidString == input.unitID }
        var group = FormPage.FieldGroup(errors: [], fields: [
            .select("unitID", "Đơn vị", Choices.units(units), selected: [input.unitID ?? ""], required: true),
            .text("position", "Chức vụ", input.position, required: true, hint: "Ví dụ: Chuyên viên"),
            .date("validFrom", "Từ ngày", input.validFrom, required: true),
            .date("validTo", "Đến ngày", input.validTo),
        ])
        if let error { group.show(error) }
        let resource = try await ResourceFacts.person(person.id, req: req)
        let canUpdate = req.can(.update, resource)
        let page = ShowPage(
            head: req.head(person.fullName, section: "people"), person: person,
            genderLabel: person.gender.label, categoryLabel: person.category.label,
            maskedNationalID: person.maskedNationalID,
            edit: req.control("Sửa", SiteURL.personEdit(person.id).path, .update, resource),
            awardsLink: SiteURL.personAwards(person.id).path,
            assignments: assignments.map {
                .init(unit: req.nameLink($0.unit.name, SiteURL.unit($0.$unit.id).path,
                                         .unit(id: $0.$unit.id, province: $0.unit.$province.id, ended: false)),
                      position: $0.position,
                      from: LocalDate($0.validFrom)!.vietnamese, to: $0.validTo.flatMap(LocalDate.init)?.vietnamese ?? "nay")
            },
            addAction: canUpdate ? SiteURL.personAssignments(person.id).path : nil, addForm: group)
        return try await req.view.render("person", page)
            .encodeResponse(status: error == nil ? .ok : .unprocessableEntity, for: req)
    }

    static func addAssignment(req: Request) async throws -> Response {
        let personID = try req.id("personID")
        _ = try await req.registry.person(personID)
        let input = try req.content.decode(AssignmentInput.self)
        do {
            try await PersonService(req: req).addAssignment(input, personID: personID)
            return req.redirect(to: SiteURL.person(personID).path)
        } catch let error as DomainError {
            return try await render(req: req, personID: personID, input: input, error: error)
        }
    }

    /// A new person starts with a post in a unit: that unit decides who may create them.
    /// Only an admin may create someone with no post.
    static func form(req: Request, input: PersonInput, id: UUID?) async throws -> FormPage {
        var units: [UnitModel] = []
        if id == nil, let actor = req.actor {
            units = try await req.registry.allUnits().filter {
                $0.validTo == nil && (actor.isAdmin || actor.officerProvinces.contains($0.$province.id)
                                      || actor.officerUnits.contains($0.id!))
            }
        }
        let first: [FormPage.Field] = id != nil ? [] : [
            .select("unitID", "Đơn vị công tác", Choices.units(units), selected: [input.unitID ?? ""], required: true),
            .text("position", "Chức vụ", input.position, required: true),
            .date("validFrom", "Công tác tại đơn vị từ ngày", input.validFrom, required: true),
        ]
        var page = FormPage(
            head: req.head(id == nil ? "Thêm người" : "Sửa thông tin", section: "people"),
            heading: id == nil ? "Thêm cán bộ, công chức, viên chức, người lao động" : "Sửa: \(input.fullName ?? "")",
            action: id.map { SiteURL.personEdit($0).path } ?? SiteURL.personNew.path,
            submitLabel: "Lưu", cancel: Link(label: "Hủy", href: id.map { SiteURL.person($0).path } ?? SiteURL.people.path),
            errors: [],
            fields: [
                .text("fullName", "Họ và tên", input.fullName, required: true),
                .select("gender", "Giới tính", Choices.genders(), selected: [input.gender ?? ""], required: true),
                .number("birthYear", "Năm sinh", input.birthYear),
                .select("category", "Đối tượng", Choices.staffCategories(), selected: [input.category ?? ""], required: true),
                .text("nationalID", "Số định danh cá nhân (CCCD)", input.nationalID,
                      hint: "Không bắt buộc; 12 chữ số; không hiển thị trong danh sách"),
            ])
        page.fields += first
        return page
    }

    static func new(req: Request) async throws -> Response {
        try await form(req: req, input: PersonInput(validFrom: req.today.iso), id: nil).render(on: req)
    }

    static func edit(req: Request) async throws -> Response {
        let model = try await req.registry.person(try req.id("personID"))
        return try await form(req: req, input: PersonInput(model.core), id: model.id).render(on: req)
    }

    static func save(req: Request) async throws -> Response {
        let id = try? req.id("personID")
        if let id { _ = try await req.registry.person(id) }
        let input = try req.content.decode(PersonInput.self)
        do {
            let person = try await PersonService(req: req).save(input, id: id)
            return req.redirect(to: SiteURL.person(person.id).path)
        } catch let error as DomainError {
            var page = try await form(req: req, input: input, id: id)
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
    }
}
