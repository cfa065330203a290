import QuayCore

/// What a pull-only client needs (the province): its checkpoint per peer and applying pulled entries with it.
public protocol SyncPullTarget: Sendable {
    /// The last position of the peer's feed we applied.
    func pulledAfter(_ peer: String) async throws -> Int64
    /// Applies pulled entries and moves the pull checkpoint to the last one's position, atomically.
    func applyPulled(_ entries: [FeedEntry], from peer: String, bytes: Int) async throws -> FeedApplyResult
    /// The last exchange with `peer` failed.
    func failed(_ peer: String, error: String) async throws
}

/// The feed as sync sees it: the daemon implements it over its SQLite store (`SyncStore`), the province over
/// PostgreSQL (pull only: `SyncPullTarget`). Positions are this site's feed positions; `peer` is the other side's site.
public protocol SyncFeed: SyncPullTarget {
    /// Rows after `position`, leaving out `excluding`'s own records, bounded by count and bytes; `head` is the last
    /// position. `dossiersOf` (a point calling): only dossier records of dossiers received at that site.
    func entries(after position: Int64, limit: Int, maxBytes: Int, excluding: String, dossiersOf: String?) async throws -> (
        entries: [FeedEntry], bytes: Int, more: Bool, head: Int64
    )
    /// Applies records a peer pushed (each `(origin, seq)` once).
    func applyPushed(_ records: [FeedRecord], from peer: String, bytes: Int) async throws -> FeedApplyResult
    /// A peer pulled `records` rows from us asking after `after`: it has every row up to there (totals, last contact,
    /// its acknowledged position in our feed).
    func served(_ peer: String, after: Int64, records: Int, bytes: Int) async throws

    /// What we still owe `peer`, after our push checkpoint for it.
    func outgoing(to peer: String, limit: Int, maxBytes: Int) async throws -> (entries: [FeedEntry], bytes: Int, more: Bool)
    /// The peer acknowledged our push up to `position`.
    func pushed(to peer: String, upTo position: Int64, records: Int, bytes: Int) async throws
}
