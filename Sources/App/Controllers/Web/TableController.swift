import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Bảng tiêu chí: a year's table (the head edits it; after the pact, with a reason) and the
/// province's templates (the provincial officer edits them). One editor for both.
enum TableController {
    struct EditorPage: Encodable {
        struct OutlineRow: Encodable {
            var code: String; var title: String; var kind: String; var points: String; var scorer: String
            var evidence: Bool; var guidance: String?; var depth: Int; var group: Bool
        }
        struct Row: Encodable {
            var code: String; var parentCode: String; var title: String; var kind: String; var maximum: String
            var perEvent: String; var cap: String; var scorer: String; var evidence: Bool; var guidance: String
        }
        struct Change: Encodable { var at: String; var actor: String; var reason: String; var summary: String }
        struct Copy: Encodable { var action: String; var sources: [SelectOption] }
        struct TieBreakSlot: Encodable { var number: Int; var options: [SelectOption] }
        var head: PageHead
        var heading: String
        var intro: String?
        var back: Link
        var editable: Bool
        var action: String
        var name: String
        var declaredTotal: String
        var bonusCap: String
        var needsReason: Bool
        var reason: String
        var errors: [String]
        var outline: [OutlineRow]
        var baseTotal: String
        var rows: [Row]
        var kinds: [SelectOption]
        var scorers: [SelectOption]
        var copy: Copy?
        var changes: [Change]
        var printHref: String?
        var variants: [SelectOption]
        /// Tiêu chí phụ: one choice per place in the order, in words (no codes to type).
        var tieBreakSlots: [TieBreakSlot]
        var bands: String
        var normalise: Bool
        var disagreementPercent: String
        var rulesSummary: String
        /// Documents (issue 15): the year's table as XLSX.
        var downloads: [Link] = []
        /// Nhập bảng tiêu chí từ tệp: while the table is a draft.
        var importHref: String?
    }

    static let kindLabels: [CriterionKind: String] = [
        .group: "Nhóm", .base: "Điểm cơ bản", .bonus: "Điểm thưởng", .deduction: "Điểm trừ", .disqualifier: "Điều kiện loại trừ",
    ]
    /// Who scores an item, as a bloc's or a cluster's pages say it (Trưởng khối chấm / Cụm
    /// trưởng chấm); a province's template, for either, is worded for a bloc.
    static func scorerLabel(_ scorer: Scorer, kind: BlocKind = .bloc) -> String {
        switch scorer {
        case .selfScore: "Đơn vị tự chấm"
        case .head: "\(kind.headTitle) chấm"
        case .province: "Tỉnh chấm"
        }
    }

    static func outline(_ table: ScoringTable?, kind: BlocKind = .bloc) -> [EditorPage.OutlineRow] {
        (table?.outline() ?? []).map { node, depth in
            let c = node
            let points: String
            switch c.kind {
            case .group: points = table!.baseTotal(under: c.id).description
            case .base: points = c.maximum?.description ?? ""
            case .bonus: points = "tối đa \(c.maximum?.description ?? "")" + (c.perEvent.map { ", \($0)/lần" } ?? "")
            case .deduction: points = "\(c.perEvent?.description ?? "")/lần" + (c.cap.map { ", tối đa \($0)" } ?? "")
            case .disqualifier: points = "—"
            }
            return .init(code: c.code, title: c.title, kind: kindLabels[c.kind]!, points: points,
                         scorer: c.kind == .group ? "" : scorerLabel(c.scorer, kind: kind),
                         evidence: c.evidenceRequired, guidance: c.guidance, depth: depth, group: c.kind == .group)
        }
    }

    static func page(req: Request, heading: String, intro: String?, back: Link, editable: Bool, action: String,
                     table: ScoringTable?, name: String, form: TableForm?, needsReason: Bool, error: DomainError?,
                     copy: EditorPage.Copy?, changes: [TableChangeModel], printHref: String?,
                     rules: RankingRules = RankingRules(), kind: BlocKind = .bloc) -> EditorPage {
        let rows: [CriterionRow] = form?.rows ?? table?.rows ?? []
        let blanks = Array(repeating: CriterionRow(code: "", title: "", kind: "base"), count: rows.isEmpty ? 12 : 5)
        return EditorPage(
            head: req.head(heading, section: "blocs"), heading: heading, intro: intro, back: back, editable: editable,
            action: action, name: form?.name ?? name,
            declaredTotal: form?.declaredTotal ?? table?.declaredTotal.description ?? "100",
            bonusCap: form?.bonusCap ?? table?.bonusCap?.description ?? "",
            needsReason: needsReason, reason: form?.reason ?? "", errors: error?.issues.map(\.message) ?? [],
            outline: outline(table, kind: kind), baseTotal: table?.baseTotal(under: nil).description ?? "0",
            rows: (rows + blanks).map {
                .init(code: $0.code, parentCode: $0.parentCode ?? "", title: $0.title, kind: $0.kind, maximum: $0.maximum ?? "",
                      perEvent: $0.perEvent ?? "", cap: $0.cap ?? "", scorer: $0.scorer ?? "self",
                      evidence: $0.evidenceRequired, guidance: $0.guidance ?? "")
            },
            kinds: CriterionKind.allCases.map { SelectOption(value: $0.rawValue, label: kindLabels[$0]!, selected: false) },
            scorers: Scorer.allCases.map { SelectOption(value: $0.rawValue, label: scorerLabel($0, kind: kind), selected: false) },
            copy: copy,
            changes: changes.map { .init(at: YearController.localTime($0.at), actor: $0.actorName, reason: $0.reason, summary: $0.summary) },
            printHref: printHref,
            variants: ReviewVariant.allCases.map { SelectOption(value: $0.rawValue, label: $0.label(in: kind), selected: $0.rawValue == (form?.variant ?? rules.variant.rawValue)) },
            tieBreakSlots: tieBreakSlots(chosen: form?.tieBreakCodes.map(RankingRules.codes)
                                          ?? rules.tieBreaks.map(\.rawValue)),
            bands: form?.bands ?? rules.bandsText, normalise: form.map { $0.normalise == "1" } ?? rules.normalise,
            disagreementPercent: form?.disagreementPercent ?? String(rules.disagreementPercent),
            rulesSummary: "\(rules.variant.label(in: kind)); tiêu chí phụ khi bằng điểm: "
                + (rules.tieBreaks.isEmpty ? "không (để hội nghị bỏ phiếu)" : rules.tieBreaks.map(\.label).joined(separator: ", "))
                + "; xếp loại: \(rules.bandsText)")
    }

    /// As many places as there are tie-breaks, each offering none or any of them.
    static func tieBreakSlots(chosen: [String]) -> [EditorPage.TieBreakSlot] {
        TieBreak.allCases.indices.map { index in
            let current = index < chosen.count ? chosen[index] : ""
            return .init(number: index + 1, options: [SelectOption(value: "", label: "— Không —", selected: current.isEmpty)]
                + TieBreak.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == current) })
        }
    }

    // MARK: - A year's table

    static func yearPage(req: Request, context: YearContext, form: TableForm?, error: DomainError?) async throws -> Response {
        let model = try context.opened()
        let stored = try await req.registry.table(ofYear: model.id!)
        let state = model.yearState
        let editable = req.can(.leadBloc, context.resource) && state != .closed
        var copy: EditorPage.Copy?
        if editable && state == .planning {
            var sources = try await req.registry.templates(ofProvince: context.bloc.$province.id)
                .map { SelectOption(value: "template:\($0.id!.uuidString)", label: "Bảng tiêu chí mẫu: \($0.name)", selected: false) }
            if try await req.registry.blocYearIfOpened(context.bloc.id!, context.year - 1) != nil {
                sources.append(SelectOption(value: "previous", label: "Bảng tiêu chí năm \(context.year - 1) của khối", selected: false))
            }
            if !sources.isEmpty { copy = .init(action: context.url(.tableCopy), sources: sources) }
        }
        let intro = state == .planning
            ? "Bảng tiêu chí sẽ khóa khi mọi thành viên ký giao ước."
            : "Bảng điểm đã khóa từ khi ký giao ước; mỗi sửa đổi cần ghi lý do và được lưu vào nhật ký."
        var page = page(req: req, heading: "Bảng tiêu chí năm \(context.year): \(context.bloc.name)", intro: intro,
                        back: Link(label: "Năm thi đua \(context.year)", href: context.url()), editable: editable,
                        action: context.url(.table), table: stored?.core, name: stored?.name ?? "Bảng tiêu chí năm \(context.year)",
                        form: form, needsReason: state != .planning, error: error, copy: copy,
                        changes: stored == nil ? [] : try await req.registry.changes(ofTable: stored!.id!),
                        printHref: context.url(.pactPrint), rules: stored?.rankingRules ?? RankingRules(),
                        kind: context.bloc.core.kind)
        if stored != nil { page.downloads = DocumentController.downloads(context, docx: .tableDocx, xlsx: .tableXlsx) }
        if editable && state == .planning { page.importHref = context.url(.tableImport) }
        return try await req.view.render("table", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func showYear(req: Request) async throws -> Response {
        try await yearPage(req: req, context: try await YearContext.load(req), form: nil, error: nil)
    }

    static func saveYear(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let form = try req.content.decode(TableForm.self)
        do {
            _ = try await YearService(req: req, context: context).saveTable(rows: form.rows, name: form.name, declaredTotal: form.declaredTotal,
                                                                       bonusCap: form.bonusCap, reason: form.reason, rules: try form.rules())
            return req.redirect(to: context.url(.table))
        } catch let error as DomainError {
            return try await yearPage(req: req, context: context, form: form, error: error)
        }
    }

    static func copyYear(req: Request) async throws -> Response {
        let context = try await YearContext.load(req)
        let input = try req.content.decode(CopyTableInput.self)
        do {
            try await YearService(req: req, context: context).copyTable(source: input.source)
            return req.redirect(to: context.url(.table))
        } catch let error as DomainError {
            return try await yearPage(req: req, context: context, form: nil, error: error)
        }
    }

    // MARK: - The province's templates

    static func templatePage(req: Request, provinceID: UUID, tableID: UUID?, form: TableForm?, error: DomainError?) async throws -> Response {
        let province = try await req.registry.province(provinceID)
        var stored: ScoringTableModel?
        if let tableID { stored = try await ProgrammeService(req: req, provinceID: provinceID).template(tableID) }
        let editable = req.can(.update, .provinceProgramme(province: provinceID))
        let heading = stored.map { "Bảng tiêu chí mẫu: \($0.name)" } ?? "Bảng tiêu chí mẫu mới"
        let page = page(req: req, heading: heading, intro: "Các khối sao chép bảng tiêu chí mẫu vào năm thi đua rồi điều chỉnh cho khối mình.",
                        back: Link(label: province.name, href: SiteURL.provinceProgramme(provinceID).path), editable: editable,
                        action: tableID.map { SiteURL.provinceTemplate(provinceID, $0).path } ?? SiteURL.provinceTemplates(provinceID).path,
                        table: stored?.core, name: stored?.name ?? "", form: form, needsReason: false, error: error, copy: nil,
                        changes: [], printHref: nil, rules: stored?.rankingRules ?? RankingRules())
        return try await req.view.render("table", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func newTemplate(req: Request) async throws -> Response {
        try await templatePage(req: req, provinceID: try req.id("provinceID"), tableID: nil, form: nil, error: nil)
    }

    static func showTemplate(req: Request) async throws -> Response {
        try await templatePage(req: req, provinceID: try req.id("provinceID"), tableID: try req.id("tableID"), form: nil, error: nil)
    }

    static func saveTemplate(req: Request) async throws -> Response {
        let provinceID = try req.id("provinceID")
        let tableID = try? req.id("tableID")
        let form = try req.content.decode(TableForm.self)
        do {
            let saved = try await ProgrammeService(req: req, provinceID: provinceID)
                .saveTemplate(tableID, rows: form.rows, name: form.name, declaredTotal: form.declaredTotal, bonusCap: form.bonusCap,
                              rules: try form.rules())
            return req.redirect(to: SiteURL.provinceTemplate(provinceID, saved.table.id!).path)
        } catch let error as DomainError {
            return try await templatePage(req: req, provinceID: provinceID, tableID: tableID, form: form, error: error)
        }
    }
}
