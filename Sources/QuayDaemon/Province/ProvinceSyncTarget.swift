import Logging
import QuayCore
import QuayProvince
import QuaySync

/// The province database as the sync client's pull target (docs/sync.md, "Province"): the checkpoint per center
/// is `checkpoints.position`, and each pulled page is ingested with its last position in one transaction, so
/// QuaySync's `SyncClient.pull(from:into:)` (challenge, signed pull, verified reply) is the province's only client.
struct ProvinceSyncTarget: SyncPullTarget {
    let db: ProvinceDatabase
    let logger: Logger

    func pulledAfter(_ peer: String) async throws -> Int64 { try await db.checkpoint(center: peer) }

    func applyPulled(_ entries: [FeedEntry], from peer: String, bytes: Int) async throws -> FeedApplyResult {
        guard let last = entries.map(\.position).max() else { return FeedApplyResult() }
        let r = try await db.ingest(entries.map(\.record), center: peer, checkpoint: last)
        return FeedApplyResult(applied: r.inserted, duplicates: r.duplicates, conflicts: 0)
    }

    func failed(_ peer: String, error: String) async throws {
        logger.warning("pull from \(peer) failed: \(error)")
    }
}
