import Foundation
import QuayControl
import QuayCore

/// Readable output for people: tables and one-line summaries.
enum Render {
    /// A left-aligned table; widths count characters (Vietnamese diacritics are single characters when precomposed).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: max(0, widths[i] - c.count)) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }

    static func ticketLine(_ t: Ticket?) -> String {
        guard let t else { return "-" }
        var s = "\(t.number) [\(t.state.rawValue)] service=\(t.service) lang=\(t.language.rawValue)"
        if let p = t.priority { s += " priority=\(p)" }
        if let c = t.counter { s += " counter=\(c)" }
        if t.recalls > 0 { s += " recalls=\(t.recalls)" }
        s += " id=\(t.id)"
        return s
    }

    static func time(_ epoch: Double?) -> String {
        guard let epoch else { return "-" }
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return f.string(from: Date(timeIntervalSince1970: epoch))
    }

    /// A mean rating on the 1-4 scale, or "-" when nobody rated.
    static func rating(_ mean: Double?) -> String {
        guard let m = mean else { return "-" }
        return String(format: "%.2f", m)
    }

    static func minutes(_ seconds: Double?) -> String {
        guard let s = seconds else { return "-" }
        return String(format: "%.1f", s / 60)
    }

    /// One scan as a technician reads it: what was scanned and what quayd did (never personal data: quayd does
    /// not send any).
    static func scan(_ scan: ScanEvent) -> String {
        switch scan.kind {
        case "receipt":
            guard let res = scan.result else { return "receipt → ?" }
            return res.ok ? "receipt → return ticket \(res.ticket?.number ?? "?")" : "receipt → refused: \(res.error?.code ?? "?")"
        case "ticket":
            return "ticket \(scan.ticket?.number ?? "?") (\(scan.ticket?.state.rawValue ?? scan.reason ?? "?"))"
        case "cccd":
            return "ID card …\(scan.idLast4 ?? "????"), age \(scan.age ?? 0)"
                + (scan.suggestedPriority.map { ", offer priority \($0)" } ?? "")
        default:
            return "unreadable: \(scan.reason ?? "")"
        }
    }
}
