/// Table and CSV renderings of `DossierStats` for `quayctl stats dossiers`.
extension DossierStats {
    public static let csvColumns = [
        "period", "group", "name", "total", "returned", "on_time", "late", "overdue", "pending",
        "closed", "on_time_rate",
    ]

    /// RFC 4180 CSV with a header row and a final "*" total row; the rate is a fraction with 4 decimals.
    public func csv(_ period: Period) -> String {
        var out = DossierStats.csvColumns.joined(separator: ",") + "\r\n"
        for r in rows(period) + [totalRow] {
            let c = r.counts
            let rate = c.onTimeRate.map { DossierStats.fixed($0, 4) } ?? ""
            let fields = [
                r.period, r.group, r.name, String(c.total), String(c.returned), String(c.onTime), String(c.late),
                String(c.overdue), String(c.pending), String(c.closed), rate,
            ]
            out += fields.map(CSVWriter.escape).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// An aligned plain-text table with a total line and the summary sentence.
    public func table(_ period: Period) -> String {
        let head = ["Period", "Group", "Name", "Total", "Returned", "On time", "Late", "Overdue", "Pending", "Closed", "On time %"]
        var lines: [[String]] = [head]
        for r in rows(period) + [totalRow] {
            let c = r.counts
            lines.append([
                r.period, r.group, DossierStats.truncate(r.name, 40), DossierStats.grouped(c.total), DossierStats.grouped(c.returned),
                DossierStats.grouped(c.onTime), DossierStats.grouped(c.late), DossierStats.grouped(c.overdue),
                DossierStats.grouped(c.pending), DossierStats.grouped(c.closed), c.onTimeRate.map(DossierStats.percent) ?? "-",
            ])
        }
        var widths = [Int](repeating: 0, count: head.count)
        for l in lines { for (i, f) in l.enumerated() { widths[i] = max(widths[i], f.count) } }
        func render(_ l: [String]) -> String {
            l.enumerated().map { i, f in
                let pad = String(repeating: " ", count: widths[i] - f.count)
                return i >= 3 ? pad + f : f + pad  // numbers right-aligned
            }.joined(separator: "  ")
        }
        var out = render(lines[0]) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for l in lines.dropFirst() { out += render(l) + "\n" }
        out += summary + "\n"
        return out
    }

    var totalRow: Row { Row(period: "\(from.iso)..\(to.iso)", group: "*", name: "Total", counts: total) }

    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let n = Int((v * Double(scale)).rounded())
        let frac = String(n % scale)
        return "\(n / scale)." + String(repeating: "0", count: decimals - frac.count) + frac
    }
}

/// Writing side of RFC 4180.
public enum CSVWriter {
    /// Quotes a field if it contains the delimiter, a quote, CR or LF (quotes doubled).
    public static func escape(_ field: String) -> String {
        let needs = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needs else { return field }
        var s = "\""
        for ch in field { if ch == "\"" { s += "\"\"" } else { s.append(ch) } }
        return s + "\""
    }

    public static func line(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") + "\r\n" }
}
