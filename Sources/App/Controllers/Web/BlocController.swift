import Fluent
import Foundation
import ThiDuaCore
import Vapor

enum BlocController {
    static func index(req: Request) async throws -> Response {
        let query = try await req.listQuery(kind: BlocKind.self)
        let page = try await req.registry.blocs(query)
        let provinces = try await req.registry.allProvinces()
        let rows = page.items.map { model -> ListPage.Row in
            let bloc = model.core
            return ListPage.Row(cells: [
                .init(text: bloc.name, href: SiteURL.bloc(bloc.id).path, note: bloc.decisionReference),
                .init(text: bloc.kind.label),
                .init(text: model.province.name),
                .init(text: bloc.validity.from.vietnamese + " – " + (bloc.validity.to?.vietnamese ?? "nay")),
            ])
        }
        return try await ListPage(
            head: req.head("Khối, cụm thi đua", section: "blocs"), heading: "Khối, cụm thi đua",
            intro: nil, action: SiteURL.blocs.path, query: query.text ?? "",
            filters: [
                .init(name: "province", label: "Tỉnh", options: Choices.provinces(provinces).map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.provinceID?.uuidString) }),
                .init(name: "kind", label: "Loại", options: Choices.blocKinds().map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == query.kind) }),
            ],
            sortLabel: "Tên", descending: query.descending,
            newLink: try await req.newLink("Thêm khối, cụm", .blocNew, .create, .newBloc),
            columns: ["Tên", "Loại", "Tỉnh", "Hiệu lực"], rows: rows,
            pagination: Pagination(metadata: page.metadata, base: SiteURL.blocs.path, parameters: req.listParameters),
            emptyMessage: "Không có khối, cụm thi đua nào khớp với tìm kiếm.").render(on: req)
    }

    struct ShowPage: Encodable {
        struct MemberRow: Encodable {
            var unit: Link
            var shortName: String
            var from: String
            var to: String
            var office: String?
            /// Why the membership is sample data (the demo's), if it is.
            var sample: String? = nil
        }
        struct HistoryRow: Encodable {
            var unit: Link
            var from: String
            var to: String
            var open: Bool
            var endAction: String
            var sample: String? = nil
        }
        struct OfficeRow: Encodable {
            var year: Int
            var head: Link?
            var deputy: Link?
            var basis: String
            /// Why the year's head or deputy is sample data (the demo's), if so.
            var sample: String? = nil
        }
        var head: PageHead
        var bloc: Bloc
        var kindLabel: String
        var headTitle: String
        var deputyTitle: String
        var province: Link
        var from: String
        var to: String?
        var decisionDate: String?
        var edit: Control?
        var at: String
        var atText: String
        var members: [MemberRow]
        var offices: [OfficeRow]
        var history: [HistoryRow]
        /// Memberships are added and ended only by whoever may manage them.
        var canManageMembers: Bool
        var addAction: String
        var addForm: FormPage.FieldGroup
        var today: String
        var years: [Link]
        /// This year's page when it is not opened yet, for whoever may open it.
        var thisYear: Link?
        /// A year whose head is already elected or recognised but which no one has opened,
        /// for whoever may open it.
        var nextYears: [Link]
        // History that awards stand on (issue 14 part 9)
        /// Past years recorded from the reports of then.
        var recordedYears: [Link]
        /// Past years that may still be recorded, for whoever may record them.
        var recordableYears: [Link]
    }

    static func show(req: Request) async throws -> Response {
        try await render(req: req, blocID: try req.id("blocID"), input: MembershipInput(), error: nil)
    }

    static func render(req: Request, blocID: UUID, input: MembershipInput, error: DomainError?) async throws -> Response {
        let model = try await req.registry.bloc(blocID)
        let bloc = model.core
        var date = req.today
        if let text = req.queryText("at") {
            guard let parsed = LocalDate(text) else {
                throw DomainError.invalid(field: "at", "Ngày «\(text)» không hợp lệ (dạng 2020-12-11 hoặc 11/12/2020).")
            }
            date = parsed
        }
        let members = try await req.registry.members(ofBloc: bloc.id, on: date)
        let offices = try await req.registry.offices(ofBloc: bloc.id)
        let officeThisYear = Dictionary(offices.filter { $0.year == date.year }.map { ($0.$unit.id, $0.core.role) },
                                        uniquingKeysWith: { first, _ in first })
        let history = try await req.registry.memberships(ofBloc: bloc.id)
            .sorted { ($0.validFrom, VietnameseText.sortKey($0.unit.name)) < ($1.validFrom, VietnameseText.sortKey($1.unit.name)) }
        let sample = try await SampleFacts.marks([.membership: history.compactMap(\.id), .blocOffice: offices.compactMap(\.id)], on: req.db)
        let candidates = try await req.registry.unitsOfProvince(bloc.provinceID)
        for unit in candidates { unit.$province.value = model.province }
        var group = FormPage.FieldGroup(errors: [], fields: [
            .select("unitID", "Đơn vị", Choices.units(candidates), selected: [input.unitID ?? ""], required: true),
            .date("validFrom", "Từ ngày", input.validFrom ?? bloc.validity.from.iso, required: true),
            .date("validTo", "Đến ngày", input.validTo, hint: "Để trống nếu chưa kết thúc"),
            .text("note", "Ghi chú", input.note),
        ])
        if let error { group.show(error) }
        var officeRows: [Int: ShowPage.OfficeRow] = [:]
        // Each head and deputy under the name it bore that year.
        let officeNames = try await req.registry.namesThen(of: offices)
        for office in offices {
            var row = officeRows[office.year] ?? .init(year: office.year, head: nil, deputy: nil, basis: office.core.basis.label)
            row.sample = row.sample ?? sample(.blocOffice, office.id)
            let link = Link(label: officeNames[office.id!] ?? office.unit.name, href: SiteURL.unit(office.$unit.id).path)
            if office.core.role == .head { row.head = link } else { row.deputy = link }
            officeRows[office.year] = row
        }
        let years = try await req.registry.years(ofBloc: bloc.id)
        let current = req.today.year
        // The route's own resource for the bloc in a given year (its head and deputy that year).
        // Only a provincial officer may record past years: no one else needs the lineage read.
        let mayRecord = req.can(.recordHistory, ResourceFacts.blocHistory(model))
        func resource(_ year: Int) -> Resource {
            ResourceFacts.bloc(model, year: year, head: offices.first { $0.year == year && $0.core.role == .head }?.$unit.id,
                               deputy: offices.first { $0.year == year && $0.core.role == .deputy }?.$unit.id, today: req.today)
        }
        let recorded = try await BlocHistoryYearModel.query(on: req.db).filter(\.$bloc.$id == bloc.id).sort(\.$year, .descending).all()
        let lastYear = min(bloc.validity.to?.year ?? current, current)
        let recordable = !mayRecord ? [] : stride(from: lastYear, through: bloc.validity.from.year, by: -1).prefix(30).filter { year in
            !years.contains { $0.year == year } && !recorded.contains { $0.year == year }
                && BlocHistory.yearRefusal(year, validity: bloc.validity, today: req.today) == nil
        }
        let unopened = ([current] + officeRows.keys.filter { $0 != current }.sorted())
            .filter { year in !years.contains { $0.year == year } && req.can(.openYear, resource(year)) }
        let page = ShowPage(
            head: req.head(bloc.name, section: "blocs"), bloc: bloc, kindLabel: bloc.kind.label,
            headTitle: bloc.kind.headTitle, deputyTitle: bloc.kind.deputyTitle,
            province: Link(label: model.province.core.fullName, href: SiteURL.province(bloc.provinceID).path),
            from: bloc.validity.from.vietnamese, to: bloc.validity.to?.vietnamese,
            decisionDate: bloc.decisionDate?.vietnamese,
            edit: req.control("Sửa", SiteURL.blocEdit(bloc.id).path, .update, resource(current)),
            at: date.iso, atText: date.vietnamese,
            members: members.map { member in
                let role = officeThisYear[member.membership.$unit.id]
                return .init(unit: Link(label: member.nameThen, href: SiteURL.unit(member.membership.$unit.id).path),
                             shortName: member.membership.unit.shortName,
                             from: LocalDate(member.membership.validFrom)!.vietnamese,
                             to: member.membership.validTo.flatMap(LocalDate.init)?.vietnamese ?? "nay",
                             office: role.map { $0 == .head ? bloc.kind.headTitle : bloc.kind.deputyTitle },
                             sample: sample(.membership, member.membership.id))
            },
            offices: officeRows.values.sorted { $0.year > $1.year },
            history: history.map {
                .init(unit: Link(label: $0.unit.name, href: SiteURL.unit($0.$unit.id).path),
                      from: LocalDate($0.validFrom)!.vietnamese, to: $0.validTo.flatMap(LocalDate.init)?.vietnamese ?? "nay",
                      open: $0.validTo == nil, endAction: SiteURL.blocMembershipEnd(bloc.id, $0.id!).path, sample: sample(.membership, $0.id))
            },
            canManageMembers: req.can(.manageMembers, resource(current)),
            addAction: SiteURL.blocMemberships(bloc.id).path, addForm: group, today: req.today.iso,
            years: years.map { Link(label: "Năm \($0.year): \($0.yearState.label)", href: SiteURL.year(bloc.id, $0.year).path) },
            thisYear: unopened.first == current ? Link(label: "Năm thi đua \(current)", href: SiteURL.year(bloc.id, current).path) : nil,
            nextYears: unopened.filter { $0 != current }
                .map { Link(label: "Năm thi đua \($0)", href: SiteURL.year(bloc.id, $0).path) },
            recordedYears: recorded.map { Link(label: "Năm \($0.year) (theo \($0.source))", href: SiteURL.blocHistory(bloc.id, $0.year).path) },
            recordableYears: recordable.map { Link(label: "Ghi lại năm \($0)", href: SiteURL.blocHistory(bloc.id, $0).path) })
        return try await req.view.render("bloc", page)
            .encodeResponse(status: error == nil ? .ok : .unprocessableEntity, for: req)
    }

    static func addMembership(req: Request) async throws -> Response {
        let blocID = try req.id("blocID")
        _ = try await req.registry.bloc(blocID)
        let input = try req.content.decode(MembershipInput.self)
        do {
            let membership = try await RegistryService(req: req).addMembership(input, blocID: blocID)
            return req.redirect(to: SiteURL.bloc(blocID).path + "?at=\(membership.period.from.iso)")
        } catch let error as DomainError {
            return try await render(req: req, blocID: blocID, input: input, error: error)
        }
    }

    struct EndInput: Content { var validTo: String? }

    /// Ends an open membership on a given day (the unit leaves the bloc).
    static func endMembership(req: Request) async throws -> Response {
        let blocID = try req.id("blocID")
        let membershipID = try req.id("membershipID")
        let input = try req.content.decode(EndInput.self)
        do {
            try await RegistryService(req: req).endMembership(membershipID, blocID: blocID, validTo: input.validTo)
            return req.redirect(to: SiteURL.bloc(blocID).path)
        } catch let error as DomainError {
            return try await render(req: req, blocID: blocID, input: MembershipInput(), error: error)
        }
    }

    static func form(req: Request, input: BlocInput, id: UUID?) async throws -> FormPage {
        let provinces = try await req.registry.provincesForWriting()
        var input = input
        if input.provinceID == nil, provinces.count == 1 { input.provinceID = provinces[0].id?.uuidString }
        return FormPage(
            head: req.head(id == nil ? "Thêm khối, cụm" : "Sửa khối, cụm", section: "blocs"),
            heading: id == nil ? "Thêm khối, cụm thi đua" : "Sửa: \(input.name ?? "")",
            action: id.map { SiteURL.blocEdit($0).path } ?? SiteURL.blocNew.path,
            submitLabel: "Lưu", cancel: Link(label: "Hủy", href: id.map { SiteURL.bloc($0).path } ?? SiteURL.blocs.path),
            errors: [],
            fields: [
                .select("provinceID", "Tỉnh", Choices.provinces(provinces), selected: [input.provinceID ?? ""], required: true),
                .select("kind", "Loại", Choices.blocKinds(), selected: [input.kind ?? "bloc"], required: true),
                .text("name", "Tên", input.name, required: true, hint: "Ví dụ: Khối thi đua các cơ quan Đảng tỉnh"),
                .text("decisionReference", "Quyết định thành lập, kiện toàn", input.decisionReference,
                      hint: "Ví dụ: Quyết định số 1306/QĐ-UBND"),
                .date("decisionDate", "Ngày quyết định", input.decisionDate),
                .date("validFrom", "Có hiệu lực từ", input.validFrom, required: true),
                .date("validTo", "Hết hiệu lực sau ngày", input.validTo, hint: "Để trống nếu đang hoạt động"),
            ])
    }

    static func new(req: Request) async throws -> Response {
        let input = BlocInput(provinceID: req.queryText("province"), kind: "bloc", validFrom: req.today.iso)
        return try await form(req: req, input: input, id: nil).render(on: req)
    }

    static func edit(req: Request) async throws -> Response {
        let model = try await req.registry.bloc(try req.id("blocID"))
        return try await form(req: req, input: BlocInput(model.core), id: model.id).render(on: req)
    }

    static func save(req: Request) async throws -> Response {
        let id = try? req.id("blocID")
        if let id { _ = try await req.registry.bloc(id) }
        let input = try req.content.decode(BlocInput.self)
        do {
            let bloc = try await RegistryService(req: req).saveBloc(input, id: id)
            return req.redirect(to: SiteURL.bloc(bloc.id).path)
        } catch let error as DomainError {
            var page = try await form(req: req, input: input, id: id)
            page.show(error)
            return try await page.render(on: req, status: .unprocessableEntity)
        }
    }
}
