/// One element of a laid-out ticket, before it becomes ESC/POS bytes.
public enum TicketBlock: Sendable, Equatable {
    /// Cropped 1-bit image drawn by Pango (a text line or a raster QR), positioned with `alignment`.
    /// `fullWidth` is the same content on a paper-wide canvas (used when the printer ignores `ESC a` for raster).
    case raster(MonoBitmap, fullWidth: MonoBitmap, alignment: EscPos.Alignment)
    /// As `raster`, drawn at half height and printed at double height (`GS v 0` mode 2): half the bytes.
    case tallRaster(MonoBitmap, fullWidth: MonoBitmap, alignment: EscPos.Alignment)
    /// A line in the printer's own font (12x24 dots; printable ASCII, or Vietnamese on a TCVN-3 profile),
    /// magnified `width` x `height` times.
    case nativeText(String, alignment: EscPos.Alignment, width: Int, height: Int, bold: Bool)
    /// QR code printed by the printer (`GS ( k`).
    case nativeQR([UInt8], moduleDots: Int)
    /// Blank paper, in dots.
    case feed(dots: Int)
}

extension TicketBlock {
    /// ESC/POS bytes for this block on `profile`.
    public func escPos(_ profile: PrinterProfile) -> [UInt8] {
        switch self {
        case .raster(let bmp, let full, let alignment):
            if profile.rasterAlignment {
                return EscPos.align(alignment) + bmp.rasterCommands(maxRows: profile.maxRasterRows)
            }
            // Printer ignores ESC a for images: send from the left edge to the last inked byte column.
            let right = full.inkedByteColumns()?.upperBound ?? 0
            return EscPos.align(.left) + full.croppedColumns(0...right).rasterCommands(maxRows: profile.maxRasterRows)
        case .tallRaster(let bmp, let full, let alignment):
            if profile.rasterAlignment {
                return EscPos.align(alignment) + bmp.rasterCommands(maxRows: profile.maxRasterRows, mode: 2)
            }
            let right = full.inkedByteColumns()?.upperBound ?? 0
            return EscPos.align(.left) + full.croppedColumns(0...right).rasterCommands(maxRows: profile.maxRasterRows, mode: 2)
        case .nativeText(let s, let alignment, let width, let height, let bold):
            guard let line = profile.textEncoding.line(s) else { return [] }
            var out = EscPos.align(alignment)
            if bold { out += EscPos.emphasize(true) }
            let magnified = width > 1 || height > 1
            if magnified { out += EscPos.characterSize(width: width, height: height) }
            out += line
            if magnified { out += EscPos.characterSize(width: 1, height: 1) }
            if bold { out += EscPos.emphasize(false) }
            return out
        case .nativeQR(let payload, let module):
            return EscPos.align(.center) + EscPos.qrCode(payload, moduleSize: module, errorCorrection: .medium)
        case .feed(let dots):
            return dots > 0 ? EscPos.feed(dots: dots) : []
        }
    }
}
