/// A fixed date/time format such as "dd/MM/yyyy", "yyyy-MM-dd" or "dd/MM/yyyy HH:mm", compiled once and matched
/// against raw bytes: no DateFormatter, no allocation per row.
///
/// Tokens: `yyyy` year (4 digits), `MM`/`M` month, `dd`/`d` day, `HH`/`H` hour 0–23, `mm` minute, `ss` second.
/// Numeric fields other than the year accept one or two digits ("5/3/2026" matches "dd/MM/yyyy"). Any other
/// character must appear literally; `'T'` quoting is not needed (T is a literal).
public struct DateTimePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year, month, day, hour, minute, second
        case literal(UInt8)
    }
    let tokens: [Token]
    public let description: String

    /// nil when the pattern has no year, month and day or uses an unknown letter.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        let b = Array(pattern.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            var run = 1
            while i + run < b.count && b[i + run] == c { run += 1 }
            switch c {
            case UInt8(ascii: "y"):
                guard run == 4 else { return nil }
                tokens.append(.year)
            case UInt8(ascii: "M"):
                guard run <= 2 else { return nil }
                tokens.append(.month)
            case UInt8(ascii: "d"):
                guard run <= 2 else { return nil }
                tokens.append(.day)
            case UInt8(ascii: "H"):
                guard run <= 2 else { return nil }
                tokens.append(.hour)
            case UInt8(ascii: "m"):
                guard run <= 2 else { return nil }
                tokens.append(.minute)
            case UInt8(ascii: "s"):
                guard run <= 2 else { return nil }
                tokens.append(.second)
            default:
                if (c >= 0x41 && c <= 0x5A && c != UInt8(ascii: "T")) || (c >= 0x61 && c <= 0x7A) { return nil }
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        guard tokens.contains(.year), tokens.contains(.month), tokens.contains(.day) else { return nil }
        self.tokens = tokens
        self.description = pattern
    }

    /// A parsed local date and time of day.
    public struct Value: Sendable, Hashable {
        public var date: LocalDate
        /// Seconds since local midnight (0 when the pattern has no time).
        public var secondOfDay: Int
        /// Epoch seconds for a center at `utcOffsetSeconds`.
        public func epochSeconds(utcOffsetSeconds: Int) -> Double {
            Double(date.dayNumber * 86_400 + secondOfDay - utcOffsetSeconds)
        }
    }

    /// Matches the whole of `bytes` (already trimmed) or returns nil.
    public func match(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        var i = 0
        var y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0
        for t in tokens {
            switch t {
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            default:
                let maxDigits = t == .year ? 4 : 2
                var v = 0, n = 0
                while n < maxDigits && i < b.count {
                    let dg = Int(b[i]) &- 48
                    guard dg >= 0 && dg <= 9 else { break }
                    v = v * 10 + dg
                    n += 1
                    i += 1
                }
                guard n > 0, t != .year || n == 4 else { return nil }
                switch t {
                case .year: y = v
                case .month: mo = v
                case .day: d = v
                case .hour: h = v
                case .minute: mi = v
                case .second: s = v
                case .literal: break
                }
            }
        }
        guard i == b.count, h < 24, mi < 60, s < 60, let date = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Value(date: date, secondOfDay: h * 3600 + mi * 60 + s)
    }

    public func match(_ s: String) -> Value? {
        var s = s
        return s.withUTF8 { match($0) }
    }

    /// Tries each pattern in order; the first full match wins.
    public static func firstMatch(_ patterns: [DateTimePattern], _ b: UnsafeBufferPointer<UInt8>) -> Value? {
        for p in patterns { if let v = p.match(b) { return v } }
        return nil
    }
}
