import Foundation
import QuayControl

/// Readable output for people: tables and one-line summaries.
enum Render {
    static func json(_ v: JSONValue) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: e.encode(v), as: UTF8.self)) ?? "{}"
    }

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

    static func ticketLine(_ t: JSONValue?) -> String {
        guard let t else { return "-" }
        var s = "\(t["number"]?.string ?? "?") [\(t["state"]?.string ?? "?")] service=\(t["service"]?.string ?? "?") lang=\(t["language"]?.string ?? "vi")"
        if let p = t["priority"]?.string { s += " priority=\(p)" }
        if let c = t["counter"]?.string { s += " counter=\(c)" }
        if let r = t["recalls"]?.number, r > 0 { s += " recalls=\(Int(r))" }
        s += " id=\(t["id"]?.string ?? "?")"
        return s
    }

    static func time(_ epoch: Double?) -> String {
        guard let epoch else { return "-" }
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return f.string(from: Date(timeIntervalSince1970: epoch))
    }

    static func minutes(_ seconds: Double?) -> String {
        guard let s = seconds else { return "-" }
        return String(format: "%.1f", s / 60)
    }

    /// One scan as a technician reads it: what was scanned and what quayd did (never personal data: quayd does
    /// not send any).
    static func scan(_ scan: JSONValue) -> String {
        let kind = scan["kind"]?.string ?? "?"
        switch kind {
        case "receipt":
            let res = scan["result"]
            return res?["ok"]?.bool == true ? "receipt → return ticket \(res?["ticket"]?["number"]?.string ?? "?")"
                : "receipt → refused: \(res?["error"]?["code"]?.string ?? "?")"
        case "ticket":
            return "ticket \(scan["ticket"]?["number"]?.string ?? "?") (\(scan["ticket"]?["state"]?.string ?? scan["reason"]?.string ?? "?"))"
        case "cccd":
            return "ID card …\(scan["idLast4"]?.string ?? "????"), age \(Int(scan["age"]?.number ?? 0))"
                + (scan["suggestedPriority"]?.string.map { ", offer priority \($0)" } ?? "")
        default:
            return "unreadable: \(scan["reason"]?.string ?? "")"
        }
    }
}
