/// `counters`: every counter with its current ticket.
public struct CountersBody: Codable, Sendable, Equatable {
    public var counters: [CounterView]

    public init(counters: [CounterView]) { self.counters = counters }
}
