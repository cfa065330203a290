import QuaySync

/// `[sync]` (docs/sync.md): this site's key, how often peers with a url are dialled, and the peers.
public struct SyncConfig: Sendable {
    /// A `[sync]` section is present.
    public var enabled = false
    /// Ed25519 private key file (0600); default `<state_dir>/sync.key`.
    public var keyFile: String?
    /// Seconds between exchanges with each dialled peer.
    public var interval: Double = 30
    /// A peer not reached for longer than this is a `/healthz` warning.
    public var staleAfter: Double = 600
    /// Records and about how many bytes per batch.
    public var batchRecords = 200
    public var batchBytes = 64 << 10
    /// One HTTP request, seconds.
    public var timeout: Double = 30
    /// Longest wait after failures (backoff doubles from `interval` up to this).
    public var maxBackoff: Double = 300
    public var peers: [SyncPeer] = []

    public init() {}

    public func keyPath(stateDir: String) -> String { keyFile ?? (stateDir.hasSuffix("/") ? stateDir : stateDir + "/") + "sync.key" }
}
