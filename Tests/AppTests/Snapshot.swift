@testable import App
import Foundation
import Testing
import Vapor

/// HTML snapshots (issue 16 part 8): a page rendered from a fixed context is compared with
/// the file committed under `__Snapshots__/<suite>/<name>.html`, so that a change in a page
/// shows in review as a change of that file.
///
/// On a difference the test fails with the lines that differ and writes the new rendering
/// beside the old one as `<name>.new.html` (ignored by git). With
/// `THIDUA_RECORD_SNAPSHOTS=1` every snapshot is written afresh instead and the test passes:
///
///     THIDUA_RECORD_SNAPSHOTS=1 swift test --filter PageSnapshotTests
enum Snapshot {
    static let recordVariable = "THIDUA_RECORD_SNAPSHOTS"
    static var recording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// The package's root, found from this file (the tests may run from any directory).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static func file(_ name: String, suite: String) -> URL {
        root.appendingPathComponent(suite).appendingPathComponent(name + ".html")
    }

    static func pendingFile(_ name: String, suite: String) -> URL {
        root.appendingPathComponent(suite).appendingPathComponent(name + ".new.html")
    }

    /// Only what must vary between renderings: a CSRF token (a session's, in a page a test
    /// gets from the server). Mock contexts carry a fixed one; this keeps the files stable
    /// if a context ever takes it from a session.
    static func normalise(_ html: String) -> String {
        let pattern = #"(name="_csrf" value=")[^"]*(")"#
        return html.replacingOccurrences(of: pattern, with: "$1CSRF$2", options: .regularExpression)
    }

    /// Compares `rendered` with the stored snapshot; records it when asked or when none is stored.
    static func check(_ rendered: String, named name: String, suite: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = normalise(rendered)
        let file = file(name, suite: suite)
        let pending = pendingFile(name, suite: suite)
        let manager = FileManager.default
        try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if recording {
            try text.write(to: file, atomically: true, encoding: .utf8)
            try? manager.removeItem(at: pending)
            return
        }
        guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record(Comment(rawValue: "No snapshot of «\(name)» was stored; it is recorded now at \(file.path): read it and commit it."),
                         sourceLocation: sourceLocation)
            return
        }
        if stored == text {
            try? manager.removeItem(at: pending)
            return
        }
        try text.write(to: pending, atomically: true, encoding: .utf8)
        Issue.record(Comment(rawValue: """
            The page «\(name)» differs from its snapshot \(file.path)
            (- stored, + now; the new rendering is at \(pending.path);
            if the change is meant, re-record: \(recordVariable)=1 swift test --filter PageSnapshotTests):
            \(diff(stored, text))
            """), sourceLocation: sourceLocation)
    }

    /// The lines that differ, numbered, with a line of context either side; at most
    /// `limit` lines, so that a rewritten page does not flood the log.
    static func diff(_ old: String, _ new: String, limit: Int = 80) -> String {
        let before = old.components(separatedBy: "\n")
        let after = new.components(separatedBy: "\n")
        let changes = after.difference(from: before)
        var removed: [Int: String] = [:]
        var inserted: [Int: String] = [:]
        for change in changes {
            switch change {
            case .remove(let offset, let line, _): removed[offset] = line
            case .insert(let offset, let line, _): inserted[offset] = line
            }
        }
        // Walk both texts together: kept lines advance both, removed lines the old one,
        // inserted lines the new one.
        var lines: [(mark: Character, number: Int, text: String)] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if let line = removed[i] {
                lines.append(("-", i + 1, line)); i += 1
            } else if let line = inserted[j] {
                lines.append(("+", j + 1, line)); j += 1
            } else {
                lines.append((" ", j + 1, after[j])); i += 1; j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        let shown = Set(changed.flatMap { [$0 - 1, $0, $0 + 1] }).filter { lines.indices.contains($0) }.sorted()
        var out: [String] = []
        var previous: Int?
        for index in shown {
            if let previous, index > previous + 1 { out.append("…") }
            let line = lines[index]
            out.append("\(line.mark) \(String(format: "%4d", line.number)) │ \(line.text)")
            previous = index
        }
        if out.count > limit { out = Array(out.prefix(limit)) + ["… (\(out.count - limit) more lines)"] }
        return out.joined(separator: "\n")
    }
}
