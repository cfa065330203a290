import QuayCore

/// A counter as replies show it (docs/protocol.md, Counter): its live state and, where the op says so, its ticket.
public struct CounterView: Codable, Sendable, Equatable {
    public var id: String
    public var number: String
    public var services: [String]
    public var languages: [String]
    public var state: String
    public var current: Ticket?

    public init(id: String, number: String, services: [String], languages: [String], state: String, current: Ticket? = nil) {
        self.id = id
        self.number = number
        self.services = services
        self.languages = languages
        self.state = state
        self.current = current
    }
}
