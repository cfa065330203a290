/// Finds a TOML table header that toml++ (inside TOMLKit 0.6.0) cannot survive: `[` or `[[` followed by a character
/// that can start no key (`[#`, `[=`, `[.a]`, `[!]`, a control character …). toml++ asserts on these
/// (`parse_key(): Assertion … failed`) and aborts the whole process — quayd, `quayd check-config` — instead of
/// reporting a syntax error; found by the config-loader fuzzer (docs/fuzzing.md). Every TOML text quayd reads goes
/// through `firstBadHeaderLine` first, and a hit becomes an ordinary syntax problem with its line.
///
/// The same holds for a value that starts with `}` (`a = }`, `a = [}`, `a = [1, }`: `parse_value(): Assertion
/// !is_value_terminator` failed), and a UTF-8 byte order mark before the first header hid it from this check.
///
/// A byte-level state machine: it follows comments, the four kinds of strings (so a `[` inside one is not a header)
/// and the nesting of array and inline-table values (so a nested array `[` at the start of a line is not a header).
public enum TOMLHeaderCheck {
    /// 1-based line of the first header whose first key cannot start there; nil when there is none.
    public static func firstBadHeaderLine(_ text: String) -> Int? {
        var scanner = Scanner()
        // A byte order mark is not text: the line after it still starts there.
        let bytes = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? text.utf8.dropFirst(3) : text.utf8.dropFirst(0)
        for b in bytes {
            if let line = scanner.feed(b) { return line }
        }
        return nil
    }

    /// The message for such a line.
    public static let message =
        "a table header must start with a key (a letter, digit, '_', '-' or a quoted name), and a value cannot start with '}'"

    struct Scanner {
        enum Mode { case normal, comment, basic, literal, multiBasic, multiLiteral, headerStart, headerRest }
        var mode = Mode.normal
        var line = 1
        /// Open `[` and `{` of values (arrays, inline tables).
        var depth = 0
        /// Only blanks seen since the line began (in normal mode).
        var lineStart = true
        /// Quotes seen in a row (to tell `"` from `"""`, and to find the closing `"""`).
        var quotes = 0
        var quote: UInt8 = 0
        var escaped = false
        /// `[` seen so far in the header being opened (1 or 2).
        var brackets = 0
        /// A value must come next (after `=`, an array's `[`, or a `,` in an array).
        var expectValue = false
        /// Which of `[` / `{` each open value level is (the last `depth` entries; bounded).
        var open: [UInt8] = []

        /// Consumes one byte; returns the line number when it completes a bad header start.
        mutating func feed(_ b: UInt8) -> Int? {
            defer { if b == 0x0A { line += 1 } }
            switch mode {
            case .comment:
                if b == 0x0A { newLine() }
            case .headerRest:
                if b == 0x0A { newLine() }
            case .headerStart:
                if b == 0x20 || b == 0x09 { return nil }
                if b == 0x5B && brackets == 1 {
                    brackets = 2
                    return nil
                }
                if Self.isBareKey(b) || b == 0x22 || b == 0x27 || b == 0x5D {
                    mode = .headerRest
                    if b == 0x0A { newLine() }
                    return nil
                }
                return line
            case .basic, .literal:
                stringByte(b)
            case .multiBasic, .multiLiteral:
                if mode == .multiBasic && escaped {
                    escaped = false
                    quotes = 0
                } else if mode == .multiBasic && b == 0x5C {
                    escaped = true
                } else if b == quote {
                    quotes += 1
                    if quotes == 3 {
                        mode = .normal
                        quotes = 0
                    }
                } else {
                    quotes = 0
                }
            case .normal:
                return normal(b)
            }
            return nil
        }

        private mutating func normal(_ b: UInt8) -> Int? {
            if quotes > 0 {
                // One or two quotes were seen: a third opens a multi-line string; `""`/`''` is an empty string.
                if b == quote && quotes < 2 {
                    quotes += 1
                    return nil
                }
                if b == quote {
                    mode = quote == 0x22 ? .multiBasic : .multiLiteral
                    quotes = 0
                    return nil
                }
                if quotes == 1 {
                    mode = quote == 0x22 ? .basic : .literal
                    quotes = 0
                    stringByte(b)
                    return nil
                }
                quotes = 0  // "" or '': an empty string, then this byte
            }
            switch b {
            case 0x0A, 0x20, 0x09, 0x0D, 0x23: break
            default:
                if expectValue && b == 0x7D { return line }
                expectValue = false
            }
            switch b {
            case 0x0A: newLine()
            case 0x20, 0x09, 0x0D: break
            case 0x23: mode = .comment
            case 0x3D where depth == 0 || open.last == 0x7B: expectValue = true
            case 0x2C where open.last == 0x5B: expectValue = true
            case 0x22, 0x27:
                quote = b
                quotes = 1
                lineStart = false
            case 0x5B where lineStart && depth == 0:
                mode = .headerStart
                brackets = 1
            case 0x5B, 0x7B:
                depth += 1
                if open.count < 256 { open.append(b) }
                expectValue = b == 0x5B
                lineStart = false
            case 0x5D, 0x7D:
                depth = max(0, depth - 1)
                if !open.isEmpty { open.removeLast() }
                lineStart = false
            default: lineStart = false
            }
            return nil
        }

        /// A byte inside a one-line string.
        private mutating func stringByte(_ b: UInt8) {
            if b == 0x0A {
                newLine()
            } else if mode == .basic && escaped {
                escaped = false
            } else if mode == .basic && b == 0x5C {
                escaped = true
            } else if b == quote {
                mode = .normal
            }
        }

        private mutating func newLine() {
            mode = .normal
            lineStart = true
            escaped = false
        }

        static func isBareKey(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
        }
    }
}
