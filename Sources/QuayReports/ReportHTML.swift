import QuayCore

/// The report as one HTML page (the web report page): a period form, download links and every table, with the
/// charts as a PNG from the same page. Every text from the report or the query is escaped.
public enum ReportHTML {
    /// `query` is the page's own query string without `format` (the download links add theirs), already escaped
    /// for a URL by the caller.
    public static func page(_ r: QueueReport, labels l: ReportLabels, query: String, month: String) -> String {
        let sheets = ReportSheets.all(r, l)
        let languages = ["vi", "km", "en"].map { "<option\($0 == l.language.rawValue ? " selected" : "")>\($0)</option>" }.joined()
        let downloads = ["pdf", "xlsx", "png", "csv"].map { "<a href=\"/report?\(query)&amp;format=\($0)\">\($0.uppercased())</a>" }
        var h = """
            <!doctype html>
            <html lang="\(l.language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(l.title)) · \(esc(r.center))</title>
            <style>
            body{font-family:"Noto Sans","Noto Sans Khmer",sans-serif;margin:1.5rem;color:#223}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.2rem .5rem;border-bottom:1px solid #dde}
            th{background:#e6ebf2;text-align:left}td.n{text-align:right}nav a{margin-right:1rem}img{max-width:100%}
            </style></head><body>
            <h1>\(esc(l.title))</h1>
            <p>\(esc(r.center)) · \(esc(l.period)): \(esc(r.period.description)) · \(esc(l.madeOn)): \(r.madeOn.iso)</p>
            <form method="get" action="/report"><input type="month" name="month" value="\(esc(month))">
            <select name="lang">\(languages)</select>
            <button type="submit">OK</button></form>
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
