/// Turns the key events of a USB keyboard-wedge scanner (evdev) into scanned strings. Pure state machine: feed it
/// `(type, code, value)` triples as read from `/dev/input/event*`, get back a scan when the terminator key arrives.
///
/// US layout; tracks both shift keys and caps lock; ignores autorepeat (value 2) and key releases; ends a scan on
/// Enter, keypad Enter or Tab; strips an AIM symbology prefix (`]Q1`, `]C0`…). Keys it cannot map (function keys,
/// Alt) make the scan `garbled` rather than silently dropping characters. A scan longer than `maxLength` is cut
/// off and reported as `overflow` (a scanner stuck in a loop must not grow memory).
public struct KeyboardWedgeDecoder: Sendable {
    public enum Output: Sendable, Equatable {
        case scan(String)
        /// The scan contained keys that are not characters (their codes); the partial text is not trusted.
        case garbled(unmapped: [UInt16])
        case overflow(length: Int)
    }

    public static let evKey: UInt16 = 0x01
    public let maxLength: Int
    private var text: [Character] = []
    private var unmapped: [UInt16] = []
    private var shift: Set<UInt16> = []
    private var capsLock = false
    private var overflowed = false

    public init(maxLength: Int = 4096) { self.maxLength = maxLength }

    /// One input event. Non-key events (EV_SYN, EV_MSC scan codes) are ignored.
    public mutating func feed(type: UInt16, code: UInt16, value: Int32) -> Output? {
        guard type == Self.evKey else { return nil }
        switch code {
        case 42, 54:  // KEY_LEFTSHIFT, KEY_RIGHTSHIFT
            if value == 0 { shift.remove(code) } else { shift.insert(code) }
            return nil
        default: break
        }
        guard value == 1 else { return nil }  // release (0) or autorepeat (2)
        switch code {
        case 58:  // KEY_CAPSLOCK
            capsLock.toggle()
            return nil
        case 28, 96, 15:  // KEY_ENTER, KEY_KPENTER, KEY_TAB
            return finish()
        case 29, 97, 56, 100, 125, 126:  // Ctrl, Alt, Meta: modifiers some scanners send around nothing
            return nil
        default:
            break
        }
        guard let c = Self.character(code: code, shifted: !shift.isEmpty, capsLock: capsLock) else {
            unmapped.append(code)
            return nil
        }
        if text.count >= maxLength {
            overflowed = true
            return nil
        }
        text.append(c)
        return nil
    }

    /// Forget a partial scan (device detached).
    public mutating func reset() {
        text.removeAll(keepingCapacity: true)
        unmapped.removeAll()
        shift.removeAll()
        overflowed = false
    }

    private mutating func finish() -> Output? {
        defer {
            text.removeAll(keepingCapacity: true)
            unmapped.removeAll()
            overflowed = false
        }
        if overflowed { return .overflow(length: text.count) }
        if !unmapped.isEmpty { return .garbled(unmapped: unmapped) }
        if text.isEmpty { return nil }
        return .scan(Self.stripAIM(String(text)))
    }

    /// `]` + symbology letter + modifier digit, e.g. "]Q1" (QR), "]C0" (Code 128), "]E0" (EAN-13).
    public static func stripAIM(_ s: String) -> String {
        let u = Array(s.utf8)
        guard u.count > 3, u[0] == UInt8(ascii: "]"), (0x41...0x5A).contains(u[1]) || (0x61...0x7A).contains(u[1]),
            (0x30...0x39).contains(u[2])
        else { return s }
        return String(decoding: u[3...], as: UTF8.self)
    }

    /// US-layout character for a Linux key code.
    static func character(code: UInt16, shifted: Bool, capsLock: Bool) -> Character? {
        if let letter = letters[code] {
            let upper = shifted != capsLock
            return upper ? Character(letter.uppercased()) : letter
        }
        guard let pair = symbols[code] else { return nil }
        return shifted ? pair.1 : pair.0
    }

    private static let letters: [UInt16: Character] = [
        16: "q", 17: "w", 18: "e", 19: "r", 20: "t", 21: "y", 22: "u", 23: "i", 24: "o", 25: "p",
        30: "a", 31: "s", 32: "d", 33: "f", 34: "g", 35: "h", 36: "j", 37: "k", 38: "l",
        44: "z", 45: "x", 46: "c", 47: "v", 48: "b", 49: "n", 50: "m",
    ]

    private static let symbols: [UInt16: (Character, Character)] = [
        2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"), 7: ("6", "^"), 8: ("7", "&"),
        9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"), 12: ("-", "_"), 13: ("=", "+"), 26: ("[", "{"), 27: ("]", "}"),
        39: (";", ":"), 40: ("'", "\""), 41: ("`", "~"), 43: ("\\", "|"), 51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
        57: (" ", " "),
        // Keypad (scanners in "keypad emulation" send digits here).
        71: ("7", "7"), 72: ("8", "8"), 73: ("9", "9"), 74: ("-", "-"), 75: ("4", "4"), 76: ("5", "5"), 77: ("6", "6"),
        78: ("+", "+"), 79: ("1", "1"), 80: ("2", "2"), 81: ("3", "3"), 82: ("0", "0"), 83: (".", "."), 98: ("/", "/"),
        55: ("*", "*"),
    ]
}
