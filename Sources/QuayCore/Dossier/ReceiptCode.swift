import Foundation

/// Why a receipt code was refused.
public enum ReceiptCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooShort(length: Int, minimum: Int)
    case tooLong(length: Int, maximum: Int)
    /// A control character (tab, NUL, ESC, GS …) at this 0-based character offset.
    case controlCharacter(offset: Int)
    /// A character outside the allowed set at this 0-based character offset.
    case invalidCharacter(Character, offset: Int)

    public var description: String {
        switch self {
        case .empty: "empty"
        case .tooShort(let l, let m): "\(l) characters, at least \(m) needed"
        case .tooLong(let l, let m): "\(l) characters, at most \(m) allowed"
        case .controlCharacter(let o): "control character at position \(o + 1)"
        case .invalidCharacter(let c, let o): "character '\(c)' at position \(o + 1) is not allowed"
        }
    }
}

/// Receipt codes (mã biên nhận / mã hồ sơ). The provincial format is not fixed ("000.00.12.H56-261125-0001",
/// "H56.22-2611-000123", "BN2026/00042"), so the rule is permissive: after trimming and upper-casing, 5–64
/// characters of A–Z, 0–9 and the separators `- . / _ :`. Anything else — spaces inside, letters with
/// diacritics, control characters — is garbage from a scanner or a paste and is refused.
public enum ReceiptCode {
    public static let minLength = 5
    public static let maxLength = 64

    /// Trimmed, upper-cased, validated code.
    public static func normalize(_ raw: String) throws(ReceiptCodeError) -> String {
        var raw = raw
        if let fast = raw.withUTF8({ asciiFastPath($0) }) { return fast }
        return try normalizeSlow(raw)
    }

    /// Common case without Character iteration: pure printable ASCII, already valid after trimming spaces.
    static func asciiFastPath(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
        while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D || b[hi - 1] == 0x0A { hi -= 1 }
        let n = hi - lo
        guard n >= minLength, n <= maxLength else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { out -> String? in
            for k in 0..<n {
                let a = b[lo + k]
                switch a {
                case 0x30...0x39, 0x41...0x5A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "_"),
                    UInt8(ascii: ":"):
                    out[k] = a
                case 0x61...0x7A: out[k] = a - 0x20
                default: return nil
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
    }

    static func normalizeSlow(_ raw: String) throws(ReceiptCodeError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        let trimmed = raw.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .empty }
        for (offset, ch) in trimmed.enumerated() {
            guard let a = ch.asciiValue else {
                if ch.unicodeScalars.contains(where: {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                }) {
                    throw .controlCharacter(offset: offset)
                }
                throw .invalidCharacter(ch, offset: offset)
            }
            switch a {
            case 0x30...0x39, 0x41...0x5A: out.append(a)
            case 0x61...0x7A: out.append(a - 0x20)
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: ":"): out.append(a)
            case 0..<0x20, 0x7F: throw .controlCharacter(offset: offset)
            default: throw .invalidCharacter(ch, offset: offset)
            }
            if out.count > maxLength { throw .tooLong(length: trimmed.count, maximum: maxLength) }
        }
        guard out.count >= minLength else { throw .tooShort(length: out.count, minimum: minLength) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cleans what a barcode/QR scanner delivers, then normalises it: strips a leading AIM symbology identifier
    /// ("]Q1", "]C0", "]d2" …: ']' + letter + digit/letter) and trailing CR/LF/TAB/NUL, as well as any
    /// leading ones (some scanners send a prefix key).
    public static func parseScan(_ raw: String) throws(ReceiptCodeError) -> String {
        var b = Array(raw.utf8)
        func isTrimmable(_ c: UInt8) -> Bool { c == 0x0D || c == 0x0A || c == 0x09 || c == 0x00 || c == 0x20 || c == 0x02 || c == 0x03 }
        while let l = b.last, isTrimmable(l) { b.removeLast() }
        var start = 0
        while start < b.count, isTrimmable(b[start]) { start += 1 }
        if b.count - start >= 3, b[start] == UInt8(ascii: "]") {
            let letter = b[start + 1] | 0x20
            let mod = b[start + 2]
            if letter >= 0x61 && letter <= 0x7A, (mod >= 0x30 && mod <= 0x39) || ((mod | 0x20) >= 0x61 && (mod | 0x20) <= 0x7A) {
                start += 3
            }
        }
        return try normalize(String(decoding: b[start...], as: UTF8.self))
    }

    /// For public screens: "•••• " + last 4 letters/digits of the code + " " + the citizen's initials,
    /// e.g. "•••• 1234 N.V.A". Separators are skipped when taking the last 4.
    public static func mask(_ code: String, citizenName: String) -> String {
        var tail: [Character] = []
        for ch in code.reversed() where ch.isASCII && (ch.isLetter || ch.isNumber) {
            tail.append(ch)
            if tail.count == 4 { break }
        }
        let shown = String(tail.reversed())
        let ini = initials(citizenName)
        return ini.isEmpty ? "•••• \(shown)" : "•••• \(shown) \(ini)"
    }

    /// Initials of a Vietnamese name, diacritics dropped except the letter Đ: "Nguyễn Văn Ánh" → "N.V.A",
    /// "đặng thị ngọc" → "Đ.T.N". At most `maxParts` parts, taken from the start (family name first).
    public static func initials(_ name: String, maxParts: Int = 4) -> String {
        var parts: [String] = []
        for word in name.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "." || $0 == "-" }) {
            guard let first = word.first(where: { $0.isLetter }) else { continue }
            parts.append(baseLetter(first))
            if parts.count == maxParts { break }
        }
        return parts.joined(separator: ".")
    }

    /// Upper-case letter without tone or vowel marks; Đ/đ stays Đ (a letter of its own in Vietnamese).
    static func baseLetter(_ c: Character) -> String {
        if c == "đ" || c == "Đ" { return "Đ" }
        let decomposed = String(c).decomposedStringWithCanonicalMapping
        guard let base = decomposed.unicodeScalars.first else { return "" }
        return String(Character(base)).uppercased()
    }
}
