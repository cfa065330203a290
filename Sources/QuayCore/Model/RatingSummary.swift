/// Satisfaction ratings of one business day (the counters' rating screens): 1 = bad … 4 = very good.
public struct RatingSummary: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var counter: String
        /// Ratings per score, index 0 = score 1.
        public var counts: [Int]
        public var mean: Double?

        public init(counter: String, counts: [Int]) {
            self.counter = counter
            self.counts = counts
            let n = counts.reduce(0, +)
            mean = n == 0 ? nil : Double(counts.enumerated().map { ($0.offset + 1) * $0.element }.reduce(0, +)) / Double(n)
        }
    }
    /// The ratings of tickets of one service (the service the ticket was served in).
    public struct ServiceLine: Sendable, Codable, Equatable {
        public var service: String
        /// Ratings per score, index 0 = score 1.
        public var counts: [Int]
        public var mean: Double?

        public init(service: String, counts: [Int]) {
            let line = Line(counter: service, counts: counts)
            (self.service, self.counts, self.mean) = (service, counts, line.mean)
        }
    }
    public var total: Line
    public var byCounter: [Line]
    public var byService: [ServiceLine]

    public init(byCounter: [Line], byService: [ServiceLine] = []) {
        self.byCounter = byCounter
        self.byService = byService
        var all = [0, 0, 0, 0]
        for l in byCounter { for i in 0..<4 { all[i] += l.counts[i] } }
        total = Line(counter: "*", counts: all)
    }
}
