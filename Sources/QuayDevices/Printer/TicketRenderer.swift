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
    /// Type size in dots (the em of a drawn line, the cell height of the printer's font) of the lines a citizen
    /// reads to know what to do (`waiting`, `estimate`, `counters`, `time`): at least
    /// `TicketRenderer.infoLineMinimumDots` (4.5 mm at 8 dots/mm) on 80 mm paper.
    public var infoLineHeights: [String: Int] = [:]
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
        // Info lines with a type size of at least 4.5 mm on paper (36 dots at 8 dots/mm; citizens are often
        // elderly); the printer's own font at double height (48 dots) where the line is ASCII.
        let body = px(36)

        layout.text(job.centerName, size: px(22))
        layout.text(job.serviceName, size: px(30), bold: true)
        layout.gap(px(6))
        layout.number(job.number, size: px(120))
        if let mark = job.priorityMark, !mark.isEmpty { layout.text(mark, size: px(28), bold: true) }
        layout.gap(px(6))
        layout.text(job.texts.waitingAhead, size: body, info: "waiting")
        if let s = job.texts.estimatedWait { layout.text(s, size: body, info: "estimate") }
        // Where to go: bold.
        if let s = job.texts.counters { layout.text(s, size: body, bold: true, info: "counters") }
        if !job.qrPayload.isEmpty {
            layout.gap(px(8))
            layout.qr(Array(job.qrPayload.utf8))
            if let s = job.texts.qrCaption { layout.text(s, size: px(22)) }
        }
        layout.gap(px(4))
        layout.text(job.texts.issuedAt ?? Self.defaultTimestamp(job.issuedAt), size: body, info: "time")
        if let s = job.texts.footer { layout.text(s, size: px(20)) }

        return layout.finished()
    }

    /// 4.5 mm at 203 dpi (8 dots/mm).
    public static let infoLineMinimumDots = 36

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
    var infoHeights: [String: Int] = [:]

    var width: Int { profile.paperWidthDots }

    /// Removes the last block and its preview.
    mutating func drop() {
        if !blocks.isEmpty { blocks.removeLast() }
        if !previews.isEmpty { previews.removeLast() }
    }

    mutating func gap(_ dots: Int) {
        blocks.append(.feed(dots: dots))
        previews.append(MonoBitmap(width: width, height: dots))
    }

    /// A text line: native font when the profile's font can print it, it fits and it is allowed; otherwise Pango raster cropped to its ink.
    /// An `info` line (what the citizen reads to know what to do) is printed at least 4.5 mm tall: native text at
    /// double height, raster at `size`; its printed height is recorded under that name.
    mutating func text(_ s: String, size: Int, bold: Bool = false, info: String? = nil) {
        let s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return }
        if nativeText, profile.textEncoding.canPrint(s), s.count * profile.nativeCharWidthDots <= width {
            let height = info == nil ? 1 : 2
            addNative(s, width: 1, height: height, bold: bold)
            if let info { infoHeights[info] = 24 * height }
            return
        }
        // Printed at double height from a half-height drawing (`GS v 0` mode 2, half the bytes): info lines, large
        // lines, and small lines without Latin diacritics (Khmer keeps its shapes at half height; the stacked marks
        // of Vietnamese at 20-22 dots merge, so small Vietnamese lines keep full resolution).
        let tall = info != nil || size >= Self.tallMinimumDots || !Self.hasLatinDiacritics(s)
        let style = TextStyle(
            families: TextStyle.families(for: language), pixelSize: size, bold: bold, verticalScale: tall ? 2 : 1)
        raster(s, style: style)
        if let info { infoHeights[info] = size }
    }

    /// Type size in dots from which a raster line is drawn at half height whatever its script.
    static let tallMinimumDots = 28

    /// Latin letters with diacritics (Latin-1 Supplement to Latin Extended-B, Latin Extended Additional) or
    /// combining marks: Vietnamese and the like.
    static func hasLatinDiacritics(_ s: String) -> Bool {
        s.unicodeScalars.contains {
            (0xC0...0x24F).contains($0.value) || (0x1E00...0x1EFF).contains($0.value) || (0x300...0x36F).contains($0.value)
        }
    }

    /// The big ticket number: native at 4x when ASCII and it fits, else raster.
    mutating func number(_ s: String, size: Int) {
        let scale = 4
        if nativeText, profile.textEncoding.canPrint(s), s.count * profile.nativeCharWidthDots * scale <= width {
            addNative(s, width: scale, height: scale, bold: true)
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

    /// Draws `s` and adds it cropped to its ink; returns the inked height in dots (0 when nothing was inked).
    @discardableResult
    private mutating func raster(_ s: String, style: TextStyle) -> Int {
        let r = TextRasterizer.render(s, width: width, style: style)
        unknownGlyphs += r.unknownGlyphs
        guard let full = r.bitmap.croppedVertically(), let cols = full.inkedByteColumns() else { return 0 }
        if style.verticalScale == 2 {
            blocks.append(.tallRaster(full.croppedColumns(cols), fullWidth: full, alignment: style.alignment))
            previews.append(full.scaledVertically(by: 2))
        } else {
            blocks.append(.raster(full.croppedColumns(cols), fullWidth: full, alignment: style.alignment))
            previews.append(full)
        }
        // A little air between raster lines (text lines carry none after cropping).
        gap(max(4, style.pixelSize / 4))
        return full.height * style.verticalScale
    }

    private mutating func addNative(_ s: String, width w: Int, height h: Int, bold: Bool) {
        blocks.append(.nativeText(s, alignment: .center, width: w, height: h, bold: bold))
        // Preview: a monospace font of the same cell size (font A is 12x24 dots), stretched for double height.
        let r = TextRasterizer.render(
            s, width: width,
            style: TextStyle(families: "Noto Sans Mono, DejaVu Sans Mono", pixelSize: 20 * w, bold: bold))
        previews.append(h > w ? r.bitmap.scaledVertically(by: h / w) : r.bitmap)
    }
}

extension TicketLayoutBuilder {
    /// The complete ESC/POS stream of what was laid out (`ESC @`, code page, the blocks, the cut) and its preview.
    mutating func finished() -> RenderedTicket {
        var bytes = EscPos.initialize
        if let cp = profile.textEncoding.initialCodePage ?? profile.codePage { bytes += EscPos.codePage(cp) }
        var raster = 0
        // A feed just before the cut adds nothing (the cut feeds to the blade): drop it.
        if case .feed = blocks.last { drop() }
        // `ESC a` holds until changed (ESC @ sets left): a block repeating the current one leaves it out.
        var alignment: UInt8 = EscPos.Alignment.left.rawValue
        for b in blocks {
            var block = b.escPos(profile)
            if block.count >= 3 && block[0] == EscPos.esc && block[1] == 0x61 {
                if block[2] == alignment { block.removeFirst(3) } else { alignment = block[2] }
            }
            bytes += block
            switch b {
            case .raster(let bmp, let full, _), .tallRaster(let bmp, let full, _):
                raster +=
                    profile.rasterAlignment
                    ? bmp.data.count
                    : (full.inkedByteColumns().map { ($0.upperBound + 1) * full.height } ?? 0)
            default: break
            }
        }
        bytes += EscPos.cut(profile.cut)
        let preview = MonoBitmap.stacked(previews, width: profile.paperWidthDots)
        return RenderedTicket(
            blocks: blocks, bytes: bytes, unknownGlyphs: unknownGlyphs,
            preview: preview, rasterBytes: raster, infoLineHeights: infoHeights)
    }
}
