/// Minimal handling of a citizen's phone number: only what the notifier needs.
public enum PhoneNumber {
    /// Keeps digits, accepts "+84"/"84" and separators (space . - ( )), returns the domestic form "0xxxxxxxxx"
    /// (9–11 digits after normalisation), or nil for anything else.
    public static func normalize(_ raw: String) -> String? {
        var digits: [UInt8] = []
        var plus = false
        for (i, c) in raw.utf8.enumerated() {
            switch c {
            case 0x30...0x39: digits.append(c)
            case UInt8(ascii: "+") where i == 0 || digits.isEmpty: plus = true
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), 0x09: continue
            default: return nil
            }
        }
        if digits.starts(with: [0x38, 0x34]) && (plus || digits.count == 11) {
            digits = [0x30] + digits.dropFirst(2)
        } else if plus {
            return nil
        }
        guard digits.first == 0x30, (9...11).contains(digits.count) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
