import QuayCore

/// `stats`: today's figures per service and counter.
public struct QueueStatsBody: Codable, Sendable, Equatable {
    public var stats: DailyStats

    public init(stats: DailyStats) { self.stats = stats }
}
