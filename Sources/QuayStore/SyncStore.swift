import QuayCore

/// The change feed and sync checkpoints as the daemon uses them (docs/sync.md): reads on the read-only connection,
/// every write one ledger transaction. Applying a pulled batch and moving the pull checkpoint are one transaction,
/// so a batch cut in the middle is applied again from the last checkpoint and its stored records are duplicates.
public struct SyncStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// Feed rows after `position` for a peer (`excluding` its own origin): a pull reply's records and the feed head.
    /// `dossiersOf`: only dossier records of dossiers received at that site (a point is served its own dossiers).
    public func entries(after position: Int64, limit: Int, maxBytes: Int, excluding: String?, dossiersOf: String? = nil) async throws
        -> (entries: [FeedEntry], bytes: Int, more: Bool, head: Int64)
    {
        try await ledger.reader.read { db in
            let feed = FeedRepository(db: db)
            let (e, b, more) = try feed.entries(
                after: position, limit: limit, maxBytes: maxBytes, excluding: excluding, dossiersOf: dossiersOf)
            return (e, b, more, try feed.head())
        }
    }

    /// What this site still owes `peer`: rows after its push checkpoint.
    public func outgoing(to peer: String, limit: Int, maxBytes: Int) async throws -> (entries: [FeedEntry], bytes: Int, more: Bool) {
        try await ledger.reader.read { db in
            let after = try SyncPeerRepository(db: db).get(peer).pushedAfter
            return try FeedRepository(db: db).entries(after: after, limit: limit, maxBytes: maxBytes, excluding: peer)
        }
    }

    /// Records a peer pushed to us.
    public func applyPushed(_ records: [FeedRecord], from peer: String, bytes: Int) async throws -> FeedApplyResult {
        try await apply(records, from: peer, bytes: bytes, pulledAfter: nil)
    }

    /// Records we pulled from a peer; the pull checkpoint moves to the last entry's position in the same transaction.
    public func applyPulled(_ entries: [FeedEntry], from peer: String, bytes: Int) async throws -> FeedApplyResult {
        try await apply(entries.map(\.record), from: peer, bytes: bytes, pulledAfter: entries.last?.position)
    }

    private func apply(_ records: [FeedRecord], from peer: String, bytes: Int, pulledAfter: Int64?) async throws -> FeedApplyResult {
        try await ledger.transaction { db, engine, now in
            let applier = FeedApplier(db: db, ownSite: engine.center.site.rawValue, peer: peer)
            let (r, applied) = try applier.apply(records, engine: &engine, now: now)
            var m = applied
            try SyncPeerRepository(db: db).received(
                peer, records: r.applied, bytes: bytes, conflicts: r.conflicts, pulledAfter: pulledAfter, at: now)
            if !records.isEmpty {
                let detail =
                    "peer=\(peer) \(pulledAfter == nil ? "received" : "pulled")=\(r.applied) bytes=\(bytes) conflicts=\(r.conflicts)"
                m.append(engine.note(.sync, at: now, detail: detail))
            }
            return (r, m)
        }
    }

    /// Records sent to `peer`: it acknowledged our push up to `pushedAfter`, or (`served`) it pulled them, asking
    /// after `pushedAfter`, which acknowledges every row up to there.
    public func sent(to peer: String, records: Int, bytes: Int, pushedAfter: Int64?, served: Bool = false) async throws {
        try await ledger.transaction { db, engine, now in
            try SyncPeerRepository(db: db).sent(peer, records: records, bytes: bytes, pushedAfter: pushedAfter, at: now)
            guard records > 0 else { return ((), Mutation()) }
            let detail = "peer=\(peer) \(served ? "served" : "pushed")=\(records) bytes=\(bytes) conflicts=0"
            return ((), engine.note(.sync, at: now, detail: detail))
        }
    }

    /// The last exchange with `peer` failed.
    public func failed(_ peer: String, error: String) async throws {
        try await ledger.transaction { db, _, now in
            try SyncPeerRepository(db: db).failed(peer, error: error, at: now)
            return ((), Mutation())
        }
    }

    /// Checkpoints, totals and backlog of each peer (peers never contacted come back with zeros). The backlog of a
    /// peer in `points` counts only what it is served: records of dossiers received there.
    public func states(_ peers: [String], points: Set<String> = []) async throws -> [SyncPeerState] {
        try await ledger.reader.read { db in
            let repo = SyncPeerRepository(db: db)
            return try peers.map { try repo.get($0, dossiersOnly: points.contains($0)) }
        }
    }

    /// The feed head (last position) and this site's own last sequence.
    public func head(site: String) async throws -> (head: Int64, ownSeq: Int64) {
        try await ledger.reader.read { db in
            (try FeedRepository(db: db).head(), try db.scalarInt("SELECT max(seq) FROM feed WHERE origin = ?1", [.text(site)]) ?? 0)
        }
    }

    /// One origin's records in seq order.
    public func records(origin: String) async throws -> [FeedRecord] {
        try await ledger.reader.read { db in try FeedRepository(db: db).records(origin: origin) }
    }
}
