import Foundation

/// Turns text for ASCII-only displays (Alpha signs, text counter boards) into printable ASCII.
///
/// Vietnamese keeps its letters and loses its tone and vowel marks through Foundation's diacritic folding
/// ("Mời số" -> "Moi so"); đ/Đ, which are letters rather than marked letters, become d/D explicitly.
/// Anything still outside printable ASCII (Khmer, emoji) becomes `replacement` once per run, so a Khmer phrase
/// shows as a single "?" instead of a row of them; pass "" to drop it.
public enum ASCIIFolding {
    public static func fold(_ text: String, replacement: String = "?") -> String {
        let folded =
            text
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var inRun = false
        for scalar in folded.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.unicodeScalars.append(scalar)
                inRun = false
            } else if scalar == "\n" || scalar == "\t" {
                out.append(" ")
                inRun = false
            } else if !inRun {
                out += replacement
                inRun = true
            }
        }
        return out
    }
}
