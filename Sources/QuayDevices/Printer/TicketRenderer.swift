import Foundation

/// A ticket ready to send, with what tests and the technician's `preview` need to know about it.
public struct RenderedTicket: Sendable {
    public var blocks: [TicketBlock]
    /// The complete ESC/POS stream: `ESC @`, the blocks, the cut.
    public var bytes: [UInt8]
    /// Characters Pango could not draw with any installed font (tofu). Must be 0.
    public var unknownGlyphs: Int
    /// What the paper will look like (native text and native QR drawn locally as an approximation).
    public var preview: MonoBitmap
    /// Bytes that are raster image data (`GS v 0` payload).
    public var rasterBytes: Int
}

/// Lays out a `TicketPrintJob` for a `PrinterProfile`: Pango text lines cropped to their ink, ASCII lines in the
/// printer font where allowed, QR native or raster. Pure apart from fontconfig; safe to call from any thread.
public struct TicketRenderer: Sendable {
    public var profile: PrinterProfile
    /// Use the printer's font for printable-ASCII lines when the profile allows it.
    public var useNativeText: Bool

    public init(profile: PrinterProfile, useNativeText: Bool = true) {
        self.profile = profile
        self.useNativeText = useNativeText
    }

    public func render(_ job: TicketPrintJob) -> RenderedTicket {
        var layout = TicketLayoutBuilder(
            profile: profile, language: job.language,
            nativeText: useNativeText && profile.nativeText)
        let k = Double(profile.paperWidthDots) / 576
        func px(_ v: Double) -> Int { max(16, Int((v * k).rounded())) }
        let body = job.language == "km" ? px(26) : px(24)

        layout.text(job.centerName, size: px(22))
        layout.text(job.serviceName, size: px(30), bold: true)
        layout.gap(px(6))
        layout.number(job.number, size: px(120))
        if let mark = job.priorityMark, !mark.isEmpty { layout.text(mark, size: px(28), bold: true) }
        layout.gap(px(6))
        layout.text(job.texts.waitingAhead, size: body)
        if let s = job.texts.estimatedWait { layout.text(s, size: body) }
        if let s = job.texts.counters { layout.text(s, size: body) }
        if !job.qrPayload.isEmpty {
            layout.gap(px(8))
            layout.qr(Array(job.qrPayload.utf8))
        }
        layout.gap(px(4))
        layout.text(job.texts.issuedAt ?? Self.defaultTimestamp(job.issuedAt), size: px(22))
        if let s = job.texts.footer { layout.text(s, size: px(20)) }

        var bytes = EscPos.initialize
        if let cp = profile.codePage { bytes += EscPos.codePage(cp) }
        var raster = 0
        for b in layout.blocks {
            bytes += b.escPos(profile)
            if case .raster(let bmp, let full, _) = b {
                raster +=
                    profile.rasterAlignment
                    ? bmp.data.count
                    : (full.inkedByteColumns().map { ($0.upperBound + 1) * full.height } ?? 0)
            }
        }
        bytes += EscPos.cut(profile.cut)
        let preview = MonoBitmap.stacked(layout.previews, width: profile.paperWidthDots)
        return RenderedTicket(
            blocks: layout.blocks, bytes: bytes, unknownGlyphs: layout.unknownGlyphs,
            preview: preview, rasterBytes: raster)
    }

    /// "dd/MM/yyyy HH:mm" in local time: ASCII, so it prints in the native font.
    public static func defaultTimestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f.string(from: d)
    }
}

/// Accumulates blocks and their preview bitmaps.
struct TicketLayoutBuilder {
    let profile: PrinterProfile
    let language: String
    let nativeText: Bool
    var blocks: [TicketBlock] = []
    var previews: [MonoBitmap] = []
    var unknownGlyphs = 0

    var width: Int { profile.paperWidthDots }

    mutating func gap(_ dots: Int) {
        blocks.append(.feed(dots: dots))
        previews.append(MonoBitmap(width: width, height: dots))
    }

    /// A text line: native font when ASCII, fits and is allowed; otherwise Pango raster cropped to its ink.
    mutating func text(_ s: String, size: Int, bold: Bool = false) {
        let s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return }
        if nativeText, EscPos.isNativeText(s), s.count * profile.nativeCharWidthDots <= width {
            addNative(s, scale: 1, bold: bold)
            return
        }
        raster(s, style: TextStyle(families: TextStyle.families(for: language), pixelSize: size, bold: bold))
    }

    /// The big ticket number: native at 4x when ASCII and it fits, else raster.
    mutating func number(_ s: String, size: Int) {
        let scale = 4
        if nativeText, EscPos.isNativeText(s), s.count * profile.nativeCharWidthDots * scale <= width {
            addNative(s, scale: scale, bold: true)
            return
        }
        raster(s, style: TextStyle(families: "Noto Sans", pixelSize: size, bold: true))
    }

    mutating func qr(_ payload: [UInt8]) {
        let module = profile.qrModuleDots
        let bmp = QRRaster.bitmap(payload, moduleDots: module, errorCorrection: .medium)
        if profile.nativeQR {
            blocks.append(.nativeQR(payload, moduleDots: module))
            if let bmp {
                previews.append(bmp.padded(toWidthBytes: profile.widthBytes, byteOffset: (profile.widthBytes - bmp.widthBytes) / 2))
            }
            return
        }
        guard let bmp = bmp?.croppedVertically() else { return }
        let full = bmp.padded(toWidthBytes: profile.widthBytes, byteOffset: (profile.widthBytes - bmp.widthBytes) / 2)
        blocks.append(.raster(bmp, fullWidth: full, alignment: .center))
        previews.append(full)
    }

    private mutating func raster(_ s: String, style: TextStyle) {
        let r = TextRasterizer.render(s, width: width, style: style)
        unknownGlyphs += r.unknownGlyphs
        guard let full = r.bitmap.croppedVertically(), let cols = full.inkedByteColumns() else { return }
        blocks.append(.raster(full.croppedColumns(cols), fullWidth: full, alignment: style.alignment))
        previews.append(full)
        // A little air between raster lines (text lines carry none after cropping).
        gap(max(4, style.pixelSize / 4))
    }

    private mutating func addNative(_ s: String, scale: Int, bold: Bool) {
        blocks.append(.nativeText(s, alignment: .center, scale: scale, bold: bold))
        // Preview: a monospace font of the same cell size (font A is 12x24 dots).
        let r = TextRasterizer.render(
            s, width: width,
            style: TextStyle(
                families: "Noto Sans Mono, DejaVu Sans Mono",
                pixelSize: 20 * scale, bold: bold))
        previews.append(r.bitmap)
    }
}
