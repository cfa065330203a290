import CPangoCairo
import QuayCore

/// The report rendered for people: charts as PNG, and the one-page monthly PDF (A4) that the commune office
/// prints and signs. Cairo writes into memory; the caller decides where the bytes go.
public enum ReportImage {
    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The charts stacked in one PNG, `width` pixels wide (each chart width × 0.42 high); one chart when `only`.
    public static func png(_ r: QueueReport, labels l: ReportLabels, only: ReportChart? = nil, width: Int = 1200) throws(RenderError)
        -> [UInt8]
    {
        let charts = only.map { [$0] } ?? ReportChart.allCases
        let w = max(320, min(width, 4000))
        let chartH = Double(w) * 0.42
        let h = Int(chartH * Double(charts.count))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else {
            throw RenderError(description: "cannot create an image surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw RenderError(description: "cannot draw") }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let pad = Double(w) * 0.03
        for (i, c) in charts.enumerated() {
            let box = ReportCharts.Rect(x: pad, y: Double(i) * chartH + pad, w: Double(w) - 2 * pad, h: chartH - 2 * pad)
            ReportCharts.draw(c, r, l, cr, box)
        }
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(surface, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError(description: "PNG encoding failed (\(status.rawValue))") }
        return sink.bytes
    }

    /// One A4 page: header, period, the services and dossiers tables, the three charts and two signature boxes.
    public static func pdf(_ r: QueueReport, labels l: ReportLabels) throws(RenderError) -> [UInt8] {
        let sink = ByteSink()
        let page = (w: 595.28, h: 841.89)
        guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), page.w, page.h)
        else { throw RenderError(description: "cannot create a PDF surface") }
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError(description: "cannot draw")
        }
        ReportPage.draw(r, l, cr, width: page.w, height: page.h)
        cairo_show_page(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError(description: "PDF rendering failed (\(status.rawValue))") }
        return sink.bytes
    }

    /// Characters of the labels of `language` (and of the report's names) no installed font can draw.
    public static func missingGlyphs(_ r: QueueReport, labels l: ReportLabels) -> Int {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8) else { return -1 }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return -1 }
        defer { cairo_destroy(cr) }
        let texts =
            ReportSheets.all(r, l).flatMap { [$0.title] + $0.headers } + [l.title, l.chartWait, l.chartArrivals, l.chartOnTime]
            + r.services.map(\.name) + [r.center, l.preparedBy, l.approvedBy, l.signHint]
        return texts.reduce(0) { $0 + CairoText.unknownGlyphs(cr, $1) }
    }
}

/// Collects the bytes Cairo writes through its stream callbacks.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
