import QuayCore

/// `stats`: today's figures per service and counter.
public struct QueueStatsBody: Codable, Sendable, Equatable {
    public var stats: DailyStats
    /// Today's satisfaction ratings from the counters' rating screens (absent when the store cannot be read).
    public var ratings: RatingSummary?

    public init(stats: DailyStats, ratings: RatingSummary? = nil) {
        self.stats = stats
        self.ratings = ratings
    }
}
