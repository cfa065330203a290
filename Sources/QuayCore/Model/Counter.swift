/// A counter (quầy) where a clerk serves citizens.
public struct Counter: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    /// The number shown to citizens and on the LED board ("3").
    public var number: String
    /// Services served, most preferred first.
    public var services: [String]
    public var languages: Set<Language>
    public var state: CounterState

    public init(id: String, number: String, services: [String], languages: Set<Language> = [.vi], state: CounterState = .open) {
        self.id = id
        self.number = number
        self.services = services
        self.languages = languages
        self.state = state
    }

    public func speaks(_ l: Language) -> Bool { languages.contains(l) }
    public func preferenceRank(of service: String) -> Int? { services.firstIndex(of: service) }
}

public enum CounterState: String, Sendable, Codable, CaseIterable {
    case open, closed, paused
}
