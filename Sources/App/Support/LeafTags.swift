import Leaf
import ThiDuaCore

/// `#vndate(isoText)`: "2025-07-01" → "01/07/2025"; empty stays empty.
struct VietnameseDateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string, let date = LocalDate(text) else { return .string("") }
        return .string(date.vietnamese)
    }
}

/// `#sample(note)`: the mark «Dữ liệu mẫu» on a fact the demo added, its title saying what of
/// it is sample; nothing when the note is empty or missing (a fact of the seeds or real data).
/// One tag so every page marks sample data the same way.
struct SampleMarkTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let note = ctx.parameters.first?.string, !note.isEmpty else { return .string("") }
        return .string(" <small class=\"sample-mark\" title=\"\(RankingChart.escape(note))\">\(SampleFacts.label)</small>")
    }
}
