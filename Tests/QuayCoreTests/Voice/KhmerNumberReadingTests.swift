import Testing

@testable import QuayCore

@Suite struct KhmerNumberReadingTests {
    static let table: [(Int, [String])] = [
        (0, ["សូន្យ"]), (1, ["មួយ"]), (5, ["ប្រាំ"]), (10, ["ដប់"]), (15, ["ដប់", "ប្រាំ"]), (20, ["ម្ភៃ"]),
        (21, ["ម្ភៃ", "មួយ"]), (100, ["មួយ", "រយ"]), (105, ["មួយ", "រយ", "ប្រាំ"]),
        (1025, ["មួយ", "ពាន់", "ម្ភៃ", "ប្រាំ"]), (10_000, ["មួយ", "ម៉ឺន"]), (1_000_000, ["មួយ", "លាន"]),
    ]

    @Test(arguments: table)
    func wordsFromICU(n: Int, expected: [String]) {
        #expect(KhmerNumberReading.words(n) == expected)
    }

    @Test func wordsCarryNoSeparators() {
        for n in [0, 7, 99, 1234, 56_789, 999_999] {
            for w in KhmerNumberReading.words(n) {
                #expect(!w.isEmpty && !w.contains("\u{200B}") && !w.contains(" "), "\(n)")
            }
        }
    }

    @Test func digits() {
        #expect(KhmerNumberReading.digits("015") == ["សូន្យ", "មួយ", "ប្រាំ"])
    }
}
