import QuayCore

/// The ledger's own audit-trail writes (rows that ride with a change are written by the op's job itself).
extension Ledger {
    /// Stores one audit row as its own small transaction: for ops of the audit trail that change no database
    /// state (device tests, reprints, reloads) or failed on a device. Never recorded under a scope itself.
    public func record(_ entry: AuditEntry) async throws {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Void, Error>) in
            let job = LedgerJob(
                kind: .sql { db, _, _ in
                    try AuditRepository(db: db).insert(entry)
                    return Mutation()
                },
                complete: { error in
                    if let error { cont.resume(throwing: error) } else { cont.resume(returning: ()) }
                })
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
    }

    /// Deletes at most `limit` audit rows older than `cutoff` (epoch seconds) in one job; returns how many.
    /// Call again until it returns less than `limit`: other writes run between the batches.
    public func pruneAudit(before cutoff: Double, limit: Int) async throws -> Int {
        let box = LedgerJob.Box<Int>()
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<Void, Error>) in
            let job = LedgerJob(
                kind: .sql { db, _, _ in
                    box.value = try AuditRepository(db: db).prune(before: cutoff, limit: limit)
                    return Mutation()
                },
                complete: { error in
                    if let error { cont.resume(throwing: error) } else { cont.resume(returning: ()) }
                })
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
        return box.value ?? 0
    }
}
