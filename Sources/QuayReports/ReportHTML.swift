import QuayCore

/// The report as one HTML page (the web report page): a period form, download links and every table, with the
/// charts as a PNG from the same page. Every text from the report or the query is escaped.
public enum ReportHTML {
    /// What the page's form shows selected, and the services and counters it offers.
    public struct Filters: Sendable, Equatable {
        public struct Option: Sendable, Equatable {
            public var value: String, label: String
            public init(value: String, label: String) { (self.value, self.label) = (value, label) }
        }
        /// day, week, month or range.
        public var kind: String
        public var day: String, month: String, from: String, to: String
        public var service: String?, counter: String?
        public var services: [Option] = [], counters: [Option] = []

        public init(
            kind: String, day: String, month: String, from: String, to: String, service: String? = nil, counter: String? = nil,
            services: [Option] = [], counters: [Option] = []
        ) {
            (self.kind, self.day, self.month, self.from, self.to) = (kind, day, month, from, to)
            (self.service, self.counter, self.services, self.counters) = (service, counter, services, counters)
        }
    }

    /// `query` is the page's own query string without `format` (URL-encoded; the download links add `format`).
    public static func page(_ r: QueueReport, labels l: ReportLabels, query rawQuery: String, filters f: Filters) -> String {
        let query = esc(rawQuery)
        let sheets = ReportSheets.all(r, l)
        let languages = ["vi", "km", "en"].map { "<option\($0 == l.language.rawValue ? " selected" : "")>\($0)</option>" }.joined()
        let downloads = ["pdf", "xlsx", "png", "csv"].map {
            "<a id=\"download-\($0)\" href=\"/report?\(query)&amp;format=\($0)\">\($0.uppercased())</a>"
        }
        var h = """
            <!doctype html>
            <html lang="\(l.language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(l.title)) · \(esc(r.center))</title>
            <style>
            body{font-family:"Noto Sans","Noto Sans Khmer",sans-serif;margin:1.5rem;color:#223}
            form label{margin-right:.8rem;white-space:nowrap}form{margin:.5rem 0;line-height:2.4}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.2rem .5rem;border-bottom:1px solid #dde}
            th{background:#e6ebf2;text-align:left}td.n{text-align:right}nav a{margin-right:1rem}img{max-width:100%}
            </style></head><body>
            <h1>\(esc(l.title))</h1>
            <p>\(esc(r.center)) · \(esc(l.period)): \(esc(r.period.description)) · \(esc(l.madeOn)): \(r.madeOn.iso)</p>
            \(form(f, l, languages))
            <nav>\(downloads.joined())</nav>

            """
        for s in sheets {
            h += "<h2>\(esc(s.title))</h2><table><tr>" + s.headers.map { "<th>\(esc($0))</th>" }.joined() + "</tr>\n"
            for row in s.rows {
                h +=
                    "<tr>" + row.map { $0.isNumeric ? "<td class=\"n\">\(esc($0.plain))</td>" : "<td>\(esc($0.plain))</td>" }.joined()
                    + "</tr>\n"
            }
            h += "</table>\n"
            if s.key == "summary" { h += "<img alt=\"\(esc(l.chartWait))\" src=\"/report?\(query)&amp;format=png\">\n" }
        }
        return h + "</body></html>\n"
    }

    /// The period and filter form: the inputs of every kind are sent, the server reads the ones `period` names.
    static func form(_ f: Filters, _ l: ReportLabels, _ languages: String) -> String {
        let w = FormWords.forLanguage(l.language)
        func option(_ value: String, _ label: String, _ selected: Bool) -> String {
            "<option value=\"\(esc(value))\"\(selected ? " selected" : "")>\(esc(label))</option>"
        }
        let kinds = [("day", w.day), ("week", w.week), ("month", w.month), ("range", w.range)].map { option($0.0, $0.1, $0.0 == f.kind) }
        let services = [option("", w.all, f.service == nil)] + f.services.map { option($0.value, $0.label, $0.value == f.service) }
        let counters = [option("", w.all, f.counter == nil)] + f.counters.map { option($0.value, $0.label, $0.value == f.counter) }
        return """
            <form id="filters" method="get" action="/report">
            <label>\(esc(w.period)) <select name="period">\(kinds.joined())</select></label>
            <label>\(esc(w.day)) <input type="date" name="day" value="\(esc(f.day))"></label>
            <label>\(esc(w.month)) <input type="month" name="month" value="\(esc(f.month))"></label>
            <label>\(esc(w.from)) <input type="date" name="from" value="\(esc(f.from))"></label>
            <label>\(esc(w.to)) <input type="date" name="to" value="\(esc(f.to))"></label>
            <label>\(esc(w.service)) <select name="service">\(services.joined())</select></label>
            <label>\(esc(w.counter)) <select name="counter">\(counters.joined())</select></label>
            <select name="lang">\(languages)</select>
            <button type="submit">OK</button></form>
            """
    }

    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
