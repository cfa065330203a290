import Foundation
import Testing
@testable import QuayDevices

@Suite("TCVN-3 encoder (ESC t 30/31)")
struct TCVN3EncoderTests {
    /// Every Vietnamese letter: the twelve vowels and đ, each with no tone and the five tones, both cases.
    static var allLetters: [String] {
        let tones = ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
        var out: [String] = ["đ", "Đ"]
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for t in tones {
                let lower = (base + t).precomposedStringWithCanonicalMapping
                out += [lower, lower.uppercased()]
            }
        }
        return out
    }

    @Test func everyVietnameseLetterIsOneByteOrAnUpperCaseRun() throws {
        #expect(Self.allLetters.count == 146)
        for letter in Self.allLetters {
            let bytes = try #require(TCVN3.encode(letter), "\(letter) not encodable")
            if letter.unicodeScalars.allSatisfy(\.isASCII) {
                #expect(bytes == Array(letter.utf8))
            } else if bytes.count == 1 {
                #expect(bytes[0] >= 0xA1)
            } else {
                // Upper-case toned letter: ESC t 31, its code, ESC t 30.
                #expect(bytes.count == 7 && Array(bytes[0..<3]) == [0x1B, 0x74, 31] && Array(bytes[4...]) == [0x1B, 0x74, 30])
            }
        }
        // No two letters share a code in the same table.
        var seen: [[UInt8]: String] = [:]
        for letter in Self.allLetters {
            let b = TCVN3.encode(letter)!
            #expect(seen[b] == nil, "\(letter) and \(seen[b] ?? "") both encode as \(b)")
            seen[b] = letter
        }
    }

    @Test func ticketLineByteForByte() {
        // "Thời gian chờ" — ờ is 0xEA; "Đà Nẵng": Đ 0xA7, à 0xB5, ẵ 0xBD.
        #expect(TCVN3.encode("Thời gian chờ") == Array("Th".utf8) + [0xEA] + Array("i gian ch".utf8) + [0xEA])
        #expect(TCVN3.encode("Đà Nẵng") == [0xA7, 0xB5] + Array(" N".utf8) + [0xBD] + Array("ng".utf8))
        #expect(TCVN3.encode("Ưu tiên") == [0xA6] + Array("u ti".utf8) + [0xAA, 0x6E])
    }

    @Test func upperCaseToneRunSwitchesTablesOnce() {
        // "ỦY BAN NHÂN DÂN XÃ": Ủ and Ã need table 31; the ASCII between them does not switch back.
        let b = TCVN3.encode("ỦY BAN XÃ")
        #expect(b == [0x1B, 0x74, 31, 0xF1] + Array("Y BAN X".utf8) + [0xB7, 0x1B, 0x74, 30])
        // ASCII after a capital run stays in table 31; a lower-case toned letter returns to table 30 first.
        #expect(TCVN3.encode("Ấp ấm") == [0x1B, 0x74, 31, 0xCA] + Array("p ".utf8) + [0x1B, 0x74, 30, 0xCA, 0x6D])
    }

    @Test func decomposedInputIsNormalised() {
        let nfd = "Vi\u{0065}\u{0323}\u{0302}t"  // "Việt" as e + dot below + circumflex
        #expect(TCVN3.encode(nfd) == Array("Vi".utf8) + [0xD6] + Array("t".utf8))
    }

    @Test(arguments: ["មាន ៣ នាក់", "50.000₫", "Chờ…", "tab\there", "Ελλάδα"])
    func outsideTheTablesIsRefused(_ s: String) {
        #expect(TCVN3.encode(s) == nil)
        #expect(!TCVN3.canEncode(s))
        #expect(PrinterTextEncoding.tcvn3.line(s) == nil)
    }

    @Test func asciiProfileStillRefusesVietnamese() {
        #expect(PrinterTextEncoding.ascii.line("Quầy 1") == nil)
        #expect(PrinterTextEncoding.tcvn3.line("Quầy 1") == Array("Qu".utf8) + [0xC7] + Array("y 1\n".utf8))
    }
}
