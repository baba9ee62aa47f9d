import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// «Việc cần làm» of the signed-in actor, as the home page shows it and the navigation counts
/// it: Core judges (`PendingWork`), this loads the years once and turns lines into links.
struct HomeWork: Sendable {
    typealias Item = HomeController.HomePage.Item
    var sections: [HomeController.HomePage.Section] = []
    var states: [HomeController.HomePage.StateGroup] = []
    var late: [Item] = []
    var proposals: [Item] = []
    var provinces: [Link] = []
    var published: [Link] = []
    /// Lines waiting for someone: the number in the navigation.
    var count = 0

    static func load(_ req: Request) async throws -> HomeWork {
        var work = HomeWork()
        guard let actor = req.actor, !actor.isAdmin else { return work }
        let store = req.registry
        let today = req.today
        let units = actor.officerUnits
        let officerProvinces = actor.officerProvinces
        // One read of the years for both roles an account may hold.
        var blocs = try await store.blocs(ofProvinces: officerProvinces.union(actor.viewerProvinces))
        let unitBlocs = try await store.blocIDs(ofUnits: units).subtracting(blocs.map { $0.id! })
        if !unitBlocs.isEmpty {
            blocs += try await BlocModel.query(on: req.db).filter(\.$id ~~ Array(unitBlocs)).all()
        }
        let working = blocs.filter { officerProvinces.contains($0.$province.id) || unitBlocs.contains($0.id!) }
        let years = try await store.openYears(ofBlocs: working, today: today)
        var pending: [PendingItem] = []

        for unit in units.sorted(by: { $0.uuidString < $1.uuidString }) {
            for year in years where year.isMember(unit) {
                let own = PendingWork.unit(unit, in: year, today: today)
                let title = units.count > 1 ? "\(year.blocName) — năm \(year.year) (\(year.name(of: unit)))" : "\(year.blocName) — năm \(year.year)"
                work.sections.append(.init(heading: title, href: SiteURL.year(year.blocID, year.year).path,
                                           note: "Bước hiện tại: \(year.state.label)", items: own.map(Self.item)))
                pending += own
                let office = year.head == unit ? year.kind.headTitle : year.deputy == unit ? year.kind.deputyTitle : nil
                // The office's own section, even empty: the officer sees the year is theirs to lead.
                if let office {
                    let lead = PendingWork.head(unit, in: year, today: today)
                    work.sections.append(.init(heading: "Việc của \(office): \(year.blocName) — năm \(year.year)",
                                               href: SiteURL.year(year.blocID, year.year).path,
                                               note: "\(year.name(of: unit)) là \(office) năm \(year.year)", items: lead.map(Self.item)))
                    pending += lead
                }
            }
        }

        if !officerProvinces.isEmpty {
            let provincial = years.filter { officerProvinces.contains($0.provinceID) }
            work.states = PendingWork.byState(provincial).map { group in
                .init(state: group.state.rawValue, label: group.state.label,
                      years: group.years.map { Link(label: "\($0.blocName) — năm \($0.year)", href: SiteURL.year($0.blocID, $0.year).path) })
            }
            let late = provincial.flatMap { PendingWork.lateUnits(in: $0, today: today) }
            let proposals = PendingWork.proposals(try await store.proposalsAwaiting(inProvinces: officerProvinces))
            work.late = late.map(Self.item)
            work.proposals = proposals.map(Self.item)
            pending += late + proposals
        }

        if !actor.viewerProvinces.isEmpty {
            let provinces = try await ProvinceModel.query(on: req.db).filter(\.$id ~~ Array(actor.viewerProvinces)).sort(\.$name).all()
            work.provinces = provinces.map { Link(label: $0.core.fullName, href: SiteURL.province($0.id!).path) }
            let viewed = blocs.filter { actor.viewerProvinces.contains($0.$province.id) }
            work.published = try await store.publishedYears(ofBlocs: viewed).map {
                Link(label: "Xếp hạng \($0.bloc.name) năm \($0.year)", href: SiteURL.year($0.bloc.id!, $0.year, .ranking).path)
            }
        }
        work.count = PendingWork.count(pending)
        return work
    }

    static func item(_ item: PendingItem) -> Item {
        Item(text: item.text, href: href(item.target), deadline: item.deadline?.vietnamese, overdue: item.overdue, done: item.done)
    }

    static func href(_ target: PendingItem.Target) -> String {
        switch target {
        case .year(let bloc, let year): SiteURL.year(bloc, year).path
        case .pact(let bloc, let year): SiteURL.year(bloc, year, .pact).path
        case .registration(let bloc, let year, let unit): SiteURL.year(bloc, year, .registration(unit)).path
        case .sheet(let bloc, let year, let unit): SiteURL.year(bloc, year, .sheet(unit)).path
        case .sheets(let bloc, let year): SiteURL.year(bloc, year, .sheets).path
        case .conferences(let bloc, let year): SiteURL.year(bloc, year, .conferences).path
        case .proposal(let id): SiteURL.proposal(id).path
        }
    }
}

/// The number of pending lines of each account, and of its unread notifications, for the
/// navigation of every page: worked out once and kept until a write is audited anywhere in
/// this process or the day changes (a write made by another process shows once this one
/// writes, or the home page is opened). A notification is written only with an audited
/// change, and marking it read is audited, so the unread count follows the same rule.
final class PendingCounts: @unchecked Sendable {
    private struct Kept { var generation: Int; var day: LocalDate; var count: Int; var unread: Int }
    private let lock = NSLock()
    private var generation = 0
    private var kept: [UUID: Kept] = [:]
    /// Past this many accounts the counts start again (they only save reads).
    static let capacity = 5_000

    /// Something changed: every count is to be worked out again.
    func changed() { lock.withLock { generation &+= 1 } }

    /// Whether an audited entry may change anyone's pending work. A ballot, a sign-in, a new
    /// API token or a refused attempt cannot (voters have no count): a burst of them keeps
    /// every count.
    static func mayChange(_ entry: Auditor.Entry) -> Bool {
        if AuditedAttempt.isAttempt(entry) { return false }
        switch (entry.type, entry.action) {
        case (BallotSessionModel.auditType, "vote"), ("session", _), ("api_token", _): return false
        default: return true
        }
    }

    func count(for req: Request) -> Int? { current(for: req)?.count }

    func unread(for req: Request) -> Int? { current(for: req)?.unread }

    private func current(for req: Request) -> Kept? {
        guard let user = req.actor?.userID else { return nil }
        let today = req.today
        return lock.withLock {
            guard let entry = kept[user], entry.generation == generation, entry.day == today else { return nil }
            return entry
        }
    }

    func keep(_ count: Int, unread: Int, for req: Request) {
        guard let user = req.actor?.userID else { return }
        let today = req.today
        lock.withLock {
            if kept.count >= Self.capacity { kept.removeAll(keepingCapacity: true) }
            kept[user] = Kept(generation: generation, day: today, count: count, unread: unread)
        }
    }

    /// Works both numbers out for the signed-in officer and keeps them.
    func work(for req: Request) async throws -> HomeWork {
        let work = try await HomeWork.load(req)
        keep(work.count, unread: try await NotificationService(req: req).unreadCount(), for: req)
        return work
    }
}

extension Application {
    private struct PendingCountsKey: StorageKey { typealias Value = PendingCounts }

    /// Pending-work counts for the navigation; set by `configure`.
    var pendingCounts: PendingCounts {
        get {
            guard let counts = storage[PendingCountsKey.self] else { fatalError("configure(_:) has not run") }
            return counts
        }
        set { storage[PendingCountsKey.self] = newValue }
    }
}

/// Works out the navigation's count before a page is built (the page head is built without
/// waiting), when it is not kept: pages only (not the API, not files such as `.docx` or `.ics`,
/// not `/healthz`), for the officers whose homes count work (a viewer's, a voter's or the
/// admin's home has none to count).
struct PendingCountMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        // The home page works its count out itself.
        if req.method == .GET, path != SiteURL.home.path, path != SiteURL.healthz.path, !path.hasPrefix("/api/"),
           !(path.split(separator: "/").last?.contains(".") ?? false), let actor = req.actor, !actor.isAdmin,
           !(actor.officerUnits.isEmpty && actor.officerProvinces.isEmpty), req.application.pendingCounts.count(for: req) == nil {
            _ = try await req.application.pendingCounts.work(for: req)
        }
        return try await next.respond(to: req)
    }
}
