import CZlib
import Foundation

public enum PNGWriteError: Error, Sendable, Equatable {
    case zlib(Int32)
    case io(String)
}

/// Encodes a `MonoBitmap` as a 1-bit grayscale PNG (what the printer prints: black dots on white, about 1/24 of
/// an RGB PNG before compression), for `preview` and for test artefacts.
public enum PNGWriter {
    public static func encode(_ bmp: MonoBitmap) throws(PNGWriteError) -> [UInt8] {
        let w = max(1, bmp.width), h = max(1, bmp.height), rowBytes = (w + 7) / 8
        // Scanlines: filter byte 0, then the row; PNG gray 1-bit is 1 = white, the bitmap's 1 = black.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * h)
        for y in 0..<h {
            let o = y * (rowBytes + 1)
            for i in 0..<rowBytes {
                let byte: UInt8 = y < bmp.height && i < bmp.widthBytes ? bmp.data[y * bmp.widthBytes + i] : 0
                raw[o + 1 + i] = ~byte
            }
            // Padding bits past the right edge stay white.
            if w % 8 != 0 { raw[o + rowBytes] |= UInt8(0xFF >> (w % 8)) }
        }
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(raw.count))))
        var size = uLongf(compressed.count)
        let rc = compress2(&compressed, &size, raw, uLong(raw.count), 9)
        guard rc == Z_OK else { throw .zlib(rc) }
        compressed.removeLast(compressed.count - Int(size))

        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        for v in [UInt32(w), UInt32(h)] { header += bigEndian(v) }
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        chunk("IHDR", header, into: &out)
        chunk("IDAT", compressed, into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    public static func write(_ bmp: MonoBitmap, to path: String) throws(PNGWriteError) {
        let bytes = try encode(bmp)
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch { throw .io("\(error)") }
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        let t = Array(type.utf8)
        out += bigEndian(UInt32(data.count))
        out += t
        out += data
        var crc = crc32(0, t, uInt(t.count))
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(data.count)) }
        out += bigEndian(UInt32(crc))
    }
}
