/// Lays out a `SlipPrintJob` like a ticket (`TicketLayoutBuilder`: printer font for ASCII lines, Pango raster for
/// the rest), with smaller type: a slip is read by staff at a desk, not by a citizen across a hall.
public struct SlipRenderer: Sendable {
    public var profile: PrinterProfile

    public init(profile: PrinterProfile) { self.profile = profile }

    public func render(_ job: SlipPrintJob) -> RenderedTicket {
        var layout = TicketLayoutBuilder(profile: profile, language: job.language, nativeText: profile.nativeText)
        let k = Double(profile.paperWidthDots) / 576
        func px(_ v: Double) -> Int { max(16, Int((v * k).rounded())) }
        layout.text(job.title, size: px(30), bold: true)
        for line in job.header { layout.text(line, size: px(24)) }
        layout.gap(px(10))
        for (n, e) in job.entries.enumerated() {
            layout.text("\(n + 1). \(e.codes)", size: px(24), bold: true)
            layout.text(e.detail, size: px(22))
        }
        layout.gap(px(10))
        // Room to sign under each closing line.
        for line in job.footer {
            layout.text(line, size: px(24))
            layout.gap(px(72))
        }
        if !job.qrPayload.isEmpty {
            layout.qr(Array(job.qrPayload.utf8))
        }
        return layout.finished()
    }
}
