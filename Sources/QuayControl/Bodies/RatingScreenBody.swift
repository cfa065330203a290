import QuayCore

/// `rating-screen`: what the citizen-facing tablet at a counter shows: the counter's number, the ticket it is
/// serving, and the ticket it finished last (within 10 minutes) with whether it was rated yet.
public struct RatingScreenBody: Codable, Sendable, Equatable {
    public struct Shown: Codable, Sendable, Equatable {
        public var ticket: String
        public var number: String
        public var language: String
        public var state: String
        public var rated: Bool?
        public init(ticket: String, number: String, language: String, state: String, rated: Bool? = nil) {
            (self.ticket, self.number, self.language, self.state, self.rated) = (ticket, number, language, state, rated)
        }
    }
    public var counter: String
    public var current: Shown?
    public var lastDone: Shown?

    public init(counter: String, current: Shown?, lastDone: Shown?) {
        (self.counter, self.current, self.lastDone) = (counter, current, lastDone)
    }
}

/// `rate`: whether this rating was stored (false: the ticket already had one; nothing changed).
public struct RateBody: Codable, Sendable, Equatable {
    public var recorded: Bool
    public init(recorded: Bool) { self.recorded = recorded }
}
