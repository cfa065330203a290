/// Splits what a serial (CDC-ACM / RS-232) scanner sends into scans: one per line, ended by CR, LF or CR LF.
/// UTF-8 (CCCD QR codes carry Vietnamese names); a line that is not valid UTF-8 or longer than `maxLength` is
/// reported instead of being passed on. Pure: feed bytes as they arrive, in any chunking.
public struct ScanLineDecoder: Sendable {
    public enum Output: Sendable, Equatable {
        case scan(String)
        case invalidUTF8(length: Int)
        case overflow(length: Int)
    }

    public let maxLength: Int
    private var line: [UInt8] = []
    private var dropped = 0

    public init(maxLength: Int = 4096) { self.maxLength = maxLength }

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        var out: [Output] = []
        for b in bytes {
            if b == 0x0D || b == 0x0A {
                if let o = finish() { out.append(o) }
                continue
            }
            if line.count >= maxLength {
                dropped += 1
                continue
            }
            line.append(b)
        }
        return out
    }

    public mutating func reset() {
        line.removeAll()
        dropped = 0
    }

    private mutating func finish() -> Output? {
        defer {
            line.removeAll(keepingCapacity: true)
            dropped = 0
        }
        if dropped > 0 { return .overflow(length: line.count + dropped) }
        if line.isEmpty { return nil }
        guard let s = String(validating: line, as: UTF8.self) else { return .invalidUTF8(length: line.count) }
        return .scan(KeyboardWedgeDecoder.stripAIM(s))
    }
}
