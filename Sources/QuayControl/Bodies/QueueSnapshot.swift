import QuayCore

/// The queue at one instant (`queue`, first line of `watch`).
public struct QueueSnapshot: Codable, Sendable, Equatable {
    public var businessDay: String
    /// The longest-waiting tickets first, at most the request's limit (`queue`: `args.limit`, default 500).
    public var waiting: [Ticket]
    /// Every waiting ticket, also those beyond the limit.
    public var waitingTotal: Int
    public var active: [Ticket]
    public var counters: [CounterView]
    public var waitingByService: [String: Int]

    public init(
        businessDay: String, waiting: [Ticket], waitingTotal: Int, active: [Ticket], counters: [CounterView],
        waitingByService: [String: Int]
    ) {
        self.businessDay = businessDay
        self.waiting = waiting
        self.waitingTotal = waitingTotal
        self.active = active
        self.counters = counters
        self.waitingByService = waitingByService
    }
}
