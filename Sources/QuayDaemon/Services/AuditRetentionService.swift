import Foundation
import Logging
import QuayStore
import ServiceLifecycle

/// Deletes audit-trail rows older than `[store] audit_retention_days` at start and then daily, in batches of
/// `batch` rows, each its own ledger job: queue operations queued meanwhile run between two batches, so the
/// writer is never held for long.
struct AuditRetentionService: LifecycleService {
    let state: DaemonState
    let logger: Logger
    var interval: Duration = .seconds(86_400)

    static let batch = 500

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let ledger = state.ledgerIfOpen {
                    await Self.prune(ledger, days: state.config.auditRetentionDays, logger: logger)
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Prunes rows from before `days` days ago; returns how many were deleted.
    @discardableResult
    static func prune(_ ledger: Ledger, days: Int, batch: Int = batch, logger: Logger? = nil) async -> Int {
        let cutoff = ledger.now() - Double(days) * 86_400
        var total = 0
        do {
            while !Task.isCancelled {
                let n = try await ledger.pruneAudit(before: cutoff, limit: batch)
                total += n
                if n < batch { break }
                // A breath between batches for the cooperative pool; the writer already interleaves other jobs.
                await Task.yield()
            }
        } catch {
            logger?.error("audit trail: pruning failed", metadata: ["error": "\(error)"])
        }
        if total > 0 { logger?.info("audit trail: old rows deleted", metadata: ["rows": "\(total)", "retentionDays": "\(days)"]) }
        return total
    }
}
