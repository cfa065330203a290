/// TCVN-3 (TCVN 5712:1993 "VN3", the ABC font encoding): one byte per precomposed Vietnamese letter.
///
/// Epson numbers it as two `ESC t` tables: 30 ("TCVN-3 (Vietnamese)") and 31 ("TCVN-3 (Vietnamese capitals)"). Table
/// 30 holds ASCII, every lower-case letter with its tone (0xB5 à … 0xFE ỵ, 0xA8–0xAE ă â ê ô ơ ư đ) and the seven
/// capitals without a tone (0xA1–0xA7 Ă Â Ê Ô Ơ Ư Đ). It has no upper-case letter with a tone mark (À, Ấ, Ủ …):
/// table 31 has those at the code of the same letter in lower case (the VN3 capital-font convention).
/// `encode` therefore starts and ends in table 30 and switches to 31 (`ESC t 31`, 3 bytes) only around runs of
/// upper-case toned letters. Anything else (Khmer, "…", "₫") makes the line unencodable: the caller draws it.
///
/// Which printers have these tables: docs/hardware.md ("Vietnamese code page"). Pure; no state.
public enum TCVN3 {
    /// `ESC t` number of the lower-case table (with the seven capitals without tone).
    public static let lowerTable: UInt8 = 30
    /// `ESC t` number of the capital table.
    public static let upperTable: UInt8 = 31

    /// Bytes for `s` (NFC-normalised first) assuming table 30 is selected; table 30 is selected again at the end.
    /// Printable ASCII passes through; nil when a character is in neither table or is a control character.
    public static func encode(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var inUpper = false
        for scalar in s.precomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if v >= 0x20 && v < 0x7F {
                out.append(UInt8(v))
                continue
            }
            if let b = lower[v] {
                if inUpper {
                    out += EscPos.codePage(lowerTable)
                    inUpper = false
                }
                out.append(b)
            } else if let b = upper[v] {
                if !inUpper {
                    out += EscPos.codePage(upperTable)
                    inUpper = true
                }
                out.append(b)
            } else {
                return nil
            }
        }
        if inUpper { out += EscPos.codePage(lowerTable) }
        return out
    }

    /// True when `encode(s)` would succeed.
    public static func canEncode(_ s: String) -> Bool {
        s.precomposedStringWithCanonicalMapping.unicodeScalars.allSatisfy {
            ($0.value >= 0x20 && $0.value < 0x7F) || lower[$0.value] != nil || upper[$0.value] != nil
        }
    }

    /// Table 30, non-ASCII part: code → letter, in the order of the VN3 table.
    static let lowerLetters: [(UInt8, String)] =
        [
            (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
            (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
        ] + toned(lowerCase: true)

    /// Table 31, the upper-case toned letters at the codes of their lower-case forms.
    static let upperLetters: [(UInt8, String)] = toned(lowerCase: false)

    /// Toned letters of table 30 (lower case), in code order from 0xB5: each row is a base letter's five tones
    /// (grave, hook above, tilde, acute, dot below), as the VN3 table lays them out.
    private static let tonedRows: [(UInt8, String)] = [
        (0xB5, "àảãáạ"), (0xBB, "ằẳẵắ"), (0xC6, "ặ"), (0xC7, "ầẩẫấậ"), (0xCC, "è"), (0xCE, "ẻẽéẹ"),
        (0xD2, "ềểễếệ"), (0xD7, "ìỉ"), (0xDC, "ĩíị"), (0xDF, "ò"), (0xE1, "ỏõóọ"), (0xE5, "ồổỗốộ"),
        (0xEA, "ờởỡớợ"), (0xEF, "ù"), (0xF1, "ủũúụ"), (0xF5, "ừửữứự"), (0xFA, "ỳỷỹýỵ"),
    ]

    private static func toned(lowerCase: Bool) -> [(UInt8, String)] {
        var out: [(UInt8, String)] = []
        for (start, letters) in tonedRows {
            for (i, c) in letters.enumerated() {
                out.append((start + UInt8(i), lowerCase ? String(c) : String(c).uppercased()))
            }
        }
        return out
    }

    private static func index(_ letters: [(UInt8, String)]) -> [UInt32: UInt8] {
        var d: [UInt32: UInt8] = [:]
        for (b, s) in letters {
            if let v = s.unicodeScalars.first?.value { d[v] = b }
        }
        return d
    }

    private static let lower = index(lowerLetters)
    private static let upper = index(upperLetters)
}
