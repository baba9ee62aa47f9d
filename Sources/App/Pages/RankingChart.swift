import Foundation
import ThiDuaCore

/// The ranking as a horizontal bar chart, drawn on the server as SVG (no script, prints as
/// it shows). Bars start at zero; a disqualified unit's bar is hatched grey.
enum RankingChart {
    static func svg(_ result: RankingResult) -> String {
        let rows = result.rows
        guard !rows.isEmpty else { return "" }
        let barHeight = 26, gap = 8, labelWidth = 300, chartWidth = 420, top = 10
        let height = top + rows.count * (barHeight + gap) + 20
        let maximum = max(rows.map(\.final.hundredths).max() ?? 1, 1)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Biểu đồ điểm xếp hạng\" viewBox=\"0 0 \(labelWidth + chartWidth + 80) \(height)\" class=\"chart\" font-family=\"sans-serif\" font-size=\"13\">"]
        for (index, row) in rows.enumerated() {
            let y = top + index * (barHeight + gap)
            let width = max(0, row.final.hundredths) * chartWidth / maximum
            let fill = row.canLead ? (row.tied ? "#e6a100" : "#b3261e") : "#8a94a6"
            parts.append("<text x=\"\(labelWidth - 8)\" y=\"\(y + 18)\" text-anchor=\"end\">\(escape("\(row.rank). \(row.name)"))</text>")
            parts.append("<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(barHeight)\" fill=\"\(fill)\"><title>\(escape("\(row.name): \(row.final) điểm"))</title></rect>")
            parts.append("<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 18)\">\(escape(row.final.description))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
