import Foundation
import QuayCore
import QuayReports

/// The report page's query (`/report?period=day|week|month|range&day=…&month=…&from=…&to=…&service=…&counter=…`):
/// the period and filters it asks for, checked, and the same query again for the page's download links, so a
/// download always has the figures on screen. Without `period` the page guesses from the fields given (`month`
/// alone is the old form); with nothing, this month.
struct ReportQuery: Sendable {
    var period: ReportPeriod
    var filters: ReportHTML.Filters
    /// The download links' query (URL-encoded, not HTML-escaped), without `format`.
    var query: String
    /// File name stem of downloads, e.g. "report-2026-11" or "report-2026-11-02_2026-11-08".
    var name: String

    static func parse(_ q: [String: String], today: LocalDate) -> Result<ReportQuery, ReportQueryError> {
        let kind = q["period"] ?? (q["from"] != nil ? "range" : q["day"] != nil ? "day" : "month")
        func date(_ key: String, _ fallback: LocalDate) -> LocalDate? {
            guard let s = q[key], !s.isEmpty else { return fallback }
            return LocalDate(iso: s)
        }
        guard let day = date("day", today) else { return .failure(.init("day: must be YYYY-MM-DD")) }
        let month = q["month"].flatMap { $0.isEmpty ? nil : $0 } ?? String(today.iso.prefix(7))
        guard let from = date("from", day), let to = date("to", day) else { return .failure(.init("from, to: must be YYYY-MM-DD")) }
        let period: ReportPeriod
        switch kind {
        case "day": period = .day(day)
        case "week": period = .week(containing: day)
        case "month":
            guard let p = ReportPeriod.month(month) else { return .failure(.init("month: must be YYYY-MM")) }
            period = p
        case "range":
            guard let p = ReportPeriod(from: from, to: to) else {
                return .failure(.init("from, to: 'to' on or after 'from', at most \(ReportPeriod.maxDays) days"))
            }
            period = p
        default: return .failure(.init("period: must be day, week, month or range"))
        }
        let service = q["service"].flatMap { $0.isEmpty ? nil : $0 }, counter = q["counter"].flatMap { $0.isEmpty ? nil : $0 }
        let filters = ReportHTML.Filters(
            kind: kind, day: day.iso, month: month, from: from.iso, to: to.iso, service: service, counter: counter)
        var pairs = [("period", kind)]
        switch kind {
        case "day", "week": pairs.append(("day", day.iso))
        case "month": pairs.append(("month", month))
        default: pairs += [("from", from.iso), ("to", to.iso)]
        }
        if let service { pairs.append(("service", service)) }
        if let counter { pairs.append(("counter", counter)) }
        if let lang = q["lang"] { pairs.append(("lang", lang)) }
        if let t = q["today"] { pairs.append(("today", t)) }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let query = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let stem = period.from == period.to ? period.from.iso : kind == "month" ? month : "\(period.from.iso)_\(period.to.iso)"
        return .success(ReportQuery(period: period, filters: filters, query: query, name: "report-" + stem))
    }
}

/// A report page query that cannot be answered (400, the message says which field).
struct ReportQueryError: Error, Sendable {
    let message: String
    init(_ m: String) { message = m }
}
