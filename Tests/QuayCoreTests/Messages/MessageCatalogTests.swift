import QuayCore
import Testing

/// Citizen-facing texts: fallback to Vietnamese, never blank, placeholders, translation status.
@Suite struct MessageCatalogTests {
    typealias Entry = MessageCatalog.Entry
    static let builtIn = MessageCatalog.builtIn

    @Test func builtInTextsInEachLanguage() {
        #expect(Self.builtIn.text("ticket.title", .vi) == "PHIẾU THỨ TỰ")
        #expect(Self.builtIn.text("ticket.title", .km) == "សំបុត្រលេខរៀង")
        #expect(Self.builtIn.text("ticket.title", .en) == "QUEUE TICKET")
    }

    @Test(arguments: Language.allCases)
    func placeholdersAreFilled(lang: Language) {
        let s = Self.builtIn.text("hall.calling", lang, ["number": "A015", "counter": "3"])
        let expected: [Language: String] = [
            .vi: "Mời số A015 đến quầy 3",
            .km: "សូមអញ្ជើញលេខ A015 មកបញ្ជរលេខ 3",
            .en: "Number A015, please go to counter 3",
        ]
        #expect(s == expected[lang])
    }

    @Test func missingArgumentsLeaveThePlaceholderAndExtraArgumentsAreIgnored() {
        #expect(Self.builtIn.text("hall.calling", .en, ["number": "B002", "unused": "x"]) == "Number B002, please go to counter {counter}")
        #expect(Self.builtIn.text("ticket.title", .en, ["number": "B002"]) == "QUEUE TICKET")
    }

    @Test func substitutedValuesAreNotSubstitutedAgain() {
        var c = MessageCatalog()
        c.set("k", .vi, Entry(text: "{a}|{b}", reviewed: true))
        for _ in 0..<20 {
            #expect(c.text("k", .vi, ["a": "{b}", "b": "{a}"]) == "{b}|{a}")
        }
        c.set("k2", .vi, Entry(text: "{{a}} {a", reviewed: true))
        #expect(c.text("k2", .vi, ["a": "1"]) == "{1} {a")
    }

    @Test func missingLanguageFallsBackToVietnamese() {
        var c = MessageCatalog()
        c.set("only-vi", .vi, Entry(text: "Xin chào {name}", reviewed: true))
        #expect(c.text("only-vi", .km, ["name": "Sokha"]) == "Xin chào Sokha")
        #expect(c.text("only-vi", .en) == "Xin chào {name}")
    }

    @Test func blankTranslationFallsBackToVietnamese() {
        var c = MessageCatalog.builtIn
        c.set("ticket.title", .km, Entry(text: "", reviewed: true))
        c.set("ticket.footer", .en, Entry(text: "  ", reviewed: true))
        #expect(c.text("ticket.title", .km) == "PHIẾU THỨ TỰ")
        #expect(c.text("ticket.footer", .en) == "Vui lòng chờ đến lượt khi số của bạn được gọi")
    }

    @Test func neverBlankEvenWithoutVietnamese() {
        var c = MessageCatalog()
        c.set("km-only", .km, Entry(text: "សួស្តី", reviewed: false))
        c.set("blank", .vi, Entry(text: "", reviewed: true))
        #expect(c.text("km-only", .vi) == "សួស្តី")
        #expect(c.text("km-only", .en) == "សួស្តី")
        #expect(c.text("blank", .vi) == "blank")
        #expect(c.text("no.such.key", .km) == "no.such.key")
    }

    @Test func everyBuiltInKeyIsNonBlankInEveryLanguageWithTheSamePlaceholders() {
        for key in Self.builtIn.entries.keys {
            let vi = Self.builtIn.text(key, .vi)
            for lang in Language.allCases {
                let entry = Self.builtIn.entries[key]?[lang]
                #expect(entry != nil, "\(key) \(lang)")
                #expect(!(entry?.text.isEmpty ?? true), "\(key) \(lang)")
                #expect(placeholders(Self.builtIn.text(key, lang)) == placeholders(vi), "\(key) \(lang)")
            }
        }
    }

    @Test func citizenErrorKeysExist() {
        let errors: [QueueError] = [.capacityReached(service: "x"), .serviceClosed(service: "x")]
        for e in errors {
            let key = e.citizenMessageKey!
            #expect(Self.builtIn.entries[key]?.count == 3)
        }
    }

    @Test func statusOfTheBuiltInsListsExactlyTheUnreviewedKhmer() {
        let status = Self.builtIn.status()
        let keys = Self.builtIn.entries.keys.sorted()
        for required in ["ticket.title", "kiosk.capacity-reached", "kiosk.service-closed", "printer.paper-out", "hall.calling"] {
            #expect(keys.contains(required), "missing \(required)")
        }
        #expect(status.map { "\($0.key)/\($0.language.rawValue)/\($0.problem)" } == keys.map { "\($0)/km/unreviewed" })
    }

    @Test func statusListsMissingAndUnreviewedSortedByKeyThenLanguage() {
        var c = MessageCatalog()
        c.set("z.last", .vi, Entry(text: "Z", reviewed: true))
        c.set("a.first", .km, Entry(text: "ក", reviewed: false))
        c.set("a.first", .en, Entry(text: "A", reviewed: true))
        c.set("m.blank", .vi, Entry(text: "M", reviewed: true))
        c.set("m.blank", .km, Entry(text: " ", reviewed: true))
        c.set("m.blank", .en, Entry(text: "M", reviewed: false))
        let got = c.status().map { "\($0.key)/\($0.language.rawValue)/\($0.problem)" }
        #expect(
            got == [
                "a.first/vi/missing", "a.first/km/unreviewed",
                "m.blank/km/missing", "m.blank/en/unreviewed",
                "z.last/km/missing", "z.last/en/missing",
            ])
    }

    @Test func reviewingKhmerClearsItsStatus() {
        var c = MessageCatalog.builtIn
        c.set("hall.waiting", .km, Entry(text: "កំពុងរង់ចាំ", reviewed: true))
        #expect(!c.status().contains { $0.key == "hall.waiting" })
        #expect(c.status().count == Self.builtIn.entries.count - 1)
    }
}

/// The `{name}` placeholders in a text, sorted.
func placeholders(_ s: String) -> [String] {
    var out: [String] = []
    var rest = s[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        out.append(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
    }
    return out.sorted()
}
