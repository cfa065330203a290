/// The distribution of a duration in seconds: how many, median, 90th percentile and maximum (nearest rank).
public struct Spread: Sendable, Codable, Equatable {
    public var count: Int
    public var p50: Double?
    public var p90: Double?
    public var max: Double?
    /// Sum of the values, for a mean.
    public var sum: Double

    public init(count: Int = 0, p50: Double? = nil, p90: Double? = nil, max: Double? = nil, sum: Double = 0) {
        (self.count, self.p50, self.p90, self.max, self.sum) = (count, p50, p90, max, sum)
    }

    /// From values in any order (sorted here).
    public init(_ values: [Double]) {
        self.init(sorted: values.sorted())
    }

    /// From values in ascending order.
    public init(sorted v: [Double]) {
        self.init(count: v.count, p50: Self.rank(v, 0.5), p90: Self.rank(v, 0.9), max: v.last, sum: v.reduce(0, +))
    }

    public var mean: Double? { count == 0 ? nil : sum / Double(count) }

    /// Nearest-rank percentile: the smallest value with at least q of the values at or below it.
    static func rank(_ v: [Double], _ q: Double) -> Double? {
        guard !v.isEmpty else { return nil }
        let k = Int((q * Double(v.count)).rounded(.up))
        return v[Swift.max(0, Swift.min(v.count - 1, k - 1))]
    }
}
