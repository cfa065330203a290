/// Queue figures of one group of tickets (a service, a counter, a day or the whole period).
///
/// Tickets count for the service they ended in (a transferred ticket counts where it was served) and the
/// counter that last called them. `transferred` counts transfer events into the service (for a service), made
/// at the counter (for a counter) or on the day. Waiting time runs from issue to the last call (a transfer
/// keeps the citizen's original wait); service time from start of service to done, over served tickets.
public struct QueueFigures: Sendable, Codable, Equatable {
    /// Service id, counter id, date "yyyy-MM-dd" or "*" for the total.
    public var id: String
    public var name: String
    public var issued = 0
    public var served = 0
    public var noShow = 0
    public var transferred = 0
    /// Still waiting when the business day closed.
    public var expired = 0
    public var priority = 0
    public var khmer = 0
    public var wait = Spread()
    public var serviceTime = Spread()
    /// Satisfaction ratings of these tickets (rating screen or keypad, 1–4): how many, and their sum.
    public var rated = 0
    public var ratingSum = 0

    public init(id: String, name: String) { (self.id, self.name) = (id, name) }

    /// Share of priority tickets in issued, nil when none was issued.
    public var priorityShare: Double? { issued == 0 ? nil : Double(priority) / Double(issued) }
    /// Mean rating (1 = unhappy … 4 = very happy), nil when none was given.
    public var ratingMean: Double? { rated == 0 ? nil : Double(ratingSum) / Double(rated) }
    /// Share of Khmer-language tickets in issued.
    public var khmerShare: Double? { issued == 0 ? nil : Double(khmer) / Double(issued) }

    /// Adds the counts of `b` (not the spreads: percentiles do not add).
    public mutating func addCounts(_ b: QueueFigures) {
        issued += b.issued
        served += b.served
        noShow += b.noShow
        expired += b.expired
        priority += b.priority
        khmer += b.khmer
        rated += b.rated
        ratingSum += b.ratingSum
    }
}
