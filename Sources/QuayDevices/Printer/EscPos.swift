/// ESC/POS command encoder: pure functions from parameters to bytes. No I/O, no state.
///
/// Every function returns the exact byte sequence for one command, so tests can compare byte for byte and the
/// ticket layout can concatenate them. Numbers that do not fit a command's field are clamped, never trapped.
public enum EscPos {
    public static let esc: UInt8 = 0x1B
    public static let gs: UInt8 = 0x1D
    public static let dle: UInt8 = 0x10
    public static let eot: UInt8 = 0x04
    public static let lf: UInt8 = 0x0A

    /// `ESC @`: reset the printer to power-on settings (clears the line buffer, alignment, size).
    public static let initialize: [UInt8] = [esc, 0x40]

    /// `ESC d n`: print the buffer and feed `lines` lines.
    public static func feed(lines: Int) -> [UInt8] { [esc, 0x64, clampByte(lines)] }

    /// `ESC J n`: print the buffer and feed `dots` vertical motion units (1/203 in on most printers).
    public static func feed(dots: Int) -> [UInt8] { [esc, 0x4A, clampByte(dots)] }

    public enum Alignment: UInt8, Sendable { case left = 0, center = 1, right = 2 }

    /// `ESC a n`: justification for text and raster images of the following lines.
    public static func align(_ a: Alignment) -> [UInt8] { [esc, 0x61, a.rawValue] }

    /// `ESC E n`: emphasized (bold) on/off.
    public static func emphasize(_ on: Bool) -> [UInt8] { [esc, 0x45, on ? 1 : 0] }

    /// `GS ! n`: character size; `width` and `height` are multipliers 1...8.
    public static func characterSize(width: Int, height: Int) -> [UInt8] {
        let w = UInt8(max(1, min(8, width)) - 1), h = UInt8(max(1, min(8, height)) - 1)
        return [gs, 0x21, (w << 4) | h]
    }

    /// `ESC t n`: select character code table (vendor-specific numbering).
    public static func codePage(_ n: UInt8) -> [UInt8] { [esc, 0x74, n] }

    /// Text in the printer's native font followed by LF. Only printable ASCII is accepted (the only repertoire
    /// every code page shares); returns nil for anything else so the caller falls back to raster.
    public static func textLine(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 1)
        for b in s.utf8 {
            guard b >= 0x20 && b < 0x7F else { return nil }
            out.append(b)
        }
        out.append(lf)
        return out
    }

    /// True when `s` can be printed with `textLine` (printable ASCII only).
    public static func isNativeText(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    public enum Cut: Sendable, Equatable {
        /// `GS V 1`: partial cut at the current position.
        case partial
        /// `GS V 0`: full cut.
        case full
        /// `GS V 66 n`: feed `n` dots then partial cut.
        case feedAndPartial(Int)
    }

    public static func cut(_ c: Cut) -> [UInt8] {
        switch c {
        case .partial: return [gs, 0x56, 1]
        case .full: return [gs, 0x56, 0]
        case .feedAndPartial(let n): return [gs, 0x56, 66, clampByte(n)]
        }
    }

    /// `DLE EOT n`: real-time status request; the printer answers one byte even when offline.
    public static func realtimeStatus(_ kind: RealtimeStatusKind) -> [UInt8] { [dle, eot, kind.rawValue] }

    /// `GS a n`: automatic status back. `n` is a bit mask (bit0 drawer, bit1 online/offline, bit2 error,
    /// bit3 paper sensor); 0 disables. The printer then sends 4-byte blocks whenever the status changes.
    public static func automaticStatusBack(_ mask: UInt8) -> [UInt8] { [gs, 0x61, mask] }

    /// `GS v 0 m xL xH yL yH d1...dk`: raster bit image, `widthBytes` bytes per row (MSB = leftmost dot),
    /// `rows` rows. `data` must hold exactly widthBytes*rows bytes (it is padded with white or truncated).
    public static func rasterImage(widthBytes: Int, rows: Int, data: ArraySlice<UInt8>, mode: UInt8 = 0) -> [UInt8] {
        let wb = max(0, min(0xFFFF, widthBytes)), r = max(0, min(0xFFFF, rows))
        let count = wb * r
        var out: [UInt8] = [
            gs, 0x76, 0x30, mode,
            UInt8(wb & 0xFF), UInt8(wb >> 8), UInt8(r & 0xFF), UInt8(r >> 8),
        ]
        out.reserveCapacity(8 + count)
        out.append(contentsOf: data.prefix(count))
        if data.count < count { out.append(contentsOf: repeatElement(0, count: count - data.count)) }
        return out
    }

    public enum QRErrorCorrection: UInt8, Sendable { case low = 48, medium = 49, quartile = 50, high = 51 }

    /// Native QR code: `GS ( k` functions 65 (model 2), 67 (module size), 69 (error correction),
    /// 80 (store data) and 81 (print). Payload longer than the store command allows is truncated to 7089 bytes.
    public static func qrCode(_ payload: [UInt8], moduleSize: Int, errorCorrection: QRErrorCorrection) -> [UInt8] {
        let data = payload.prefix(7089)
        let storeLen = data.count + 3
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 30)
        out += [gs, 0x28, 0x6B, 4, 0, 0x31, 0x41, 0x32, 0x00]  // fn 65: model 2
        out += [gs, 0x28, 0x6B, 3, 0, 0x31, 0x43, UInt8(max(1, min(16, moduleSize)))]  // fn 67: module size
        out += [gs, 0x28, 0x6B, 3, 0, 0x31, 0x45, errorCorrection.rawValue]  // fn 69: error level
        out += [gs, 0x28, 0x6B, UInt8(storeLen & 0xFF), UInt8(storeLen >> 8), 0x31, 0x50, 0x30]  // fn 80: store
        out += data
        out += [gs, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30]  // fn 81: print
        return out
    }

    @inline(__always) static func clampByte(_ n: Int) -> UInt8 { UInt8(max(0, min(255, n))) }
}

/// Which real-time status `DLE EOT n` asks for.
public enum RealtimeStatusKind: UInt8, Sendable, CaseIterable {
    case printer = 1
    case offlineCause = 2
    case errorCause = 3
    case paperSensor = 4
}
