import Foundation

/// Reports as text: aligned tables for a terminal (`--format table`) and CSV for spreadsheets.
public enum ReportText {
    /// Every sheet as an aligned text table (columns padded by characters; numbers right-aligned).
    public static func table(_ sheets: [ReportSheet]) -> String {
        sheets.map(table).joined(separator: "\n")
    }

    public static func table(_ s: ReportSheet) -> String {
        let cells = s.rows.map { $0.map(\.plain) }
        let widths = s.headers.indices.map { c in
            ([s.headers[c]] + cells.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 0
        }
        func line(_ values: [String], numeric: [Bool]) -> String {
            values.indices.map { c in
                let pad = String(repeating: " ", count: max(0, widths[c] - values[c].count))
                return numeric[c] ? pad + values[c] : values[c] + pad
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = "== \(s.title) ==\n"
        out += line(s.headers, numeric: s.headers.map { _ in false }) + "\n"
        for (i, row) in cells.enumerated() { out += line(row, numeric: s.rows[i].map(\.isNumeric)) + "\n" }
        return out
    }

    /// CSV (RFC 4180) of one sheet: a header row, CRLF line ends, UTF-8 with a byte order mark so Excel reads
    /// the Vietnamese names correctly. Minutes and percentages with one decimal and a dot.
    public static func csv(_ s: ReportSheet) -> String {
        var out = "\u{FEFF}"
        out += s.headers.map { quote(text: $0) }.joined(separator: ",") + "\r\n"
        for row in s.rows {
            out +=
                row.map { cell in
                    if case .text(let t) = cell { return quote(text: t) }
                    return cell.plain
                }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A text field: quoted when it holds a separator, a quote or a line break; a leading = + - @ (a formula to
    /// a spreadsheet: a service name from the configuration must never run as one) gets a ' in front.
    static func quote(text v: String) -> String {
        let formula = v.first.map { "=+-@".contains($0) } ?? false
        let body = formula ? "'" + v : v
        guard formula || body.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return body }
        return "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
