/// One sync peer in `sync-status` (docs/sync.md): checkpoints, last contact and error, transfer totals.
public struct SyncPeerView: Codable, Sendable, Equatable {
    public var site: String
    /// `center`, `point` or `province`.
    public var role: String
    /// Dialled at this address; nil: the peer only calls us.
    public var url: String?
    /// Epoch seconds of the last successful exchange either way; nil: never.
    public var lastContact: Double?
    /// Seconds since `lastContact` (nil: never).
    public var lastContactAge: Double?
    /// Longer than `[sync] stale_after` without contact (or never reached since start).
    public var stale: Bool
    /// Our feed rows the peer does not have yet (after `pushedAfter`, its own records left out).
    public var backlog: Int64
    /// Last position of the peer's feed we applied.
    public var pulledAfter: Int64
    /// Last position of our feed the peer acknowledged.
    public var pushedAfter: Int64
    public var lastError: String?
    public var lastErrorAt: Double?
    public var recordsIn: Int64
    public var recordsOut: Int64
    public var bytesIn: Int64
    public var bytesOut: Int64
    public var conflicts: Int64

    public init(
        site: String, role: String, url: String?, lastContact: Double?, lastContactAge: Double?, stale: Bool, backlog: Int64,
        pulledAfter: Int64, pushedAfter: Int64, lastError: String?, lastErrorAt: Double?, recordsIn: Int64, recordsOut: Int64,
        bytesIn: Int64, bytesOut: Int64, conflicts: Int64
    ) {
        (self.site, self.role, self.url, self.lastContact, self.lastContactAge) = (site, role, url, lastContact, lastContactAge)
        (self.stale, self.backlog, self.pulledAfter, self.pushedAfter) = (stale, backlog, pulledAfter, pushedAfter)
        (self.lastError, self.lastErrorAt, self.recordsIn, self.recordsOut) = (lastError, lastErrorAt, recordsIn, recordsOut)
        (self.bytesIn, self.bytesOut, self.conflicts) = (bytesIn, bytesOut, conflicts)
    }
}
