/// `sync-status`: this site's feed and every configured peer. `enabled` false: no `[sync]` section.
public struct SyncStatusBody: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var site: String
    /// Base64 Ed25519 public key peers list for this site (nil when sync is off).
    public var publicKey: String?
    /// Last position of this site's feed.
    public var head: Int64
    /// This site's own last feed sequence.
    public var ownSeq: Int64
    public var peers: [SyncPeerView]

    public init(enabled: Bool, site: String, publicKey: String?, head: Int64, ownSeq: Int64, peers: [SyncPeerView]) {
        (self.enabled, self.site, self.publicKey, self.head, self.ownSeq, self.peers) = (enabled, site, publicKey, head, ownSeq, peers)
    }
}
