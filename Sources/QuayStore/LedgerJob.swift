import QuayCore

/// One unit of work for the ledger's writer thread: a queue change, a read of the engine, or SQL in the batch's
/// transaction; `complete` is called once, after the batch committed (or failed).
struct LedgerJob: @unchecked Sendable {
    enum Kind {
        case write((inout QueueEngine, Double) throws(QueueError) -> Mutation)
        case read((QueueEngine) -> Void)
        /// Runs SQL inside the batch's transaction (in its own savepoint) and may also change the queue.
        case sql((Database, inout QueueEngine, Double) throws -> Mutation)
    }
    let kind: Kind
    let complete: (Error?) -> Void
    /// The op of the audit trail that queued this job: its row goes in with the job's change.
    var audit: AuditScope? = nil

    /// Where a job leaves its result for the caller's continuation (written by the writer thread before
    /// `complete`, read after it).
    final class Box<T>: @unchecked Sendable {
        var value: T?
    }
}
