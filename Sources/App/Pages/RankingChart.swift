import Foundation
import ThiDuaCore

/// The ranking as a horizontal bar chart, drawn on the server as SVG (no script, prints as
/// it shows). Bars start at zero; a disqualified unit's bar is hatched grey.
enum RankingChart {
    static func svg(_ result: RankingResult) -> String {
        let rows = result.rows
        guard !rows.isEmpty else { return "" }
        let maximum = max(rows.map(\.final.hundredths).max() ?? 1, 1)
        return (chart(rows, maximum: maximum, wide: true) + chart(rows, maximum: maximum, wide: false)).joined(separator: "\n")
    }

    /// The wide chart puts each name left of its bar. Phones (issue 16 part 4): the narrow one
    /// puts it above, drawn 360 wide so that a phone shows the labels at about 14 px (the wide
    /// chart shrinks them to 6 px); the stylesheet shows one of the two.
    static func chart(_ rows: [RankingRow], maximum: Int, wide: Bool) -> [String] {
        let barHeight = wide ? 26 : 20, rowHeight = wide ? 34 : 48, chartWidth = wide ? 420 : 290, top = wide ? 10 : 4
        let labelWidth = wide ? 300 : 0
        let height = top + rows.count * rowHeight + (wide ? 20 : 0)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Biểu đồ điểm xếp hạng\" viewBox=\"0 0 \(wide ? labelWidth + chartWidth + 80 : 360) \(height)\" class=\"chart \(wide ? "wide" : "narrow")\" font-family=\"sans-serif\" font-size=\"\(wide ? 13 : 14)\">"]
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            let width = max(0, row.final.hundredths) * chartWidth / maximum
            let fill = row.canLead ? (row.tied ? "#e6a100" : "#b3261e") : "#8a94a6"
            let label = wide ? "x=\"\(labelWidth - 8)\" y=\"\(y + 18)\" text-anchor=\"end\"" : "x=\"0\" y=\"\(y + 14)\""
            parts.append("<text \(label)>\(escape("\(row.rank). \(row.name)"))</text>")
            parts.append("<rect x=\"\(labelWidth)\" y=\"\(wide ? y : y + 20)\" width=\"\(width)\" height=\"\(barHeight)\" fill=\"\(fill)\"><title>\(escape("\(row.name): \(row.final) điểm"))</title></rect>")
            parts.append("<text x=\"\(labelWidth + width + 6)\" y=\"\(wide ? y + 18 : y + 35)\">\(escape(row.final.description))</text>")
        }
        parts.append("</svg>")
        return parts
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
