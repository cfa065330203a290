import CQREncode

/// QR codes as raster (for printers without `GS ( k`) and for previews, via libqrencode.
public enum QRRaster {
    /// Encodes `payload` (8-bit mode, so UTF-8 stays intact) with a 4-module quiet zone... minus what the paper
    /// margin gives for free: 2 modules. Returns nil when the payload is too long for any QR version.
    public static func bitmap(_ payload: [UInt8], moduleDots: Int, errorCorrection: EscPos.QRErrorCorrection) -> MonoBitmap? {
        let level: QRecLevel
        switch errorCorrection {
        case .low: level = QR_ECLEVEL_L
        case .medium: level = QR_ECLEVEL_M
        case .quartile: level = QR_ECLEVEL_Q
        case .high: level = QR_ECLEVEL_H
        }
        guard !payload.isEmpty else { return nil }
        let code = payload.withUnsafeBufferPointer { buf -> UnsafeMutablePointer<QRcode>? in
            guard let base = buf.baseAddress else { return nil }
            return QRcode_encodeData(Int32(buf.count), base, 0, level)
        }
        guard let code else { return nil }
        defer { QRcode_free(code) }
        let n = Int(code.pointee.width)
        guard n > 0, let cells = code.pointee.data else { return nil }
        let m = max(1, moduleDots), quiet = 2
        let side = (n + 2 * quiet) * m
        var bmp = MonoBitmap(width: side, height: side)
        for y in 0..<n {
            for x in 0..<n where cells[y * n + x] & 1 != 0 {
                bmp.fill(x: (x + quiet) * m, y: (y + quiet) * m, w: m, h: m)
            }
        }
        return bmp
    }
}
