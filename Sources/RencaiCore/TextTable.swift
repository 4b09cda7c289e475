import Foundation

/// A left-aligned text table for terminals (CJK and full-width characters count as two columns).
///
/// ```swift
/// print(TextTable.render(["code", "title"], [["2-02-10-03", "计算机软件工程技术人员"]]))
/// ```
public enum TextTable {
    public static func render(_ header: [String], _ rows: [[String]], indent: String = "") -> String {
        func width(_ s: String) -> Int {
            s.unicodeScalars.reduce(0) { $0 + ($1.properties.isIdeographic || ($1.value >= 0xFF00 && $1.value <= 0xFFEF) ? 2 : 1) }
        }
        var widths = header.map(width)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) } }
        func line(_ cells: [String]) -> String {
            indent + cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[i] - width(c)))
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
