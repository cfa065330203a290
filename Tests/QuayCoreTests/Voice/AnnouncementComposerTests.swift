import Testing

@testable import QuayCore

@Suite struct AnnouncementComposerTests {
    @Test func ticketNumbersByStyle() {
        let digits = AnnouncementComposer(style: .digits)
        let number = AnnouncementComposer(style: .number)
        #expect(digits.ticketWords("A015", .vi) == ["a", "không", "một", "năm"])
        #expect(number.ticketWords("A015", .vi) == ["a", "mười", "lăm"])
        #expect(number.ticketWords("B1025", .vi) == ["bê", "một", "nghìn", "không", "trăm", "hai", "mươi", "lăm"])
        #expect(number.ticketWords("C021", .vi) == ["xê", "hai", "mươi", "mốt"])
        #expect(digits.ticketWords("Đ7", .vi) == ["đê", "bảy"])
        #expect(digits.ticketWords("A015", .km) == ["A", "សូន្យ", "មួយ", "ប្រាំ"])
        #expect(number.ticketWords("A1025", .km) == ["A", "មួយ", "ពាន់", "ម្ភៃ", "ប្រាំ"])
        #expect(number.ticketWords("A015", .en) == ["A", "fifteen"])
    }

    @Test func countersAreReadAsNumbers() {
        let c = AnnouncementComposer(style: .digits)
        #expect(c.counterWords("3", .vi) == ["ba"])
        #expect(c.counterWords("12", .vi) == ["mười", "hai"])
        #expect(c.counterWords("21", .vi) == ["hai", "mươi", "mốt"])
        #expect(c.counterWords("3B", .vi) == ["ba", "bê"])
        #expect(c.counterWords("15", .km) == ["ដប់", "ប្រាំ"])
    }

    @Test func callUnitsFollowTheTemplate() {
        let c = AnnouncementComposer(style: .digits)
        let u = c.units(.call, .vi, catalog: .builtIn, ticket: "A015", counter: "3")
        #expect(
            u == [
                .phrase("Mời công dân có số"), .word("a"), .word("không"), .word("một"), .word("năm"),
                .phrase("đến quầy số"), .word("ba"),
            ])
        let km = c.units(.call, .km, catalog: .builtIn, ticket: "A015", counter: "3")
        #expect(km.first == .phrase("សូមអញ្ជើញលេខ") && km.last == .word("បី"))
    }

    @Test func resultsReadyNamesOnlyTheReceiptTail() {
        let c = AnnouncementComposer()
        let u = c.units(.resultsReady, .vi, catalog: .builtIn, code: "07K")
        #expect(u.filter { $0.kind == .word }.map(\.text) == ["không", "bảy", "ca"])
    }

    @Test func templatePieces() {
        #expect(
            AnnouncementScript.pieces(" Số {number}, quầy {counter} ") == [
                .literal("Số"), .slot("number"), .literal(", quầy"), .slot("counter"),
            ])
        #expect(AnnouncementScript.phrases("{a}{b}") == [])
        #expect(AnnouncementScript.pieces("mở { không đóng") == [.literal("mở { không đóng")])
    }

    @Test func languagePolicy() {
        #expect(AnnouncementComposer(khmer: .kmTickets).languages(ticketLanguage: .vi) == [.vi])
        #expect(AnnouncementComposer(khmer: .kmTickets).languages(ticketLanguage: .km) == [.vi, .km])
        #expect(AnnouncementComposer(khmer: .always).languages(ticketLanguage: .vi) == [.vi, .km])
        #expect(AnnouncementComposer(khmer: .never, english: true).languages(ticketLanguage: .km) == [.vi, .en])
    }

    /// What is pre-rendered covers every word any ticket up to 99999 or counter can need: a call never has to
    /// render at call time.
    @Test(arguments: [Language.vi, .km, .en], [NumberReadingStyle.digits, .number])
    func vocabularyCoversEveryCall(lang: Language, style: NumberReadingStyle) {
        let c = AnnouncementComposer(style: style)
        let vocab = Set(c.vocabulary(lang, catalog: .builtIn, prefixes: ["A", "B"]))
        for n in stride(from: 0, through: 99_999, by: 1009) {
            for kind in [AnnouncementKind.call, .recall] {
                for u in c.units(kind, lang, catalog: .builtIn, ticket: "B\(n)", counter: String(n % 40)) {
                    #expect(vocab.contains(u), "\(lang) \(n): \(u)")
                }
            }
        }
    }
}
