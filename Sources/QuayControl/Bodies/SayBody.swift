/// `say`, and `device-test voice`: what was queued where.
public struct SayBody: Codable, Sendable, Equatable {
    /// Zones the announcement was queued in.
    public var zones: [String]
    public var language: String
    /// Length of the rendered announcement, chime included.
    public var seconds: Double
    /// Announcements dropped from a full queue to make room (their labels).
    public var dropped: [String]

    public init(zones: [String], language: String, seconds: Double, dropped: [String] = []) {
        self.zones = zones
        self.language = language
        self.seconds = seconds
        self.dropped = dropped
    }
}
