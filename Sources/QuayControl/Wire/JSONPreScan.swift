/// A byte-level check of one request line, run before any JSON parser sees it: one pass, no allocation.
///
/// Foundation's JSONDecoder crashes (SIGILL) on some pathological nesting (an unclosed array 513 deep) and its
/// cost grows with depth, so a line nested deeper than `maxDepth` never reaches it. The scan also refuses a NUL
/// character in any string (raw or escaped as `\u0000`): SQLite and C APIs downstream would cut the text there.
/// It does not validate JSON beyond that; the decoder still reports syntax errors.
public struct JSONPreScan: Sendable {
    public enum Refusal: Error, Sendable, Equatable {
        /// Arrays/objects nested deeper than the limit (at byte offset `at`).
        case tooDeep(limit: Int, at: Int)
        /// A string contains U+0000 (at byte offset `at`).
        case nulInString(at: Int)
        /// A raw NUL byte outside any string.
        case nulByte(at: Int)
    }

    /// Deepest nesting a control request needs is 4 (`{"args":{"mapping":{"columns":{…}}}}`); 32 leaves room.
    public static let defaultMaxDepth = 32

    public let maxDepth: Int
    public init(maxDepth: Int = JSONPreScan.defaultMaxDepth) { self.maxDepth = maxDepth }

    private enum State { case value, string, escape, unicode(Int, UInt32) }

    /// nil when the line may go to the decoder.
    public func check(_ bytes: some Collection<UInt8>) -> Refusal? {
        var depth = 0
        var state = State.value
        var offset = 0
        for b in bytes {
            defer { offset += 1 }
            switch state {
            case .value:
                switch b {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth { return .tooDeep(limit: maxDepth, at: offset) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth > 0 { depth -= 1 }
                case UInt8(ascii: "\""): state = .string
                case 0: return .nulByte(at: offset)
                default: break
                }
            case .string:
                switch b {
                case UInt8(ascii: "\\"): state = .escape
                case UInt8(ascii: "\""): state = .value
                case 0: return .nulInString(at: offset)
                default: break
                }
            case .escape:
                state = b == UInt8(ascii: "u") ? .unicode(0, 0) : .string
            case .unicode(let n, let v):
                let digit: UInt32? =
                    switch b {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
                    default: nil
                    }
                // A bad escape is the decoder's to report; go on scanning as string content.
                guard let digit else {
                    state = b == UInt8(ascii: "\"") ? .value : .string
                    continue
                }
                if n == 3 {
                    if v << 4 | digit == 0 { return .nulInString(at: offset) }
                    state = .string
                } else {
                    state = .unicode(n + 1, v << 4 | digit)
                }
            }
        }
        return nil
    }
}

extension JSONPreScan.Refusal {
    public var controlError: ControlError {
        switch self {
        case .tooDeep(let limit, let at): .badJSON("nested deeper than \(limit) levels (byte \(at))")
        case .nulInString(let at): .badRequest("a string contains the NUL character (byte \(at)); text may not contain U+0000")
        case .nulByte(let at): .badJSON("NUL byte at \(at)")
        }
    }
}
