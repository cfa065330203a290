/// How a ticket's prefix letter is read aloud. Vietnamese reads letters by their Vietnamese names (B "bê",
/// C "xê", D "dê", Đ "đê"); English by the letter itself; a Khmer clip set records each letter under its
/// Latin capital ("A", "B"), as Khmer staff read the Latin prefix printed on the ticket.
public enum LetterNames {
    static let vi: [Character: String] = [
        "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "Ê": "ê",
        "F": "ép", "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "e-lờ", "M": "em-mờ",
        "N": "en-nờ", "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "e-rờ", "S": "ét-xì",
        "T": "tê", "U": "u", "Ư": "ư", "V": "vê", "W": "vê kép", "X": "ích-xì", "Y": "i dài", "Z": "dét",
    ]

    /// The spoken name of one letter in `lang`; nil for a character that is not a letter.
    public static func name(_ c: Character, _ lang: Language) -> String? {
        guard c.isLetter else { return nil }
        let upper = Character(c.uppercased())
        switch lang {
        case .vi: return vi[upper] ?? String(upper)
        case .km, .en: return String(upper)
        }
    }

    /// The Latin capitals ticket prefixes use (what a clip set must record for letters).
    public static let latinCapitals: [String] = (65...90).map { String(UnicodeScalar(UInt8($0))) }
}
