import QuayCore

/// A service as `config` shows it to kiosks.
public struct ServiceView: Codable, Sendable, Equatable {
    public var id: String
    public var prefix: String
    public var name: LocalizedText
    /// `[first, last]` ticket number.
    public var range: [Int]
    public var capacityPerDay: Int?
    public var issuedToday: Int?

    public init(id: String, prefix: String, name: LocalizedText, range: [Int], capacityPerDay: Int? = nil, issuedToday: Int? = nil) {
        self.id = id
        self.prefix = prefix
        self.name = name
        self.range = range
        self.capacityPerDay = capacityPerDay
        self.issuedToday = issuedToday
    }
}
