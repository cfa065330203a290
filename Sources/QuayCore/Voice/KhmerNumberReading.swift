/// Khmer number words from ICU's spell-out (locale km), which separates words with U+200B ZERO WIDTH SPACE:
/// 1025 -> មួយ ពាន់ ម្ភៃ ប្រាំ. Each word is one clip of a recorded Khmer clip set (docs/voice.md).
public enum KhmerNumberReading {
    public static func words(_ n: Int) -> [String] {
        guard n >= 0, let raw = IcuSpellOut.km.string(n) else { return digits(String(n.magnitude)) }
        return split(raw)
    }

    /// Each digit by its Khmer name (0 -> សូន្យ).
    public static func digits(_ s: String) -> [String] {
        s.compactMap { $0.wholeNumberValue }.flatMap { words($0) }
    }

    static func split(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == "\u{200B}" || $0 == " " || $0 == "-" }).map(String.init)
    }
}
