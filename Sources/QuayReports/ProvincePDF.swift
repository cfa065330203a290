import CPangoCairo
import QuayCore

/// The province report as an A4 PDF for people: page 1 has the header, the province totals, the services table
/// and two charts (on-time share per service, tickets per day); the following pages list every commune
/// (`rowsPerPage` a page) and the last one ends with the signature boxes.
public enum ProvincePDF {
    static let rowsPerPage = 52

    public static func render(_ r: ProvinceReport, labels l: ProvinceLabels) throws(ReportImage.RenderError) -> [UInt8] {
        let sink = ByteSink()
        let page = (w: 595.28, h: 841.89)
        guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), page.w, page.h)
        else { throw ReportImage.RenderError(description: "cannot create a PDF surface") }
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw ReportImage.RenderError(description: "cannot draw")
        }
        firstPage(r, l, cr, width: page.w, height: page.h)
        cairo_show_page(cr)
        let communes = ProvinceSheets.communes(r, l)
        // Commune, district, issued, served, no-show, wait mean, wait max, received, returned, on time %, overdue.
        let pick = [1, 2, 3, 4, 5, 8, 9, 14, 15, 19, 18]
        let rows = communes.rows.map { row in pick.map { row[$0] } }
        let chunks = stride(from: 0, to: rows.count, by: rowsPerPage).map { Array(rows[$0..<min(rows.count, $0 + rowsPerPage)]) }
        let m = 36.0, w = page.w - 2 * m
        for (i, chunk) in chunks.enumerated() {
            var y = m
            let title = chunks.count > 1 ? "\(l.communes) (\(i + 1)/\(chunks.count))" : l.communes
            y += ReportPage.table(
                cr, x: m, y: y, width: w, title: title, headers: pick.map { communes.headers[$0] }, rows: chunk, first: 0.2)
            if i == chunks.count - 1 { signatures(l, cr, x: m, y: min(y + 20, page.h - m - 60), width: w) }
            cairo_show_page(cr)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ReportImage.RenderError(description: "PDF rendering failed (\(status.rawValue))")
        }
        return sink.bytes
    }

    static func firstPage(_ r: ProvinceReport, _ l: ProvinceLabels, _ cr: OpaquePointer, width: Double, height: Double) {
        let m = 36.0, w = width - 2 * m, b = l.base, ink = ReportCharts.ink
        var y = m
        CairoText.draw(cr, r.province.uppercased(), x: m, y: y, width: w * 0.45, size: 9, bold: true, align: .center, color: ink)
        if b.language == .vi {
            CairoText.draw(
                cr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", x: m + w * 0.45, y: y, width: w * 0.55, size: 9,
                bold: true, align: .center, color: ink)
        }
        y += 34
        y += CairoText.draw(cr, l.title, x: m, y: y, width: w, size: 13, bold: true, align: .center, color: ink) + 2
        let expected = r.communes.count * r.period.days
        let subtitle =
            "\(b.period): \(r.period.description)   ·   \(b.madeOn): \(r.madeOn.iso)   ·   \(l.communes): \(r.communes.count)"
            + "   ·   \(l.centerDays): \(r.centerDaysReported)/\(expected)"
        y += CairoText.draw(cr, subtitle, x: m, y: y, width: w, size: 8.5, align: .center, color: ink) + 8

        let svc = ProvinceSheets.services(r, l)
        // Name, issued, served, no-show, wait mean, wait max, P90 worst day, service mean, satisfaction.
        let queuePick = [1, 2, 3, 4, 7, 8, 9, 10, 12]
        y +=
            ReportPage.table(
                cr, x: m, y: y, width: w, title: b.services, headers: queuePick.map { svc.headers[$0] },
                rows: svc.rows.map { row in queuePick.map { row[$0] } }, first: 0.28) + 4
        y += CairoText.draw(cr, l.waitNote, x: m, y: y, width: w, size: 7, color: ink) + 8
        let dossierPick = [1, 13, 14, 15, 16, 17, 18]
        y +=
            ReportPage.table(
                cr, x: m, y: y, width: w, title: b.dossiers, headers: dossierPick.map { svc.headers[$0] },
                rows: svc.rows.map { row in dossierPick.map { row[$0] } }, first: 0.3) + 10

        let avail = height - m - y
        guard avail > 120 else { return }
        let h1 = avail * 0.5
        chartTitle(l.chartIssued, cr, x: m, y: y, width: w)
        let labels = r.days.map { String($0.id.suffix(2)) }
        ReportCharts.bars(
            cr, .init(x: m, y: y + 16, w: w, h: h1 - 22), labels: labels, series: [r.days.map { Double($0.issued) }],
            colors: [ReportCharts.dark], legend: [b.issued], textSize: 7.5)
        let y2 = y + h1 + 4
        chartTitle(l.chartOnTime, cr, x: m, y: y2, width: w)
        ReportCharts.shares(
            cr, .init(x: m, y: y2 + 16, w: w, h: avail - h1 - 22), rows: r.services.map { ($0.name, $0.dossiers.onTimeRate) },
            textSize: 8)
    }

    static func chartTitle(_ t: String, _ cr: OpaquePointer, x: Double, y: Double, width: Double) {
        CairoText.draw(cr, t, x: x, y: y, width: width, size: 10, bold: true, align: .center, color: ReportCharts.ink)
    }

    static func signatures(_ l: ProvinceLabels, _ cr: OpaquePointer, x: Double, y: Double, width: Double) {
        let b = l.base, ink = ReportCharts.ink
        let approved = b.language == .vi ? "Chủ tịch UBND tỉnh" : b.approvedBy
        for (i, who) in [b.preparedBy, approved].enumerated() {
            let bx = x + Double(i) * width / 2
            let hint = i == 0 ? b.signHint : (b.language == .vi ? "(Ký tên, đóng dấu)" : b.signHint)
            let h = CairoText.draw(cr, who, x: bx, y: y, width: width / 2, size: 10, bold: true, align: .center, color: ink)
            CairoText.draw(cr, hint, x: bx, y: y + h, width: width / 2, size: 8, align: .center, color: ink)
        }
    }
}
