import Foundation

/// Vietnamese number words as a person says them: ICU's spell-out (`NumberFormatter` `.spellOut`, locale vi)
/// normalised to the spoken conventions a center chooses. ICU already writes most of them (hai mươi mốt,
/// mười lăm, một nghìn không trăm hai mươi lăm); `normalize` enforces each one again, so a different ICU build
/// cannot change what the hall hears, and applies the regional choices: linh or lẻ, nghìn or ngàn, tư or bốn.
public struct VietnameseNumberReading: Sendable, Equatable {
    /// The word for an empty tens place: 105 = "một trăm lẻ năm" (south) or "một trăm linh năm" (north).
    public enum ZeroTens: String, Sendable, CaseIterable { case le = "lẻ", linh }
    public enum Thousand: String, Sendable, CaseIterable { case nghin = "nghìn", ngan = "ngàn" }
    /// A 4 after a tens word: 24 = "hai mươi tư" or "hai mươi bốn".
    public enum FourAfterTens: String, Sendable, CaseIterable { case tu = "tư", bon = "bốn" }

    public var zeroTens: ZeroTens
    public var thousand: Thousand
    public var fourAfterTens: FourAfterTens

    public init(zeroTens: ZeroTens = .le, thousand: Thousand = .nghin, fourAfterTens: FourAfterTens = .tu) {
        self.zeroTens = zeroTens
        self.thousand = thousand
        self.fourAfterTens = fourAfterTens
    }

    /// The largest number read as a number (larger ones are read digit by digit).
    public static let maximum = 999_999_999

    /// Words for `n` (0…`maximum`); digit by digit beyond that or for negatives.
    public func words(_ n: Int) -> [String] {
        guard (0...Self.maximum).contains(n), let raw = IcuSpellOut.vi.string(n) else {
            return digits(String(n.magnitude))
        }
        return normalize(raw.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init))
    }

    /// Each digit by its name ("015" -> không một năm); other characters are skipped.
    public func digits(_ s: String) -> [String] {
        s.compactMap { $0.wholeNumberValue.map { Self.digitNames[$0] } }
    }

    static let digitNames = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    static let tensDigits: Set<String> = ["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The spoken conventions, word by word, each decided by the word before it.
    public func normalize(_ input: [String]) -> [String] {
        var out: [String] = []
        for w in input {
            let prev = out.last
            switch w {
            case "mười", "mươi":
                // mươi after a digit (hai mươi), mười for the tens of 10-19 (mười lăm, một trăm mười).
                out.append(prev.map { Self.tensDigits.contains($0) } == true ? "mươi" : "mười")
            case "một", "mốt":
                out.append(prev == "mươi" ? "mốt" : "một")
            case "năm", "lăm":
                out.append(prev == "mươi" || prev == "mười" ? "lăm" : "năm")
            case "bốn", "tư":
                out.append(prev == "mươi" ? fourAfterTens.rawValue : "bốn")
            case "lẻ", "linh":
                out.append(zeroTens.rawValue)
            case "nghìn", "ngàn":
                out.append(thousand.rawValue)
            default:
                out.append(w)
            }
        }
        return out
    }
}

/// ICU spell-out formatters (NumberFormatter is not Sendable: one per call, cached per thread is not worth it).
enum IcuSpellOut {
    case vi, km, en

    func string(_ n: Int) -> String? {
        let f = NumberFormatter()
        f.numberStyle = .spellOut
        f.locale = Locale(identifier: "\(self)")
        return f.string(from: NSNumber(value: n))
    }
}
