/// All citizen-facing text (tickets, kiosk errors, screens, voice) in vi, km and en. A center may override any
/// entry without rebuilding (files under /etc/quayd/messages). Khmer entries ship unreviewed until a
/// Khmer-speaking official checks them. A missing key or language falls back to Vietnamese, never to a blank.
public struct MessageCatalog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable, Codable {
        public var text: String
        public var reviewed: Bool
        public init(text: String, reviewed: Bool) {
            self.text = text
            self.reviewed = reviewed
        }
    }

    public private(set) var entries: [String: [Language: Entry]]

    public init(entries: [String: [Language: Entry]] = [:]) { self.entries = entries }

    public mutating func set(_ key: String, _ lang: Language, _ entry: Entry) {
        entries[key, default: [:]][lang] = entry
    }

    /// Text for `key` in `lang` with `{name}` placeholders filled from `args`.
    public func text(_ key: String, _ lang: Language, _ args: [String: String] = [:]) -> String {
        let forms = entries[key] ?? [:]
        // Asked language, then Vietnamese, then any other language; blank texts count as missing.
        let raw = ([lang, .vi] + Language.allCases).lazy.compactMap { forms[$0]?.text }.first { !Self.isBlank($0) } ?? key
        return Self.fill(raw, args)
    }

    static func isBlank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }

    /// Replaces each `{name}` with `args[name]` in one pass (substituted values are not scanned again);
    /// unknown placeholders stay as they are.
    static func fill(_ template: String, _ args: [String: String]) -> String {
        guard template.contains("{"), !args.isEmpty else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = args[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    public struct Status: Sendable, Equatable, Codable {
        public var key: String
        public var language: Language
        /// "missing", "unreviewed", or "placeholder" (a generated voice clip set, not a person's recording).
        public var problem: String

        public init(key: String, language: Language, problem: String) {
            self.key = key
            self.language = language
            self.problem = problem
        }
    }

    /// What a center still has to translate or have reviewed, sorted by key then language.
    public func status() -> [Status] {
        var out: [Status] = []
        for key in entries.keys.sorted() {
            for lang in Language.allCases {
                if let e = entries[key]?[lang], !Self.isBlank(e.text) {
                    if !e.reviewed { out.append(Status(key: key, language: lang, problem: "unreviewed")) }
                } else {
                    out.append(Status(key: key, language: lang, problem: "missing"))
                }
            }
        }
        return out
    }
}

import Foundation
