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
    /// Citizens waiting for this service now (when the store is open).
    public var waiting: Int?
    /// Minutes a ticket taken now would wait (nil: no counter of the service is open, or the store is closed).
    public var estimatedWaitMinutes: Int?
    /// Why `issue` would refuse this service now (`service-closed`, `capacity-reached`), with the citizen text.
    public var refusal: ControlError?

    public init(id: String, prefix: String, name: LocalizedText, range: [Int], capacityPerDay: Int? = nil, issuedToday: Int? = nil) {
        self.id = id
        self.prefix = prefix
        self.name = name
        self.range = range
        self.capacityPerDay = capacityPerDay
        self.issuedToday = issuedToday
    }
}
