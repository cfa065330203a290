/// `dossier-outbox`: whether a notifier is configured, deliveries per state, and the latest entries.
public struct DossierOutboxBody: Codable, Sendable, Equatable {
    public var configured: Bool
    public var counts: [String: Int]
    public var entries: [DossierOutboxEntry]

    public init(configured: Bool, counts: [String: Int], entries: [DossierOutboxEntry]) {
        self.configured = configured
        self.counts = counts
        self.entries = entries
    }
}
