import QuayCore

/// One table of a report as typed cells: the text table, CSV, XLSX and PDF are all drawn from these.
public struct ReportSheet: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case int(Int)
        /// A duration in seconds, shown in minutes.
        case minutes(Double?)
        /// A share 0...1, shown as a percentage.
        case percent(Double?)
        case date(LocalDate)
        /// A plain number shown with one decimal.
        case decimal(Double)
    }

    /// Short machine name: the CSV `--table` choice and the XLSX sheet order.
    public var key: String
    public var title: String
    public var headers: [String]
    public var rows: [[Cell]]

    public init(key: String, title: String, headers: [String], rows: [[Cell]]) {
        (self.key, self.title, self.headers, self.rows) = (key, title, headers, rows)
    }
}

extension ReportSheet.Cell {
    /// Plain text for tables and CSV: minutes and percentages with one decimal and a dot, empty for "none".
    public var plain: String {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .minutes(let s): s.map { Self.oneDecimal($0 / 60) } ?? ""
        case .percent(let p): p.map { Self.oneDecimal($0 * 100) } ?? ""
        case .date(let d): d.iso
        case .decimal(let v): Self.oneDecimal(v)
        }
    }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }
}
