import Foundation
import QuayControl
import QuayCore
import QuayReports
import QuayWeb

/// The web report page (`/report` on the hall server): the `report` op through the same dispatch as every
/// caller, rendered with QuayReports as a page or a download. Until the web login exists it is served only while
/// the web server listens on loopback (`servedOn`), as a technician (`source` web "report-loopback").
struct ReportPage: Sendable {
    let state: DaemonState
    let dispatcher: OpDispatcher
    static let caller = Caller(identity: .init(role: .technician, counters: nil), source: .web("report-loopback"))

    /// Loopback addresses only: on a LAN address anyone on the network could read the figures.
    static func servedOn(host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    enum Format: String, CaseIterable { case html, pdf, xlsx, csv, png }

    func reply(_ q: [String: String]) async -> ReportPageReply {
        let off = state.config.center.clock.timeZone.secondsFromGMT()
        let now = LocalDate(epochSeconds: Date().timeIntervalSince1970, utcOffsetSeconds: off)
        let month = q["month"] ?? String(now.iso.prefix(7))
        guard let period = ReportPeriod.month(month) else { return Self.text(400, "month: must be YYYY-MM") }
        guard let lang = Language(rawValue: q["lang"] ?? "vi") else { return Self.text(400, "lang: must be vi, km or en") }
        guard let format = Format(rawValue: q["format"] ?? "html") else {
            return Self.text(400, "format: must be one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var today: LocalDate?
        if let t = q["today"] {
            guard let d = LocalDate(iso: t) else { return Self.text(400, "today: must be YYYY-MM-DD") }
            today = d
        }
        let request = ReportRequest(period: period, today: today, language: lang)
        let body: ReportBody
        switch await dispatcher.call(OpCatalog.report, request, as: Self.caller, expecting: ReportBody.self) {
        case .failure(let e): return Self.text(e.code == "forbidden" ? 403 : 400, "\(e.code): \(e.message)")
        case .success(let b): body = b
        }
        let r = body.report, labels = ReportLabels.forLanguage(lang)
        let name = "report-\(month)"
        do {
            switch format {
            case .html:
                var query = "month=\(month)&amp;lang=\(lang.rawValue)"
                if let today { query += "&amp;today=\(today.iso)" }
                return ReportPageReply(
                    status: 200, contentType: "text/html; charset=utf-8",
                    body: Array(ReportHTML.page(r, labels: labels, query: query, month: month).utf8))
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
