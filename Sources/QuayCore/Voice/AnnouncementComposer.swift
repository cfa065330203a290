/// Builds what is said for a call, recall or results-ready, per language, from the message catalogue's
/// `voice.*` templates and the number readings. Pure: the audio side renders the units it returns.
public struct AnnouncementComposer: Sendable, Equatable {
    public var style: NumberReadingStyle
    public var vietnamese: VietnameseNumberReading
    public var khmer: VoiceLanguagePolicy
    public var english: Bool

    public init(
        style: NumberReadingStyle = .digits, vietnamese: VietnameseNumberReading = VietnameseNumberReading(),
        khmer: VoiceLanguagePolicy = .kmTickets, english: Bool = false
    ) {
        self.style = style
        self.vietnamese = vietnamese
        self.khmer = khmer
        self.english = english
    }

    /// The languages an announcement for a ticket in `ticketLanguage` is spoken in, in order: Vietnamese
    /// always first, then Khmer by policy, then English when enabled.
    public func languages(ticketLanguage: Language?) -> [Language] {
        var out: [Language] = [.vi]
        switch khmer {
        case .always: out.append(.km)
        case .kmTickets where ticketLanguage == .km: out.append(.km)
        default: break
        }
        if english { out.append(.en) }
        return out
    }

    /// A ticket number ("A015", "AB7"): each prefix letter by name, then the digits by the center's style.
    public func ticketWords(_ ticket: String, _ lang: Language) -> [String] {
        let letters = ticket.prefix { !$0.isNumber }
        let digits = String(ticket.dropFirst(letters.count).filter(\.isNumber))
        var out = letters.compactMap { LetterNames.name($0, lang) }
        guard !digits.isEmpty else { return out }
        switch style {
        case .digits: out += digitWords(digits, lang)
        case .number: out += numberWords(Int(digits) ?? 0, digits: digits, lang)
        }
        return out
    }

    /// A counter number ("3", "12", "3B") read as a number, letters by name.
    public func counterWords(_ counter: String, _ lang: Language) -> [String] {
        let digits = String(counter.filter(\.isNumber))
        let letters = counter.filter { !$0.isNumber }.compactMap { LetterNames.name($0, lang) }
        guard !digits.isEmpty else { return letters }
        return numberWords(Int(digits) ?? 0, digits: digits, lang) + letters
    }

    /// Digits always one by one (the last digits of a receipt code).
    public func digitWords(_ digits: String, _ lang: Language) -> [String] {
        switch lang {
        case .vi: vietnamese.digits(digits)
        case .km: KhmerNumberReading.digits(digits)
        case .en: EnglishNumberReading.digits(digits)
        }
    }

    /// A receipt tail ("0042", "7K3B"): letters by name, digits one by one, in order.
    public func codeWords(_ code: String, _ lang: Language) -> [String] {
        code.flatMap { c -> [String] in
            if c.isNumber { return digitWords(String(c), lang) }
            return LetterNames.name(c, lang).map { [$0] } ?? []
        }
    }

    func numberWords(_ n: Int, digits: String, _ lang: Language) -> [String] {
        guard digits.count <= 9 else { return digitWords(digits, lang) }
        switch lang {
        case .vi: return vietnamese.words(n)
        case .km: return KhmerNumberReading.words(n)
        case .en: return EnglishNumberReading.words(n)
        }
    }

    /// The units of one announcement in one language. `ticket` fills {number}, `counter` {counter}, `code`
    /// (the receipt's last characters, never a name) {code}.
    public func units(
        _ kind: AnnouncementKind, _ lang: Language, catalog: MessageCatalog, ticket: String? = nil,
        counter: String? = nil, code: String? = nil
    ) -> [SpokenUnit] {
        guard let key = kind.catalogKey else { return [] }
        var slots: [String: [String]] = [:]
        if let ticket { slots["number"] = ticketWords(ticket, lang) }
        if let counter { slots["counter"] = counterWords(counter, lang) }
        if let code { slots["code"] = codeWords(code, lang) }
        return AnnouncementScript.units(catalog.text(key, lang), slots: slots)
    }

    /// Every unit a call can use in `lang`: the templates' phrases, the names of A-Z and of the letters in `prefixes`, all number
    /// words (of 0…1999 and the big units) and digit names. Pre-rendered at start so a call only concatenates.
    public func vocabulary(_ lang: Language, catalog: MessageCatalog, prefixes: [String]) -> [SpokenUnit] {
        var seen = Set<SpokenUnit>()
        var out: [SpokenUnit] = []
        func add(_ u: SpokenUnit) { if seen.insert(u).inserted { out.append(u) } }
        for kind in AnnouncementKind.allCases {
            guard let key = kind.catalogKey else { continue }
            for p in AnnouncementScript.phrases(catalog.text(key, lang)) { add(.phrase(p)) }
        }
        // Receipt tails may hold any Latin letter; prefixes may add Vietnamese ones (Đ).
        for letter in LetterNames.latinCapitals + prefixes {
            for c in letter { if let n = LetterNames.name(c, lang) { add(.word(n)) } }
        }
        for w in digitWords("0123456789", lang) { add(.word(w)) }
        for n in Array(0...1999) + [10_000, 21_000, 100_000, 1_000_000] {
            for w in numberWords(n, digits: String(n), lang) { add(.word(w)) }
        }
        return out
    }
}
