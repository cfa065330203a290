import CPangoCairo
import QuayCore

/// The layout of the printable monthly report (one A4 page, in points).
enum ReportPage {
    static func draw(_ r: QueueReport, _ l: ReportLabels, _ cr: OpaquePointer, width: Double, height: Double) {
        let m = 36.0, w = width - 2 * m
        var y = m
        let ink = ReportCharts.ink
        // Header: the center on the left; in Vietnamese the national motto on the right, as on official reports.
        CairoText.draw(cr, r.center.uppercased(), x: m, y: y, width: w * 0.45, size: 9, bold: true, align: .center, color: ink)
        if l.language == .vi {
            CairoText.draw(
                cr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", x: m + w * 0.45, y: y, width: w * 0.55, size: 9,
                bold: true, align: .center, color: ink)
        }
        y += 34
        y += CairoText.draw(cr, l.title, x: m, y: y, width: w, size: 14, bold: true, align: .center, color: ink) + 2
        let subtitle = "\(l.period): \(r.period.description)   ·   \(l.madeOn): \(r.madeOn.iso)"
        y += CairoText.draw(cr, subtitle, x: m, y: y, width: w, size: 9, align: .center, color: ink) + 8

        let svc = ReportSheets.services(r, l)
        // Issued, served, no-show, transferred, priority %, Khmer %, wait median, wait P90, service median, satisfaction.
        let pick = [1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 16]
        y +=
            table(
                cr, x: m, y: y, width: w, title: l.services, headers: pick.map { svc.headers[$0] },
                rows: svc.rows.map { row in pick.map { row[$0] } }, first: 0.24) + 8
        let dos = ReportSheets.dossiers(r, l)
        y +=
            table(
                cr, x: m, y: y, width: w, title: l.dossiers, headers: Array(dos.headers.dropFirst()),
                rows: dos.rows.map { Array($0.dropFirst()) }, first: 0.3) + 8

        let chartsTop = y, signH = 80.0
        let avail = height - m - signH - chartsTop
        let h1 = avail * 0.48
        ReportCharts.draw(.wait, r, l, cr, .init(x: m, y: chartsTop, w: w, h: h1))
        let y2 = chartsTop + h1 + 6
        ReportCharts.draw(.arrivals, r, l, cr, .init(x: m, y: y2, w: w * 0.48, h: avail - h1 - 6))
        ReportCharts.draw(.onTime, r, l, cr, .init(x: m + w * 0.52, y: y2, w: w * 0.48, h: avail - h1 - 6))

        let sy = height - m - signH + 10
        for (i, who) in [l.preparedBy, l.approvedBy].enumerated() {
            let x = m + Double(i) * w / 2
            let hint = i == 0 ? l.signHint : (l.language == .vi ? "(Ký tên, đóng dấu)" : l.signHint)
            let h = CairoText.draw(cr, who, x: x, y: sy, width: w / 2, size: 10, bold: true, align: .center, color: ink)
            CairoText.draw(cr, hint, x: x, y: sy + h, width: w / 2, size: 8, align: .center, color: ink)
        }
    }

    /// A compact table: a bold caption, a shaded wrapped header row, rows with hairlines; numbers right-aligned.
    /// `first` is the first column's share of the width. Returns the height used.
    static func table(
        _ cr: OpaquePointer, x: Double, y: Double, width: Double, title: String, headers: [String], rows: [[ReportSheet.Cell]],
        first: Double
    ) -> Double {
        let size = 7.5, pad = 2.0, ink = ReportCharts.ink
        var cy = y + CairoText.draw(cr, title, x: x, y: y, width: width, size: 10, bold: true, color: ink) + 2
        let rest = headers.count > 1 ? (width * (1 - first)) / Double(headers.count - 1) : 0
        let widths = headers.indices.map { $0 == 0 ? width * first : rest }
        func xs(_ c: Int) -> Double { x + widths.prefix(c).reduce(0, +) }
        // Header height: the tallest wrapped header.
        var headerH = 0.0
        cairo_save(cr)
        cairo_rectangle(cr, 0, 0, 0, 0)
        cairo_clip(cr)
        for (c, h) in headers.enumerated() {
            headerH = max(headerH, CairoText.draw(cr, h, x: xs(c) + pad, y: 0, width: widths[c] - 2 * pad, size: size, bold: true))
        }
        cairo_restore(cr)
        headerH += 2 * pad
        ReportCharts.setColor(cr, (0.9, 0.92, 0.95))
        cairo_rectangle(cr, x, cy, width, headerH)
        cairo_fill(cr)
        for (c, h) in headers.enumerated() {
            CairoText.draw(
                cr, h, x: xs(c) + pad, y: cy + pad, width: widths[c] - 2 * pad, size: size, bold: true, align: c == 0 ? .left : .center,
                color: ink)
        }
        cy += headerH
        let rowH = size * 1.7
        for (i, row) in rows.enumerated() {
            let last = i == rows.count - 1
            for (c, cell) in row.enumerated() where c < widths.count {
                CairoText.draw(
                    cr, cell.plain, x: xs(c) + pad, y: cy + 1.5, width: widths[c] - 2 * pad, size: size, bold: last && rows.count > 1,
                    align: cell.isNumeric ? .right : .left, color: ink)
            }
            cy += rowH
            ReportCharts.setColor(cr, ReportCharts.grid)
            cairo_set_line_width(cr, 0.4)
            cairo_move_to(cr, x, cy)
            cairo_line_to(cr, x + width, cy)
            cairo_stroke(cr)
        }
        return cy - y
    }
}
