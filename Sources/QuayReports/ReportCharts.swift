import CPangoCairo
import QuayCore

/// The report's charts, drawn with Cairo into a rectangle of any surface (PNG or PDF): waiting time per day
/// (median and 90th percentile), arrivals per hour, and the share of dossiers returned on time per service.
public enum ReportChart: String, Sendable, CaseIterable {
    case wait, arrivals, onTime = "on-time"
}

enum ReportCharts {
    struct Rect {
        var x, y, w, h: Double
    }

    static let ink = (0.15, 0.15, 0.2), grid = (0.85, 0.85, 0.88)
    static let dark = (0.12, 0.35, 0.62), light = (0.55, 0.72, 0.9), green = (0.2, 0.55, 0.3), red = (0.8, 0.3, 0.25)

    static func draw(_ chart: ReportChart, _ r: QueueReport, _ l: ReportLabels, _ cr: OpaquePointer, _ box: Rect) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        let titleSize = max(9, box.h * 0.055)
        let title: String
        switch chart {
        case .wait: title = l.chartWait
        case .arrivals: title = l.chartArrivals
        case .onTime: title = l.chartOnTime
        }
        let th = CairoText.draw(cr, title, x: box.x, y: box.y, width: box.w, size: titleSize, bold: true, align: .center, color: ink)
        let area = Rect(x: box.x, y: box.y + th + 4, w: box.w, h: box.h - th - 4)
        switch chart {
        case .wait:
            let labels = r.days.map { String($0.id.suffix(2)) }
            bars(
                cr, area, labels: labels, series: [r.days.map { ($0.wait.p50 ?? 0) / 60 }, r.days.map { ($0.wait.p90 ?? 0) / 60 }],
                colors: [dark, light], legend: ["P50", "P90"], textSize: titleSize * 0.75)
        case .arrivals:
            let used = r.arrivalsByHour.indices.filter { r.arrivalsByHour[$0] > 0 }
            let first = min(used.first ?? 7, 7), last = max(used.last ?? 17, 17)
            let hours = Array(first...last)
            let perDay = Double(max(1, r.period.days))
            bars(
                cr, area, labels: hours.map { String($0) + "h" }, series: [hours.map { Double(r.arrivalsByHour[$0]) / perDay }],
                colors: [dark], legend: [l.arrivalsPerDay], textSize: titleSize * 0.75)
        case .onTime:
            shares(cr, area, rows: r.dossiers.map { ($0.name, $0.onTimeRate) }, textSize: titleSize * 0.8)
        }
    }

    /// Vertical bars, one group per label, one bar per series; y axis with round ticks.
    static func bars(
        _ cr: OpaquePointer, _ a: Rect, labels: [String], series: [[Double]], colors: [(Double, Double, Double)], legend: [String],
        textSize: Double
    ) {
        let top = series.flatMap { $0 }.max() ?? 0
        let (step, maxY) = niceScale(top)
        let axisW = CairoText.width(cr, String(Int(maxY)), size: textSize) + 8
        let legendH = textSize * 1.6, labelH = textSize * 1.5
        let plot = Rect(x: a.x + axisW, y: a.y + legendH, w: a.w - axisW - 4, h: a.h - legendH - labelH)
        guard plot.w > 10, plot.h > 10, !labels.isEmpty else { return }
        cairo_set_line_width(cr, 0.5)
        var v = 0.0
        while v <= maxY + step / 2 {
            let y = plot.y + plot.h - v / maxY * plot.h
            setColor(cr, grid)
            cairo_move_to(cr, plot.x, y)
            cairo_line_to(cr, plot.x + plot.w, y)
            cairo_stroke(cr)
            let text = step < 1 ? ReportSheet.Cell.oneDecimal(v) : String(Int(v.rounded()))
            CairoText.draw(cr, text, x: a.x, y: y - textSize * 0.7, width: axisW - 4, size: textSize, align: .right, color: ink)
            v += step
        }
        let slot = plot.w / Double(labels.count)
        let barW = slot * 0.8 / Double(max(1, series.count))
        for (s, values) in series.enumerated() {
            setColor(cr, colors[s % colors.count])
            for (i, value) in values.enumerated() where value > 0 {
                let h = value / maxY * plot.h
                cairo_rectangle(cr, plot.x + Double(i) * slot + slot * 0.1 + Double(s) * barW, plot.y + plot.h - h, barW, h)
            }
            cairo_fill(cr)
        }
        // Labels: as many as fit without overlapping.
        let widest = labels.map { CairoText.width(cr, $0, size: textSize) }.max() ?? 0
        let every = max(1, Int(((widest + 4) / slot).rounded(.up)))
        for (i, text) in labels.enumerated() where i % every == 0 {
            CairoText.draw(
                cr, text, x: plot.x + Double(i) * slot - slot, y: plot.y + plot.h + 2, width: slot * 3, size: textSize, align: .center,
                color: ink)
        }
        var lx = plot.x
        for (s, name) in legend.enumerated() {
            setColor(cr, colors[s % colors.count])
            cairo_rectangle(cr, lx, a.y + textSize * 0.3, textSize, textSize)
            cairo_fill(cr)
            let w = CairoText.width(cr, name, size: textSize)
            CairoText.draw(cr, name, x: lx + textSize * 1.4, y: a.y, width: w + 2, size: textSize, color: ink)
            lx += textSize * 2.4 + w
        }
    }

    /// Horizontal bars of a share 0...1 per row, with the percentage written after the bar.
    static func shares(_ cr: OpaquePointer, _ a: Rect, rows: [(String, Double?)], textSize: Double) {
        guard !rows.isEmpty else { return }
        let nameW = min(a.w * 0.4, (rows.map { CairoText.width(cr, $0.0, size: textSize) }.max() ?? 0) + 8)
        let pctW = CairoText.width(cr, "100.0%", size: textSize) + 6
        let rowH = min(a.h / Double(rows.count), textSize * 3)
        let barMax = a.w - nameW - pctW
        for (i, row) in rows.enumerated() {
            let y = a.y + Double(i) * rowH
            CairoText.draw(cr, row.0, x: a.x, y: y + rowH * 0.2, width: nameW - 6, size: textSize, align: .right, color: ink)
            setColor(cr, grid)
            cairo_rectangle(cr, a.x + nameW, y + rowH * 0.2, barMax, rowH * 0.6)
            cairo_fill(cr)
            guard let share = row.1 else { continue }
            setColor(cr, share >= 0.9 ? green : red)
            cairo_rectangle(cr, a.x + nameW, y + rowH * 0.2, barMax * share, rowH * 0.6)
            cairo_fill(cr)
            CairoText.draw(
                cr, ReportSheet.Cell.oneDecimal(share * 100) + "%", x: a.x + nameW + barMax + 4, y: y + rowH * 0.2, width: pctW,
                size: textSize, color: ink)
        }
    }

    /// A round tick step and the axis maximum (a multiple of it) for values up to `top`.
    static func niceScale(_ top: Double) -> (step: Double, max: Double) {
        guard top > 0 else { return (1, 1) }
        let raw = top / 5
        let mag = pow10(floorLog10(raw))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        return (step, (top / step).rounded(.up) * step)
    }

    private static func floorLog10(_ v: Double) -> Int {
        var e = 0, x = v
        while x >= 10 {
            x /= 10
            e += 1
        }
        while x < 1 {
            x *= 10
            e -= 1
        }
        return e
    }

    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }

    static func setColor(_ cr: OpaquePointer, _ c: (Double, Double, Double)) { cairo_set_source_rgb(cr, c.0, c.1, c.2) }
}
