/// What a site knows about one sync peer: checkpoints, last contact and error, transfer totals
/// (`quayctl sync status`). Positions: `pulledAfter` is in the peer's feed, `pushedAfter` in ours.
public struct SyncPeerState: Sendable, Codable, Equatable {
    public var site: String
    public var pulledAfter: Int64
    public var pushedAfter: Int64
    /// Epoch seconds of the last exchange that succeeded (either direction, dialled or accepted).
    public var lastContact: Double?
    public var lastError: String?
    public var lastErrorAt: Double?
    public var recordsIn: Int64
    public var recordsOut: Int64
    public var bytesIn: Int64
    public var bytesOut: Int64
    public var conflicts: Int64
    /// Own feed rows (any origin but the peer's) after `pushedAfter`: what this site still owes the peer.
    public var backlog: Int64

    public init(
        site: String, pulledAfter: Int64 = 0, pushedAfter: Int64 = 0, lastContact: Double? = nil, lastError: String? = nil,
        lastErrorAt: Double? = nil, recordsIn: Int64 = 0, recordsOut: Int64 = 0, bytesIn: Int64 = 0, bytesOut: Int64 = 0,
        conflicts: Int64 = 0, backlog: Int64 = 0
    ) {
        (self.site, self.pulledAfter, self.pushedAfter, self.lastContact) = (site, pulledAfter, pushedAfter, lastContact)
        (self.lastError, self.lastErrorAt, self.recordsIn, self.recordsOut) = (lastError, lastErrorAt, recordsIn, recordsOut)
        (self.bytesIn, self.bytesOut, self.conflicts, self.backlog) = (bytesIn, bytesOut, conflicts, backlog)
    }
}
