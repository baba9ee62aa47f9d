import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A year's scoring as a request sees it: the year, its locked table, the round.
struct ScoringContext: Sendable {
    let year: YearContext
    let model: BlocYearModel
    let tableModel: ScoringTableModel
    let table: ScoringTable
    let rules: RankingRules
    let round: ScoringRound
    let facts: ScoringFacts

    /// The round is the form's (`text`), else `?dot=` (pages) or `?round=` (API); an unknown
    /// one is a 400 naming it, and on the API so is any other query name.
    static func load(_ req: Request, round text: String? = nil) async throws -> ScoringContext {
        try req.checkQueryNames(text == nil ? ["round"] : [])
        let year = try await YearContext.load(req)
        let model = try year.opened()
        guard let table = try await req.registry.table(ofYear: model.id!) else {
            throw DomainError.notFound("Năm thi đua chưa có bảng tiêu chí để chấm điểm.")
        }
        let slug = try text ?? req.queryChoice("dot", among: ScoringRound.slugs) ?? req.queryChoice("round", among: ScoringRound.slugs)
        guard let round = ScoringRound(slug: slug) else {
            throw DomainError.invalid(field: "dot", "Đợt chấm «\(slug ?? "")» không có; chọn «ca-nam» hoặc «so-ket».")
        }
        return ScoringContext(year: year, model: model, tableModel: table, table: table.core, rules: table.rankingRules,
                              round: round, facts: try await ScoringFacts.load(req, blocID: year.bloc.id!))
    }

    var open: Bool { ScoringWindow.isOpen(midYear: round == .midYear, state: model.yearState) }
    var roundQuery: String { round == .annual ? "" : "?dot=\(round.slug)" }
    func url(_ part: SiteURL.YearPart) -> String { year.url(part) + roundQuery }

    func deadline() -> LocalDate? { round == .annual ? model.dates.selfScoreDeadline : model.dates.midYearDate }
}

enum ScoringController {
    static let kindLabels = TableController.kindLabels

    // MARK: - The sheets of a year

    struct OverviewPage: Encodable {
        struct Row: Encodable {
            var unit: String; var href: String?; var status: String; var selfTotal: String?; var reviewedTotal: String?
            var missingEvidence: Int?
        }
        struct MovementRow: Encodable { var title: String; var when: String; var kind: String }
        struct TargetRow: Encodable { var unit: String; var targets: [String] }
        var head: PageHead
        var heading: String
        var back: String
        var roundLabel: String
        /// Trưởng khối / Cụm trưởng.
        var headTitle: String
        var otherRound: Link
        var open: Bool
        var closedMessage: String
        var deadline: String?
        var variant: String
        var rows: [Row]
        var rankingHref: String?
        var analysisHref: String?
        var midYear: Bool
        var movements: [MovementRow]
        var targets: [TargetRow]
    }

    static func overview(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let service = ScoringService(req: req, context: context)
        let store = req.registry
        let members = try await context.year.members(req)
        let sheets = Dictionary(try await store.sheets(of: context.model.id!, round: context.round).map { ($0.$unit.id, $0) },
                                uniquingKeysWith: { a, _ in a })
        let peers = try await service.peerAverages()
        var rows: [OverviewPage.Row] = []
        for member in members {
            let unit = member.membership.$unit.id
            let readable = req.can(.read, context.facts.sheet(unit: unit))
            let sheet = sheets[unit]
            var selfTotal: String?, reviewed: String?, missing: Int?
            if readable, let sheet {
                let own = try await store.values(of: sheet.id!, stage: .selfScore).values
                let official = try await store.values(of: sheet.id!, stage: .review).values
                let merged = SheetRules.merged(own: own, official: official, peerAverages: peers?[unit])
                let totals = SheetTotals(table: context.table, own: own, merged: merged)
                selfTotal = totals.selfScored.description
                reviewed = sheet.sheetStatus == .draft ? nil : totals.total.description
                let evidence = Set(try await store.evidence(of: sheet.id!).map(\.criterionID))
                missing = SheetRules.missingEvidence(own, table: context.table, evidence: evidence).count
            }
            rows.append(.init(unit: member.nameThen,
                              href: readable ? context.url(.sheet(unit)) : nil,
                              status: sheet?.sheetStatus.label ?? "Chưa chấm",
                              selfTotal: selfTotal, reviewedTotal: reviewed, missingEvidence: missing))
        }
        var movements: [OverviewPage.MovementRow] = []
        var targets: [OverviewPage.TargetRow] = []
        if context.round == .midYear {
            movements = try await store.movements(ofYear: context.model.id!).map { row in
                let m = row.core
                let state = m.endsOn.map { $0 < req.today ? "đã kết thúc" : "đang thực hiện" } ?? "thường xuyên"
                return .init(title: m.title, when: m.launchedOn.vietnamese + (m.endsOn.map { " – \($0.vietnamese)" } ?? ""),
                             kind: "\(m.kind.label), \(state)")
            }
            let all = try await store.targets(of: context.model.id!)
            targets = members.compactMap { member in
                let lines = all.filter { $0.$unit.id == member.membership.$unit.id }.map(\.text)
                return lines.isEmpty ? nil : .init(unit: member.nameThen, targets: lines)
            }
        }
        let other: ScoringRound = context.round == .annual ? .midYear : .annual
        let page = OverviewPage(
            head: req.head("Chấm điểm năm \(context.year.year)", section: "blocs"),
            heading: "\(context.round.label(year: context.year.year)): \(context.year.bloc.name)", back: context.year.url(),
            roundLabel: context.round.label, headTitle: context.year.bloc.core.kind.headTitle,
            otherRound: Link(label: other.label, href: context.year.url(.sheets) + (other == .annual ? "" : "?dot=\(other.slug)")),
            open: context.open, closedMessage: ScoringWindow.message(midYear: context.round == .midYear, state: context.model.yearState),
            deadline: context.deadline()?.vietnamese, variant: context.rules.variant.label(in: context.year.bloc.core.kind), rows: rows,
            rankingHref: context.round == .annual && req.can(.read, context.facts.ranking) ? context.year.url(.ranking) : nil,
            analysisHref: req.can(.leadBloc, context.year.resource) ? context.url(.analysis) : nil,
            midYear: context.round == .midYear, movements: movements, targets: targets)
        return try await req.view.render("sheets", page).encodeResponse(for: req)
    }

    // MARK: - One sheet

    struct SheetPage: Encodable {
        struct Evidence: Encodable { var name: String; var href: String; var version: Int; var size: String; var kind: String }
        struct Row: Encodable {
            var id: String; var code: String; var title: String; var depth: Int; var group: Bool; var kind: String
            var limit: String; var hint: String; var scorer: String?; var reasonHint: String; var evidenceRequired: Bool; var missingEvidence: Bool
            var selfText: String; var reviewText: String; var reviewReason: String; var changed: Bool
            var selfEditable: Bool; var reviewEditable: Bool; var storedText: String?
            var evidence: [Evidence]; var guidance: String?
        }
        struct Event: Encodable { var at: String; var text: String; var reason: String?; var actor: String }
        var head: PageHead
        var heading: String
        var back: String
        var unit: String
        var roundLabel: String
        /// Trưởng khối / Cụm trưởng.
        var headTitle: String
        var dot: String
        var status: String
        var statusCode: String
        var version: Int
        var deadline: String?
        var extendedTo: String?
        var extensionReason: String?
        var returnedReason: String?
        var canScore: Bool
        var canReview: Bool
        /// Return, finalise, reopen: the lead reviewer.
        var canConclude: Bool
        var canExtend: Bool
        var windowMessage: String?
        var rows: [Row]
        var selfTotal: String
        var reviewedSelfItems: String
        var reviewTotal: String
        var errors: [String]
        var conflict: Bool
        var actions: [String: String]
        var uploadOptions: [SelectOption]
        var history: [Event]
        var oldEvidence: [Evidence]
        var limit: String
        /// Documents (issue 15): the unit's sheet as XLSX.
        var downloads: [Link]
    }

    static func sheetPage(req: Request, context: ScoringContext, unitID: UUID, typed: SheetForm? = nil, typedStage: SheetStage? = nil,
                          error: DomainError? = nil, conflict: Bool = false, httpStatus: HTTPResponseStatus = .ok) async throws -> Response {
        let service = ScoringService(req: req, context: context)
        let members = try await context.year.members(req)
        guard let member = members.first(where: { $0.membership.$unit.id == unitID }) else {
            throw DomainError.notFound("Đơn vị không phải thành viên của khối năm \(context.year.year).")
        }
        let state = try await service.sheetState(unit: unitID)
        let resource = context.facts.sheet(unit: unitID)
        let status = state.status
        let parties = service.parties(unitID)
        let duties = service.duties(unitID)
        let canScore = req.can(.scoreOwn, resource) && context.open && SheetRules.editableByUnit(status)
        let canReview = req.can(.review, resource) && SheetRules.reviewable(status)
        let canConclude = req.can(.concludeReview, resource)
        let reviewScorers = parties.reviewScorers(duties)
        let (own, review, reasons) = (state.own, state.mine, state.mineReasons)
        let typedTexts = Dictionary(typed?.rows.map { ($0.criterionID, $0.text) } ?? [], uniquingKeysWith: { a, _ in a })
        let typedReasons = typed?.reasons ?? [:]
        let withEvidence = Set(state.evidence.map(\.criterionID))
        let missing = Set(SheetRules.missingEvidence(own, table: context.table, evidence: withEvidence).map(\.id))
        func describe(_ file: EvidenceFileModel) -> SheetPage.Evidence {
            .init(name: file.originalName, href: context.url(.evidence(unitID, file.id!)), version: file.version,
                  size: EvidenceKind.megabytesText(file.size), kind: EvidenceKind(rawValue: file.kind)?.label ?? file.kind)
        }
        let rows = context.table.outline().map { node, depth -> SheetPage.Row in
            let c = node
            let selfScored = c.scorer == .selfScore
            let selfText = typedStage == .selfScore ? typedTexts[c.id] ?? "" : SheetDraft.text(own[c.id], under: c)
            let reviewValue = review[c.id] ?? (selfScored ? own[c.id] : nil)
            let reviewText = typedStage == .review ? typedTexts[c.id] ?? "" : SheetDraft.text(reviewValue, under: c)
            let hint: String
            switch c.kind {
            case .disqualifier: hint = "Nhập 1 nếu có"
            case .deduction, .bonus where c.perEvent != nil: hint = "Số lần"
            default: hint = "Điểm"
            }
            let limit: String
            switch c.kind {
            case .group: limit = context.table.baseTotal(under: c.id).description
            case .base, .bonus: limit = (c.maximum?.description ?? "") + (c.perEvent.map { " (\($0)/lần)" } ?? "")
            case .deduction: limit = "\(c.perEvent?.description ?? "")/lần" + (c.cap.map { ", tối đa \($0)" } ?? "")
            case .disqualifier: limit = "—"
            }
            let changed = review[c.id].map { $0.value(under: c) != (own[c.id] ?? ItemScore()).value(under: c) || $0.flagged != (own[c.id]?.flagged ?? false) } ?? false
            return .init(id: c.id.uuidString, code: c.code, title: c.title, depth: depth, group: c.kind == .group,
                         kind: kindLabels[c.kind]!, limit: limit, hint: hint,
                         scorer: c.kind == .group ? nil : TableController.scorerLabel(c.scorer, kind: context.year.bloc.core.kind),
                         reasonHint: selfScored ? "Lý do nếu khác" : "Căn cứ", evidenceRequired: c.evidenceRequired,
                         missingEvidence: missing.contains(c.id), selfText: selfText, reviewText: reviewText,
                         reviewReason: typedStage == .review ? typedReasons[c.id] ?? "" : reasons[c.id] ?? "", changed: changed,
                         selfEditable: canScore && selfScored && c.kind != .group,
                         reviewEditable: canReview && c.kind != .group && reviewScorers.contains(c.scorer),
                         storedText: conflict ? SheetDraft.text((typedStage == .review ? reviewValue : own[c.id]), under: c) : nil,
                         evidence: state.evidence.filter { $0.criterionID == c.id }.map(describe), guidance: c.guidance)
        }
        let sheet = state.sheet
        var actions = ["self": context.url(.sheet(unitID)), "review": context.url(.sheetReview(unitID)),
                       "extend": context.url(.sheetExtension(unitID)), "upload": context.url(.sheetEvidence(unitID))]
        for action in SheetAction.allCases { actions[action.rawValue] = context.url(.sheetAction(unitID, action)) }
        let page = SheetPage(
            head: req.head("Bảng điểm \(member.nameThen)", section: "blocs"),
            heading: "\(context.round.label): \(member.nameThen)", back: context.url(.sheets), unit: member.nameThen,
            roundLabel: context.round.label, headTitle: context.year.bloc.core.kind.headTitle, dot: context.round.slug, status: status.label, statusCode: status.rawValue,
            version: conflict ? state.version : (typed?.expectedVersion ?? state.version), deadline: context.deadline()?.vietnamese,
            extendedTo: sheet?.extendedTo.flatMap(LocalDate.init)?.vietnamese, extensionReason: sheet?.extensionReason,
            returnedReason: status == .returned ? sheet?.returnedReason : nil,
            canScore: canScore, canReview: canReview, canConclude: canConclude,
            canExtend: canConclude && SheetRules.editableByUnit(status),
            windowMessage: context.open ? nil : ScoringWindow.message(midYear: context.round == .midYear, state: context.model.yearState),
            rows: rows, selfTotal: state.totals.selfScored.description, reviewedSelfItems: state.totals.reviewedSelfItems.description,
            reviewTotal: state.totals.total.description,
            errors: error?.issues.map(\.message) ?? [], conflict: conflict,
            actions: actions,
            uploadOptions: context.table.outline().map(\.criterion).filter { $0.kind != .group && $0.scorer == .selfScore }
                .map { SelectOption(value: $0.id.uuidString, label: "\($0.code). \($0.title)", selected: false) },
            history: state.events.map {
                .init(at: RoleNames.dateTime($0.at),
                      text: "\(SheetStatus(rawValue: $0.fromStatus)?.label ?? $0.fromStatus) → \(SheetStatus(rawValue: $0.toStatus)?.label ?? $0.toStatus)",
                      reason: $0.reason, actor: $0.actorName)
            },
            oldEvidence: state.oldEvidence.map(describe), limit: EvidenceKind.megabytesText(req.thidua.config.evidenceLimit),
            downloads: [Link(label: "XLSX", href: context.url(.sheetXlsx(unitID)))])
        return try await req.view.render("sheet", page).encodeResponse(status: error?.status ?? httpStatus, for: req)
    }

    static func showSheet(req: Request) async throws -> Response {
        try await sheetPage(req: req, context: try await ScoringContext.load(req), unitID: try req.id("unitID"))
    }

    static func saveSelf(req: Request) async throws -> Response { try await save(req: req, stage: .selfScore) }
    static func saveReview(req: Request) async throws -> Response { try await save(req: req, stage: .review) }

    /// Saves the form's values of one stage against the version the form was loaded with;
    /// a refusal shows the same page with what was typed.
    static func save(req: Request, stage: SheetStage) async throws -> Response {
        let form = try req.content.decode(SheetForm.self)
        let context = try await ScoringContext.load(req, round: form.dot)
        let unitID = try req.id("unitID")
        do {
            let values = try SheetDraft.parse(try form.entries(), table: context.table)
            try await ScoringService(req: req, context: context)
                .save(values, reasons: form.reasons, stage: stage, unit: unitID, version: try form.requiredVersion())
            return req.redirect(to: context.url(.sheet(unitID)))
        } catch let error as DomainError {
            return try await sheetPage(req: req, context: context, unitID: unitID, typed: form, typedStage: stage, error: error)
        } catch is SheetConflict {
            return try await sheetPage(req: req, context: context, unitID: unitID, typed: form, typedStage: stage,
                                       error: .conflict(SheetMessages.conflict), conflict: true)
        }
    }

    /// Submit (the unit); return, finalise, reopen (the lead reviewer): one route each.
    static func act(_ action: SheetAction) -> @Sendable (Request) async throws -> Response {
        { req in
            let input = try req.content.decode(SheetActionInput.self)
            let context = try await ScoringContext.load(req, round: input.dot)
            let unitID = try req.id("unitID")
            do {
                try await ScoringService(req: req, context: context).act(action, reason: input.reason, unit: unitID)
                return req.redirect(to: context.url(.sheet(unitID)))
            } catch let error as DomainError {
                return try await sheetPage(req: req, context: context, unitID: unitID, error: error)
            }
        }
    }

    static func extend(req: Request) async throws -> Response {
        let input = try req.content.decode(ExtensionInput.self)
        let context = try await ScoringContext.load(req, round: input.dot)
        let unitID = try req.id("unitID")
        do {
            try await ScoringService(req: req, context: context).extend(unit: unitID, to: input.extendedTo, reason: input.reason)
            return req.redirect(to: context.url(.sheet(unitID)))
        } catch let error as DomainError {
            return try await sheetPage(req: req, context: context, unitID: unitID, error: error)
        }
    }

    // MARK: - Evidence

    static func upload(req: Request) async throws -> Response {
        let unitID = try req.id("unitID")
        let context = try await ScoringContext.load(req, round: try? req.content.get(String.self, at: "dot"))
        do {
            let upload = try req.uploadForm(EvidenceUpload.self)
            _ = try await ScoringService(req: req, context: context).attach(upload.file, criterion: upload.criterionID, unit: unitID)
            return req.redirect(to: context.url(.sheet(unitID)))
        } catch let error as DomainError {
            return try await sheetPage(req: req, context: context, unitID: unitID, error: error)
        }
    }

    // MARK: - Ranking

    struct RankingPage: Encodable {
        struct Row: Encodable {
            /// A group's points with its column's name (a phone shows it beside the points).
            struct Group: Encodable { var label: String; var points: String }
            var rank: Int; var unit: String; var groups: [Group]; var bonus: String; var deductions: String; var final: String
            var classification: String; var disqualifiers: String?; var tied: Bool; var canLead: Bool
            /// Where the women-priority tie-break decided (or could not): its reason in words.
            var priority: String?
        }
        struct Version: Encodable { var version: Int; var at: String; var by: String; var reason: String?; var current: Bool; var order: String }
        var head: PageHead
        var heading: String
        var back: String
        var published: Bool
        var version: Int?
        var groupTitles: [Link]
        var rows: [Row]
        var ties: [String]
        var leader: String?
        var chart: String
        var canPublish: Bool
        var missing: [String]
        var publishAction: String
        var versions: [Version]
        var errors: [String]
        /// Documents (issue 15): the table as DOCX and XLSX.
        var downloads: [Link]
        /// The correction's reason typed before a refusal, kept in its field.
        var typedReason = ""
        /// Why the scores are sample data (the demo's), when they are.
        var sample: String? = nil
    }

    static func rankingPage(req: Request, error: DomainError? = nil, typedReason: String? = nil) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        let shown = try await ScoringService(req: req, context: context).shownRanking()
        let (versions, current, result) = (shown.versions, shown.current, shown.result)
        var missing = shown.missing
        let canLead = req.can(.leadBloc, context.year.resource)
        let published = current.flatMap(req.published)
        if current != nil && canLead { missing = try await ScoringService(req: req, context: context).unfinished() }
        let names = Dictionary(result.rows.map { ($0.unitID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let groupTitles = context.table.children(of: nil).filter { $0.kind == .group }.map { Link(label: $0.code, href: $0.title) }
        let page = RankingPage(
            head: req.head("Xếp hạng năm \(context.year.year)", section: "blocs"),
            heading: "Bảng xếp hạng năm \(context.year.year): \(context.year.bloc.name)", back: context.year.url(),
            published: current != nil, version: current?.version,
            groupTitles: groupTitles,
            rows: result.rows.map {
                .init(rank: $0.rank, unit: $0.name,
                      groups: zip(groupTitles, $0.groups).map { .init(label: $0.label, points: $1.points.description) }, bonus: $0.bonus.description,
                      deductions: $0.deductions.description, final: $0.final.description, classification: $0.classification,
                      disqualifiers: $0.disqualifiers.isEmpty ? nil : $0.disqualifiers.joined(separator: ", "), tied: $0.tied, canLead: $0.canLead,
                      priority: $0.priority?.reason)
            },
            ties: result.ties.map { $0.compactMap { names[$0] }.joined(separator: ", ") },
            leader: result.leader.flatMap { names[$0] },
            chart: published?.chart ?? RankingChart.svg(result),
            canPublish: canLead && missing.isEmpty && !result.rows.isEmpty, missing: missing,
            publishAction: context.year.url(.ranking),
            versions: versions.map { v in
                .init(version: v.version, at: RoleNames.dateTime(v.publishedAt), by: v.publishedBy, reason: v.reason,
                      current: v.supersededAt == nil,
                      order: (req.published(v)?.result.rows ?? []).map { "\($0.rank). \($0.name) (\($0.final))" }.joined(separator: "; "))
            },
            errors: error?.issues.map(\.message) ?? [],
            downloads: DocumentController.downloads(context.year, docx: .rankingDocx, xlsx: .rankingXlsx),
            typedReason: typedReason ?? "",
            sample: try await SampleFacts.marks([.yearScores: [context.model.id!]], on: req.db)(.yearScores, context.model.id))
        return try await req.view.render("ranking", page).encodeResponse(status: error?.status ?? .ok, for: req)
    }

    static func showRanking(req: Request) async throws -> Response { try await rankingPage(req: req) }

    static func publish(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req, round: "annual")
        let input = try req.content.decode(PublishInput.self)
        let service = ScoringService(req: req, context: context)
        do {
            // The question first, with the order that will be made public; refused here, the
            // ranking page says why with the reason typed kept.
            guard req.confirmed else {
                let (version, result) = try await service.previewPublication(reason: input.reason)
                let correction = version > 1
                let reason = VietnameseText.normalized(input.reason ?? "")
                return try await ConfirmPage(
                    req: req, heading: "Xác nhận công bố xếp hạng năm \(context.year.year): \(context.year.bloc.name)",
                    question: correction ? "Công bố bản đính chính (lần \(version)) của bảng xếp hạng năm \(context.year.year)?"
                                         : "Công bố bảng xếp hạng năm \(context.year.year)?",
                    consequences: [
                        "Thứ tự được công bố: " + result.rows.map { "\($0.rank). \($0.name) (\($0.final))" }.joined(separator: "; ") + ".",
                        "Mọi thành viên của khối xem được bảng xếp hạng và bảng điểm của nhau.",
                        "Sau khi công bố, mỗi thay đổi là một lần đính chính có lý do; các lần trước vẫn được giữ.",
                    ],
                    typed: reason.isEmpty ? [] : [.init(label: "Lý do đính chính", value: reason)],
                    action: context.year.url(.ranking), fields: [("reason", input.reason)],
                    confirmLabel: correction ? "Xác nhận công bố bản đính chính" : "Xác nhận công bố xếp hạng",
                    cancel: context.year.url(.ranking)).render(on: req)
            }
            let published = try await service.publish(reason: input.reason)
            let leader = published.result?.leader.flatMap { id in published.result?.rows.first { $0.unitID == id }?.name }
            return req.redirect(to: context.year.url(.ranking),
                                flash: "Đã công bố bảng xếp hạng năm \(context.year.year) (lần \(published.version))."
                                    + (leader.map { " Đơn vị dẫn đầu: \($0)." } ?? ""))
        } catch let error as DomainError {
            return try await rankingPage(req: req, error: error, typedReason: input.reason)
        }
    }

    // MARK: - Analysis

    struct AnalysisPage: Encodable {
        struct Difference: Encodable { var unit: String; var selfTotal: String; var reviewed: String; var difference: String; var inflated: Bool }
        struct Item: Encodable { var code: String; var title: String; var count: Int }
        struct Missing: Encodable { var unit: String; var items: String }
        struct Disagreement: Encodable { var unit: String; var item: String; var range: String }
        var head: PageHead
        var heading: String
        var back: String
        var differences: [Difference]
        var items: [Item]
        var missing: [Missing]
        var disagreements: [Disagreement]
        var cross: Bool
    }

    static func analysis(req: Request) async throws -> Response {
        let context = try await ScoringContext.load(req)
        let store = req.registry
        let members = try await context.year.members(req)
        let names = Dictionary(members.map { ($0.membership.$unit.id, $0.nameThen) }, uniquingKeysWith: { a, _ in a })
        let sheets = try await store.sheets(of: context.model.id!, round: context.round).filter { $0.sheetStatus != .draft }
        var own: [UUID: SheetValues] = [:], reviewed: [UUID: SheetValues] = [:]
        var missing: [AnalysisPage.Missing] = []
        let finals = try await ScoringService(req: req, context: context).mergedValues(of: sheets)
        for sheet in sheets {
            let unit = sheet.$unit.id
            own[unit] = try await store.values(of: sheet.id!, stage: .selfScore).values
            reviewed[unit] = finals[unit]
            let evidence = Set(try await store.evidence(of: sheet.id!).map(\.criterionID))
            let lacking = SheetRules.missingEvidence(own[unit] ?? [:], table: context.table, evidence: evidence)
            if !lacking.isEmpty { missing.append(.init(unit: names[unit] ?? "", items: lacking.map(\.code).joined(separator: ", "))) }
        }
        let codes = Dictionary(context.table.criteria.map { ($0.id, "\($0.code). \($0.title)") }, uniquingKeysWith: { a, _ in a })
        var disagreements: [AnalysisPage.Disagreement] = []
        if context.rules.variant == .crossScoring {
            let result = CrossScoring.aggregate(table: context.table, marks: try await store.peerMarks(of: sheets),
                                                normalise: context.rules.normalise, disagreementPercent: context.rules.disagreementPercent)
            disagreements = result.disagreements.map {
                .init(unit: names[$0.unitID] ?? "", item: codes[$0.criterionID] ?? "", range: "\($0.lowest) – \($0.highest)")
            }
        }
        let page = AnalysisPage(
            head: req.head("Phân tích chấm điểm", section: "blocs"),
            heading: "Phân tích chấm điểm năm \(context.year.year): \(context.year.bloc.name)", back: context.url(.sheets),
            differences: ScoreAnalysis.differences(table: context.table, selfValues: own, reviewed: reviewed).map {
                .init(unit: names[$0.unitID] ?? "", selfTotal: $0.selfTotal.description, reviewed: $0.reviewedTotal.description,
                      difference: $0.difference.description, inflated: $0.difference > .zero)
            },
            items: ScoreAnalysis.mostChanged(table: context.table, selfValues: own, reviewed: reviewed).map {
                .init(code: $0.criterion.code, title: $0.criterion.title, count: $0.changedFor)
            },
            missing: missing, disagreements: disagreements, cross: context.rules.variant == .crossScoring)
        return try await req.view.render("analysis", page).encodeResponse(for: req)
    }
}

enum SheetMessages {
    static let conflict = "Bảng điểm vừa được người khác lưu trong lúc bạn đang sửa, nên lần lưu này chưa được ghi. Bên dưới là điểm bạn vừa nhập (trong ô) và điểm đang lưu (bên cạnh); hãy xem lại rồi lưu lần nữa."
}
