/// What a report is restricted to: one service, some counters (a clerk restricted to counters always gets theirs).
public struct ReportFilter: Sendable, Codable, Equatable {
    public var service: String?
    /// nil: every counter. A dossier counts for these counters when it was received at one of them.
    public var counters: [String]?

    public init(service: String? = nil, counters: [String]? = nil) { (self.service, self.counters) = (service, counters) }
}
