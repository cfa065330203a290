/// English number words from ICU's spell-out (locale en): 15 -> fifteen, 21 -> twenty-one (one word).
public enum EnglishNumberReading {
    static let digitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    public static func words(_ n: Int) -> [String] {
        guard n >= 0, let raw = IcuSpellOut.en.string(n) else { return digits(String(n.magnitude)) }
        return raw.split(separator: " ").map(String.init)
    }

    public static func digits(_ s: String) -> [String] {
        s.compactMap { $0.wholeNumberValue.map { digitNames[$0] } }
    }
}
