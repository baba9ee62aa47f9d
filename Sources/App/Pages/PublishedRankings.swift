import Foundation
import ThiDuaCore
import Vapor

/// What was published, decoded once per process: a ranking version's snapshot never changes
/// after publication (a correction is a new row, the old one only marked superseded), so its
/// result and chart are kept by the row's id and version. Nothing mutable is kept here.
final class PublishedRankings: @unchecked Sendable {
    struct Published: Sendable {
        var result: RankingResult
        var chart: String
    }

    /// Beyond this many versions the cache starts again (it only saves decoding).
    static let capacity = 2_000

    private let lock = NSLock()
    private var entries: [String: Published] = [:]

    /// The version's result as published, with its chart; nil when its snapshot cannot be read.
    func published(_ model: RankingModel) -> Published? {
        guard let id = model.id else { return model.result.map { Published(result: $0, chart: RankingChart.svg($0)) } }
        let key = "\(id) \(model.version)"
        if let kept = lock.withLock({ entries[key] }) { return kept }
        guard let result = model.result else { return nil }
        let published = Published(result: result, chart: RankingChart.svg(result))
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = published
        }
        return published
    }
}

extension Application {
    private struct PublishedRankingsKey: StorageKey { typealias Value = PublishedRankings }

    /// Published rankings, decoded; set by `configure`.
    var publishedRankings: PublishedRankings {
        get {
            guard let cache = storage[PublishedRankingsKey.self] else { fatalError("configure(_:) has not run") }
            return cache
        }
        set { storage[PublishedRankingsKey.self] = newValue }
    }
}

extension Request {
    /// A ranking version as it was published.
    func published(_ model: RankingModel) -> PublishedRankings.Published? { application.publishedRankings.published(model) }
}
