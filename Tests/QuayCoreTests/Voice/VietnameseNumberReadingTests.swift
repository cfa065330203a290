import Testing

@testable import QuayCore

@Suite struct VietnameseNumberReadingTests {
    static let standard: [(Int, String)] = [
        (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
        (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"),
        (50, "năm mươi"), (55, "năm mươi lăm"), (91, "chín mươi mốt"), (100, "một trăm"), (101, "một trăm lẻ một"),
        (104, "một trăm lẻ bốn"), (105, "một trăm lẻ năm"), (110, "một trăm mười"), (111, "một trăm mười một"),
        (115, "một trăm mười lăm"), (121, "một trăm hai mươi mốt"), (154, "một trăm năm mươi tư"),
        (1000, "một nghìn"), (1005, "một nghìn không trăm lẻ năm"), (1015, "một nghìn không trăm mười lăm"),
        (1025, "một nghìn không trăm hai mươi lăm"), (1100, "một nghìn một trăm"), (2021, "hai nghìn không trăm hai mươi mốt"),
        (10_005, "mười nghìn không trăm lẻ năm"), (15_000, "mười lăm nghìn"), (21_000, "hai mươi mốt nghìn"),
        (100_000, "một trăm nghìn"), (105_000, "một trăm lẻ năm nghìn"),
        (999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"), (1_000_000, "một triệu"),
    ]

    @Test(arguments: standard)
    func defaultConventions(n: Int, expected: String) {
        #expect(VietnameseNumberReading().words(n).joined(separator: " ") == expected)
    }

    static let northern: [(Int, String)] = [
        (105, "một trăm linh năm"), (24, "hai mươi bốn"), (1024, "một ngàn không trăm hai mươi bốn"),
        (1004, "một ngàn không trăm linh bốn"), (34_000, "ba mươi bốn ngàn"), (14, "mười bốn"),
    ]

    @Test(arguments: northern)
    func regionalChoices(n: Int, expected: String) {
        let r = VietnameseNumberReading(zeroTens: .linh, thousand: .ngan, fourAfterTens: .bon)
        #expect(r.words(n).joined(separator: " ") == expected)
    }

    /// The conventions hold even when the input spells them the other way (another ICU build).
    @Test func normalizeRewritesEachConvention() {
        let r = VietnameseNumberReading()
        #expect(r.normalize(["hai", "mười", "một"]) == ["hai", "mươi", "mốt"])
        #expect(r.normalize(["mươi", "năm"]) == ["mười", "lăm"])
        #expect(r.normalize(["một", "trăm", "linh", "lăm"]) == ["một", "trăm", "lẻ", "năm"])
        #expect(r.normalize(["ba", "mươi", "bốn", "ngàn"]) == ["ba", "mươi", "tư", "nghìn"])
        #expect(r.normalize(["mười", "tư"]) == ["mười", "bốn"])
        #expect(r.normalize(["mốt", "trăm"]) == ["một", "trăm"])
    }

    @Test func digitsAreReadOneByOne() {
        #expect(VietnameseNumberReading().digits("015") == ["không", "một", "năm"])
        #expect(VietnameseNumberReading().digits("9-4") == ["chín", "bốn"])
        // Beyond the number range: digit by digit instead of a trap or nothing.
        #expect(VietnameseNumberReading().words(1_000_000_000).count == 10)
    }

    /// Every number up to a million is read with the conventions: no "mươi một", no "mười năm", no "lẻ" after a
    /// tens word, and "mươi" only after a digit.
    @Test func noNumberBreaksAConvention() {
        let r = VietnameseNumberReading()
        for n in stride(from: 0, through: 1_000_000, by: 997) {
            let w = r.words(n)
            for (a, b) in zip(w, w.dropFirst()) {
                #expect(!(a == "mươi" && b == "một"), "\(n): \(w)")
                #expect(!((a == "mươi" || a == "mười") && b == "năm"), "\(n): \(w)")
                #expect(!(a != "mươi" && a != "mười" && b == "lăm"), "\(n): \(w)")
                #expect(!(b == "mươi" && !VietnameseNumberReading.tensDigits.contains(a)), "\(n): \(w)")
            }
        }
    }
}
