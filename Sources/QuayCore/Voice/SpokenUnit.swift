/// One piece of an announcement that is rendered (or recorded) as a whole and cached: a fixed phrase of a
/// catalogue template ("Mời công dân có số") or one word of a number or letter name ("mười", "bê").
public struct SpokenUnit: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case phrase, word }
    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }

    public static func phrase(_ s: String) -> SpokenUnit { SpokenUnit(s, .phrase) }
    public static func word(_ s: String) -> SpokenUnit { SpokenUnit(s, .word) }

    public var description: String { text }
}
