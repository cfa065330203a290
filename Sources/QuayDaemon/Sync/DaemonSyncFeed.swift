import QuayCore
import QuayStore
import QuaySync

/// The daemon's feed for sync: `SyncStore` on the open ledger (a store that is not open fails each call).
struct DaemonSyncFeed: SyncFeed {
    let state: DaemonState

    func store() throws -> SyncStore { SyncStore(ledger: try state.ledger()) }

    func entries(after position: Int64, limit: Int, maxBytes: Int, excluding: String, dossiersOf: String?) async throws -> (
        entries: [FeedEntry], bytes: Int, more: Bool, head: Int64
    ) {
        try await store().entries(after: position, limit: limit, maxBytes: maxBytes, excluding: excluding, dossiersOf: dossiersOf)
    }

    func applyPushed(_ records: [FeedRecord], from peer: String, bytes: Int) async throws -> FeedApplyResult {
        try await store().applyPushed(records, from: peer, bytes: bytes)
    }

    func served(_ peer: String, after: Int64, records: Int, bytes: Int) async throws {
        try await store().sent(to: peer, records: records, bytes: bytes, pushedAfter: after, served: true)
    }

    func outgoing(to peer: String, limit: Int, maxBytes: Int) async throws -> (entries: [FeedEntry], bytes: Int, more: Bool) {
        try await store().outgoing(to: peer, limit: limit, maxBytes: maxBytes)
    }

    func pushed(to peer: String, upTo position: Int64, records: Int, bytes: Int) async throws {
        try await store().sent(to: peer, records: records, bytes: bytes, pushedAfter: position)
    }

    func pulledAfter(_ peer: String) async throws -> Int64 { try await store().states([peer])[0].pulledAfter }

    func applyPulled(_ entries: [FeedEntry], from peer: String, bytes: Int) async throws -> FeedApplyResult {
        try await store().applyPulled(entries, from: peer, bytes: bytes)
    }

    func failed(_ peer: String, error: String) async throws { try await store().failed(peer, error: error) }
}
