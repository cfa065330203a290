import Foundation
import QuayControl
import QuayCore
import QuayReports
import QuayWeb

/// The web report page (`/report` on the web server, `ReportRoute`): the `report` op through the same dispatch as
/// every caller, as the signed-in technician or admin, rendered with QuayReports as a page or a download (PDF,
/// XLSX, CSV, PNG of the very figures on the page: one request, one computation). `servedOn` says whether the page
/// may open without sign-in while no technician or admin account exists (loopback only).
struct ReportPage: Sendable {
    let state: DaemonState
    let dispatcher: OpDispatcher

    /// Loopback addresses only: on a LAN address anyone on the network could read the figures.
    static func servedOn(host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    enum Format: String, CaseIterable { case html, pdf, xlsx, csv, png }

    func reply(_ q: [String: String], as principal: WebPrincipal) async -> ReportPageReply {
        let cfg = state.config.center
        let now = LocalDate(epochSeconds: Date().timeIntervalSince1970, utcOffsetSeconds: cfg.clock.timeZone.secondsFromGMT())
        guard let lang = Language(rawValue: q["lang"] ?? "vi") else { return Self.text(400, "lang: must be vi, km or en") }
        guard let format = Format(rawValue: q["format"] ?? "html") else {
            return Self.text(400, "format: must be one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var today: LocalDate?
        if let t = q["today"] {
            guard let d = LocalDate(iso: t) else { return Self.text(400, "today: must be YYYY-MM-DD") }
            today = d
        }
        let asked: ReportQuery
        switch ReportQuery.parse(q, today: today ?? now) {
        case .failure(let e): return Self.text(400, e.message)
        case .success(let a): asked = a
        }
        let f = asked.filters
        let request = ReportRequest(period: asked.period, service: f.service, counter: f.counter, today: today, language: lang)
        let body: ReportBody
        switch await dispatcher.call(OpCatalog.report, request, as: .web(principal), expecting: ReportBody.self) {
        case .failure(let e): return Self.text(e.code == "forbidden" ? 403 : 400, "\(e.code): \(e.message)")
        case .success(let b): body = b
        }
        let r = body.report, labels = ReportLabels.forLanguage(lang), name = asked.name
        do {
            switch format {
            case .html:
                var filters = f
                filters.services = cfg.services.map { .init(value: $0.id, label: $0.name[lang]) }
                filters.counters = cfg.counters.map { .init(value: $0.id, label: "\($0.number)") }
                return ReportPageReply(
                    status: 200, contentType: "text/html; charset=utf-8",
                    body: Array(ReportHTML.page(r, labels: labels, query: asked.query, filters: filters).utf8))
            case .pdf:
                return ReportPageReply(
                    status: 200, contentType: "application/pdf", filename: name + ".pdf", body: try ReportImage.pdf(r, labels: labels))
            case .png:
                return ReportPageReply(status: 200, contentType: "image/png", body: try ReportImage.png(r, labels: labels))
            case .csv:
                let sheet = ReportSheets.all(r, labels).first { $0.key == (q["table"] ?? "services") } ?? ReportSheets.services(r, labels)
                return ReportPageReply(
                    status: 200, contentType: "text/csv; charset=utf-8", filename: "\(name)-\(sheet.key).csv",
                    body: Array(ReportText.csv(sheet).utf8))
            case .xlsx:
                let path = NSTemporaryDirectory() + "quay-report-\(UUID().uuidString).xlsx"
                defer { try? FileManager.default.removeItem(atPath: path) }
                try ReportXLSX.write(ReportSheets.all(r, labels), to: path)
                return ReportPageReply(
                    status: 200, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: name + ".xlsx",
                    body: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        } catch {
            return Self.text(500, "cannot render the report: \(error)")
        }
    }

    static func text(_ status: Int, _ s: String) -> ReportPageReply {
        ReportPageReply(status: status, contentType: "text/plain; charset=utf-8", body: Array((s + "\n").utf8))
    }
}
