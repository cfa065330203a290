/// A feed record with its position in the serving site's feed: one element of a pull reply (docs/sync.md). The
/// puller checkpoints the last position it applied.
public struct FeedEntry: Sendable, Codable, Equatable {
    public var position: Int64
    public var record: FeedRecord

    public init(position: Int64, record: FeedRecord) { (self.position, self.record) = (position, record) }
}

extension FeedBody {
    /// The `kind` column of the feed table: `dossier` or `queue-day`.
    public var kind: String {
        switch self {
        case .dossier: "dossier"
        case .queueDay: "queue-day"
        }
    }
}
