/// Turns a catalogue template ("Mời công dân có số {number} đến quầy số {counter}") into the units spoken in
/// order: each literal stretch between placeholders is one phrase, each placeholder its words.
public enum AnnouncementScript {
    public enum Piece: Sendable, Equatable {
        case literal(String)
        case slot(String)
    }

    /// The template split at `{name}` placeholders; literals are trimmed and empty ones dropped.
    public static func pieces(_ template: String) -> [Piece] {
        var out: [Piece] = []
        var rest = template[...]
        func literal(_ s: Substring) {
            let t = s.trimmingSpaces
            if !t.isEmpty { out.append(.literal(t)) }
        }
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}") else { break }
            literal(rest[..<open])
            out.append(.slot(String(rest[after..<close])))
            rest = rest[rest.index(after: close)...]
        }
        literal(rest)
        return out
    }

    /// The fixed phrases of a template (what an engine pre-renders, what a clip set must record).
    public static func phrases(_ template: String) -> [String] {
        pieces(template).compactMap {
            if case .literal(let s) = $0 { return s }
            return nil
        }
    }

    /// The units of `template` with each slot replaced by its words; a slot without words is left out.
    public static func units(_ template: String, slots: [String: [String]]) -> [SpokenUnit] {
        pieces(template).flatMap { p -> [SpokenUnit] in
            switch p {
            case .literal(let s): [.phrase(s)]
            case .slot(let name): (slots[name] ?? []).map { .word($0) }
            }
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop(while: { $0.properties.isWhitespace })
        var s = String(String.UnicodeScalarView(scalars))
        while let last = s.unicodeScalars.last, last.properties.isWhitespace { s.unicodeScalars.removeLast() }
        return s
    }
}
