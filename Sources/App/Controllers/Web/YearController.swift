import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A bloc's year as a request sees it: the bloc, the year, its row once opened, its head.
struct YearContext: Sendable {
    let bloc: BlocModel
    let year: Int
    let model: BlocYearModel?
    let head: UUID?
    let deputy: UUID?

    static func load(_ req: Request) async throws -> YearContext {
        try await load(bloc: try req.id("blocID"), year: try req.year(), from: req.registry)
    }

    /// The same, for a caller without a request (`thidua import table`).
    static func load(bloc id: UUID, year: Int, from store: RegistryStore) async throws -> YearContext {
        let bloc = try await store.bloc(id)
        let model = try await store.blocYearIfOpened(bloc.id!, year)
        let offices = try await store.head(ofBloc: bloc.id!, year: year)
        return YearContext(bloc: bloc, year: year, model: model, head: offices.head, deputy: offices.deputy)
    }

    var resource: Resource {
        .bloc(id: bloc.id, province: bloc.$province.id, ended: false, year: year, head: head, deputy: deputy)
    }

    func opened() throws -> BlocYearModel {
        guard let model else { throw DomainError.notFound("Khối chưa mở năm thi đua \(year).") }
        return model
    }

    func url(_ part: SiteURL.YearPart = .overview) -> String { SiteURL.year(bloc.id!, year, part).path }

    func members(_ req: Request) async throws -> [(membership: MembershipModel, nameThen: String)] {
        let day = RegistryStore.memberDay(year: year, dates: model?.dates ?? YearDates(), today: req.today)
        return try await req.members(ofBloc: bloc.id!, on: day)
    }
}

/// The year's overview, its opening, its steps, dates, plan, movements and calendar.
enum YearController {
    struct OverviewPage: Encodable {
        /// A step the head may take; `disabled` says why it cannot be taken yet, naming the units.
        struct Transition: Encodable { var value: String; var label: String; var reopen: Bool; var disabled: String? }
        struct DateRow: Encodable { var label: String; var value: String }
        struct HistoryRow: Encodable { var at: String; var text: String; var reason: String?; var actor: String }
        struct PlanRow: Encodable { var title: String; var when: String; var owner: String?; var notes: String?; var removeAction: String }
        struct MovementRow: Encodable {
            var title: String; var scope: String; var kind: String; var when: String; var body: String
            var document: String?; var criteria: String?
            /// What of the movement is sample data (the demo's), if any.
            var sample: String? = nil
        }
        struct MemberRow: Encodable {
            var unit: Link; var signed: Bool; var registered: Bool; var acknowledged: Bool
            /// The registration's page, for those who may read it.
            var registration: String?
        }
        var head: PageHead
        var bloc: Link
        var province: Link
        var year: Int
        var state: String
        var stateLabel: String
        var headUnit: Link?
        var deputyUnit: Link?
        var headTitle: String
        var deputyTitle: String
        var canLead: Bool
        var transitions: [Transition]
        var transitionAction: String
        var dates: [DateRow]
        var pactPlace: String?
        var history: [HistoryRow]
        var plan: [PlanRow]
        var movements: [MovementRow]
        var members: [MemberRow]
        var signedCount: Int
        var registeredCount: Int
        var tableName: String?
        var criteriaCount: Int
        var links: [String: String]
        var feedURL: String
        var errors: [String]
        /// The reason typed for a step back that was refused, kept in its field.
        var typedReason = ""
        /// Why the year's dates and plan, and its scores, are sample data (the demo's), if so.
        var samplePlan: String? = nil
        var sampleScores: String? = nil
        /// Báo cáo sơ kết, tổng kết (issue 15).
        var reports: [DocumentController.ReportRow] = []
    }

    static func show(req: Request) async throws -> Response {
        try await overview(req: req, context: try await YearContext.load(req))
    }

    /// The overview, with the refusal of a step that was asked for, if any.
    static func overview(req: Request, context: YearContext, error: DomainError? = nil, typedReason: String? = nil) async throws -> Response {
        guard let model = context.model else {
            guard req.can(.openYear, context.resource) else { throw DomainError.notFound("Khối chưa mở năm thi đua \(context.year).") }
            return try await openForm(req: req, context: context, input: OpenYearInput(source: nil)).render(on: req)
        }
        let store = req.registry
        let members = try await context.members(req)
        let signatures = Set(try await store.signatures(of: model.id!).map(\.$unit.id))
        let registrations = Dictionary(try await store.registrations(of: model.id!).map { ($0.$unit.id, $0) },
                                       uniquingKeysWith: { first, _ in first })
        let units = try await store.units(ids: [context.head, context.deputy].compactMap { $0 })
        let table = try await store.table(ofYear: model.id!)
        let criteriaCodes = Dictionary((table?.criteria ?? []).map { ($0.id!, $0.code) }, uniquingKeysWith: { first, _ in first })
        let canLead = req.can(.leadBloc, context.resource)
        let kind = context.bloc.core.kind
        func unitLink(_ id: UUID?) -> Link? {
            id.flatMap { units[$0] }.map { Link(label: $0.name, href: SiteURL.unit($0.id!).path) }
        }
        let plan = try await store.plan(of: model.id!)
        let movements = try await store.movements(ofYear: model.id!)
        let sample = try await SampleFacts.marks([.movement: movements.compactMap(\.id), .yearPlan: [model.id!], .yearScores: [model.id!]], on: req.db)
        let history = try await store.transitions(of: model.id!)
        // The steps Core would refuse now (the pact with members unsigned, the conference with
        // sheets not final) are shown disabled with Core's reason and the units' names.
        let state = model.yearState
        let facts = canLead ? try await store.facts(of: model, today: req.today) : nil
        let memberNames = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { first, _ in first })
        func blocked(_ transition: YearTransition) -> String? {
            guard let facts else { return nil }
            do {
                // A step back is judged with its reason given: the form asks for it.
                _ = try YearMachine.apply(transition, to: state, facts: facts, reason: transition == .reopen ? "lý do" : nil)
                return nil
            } catch let error as YearError {
                return error.message(naming: memberNames)
            } catch { return nil }
        }
        let ranking = try await ScoringFacts.load(req, blocID: context.bloc.id!).ranking
        let province = context.bloc.$province.id
        let page = OverviewPage(
            head: req.head("\(context.bloc.name) — năm \(context.year)", section: "blocs"),
            bloc: Link(label: context.bloc.name, href: SiteURL.bloc(context.bloc.id!).path),
            province: Link(label: context.bloc.province.name, href: SiteURL.provinceProgramme(context.bloc.$province.id).path + "?nam=\(context.year)"),
            year: context.year, state: model.state, stateLabel: model.yearState.label,
            headUnit: unitLink(context.head), deputyUnit: unitLink(context.deputy),
            headTitle: kind.headTitle, deputyTitle: kind.deputyTitle, canLead: canLead,
            transitions: canLead ? YearMachine.available(from: state).map {
                .init(value: $0.rawValue, label: $0.label, reopen: $0 == .reopen, disabled: blocked($0))
            } : [],
            transitionAction: context.url(.transition),
            dates: model.dates.labelled.map { .init(label: $0.label, value: $0.date?.vietnamese ?? "Chưa định") },
            pactPlace: model.pactPlace,
            history: history.map {
                .init(at: Self.localTime($0.at), text: "\(YearState(rawValue: $0.fromState)?.label ?? $0.fromState) → \(YearState(rawValue: $0.toState)?.label ?? $0.toState)",
                      reason: $0.reason, actor: $0.actorName)
            },
            plan: plan.map { row in
                let activity = row.core
                return .init(title: activity.title,
                             when: activity.startsOn.vietnamese + (activity.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                             owner: row.ownerUnit?.name, notes: activity.notes,
                             removeAction: context.url(.planRemove(activity.id)))
            },
            movements: movements.map { row in
                let movement = row.core
                let codes = movement.criterionIDs.compactMap { criteriaCodes[$0] }
                return .init(title: movement.title,
                             scope: movement.scope.label(in: kind) + (row.unit.map { " (\($0.shortName))" } ?? ""),
                             kind: movement.kind.label,
                             when: movement.launchedOn.vietnamese + (movement.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                             body: movement.launchingBody, document: movement.documentReference,
                             criteria: codes.isEmpty ? nil : codes.joined(separator: ", "), sample: sample(.movement, movement.id))
            },
            members: members.map { member in
                let unit = member.membership.$unit.id
                let registration = registrations[unit]
                return .init(unit: Link(label: member.nameThen, href: SiteURL.unit(unit).path), signed: signatures.contains(unit),
                             registered: registration != nil, acknowledged: registration?.acknowledgedAt != nil,
                             registration: req.can(.read, .yearUnit(unit: unit, province: province, head: context.head))
                                 ? context.url(.registration(unit)) : nil)
            },
            signedCount: members.filter { signatures.contains($0.membership.$unit.id) }.count,
            registeredCount: members.filter { registrations[$0.membership.$unit.id] != nil }.count,
            tableName: table?.name, criteriaCount: table?.criteria.count ?? 0,
            links: ["table": context.url(.table), "pact": context.url(.pact), "print": context.url(.pactPrint),
                    "calendar": context.url(.calendar), "ics": context.url(.calendarFile), "dates": context.url(.dates),
                    "plan": context.url(.plan), "movements": context.url(.movements), "link": context.url(.movementLink),
                    "sheets": context.url(.sheets), "midYear": context.url(.sheets) + "?dot=so-ket",
                    "conferences": context.url(.conferences),
                    "planDocx": context.url(.planDocx)].merging(req.can(.read, ranking) ? ["ranking": context.url(.ranking)] : [:],
                                                                 uniquingKeysWith: { first, _ in first }),
            feedURL: SiteURL.calendarFeed(model.calendarKey).path, errors: error?.issues.map(\.message) ?? [], typedReason: typedReason ?? "",
            samplePlan: sample(.yearPlan, model.id), sampleScores: sample(.yearScores, model.id),
            reports: try await DocumentController.reportRows(req: req, context: context, canLead: canLead))
        return try await req.view.render("year", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    /// A stored ISO timestamp as pages show times.
    static func localTime(_ iso: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: iso).map(RoleNames.dateTime) ?? iso
    }

    // MARK: - Opening

    static func openForm(req: Request, context: YearContext, input: OpenYearInput) async throws -> FormPage {
        let templates = try await req.registry.templates(ofProvince: context.bloc.$province.id)
        let previous = try await req.registry.blocYearIfOpened(context.bloc.id!, context.year - 1)
        var sources: [(String, String)] = [("none", "Chưa có — soạn sau")]
        sources += templates.map { ("template:\($0.id!.uuidString)", "Bảng tiêu chí mẫu: \($0.name)") }
        if previous != nil { sources.append(("previous", "Bảng tiêu chí năm \(context.year - 1) của khối")) }
        var fields: [FormPage.Field] = []
        let kind = context.bloc.core.kind
        if context.head == nil {
            let members = try await context.members(req).map { ($0.membership.$unit.id.uuidString, $0.nameThen) }
            fields.append(.select("headUnitID", kind.headTitle, members, selected: [input.headUnitID ?? ""], required: true,
                                  hint: "Năm đầu tiên trên ThiDua: đơn vị được cấp có thẩm quyền công nhận."))
            fields.append(.select("deputyUnitID", kind.deputyTitle, members, selected: [input.deputyUnitID ?? ""]))
        }
        fields.append(.select("source", "Bảng điểm ban đầu", sources, selected: [input.source ?? (templates.first.map { "template:\($0.id!.uuidString)" } ?? "none")]))
        if let conference = try await YearService(req: req, context: context).previousYearEndConference() {
            let day = LocalDate(conference.heldOn)?.vietnamese ?? conference.heldOn
            fields.append(.select("pactAt", "Ký kết giao ước", [("", "Hẹn ngày sau"),
                                                               ("conference", "Tại hội nghị tổng kết năm \(context.year - 1), ngày \(day), tại \(conference.place)")],
                                  selected: [input.pactAt ?? "conference"]))
        }
        return FormPage(head: req.head("Mở năm thi đua \(context.year)", section: "blocs"),
                        heading: "Mở năm thi đua \(context.year): \(context.bloc.name)", action: context.url(),
                        submitLabel: "Mở năm thi đua", cancel: Link(label: "Hủy", href: SiteURL.bloc(context.bloc.id!).path),
                        errors: [], fields: fields)
    }

    static func open(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(OpenYearInput.self)
        do {
            try await YearService(req: req, context: context).open(headUnitID: input.headUnitID, deputyUnitID: input.deputyUnitID,
                                                             source: input.source, pactAt: input.pactAt)
            return req.redirect(to: context.url())
        } catch let error as DomainError {
            var page = try await openForm(req: req, context: context, input: input)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }

    static func transition(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(TransitionInput.self)
        let service = YearService(req: req, context: context)
        do {
            // First the question, judged as the step would be (a refusal shows at once, on
            // the overview, naming the units); the step itself only from the confirmation.
            guard req.confirmed else {
                let step = try await service.previewTransition(input)
                let reason = input.reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
                return try await ConfirmPage(
                    req: req, heading: "Xác nhận chuyển bước: \(context.bloc.name) — năm \(context.year)",
                    question: "\(step.transition.label): chuyển năm thi đua \(context.year) từ bước «\(step.from.label)» sang bước «\(step.to.label)»?",
                    consequences: [step.transition.consequence],
                    typed: reason.map { [.init(label: "Lý do", value: $0)] } ?? [],
                    action: context.url(.transition), fields: [("transition", step.transition.rawValue), ("reason", input.reason)],
                    confirmLabel: "Xác nhận: \(step.transition.label)", cancel: context.url()).render(on: req)
            }
            let to = try await service.transition(input)
            return req.redirect(to: context.url(), flash: "Đã chuyển năm thi đua \(context.year) sang bước «\(to.label)».")
        } catch let error as DomainError {
            // Refused (a step posted twice, members unsigned): the overview says why, with
            // the reason typed kept.
            return try await overview(req: req, context: context, error: error, typedReason: input.reason)
        }
    }

    // MARK: - Dates

    static func datesForm(req: Request, context: YearContext, input: YearDatesInput) -> FormPage {
        FormPage(head: req.head("Mốc thời gian năm \(context.year)", section: "blocs"),
                 heading: "Mốc thời gian năm \(context.year): \(context.bloc.name)", action: context.url(.dates),
                 submitLabel: "Lưu", cancel: Link(label: "Hủy", href: context.url()), errors: [],
                 fields: [
                    .date("pactDate", "Ngày hội nghị ký kết giao ước", input.pactDate),
                    .text("pactPlace", "Địa điểm ký kết", input.pactPlace),
                    .date("registrationDeadline", "Hạn đăng ký thi đua", input.registrationDeadline),
                    .date("midYearDate", "Sơ kết 6 tháng", input.midYearDate),
                    .date("selfScoreDeadline", "Hạn tự chấm điểm", input.selfScoreDeadline),
                    .date("conferenceDate", "Hội nghị tổng kết", input.conferenceDate),
                 ])
    }

    static func editDates(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await datesForm(req: req, context: context, input: YearDatesInput(try context.opened().dates)).render(on: req)
    }

    static func saveDates(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(YearDatesInput.self)
        do {
            try await YearService(req: req, context: context).saveDates(input)
            return req.redirect(to: context.url())
        } catch let error as DomainError {
            var page = datesForm(req: req, context: context, input: input)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }

    // MARK: - Plan

    static func planForm(req: Request, context: YearContext, input: ActivityInput) async throws -> FormPage {
        let members = try await context.members(req).map { ($0.membership.$unit.id.uuidString, $0.nameThen) }
        return FormPage(head: req.head("Thêm hoạt động", section: "blocs"),
                        heading: "Kế hoạch năm \(context.year): thêm hoạt động", action: context.url(.plan),
                        submitLabel: "Thêm vào kế hoạch", cancel: Link(label: "Hủy", href: context.url()), errors: [],
                        fields: [
                            .text("title", "Nội dung hoạt động", input.title, required: true,
                                  hint: "Ví dụ: Hội thao chào mừng Ngày thành lập Đảng"),
                            .date("startsOn", "Ngày bắt đầu", input.startsOn, required: true),
                            .date("endsOn", "Ngày kết thúc", input.endsOn),
                            .select("ownerUnitID", "Đơn vị chủ trì", members, selected: [input.ownerUnitID ?? ""],
                                    hint: "Để trống nếu cả khối cùng thực hiện"),
                            .textarea("notes", "Ghi chú", input.notes),
                        ])
    }

    static func newActivity(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        _ = try context.opened()
        return try await planForm(req: req, context: context, input: ActivityInput()).render(on: req)
    }

    static func addActivity(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(ActivityInput.self)
        do {
            try await YearService(req: req, context: context).addActivity(input)
            return req.redirect(to: context.url() + "#ke-hoach")
        } catch let error as DomainError {
            var page = try await planForm(req: req, context: context, input: input)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }

    static func removeActivity(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        try await YearService(req: req, context: context).removeActivity(try req.id("activityID"))
        return req.redirect(to: context.url() + "#ke-hoach")
    }

    // MARK: - Movements

    static func movementForm(req: Request, context: YearContext, input: MovementInput) async throws -> FormPage {
        let members = try await context.members(req).map { ($0.membership.$unit.id.uuidString, $0.nameThen) }
        var table: ScoringTableModel?
        if let model = context.model { table = try await req.registry.table(ofYear: model.id!) }
        let criteria = (table?.core.outline() ?? []).filter { $0.criterion.kind != .group }
            .map { ($0.criterion.id.uuidString, "\($0.criterion.code). \($0.criterion.title)") }
        return FormPage(head: req.head("Thêm phong trào", section: "blocs"),
                        heading: "Phong trào thi đua của khối năm \(context.year)", action: context.url(.movements),
                        submitLabel: "Thêm phong trào", cancel: Link(label: "Hủy", href: context.url()), errors: [],
                        fields: [
                            .select("scope", "Phạm vi phát động", [("bloc", MovementScope.bloc.label), ("unit", MovementScope.unit.label)],
                                    selected: [input.scope ?? "bloc"], required: true),
                            .select("unitID", "Đơn vị phát động", members, selected: [input.unitID ?? ""],
                                    hint: "Chỉ khi đơn vị phát động"),
                            .select("kind", "Loại", MovementKind.allCases.map { ($0.rawValue, $0.label) },
                                    selected: [input.kind ?? ""], required: true),
                            .text("title", "Tên phong trào", input.title, required: true,
                                  hint: "Ví dụ: Thi đua đẩy mạnh chuyển đổi số trong cơ quan"),
                            .date("launchedOn", "Ngày phát động", input.launchedOn, required: true),
                            .date("endsOn", "Ngày kết thúc", input.endsOn, hint: "Bắt buộc với phong trào theo đợt, chuyên đề"),
                            .text("launchingBody", "Cơ quan phát động", input.launchingBody, required: true),
                            .text("documentReference", "Văn bản phát động", input.documentReference,
                                  hint: "Ví dụ: Kế hoạch số 05/KH-KTĐ"),
                            .select("criterionIDs[]", "Tiêu chí tính kết quả", criteria, selected: input.criterionIDs ?? [],
                                    multiple: true, hint: "Giữ Ctrl để chọn nhiều tiêu chí"),
                        ])
    }

    static func newMovement(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        _ = try context.opened()
        return try await movementForm(req: req, context: context, input: MovementInput(launchingBody: context.bloc.name))
            .render(on: req)
    }

    static func addMovement(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(MovementInput.self)
        do {
            try await YearService(req: req, context: context).addMovement(input)
            return req.redirect(to: context.url() + "#phong-trao")
        } catch let error as DomainError {
            var page = try await movementForm(req: req, context: context, input: input)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }

    static func linkForm(req: Request, context: YearContext, selected: String?) async throws -> FormPage {
        let model = try context.opened()
        let linked = Set(try await req.registry.movements(ofYear: model.id!).map(\.id))
        let options = try await req.registry.movements(ofProvince: context.bloc.$province.id).filter { !linked.contains($0.id) }
            .map { ($0.id!.uuidString, "\($0.title) (\($0.launchingBody), \(LocalDate($0.launchedOn)!.vietnamese))") }
        return FormPage(head: req.head("Gắn phong trào của tỉnh", section: "blocs"),
                        heading: "Gắn phong trào do tỉnh phát động vào năm \(context.year)", action: context.url(.movementLink),
                        submitLabel: "Gắn vào năm thi đua", cancel: Link(label: "Hủy", href: context.url()), errors: [],
                        fields: [.select("movementID", "Phong trào", options, selected: [selected ?? ""], required: true,
                                         hint: options.isEmpty ? "Tỉnh chưa phát động phong trào nào khác." : nil)])
    }

    static func newLink(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await linkForm(req: req, context: context, selected: nil).render(on: req)
    }

    static func link(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(LinkMovementInput.self)
        do {
            try await YearService(req: req, context: context).link(movement: input.movementID)
            return req.redirect(to: context.url() + "#phong-trao")
        } catch let error as DomainError {
            var page = try await linkForm(req: req, context: context, selected: input.movementID)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }

    // MARK: - Calendar

    struct CalendarPage: Encodable {
        struct Entry: Encodable { var day: String; var title: String; var details: String?; var location: String? }
        var head: PageHead
        var heading: String
        var back: String
        var entries: [Entry]
        var icsHref: String
        var feedURL: String
    }

    static func entries(req: Request, context: YearContext, model: BlocYearModel) async throws -> [CalendarEntry] {
        let plan = try await req.registry.plan(of: model.id!).map(\.core)
        let movements = try await req.registry.movements(ofYear: model.id!).map(\.core)
        return YearCalendar.entries(blocName: context.bloc.name, blocID: context.bloc.id!, year: context.year,
                                    dates: model.dates, plan: plan, movements: movements)
    }

    static func calendar(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let model = try context.opened()
        let entries = try await entries(req: req, context: context, model: model)
        let base = req.headers.first(name: .host).map { "http://\($0)" } ?? ""
        let page = CalendarPage(head: req.head("Lịch năm \(context.year)", section: "blocs"),
                                heading: "Lịch thi đua năm \(context.year): \(context.bloc.name)", back: context.url(),
                                entries: entries.map { .init(day: $0.day.vietnamese, title: $0.title, details: $0.details, location: $0.location) },
                                icsHref: context.url(.calendarFile), feedURL: base + SiteURL.calendarFeed(model.calendarKey).path)
        return try await req.view.render("calendar", page).encodeResponse(for: req)
    }

    static func ics(req: Request, context: YearContext, model: BlocYearModel) async throws -> Response {
        let text = ICalendar.render(name: "\(context.bloc.name) — năm \(context.year)",
                                    entries: try await entries(req: req, context: context, model: model), stamp: req.thidua.now())
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"lich-thi-dua-\(context.year).ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    static func calendarFile(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        return try await ics(req: req, context: context, model: try context.opened())
    }

    /// The feed a calendar app subscribes to: the key in the address stands for the sign-in
    /// it cannot do; a wrong key is "not found", as a missing year would be.
    static func feed(req: Request) async throws -> Response {
        guard let key = req.parameters.get("key"), key.hasPrefix("lich_"), key.count < 100,
              let model = try await BlocYearModel.query(on: req.db).filter(\.$calendarKey == key).first(),
              Secrets.constantTimeEqual(model.calendarKey, key) else {
            throw DomainError.notFound("Không tìm thấy lịch này.")
        }
        let bloc = try await req.registry.bloc(model.$bloc.id)
        let context = YearContext(bloc: bloc, year: model.year, model: model, head: nil, deputy: nil)
        return try await ics(req: req, context: context, model: model)
    }
}

