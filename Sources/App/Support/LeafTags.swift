import Leaf
import ThiDuaCore

/// `#vndate(isoText)`: "2025-07-01" → "01/07/2025"; empty stays empty.
struct VietnameseDateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string, let date = LocalDate(text) else { return .string("") }
        return .string(date.vietnamese)
    }
}
