import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The province's view of the emulation year: every bloc's state, who has not signed or
/// registered; its scoring-table templates; the movements it launched.
enum ProgrammeController {
    struct ProgrammePage: Encodable {
        struct BlocRow: Encodable {
            var bloc: Link
            var year: Link
            var state: String
            var opened: Bool
            var head: String?
            var members: Int
            var unsigned: [String]
            var unregistered: [String]
        }
        struct TemplateRow: Encodable { var name: Link; var total: String; var criteria: Int }
        struct MovementRow: Encodable {
            var title: String; var kind: String; var when: String; var body: String; var document: String?
            /// What of the movement is sample data (the demo's), if any.
            var sample: String? = nil
        }
        var head: PageHead
        var province: Link
        var year: Int
        var years: [Int]
        var blocs: [BlocRow]
        var stateCounts: [Link]
        var templates: [TemplateRow]
        var movements: [MovementRow]
        var canWrite: Bool
        var newTemplate: String
        var newMovement: String
    }

    static func show(req: Request) async throws -> Response {
        let provinceID = try req.id("provinceID")
        let province = try await req.registry.province(provinceID)
        var year = req.today.year
        if let text = req.queryText("nam") {
            guard let parsed = Int(text), (2000...2100).contains(parsed) else {
                throw DomainError.invalid(field: "nam", "Năm «\(text)» không hợp lệ.")
            }
            year = parsed
        }
        let overview = try await req.registry.overview(ofProvince: provinceID, year: year, today: req.today)
        var counts: [String: Int] = [:]
        for summary in overview { counts[summary.year?.yearState.label ?? "Chưa mở năm", default: 0] += 1 }
        let templates = try await req.registry.templates(ofProvince: provinceID)
        let movements = try await req.registry.movements(ofProvince: provinceID)
        let sample = try await SampleFacts.marks([.movement: movements.compactMap(\.id)], on: req.db)
        let page = ProgrammePage(
            head: req.head("Thi đua năm \(year) — \(province.name)", section: "provinces"),
            province: Link(label: province.core.fullName, href: SiteURL.province(provinceID).path), year: year,
            years: Array((year - 2)...(year + 1)).reversed(),
            blocs: overview.map { summary in
                .init(bloc: Link(label: summary.bloc.name, href: SiteURL.bloc(summary.bloc.id!).path),
                      year: Link(label: "Năm \(year)", href: SiteURL.year(summary.bloc.id!, year).path),
                      state: summary.year?.yearState.label ?? "Chưa mở năm", opened: summary.year != nil,
                      head: summary.head?.name, members: summary.members.count,
                      unsigned: summary.unsigned.map(\.name), unregistered: summary.unregistered.map(\.name))
            },
            stateCounts: counts.sorted { $0.key < $1.key }.map { Link(label: $0.key, href: String($0.value)) },
            templates: templates.map {
                .init(name: Link(label: $0.name, href: SiteURL.provinceTemplate(provinceID, $0.id!).path),
                      total: Points(hundredths: $0.declaredTotal).description, criteria: $0.criteria.count)
            },
            movements: movements.map { row in
                let m = row.core
                return .init(title: m.title, kind: m.kind.label,
                             when: m.launchedOn.vietnamese + (m.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                             body: m.launchingBody, document: m.documentReference, sample: sample(.movement, m.id))
            },
            canWrite: req.can(.update, .provinceProgramme(province: provinceID)),
            newTemplate: SiteURL.provinceTemplates(provinceID).path, newMovement: SiteURL.provinceMovements(provinceID).path)
        return try await req.view.render("programme", page).encodeResponse(for: req)
    }

    static func movementForm(req: Request, provinceID: UUID, input: MovementInput) async throws -> FormPage {
        let province = try await req.registry.province(provinceID)
        return FormPage(head: req.head("Phát động phong trào", section: "provinces"),
                        heading: "Phong trào thi đua do tỉnh phát động: \(province.name)",
                        action: SiteURL.provinceMovements(provinceID).path, submitLabel: "Lưu phong trào",
                        cancel: Link(label: "Hủy", href: SiteURL.provinceProgramme(provinceID).path), errors: [],
                        fields: [
                            .select("kind", "Loại", MovementKind.allCases.map { ($0.rawValue, $0.label) }, selected: [input.kind ?? ""], required: true),
                            .text("title", "Tên phong trào", input.title, required: true),
                            .date("launchedOn", "Ngày phát động", input.launchedOn, required: true),
                            .date("endsOn", "Ngày kết thúc", input.endsOn, hint: "Bắt buộc với phong trào theo đợt, chuyên đề"),
                            .text("launchingBody", "Cơ quan phát động", input.launchingBody, required: true),
                            .text("documentReference", "Văn bản phát động", input.documentReference,
                                  hint: "Ví dụ: Kế hoạch số 12/KH-UBND"),
                        ])
    }

    static func newMovement(req: Request) async throws -> Response {
        let provinceID = try req.id("provinceID")
        let province = try await req.registry.province(provinceID)
        return try await movementForm(req: req, provinceID: provinceID,
                                      input: MovementInput(launchingBody: "UBND \(province.core.fullName)")).render(on: req)
    }

    static func addMovement(req: Request) async throws -> Response {
        let provinceID = try req.id("provinceID")
        var input = try req.content.decode(MovementInput.self)
        input.scope = "province"
        do {
            _ = try await ProgrammeService(req: req, provinceID: provinceID).addMovement(input)
            return req.redirect(to: SiteURL.provinceProgramme(provinceID).path)
        } catch let error as DomainError {
            var page = try await movementForm(req: req, provinceID: provinceID, input: input)
            page.show(error)
            return try await page.render(on: req, status: error.status)
        }
    }
}
