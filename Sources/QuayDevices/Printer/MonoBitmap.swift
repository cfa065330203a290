/// A 1-bit image in printer order: rows top to bottom, `widthBytes` bytes per row, MSB = leftmost dot,
/// 1 = black. This is exactly the payload of `GS v 0`.
public struct MonoBitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let widthBytes: Int
    public var data: [UInt8]

    public init(width: Int, height: Int, data: [UInt8]? = nil) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.widthBytes = (self.width + 7) / 8
        let count = self.widthBytes * self.height
        if let data, data.count == count { self.data = data } else { self.data = [UInt8](repeating: 0, count: count) }
    }

    public func pixel(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return data[y * widthBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    public mutating func set(_ x: Int, _ y: Int, _ black: Bool = true) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * widthBytes + x / 8, m: UInt8 = 0x80 >> UInt8(x % 8)
        if black { data[i] |= m } else { data[i] &= ~m }
    }

    public mutating func fill(x: Int, y: Int, w: Int, h: Int) {
        for yy in max(0, y)..<min(height, y + h) { for xx in max(0, x)..<min(width, x + w) { set(xx, yy) } }
    }

    /// Each row repeated `factor` times (a preview of the printer's double-height font).
    public func scaledVertically(by factor: Int) -> MonoBitmap {
        guard factor > 1 else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(data.count * factor)
        for y in 0..<height {
            let row = data[y * widthBytes..<(y + 1) * widthBytes]
            for _ in 0..<factor { out += row }
        }
        return MonoBitmap(width: width, height: height * factor, data: out)
    }

    public func rowIsBlank(_ y: Int) -> Bool {
        let start = y * widthBytes
        return data[start..<start + widthBytes].allSatisfy { $0 == 0 }
    }

    /// Range of byte columns that hold any black dot, or nil when blank.
    public func inkedByteColumns() -> ClosedRange<Int>? {
        var lo = Int.max, hi = -1
        for y in 0..<height {
            let row = y * widthBytes
            for c in 0..<widthBytes where data[row + c] != 0 {
                lo = min(lo, c)
                hi = max(hi, c)
            }
        }
        return hi < 0 ? nil : lo...hi
    }

    /// The same image without blank rows at the top and bottom (nil when entirely blank).
    public func croppedVertically() -> MonoBitmap? {
        guard height > 0 else { return nil }
        guard let top = (0..<height).first(where: { !rowIsBlank($0) }),
            let bottom = (0..<height).last(where: { !rowIsBlank($0) })
        else { return nil }
        return MonoBitmap(
            width: width, height: bottom - top + 1,
            data: Array(data[top * widthBytes..<(bottom + 1) * widthBytes]))
    }

    /// Keeps only byte columns `cols` (whole bytes, so no bit shifting is needed).
    public func croppedColumns(_ cols: ClosedRange<Int>) -> MonoBitmap {
        let lo = max(0, cols.lowerBound), hi = min(widthBytes - 1, cols.upperBound)
        guard lo <= hi else { return MonoBitmap(width: 0, height: height) }
        let nb = hi - lo + 1
        var out: [UInt8] = []
        out.reserveCapacity(nb * height)
        for y in 0..<height { out += data[(y * widthBytes + lo)...(y * widthBytes + hi)] }
        return MonoBitmap(width: nb * 8, height: height, data: out)
    }

    /// Places this bitmap into a wider white canvas at byte column `byteOffset`.
    public func padded(toWidthBytes total: Int, byteOffset: Int) -> MonoBitmap {
        let off = max(0, min(byteOffset, total - widthBytes))
        var out = [UInt8](repeating: 0, count: total * height)
        for y in 0..<height {
            for c in 0..<min(widthBytes, total) { out[y * total + off + c] = data[y * widthBytes + c] }
        }
        return MonoBitmap(width: total * 8, height: height, data: out)
    }

    /// Stacks bitmaps (left aligned) into one, with `gap` blank rows between them.
    public static func stacked(_ parts: [MonoBitmap], width: Int, gap: Int = 0) -> MonoBitmap {
        let wb = (width + 7) / 8
        let h = parts.reduce(0) { $0 + $1.height } + max(0, parts.count - 1) * gap
        var out = MonoBitmap(width: width, height: h)
        var y = 0
        for p in parts {
            for r in 0..<p.height {
                for c in 0..<min(wb, p.widthBytes) { out.data[(y + r) * wb + c] = p.data[r * p.widthBytes + c] }
            }
            y += p.height + gap
        }
        return out
    }

    /// `GS v 0` commands for this bitmap, split so no command has more than `maxRows` rows.
    /// `mode`: `GS v 0` m (0 normal, 1 double width, 2 double height, 3 both).
    /// Blank bands inside the image (rows with no ink, e.g. between a line's two parts) are not sent: the image is
    /// split around a band and the band becomes `ESC J` paper feed, whenever that is shorter than the band's bytes.
    public func rasterCommands(maxRows: Int, mode: UInt8 = 0) -> [UInt8] {
        let step = max(1, maxRows)
        let dotsPerRow = mode & 2 != 0 ? 2 : 1
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 8 * (height / step + 1))
        var y = 0
        while y < height {
            let blank = blankRun(from: y)
            if blank > 0 && blank * widthBytes > Self.bandSplitCost {
                var dots = blank * dotsPerRow
                while dots > 0 {
                    out += EscPos.feed(dots: min(255, dots))
                    dots -= min(255, dots)
                }
                y += blank
                continue
            }
            // Send up to the next blank band worth skipping (at least one row, so the loop moves).
            var end = y + 1
            while end < height && end - y < step {
                let run = blankRun(from: end)
                if run > 0 && run * widthBytes > Self.bandSplitCost { break }
                end += max(1, run)
            }
            end = min(end, y + step, height)
            out += EscPos.rasterImage(
                widthBytes: widthBytes, rows: end - y, data: data[(y * widthBytes)..<(end * widthBytes)], mode: mode)
            y = end
        }
        return out
    }

    /// Bytes a split costs: a second `GS v 0` header (8) and the `ESC J n` that replaces the band (3).
    static let bandSplitCost = 11

    /// Number of consecutive blank rows starting at `y`.
    func blankRun(from y: Int) -> Int {
        var n = 0
        while y + n < height && rowIsBlank(y + n) { n += 1 }
        return n
    }
}

/// Converts Cairo `CAIRO_FORMAT_A1` pixel data to MSB-first printer rows.
///
/// Cairo stores A1 pixels in 32-bit words in native byte order, pixel 0 in the least significant bit on
/// little-endian machines (most significant on big-endian). `stride` is Cairo's row stride in bytes.
public enum CairoA1 {
    public static func repack(_ src: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int) -> MonoBitmap {
        var out = MonoBitmap(width: width, height: height)
        let wb = out.widthBytes
        for y in 0..<height {
            let row = y * stride
            for xb in 0..<wb {
                let word = row + (xb / 4) * 4
                guard word + 4 <= src.count else { continue }
                let w = src.loadUnaligned(fromByteOffset: word, as: UInt32.self)
                var byte: UInt8 = 0
                for bit in 0..<8 {
                    let x = xb * 8 + bit
                    guard x < width else { break }
                    let i = x % 32
                    #if _endian(little)
                    let on = (w >> UInt32(i)) & 1 != 0
                    #else
                    let on = (w >> UInt32(31 - i)) & 1 != 0
                    #endif
                    if on { byte |= 0x80 >> UInt8(bit) }
                }
                out.data[y * wb + xb] = byte
            }
        }
        return out
    }
}
