import CSQLite
import Foundation

/// Copies the write-ahead log back into the database file on its own thread, off the writer's path.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that pushes the WAL past 1,000 pages: that one
/// client's ticket then waits for ~4 MB of page copies and an extra fsync of the database file (milliseconds
/// on the SD cards and eMMC of a kiosk box). The ledger replaces it with this: the writer connection's WAL
/// hook reports the WAL size after every commit, and past `thresholdPages` a PASSIVE checkpoint runs here, on a
/// second connection, while the writer keeps committing. Durability does not depend on checkpoints (a
/// committed transaction is in the fsync'd WAL); a failed checkpoint (disk full, read-only file) is counted
/// and retried at the next commit past the threshold, and the WAL simply stays longer meanwhile.
///
/// Under sustained writing a background checkpoint never catches up with the last frame, and SQLite only
/// restarts the WAL from its start after a complete one: the WAL would grow without bound. Past `hardLimitPages`
/// the writer therefore checkpoints itself between two batches (`catchUpIfNeeded`), after its clients have
/// had their replies, which bounds the WAL at the cost of one slower batch.
final class Checkpointer: @unchecked Sendable {
    struct Stats: Sendable {
        var runs: UInt64 = 0
        var failures: UInt64 = 0
        var lastError: String?
        /// Checkpoints the writer ran itself because the background ones fell behind.
        var catchUps: UInt64 = 0
    }

    let path: String
    let thresholdPages: Int
    let hardLimitPages: Int
    private let queue = DispatchQueue(label: "quay-checkpoint", qos: .utility)
    private let lock = NSLock()
    private var inFlight = false
    private var closed = false
    private var _stats = Stats()
    /// WAL length after the writer's last commit; only touched on the writer thread.
    private var walPages = 0
    /// Opened with the ledger (so quayd's descriptor count is steady from the start; reopened after a failure);
    /// afterwards only touched on `queue`.
    private var db: Database?

    init(path: String, thresholdPages: Int = 1000) {
        self.path = path
        self.thresholdPages = thresholdPages
        self.hardLimitPages = thresholdPages.multipliedReportingOverflow(by: 8).overflow ? Int.max : thresholdPages * 8
        db = try? Database(path: path)
    }

    var stats: Stats { lock.withLock { _stats } }

    /// Installs the WAL hook on the writer connection; from then on SQLite no longer checkpoints in COMMIT.
    /// The hook holds this object unretained: the owner keeps it alive as long as `db`.
    func attach(to db: Database) {
        sqlite3_wal_hook(db.handle, { ctx, _, _, pages in
            Unmanaged<Checkpointer>.fromOpaque(ctx!).takeUnretainedValue().walCommitted(pages: Int(pages))
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Called on the writer thread after each commit with the WAL's length in pages.
    func walCommitted(pages: Int) {
        walPages = pages
        guard pages >= thresholdPages else { return }
        let start = lock.withLock { () -> Bool in
            guard !inFlight && !closed else { return false }
            inFlight = true
            return true
        }
        if start { queue.async { self.checkpoint() } }
    }

    /// On the writer thread, between batches: when background checkpoints have fallen behind, checkpoint on the
    /// writer's own connection, which nothing writes to meanwhile, so the WAL restarts at the next commit.
    func catchUpIfNeeded(_ db: Database) {
        guard walPages >= hardLimitPages else { return }
        walPages = 0
        do {
            try db.exec("PRAGMA wal_checkpoint(PASSIVE)")
            lock.withLock { _stats.catchUps += 1 }
        } catch {
            lock.withLock {
                _stats.failures += 1
                _stats.lastError = "\(error)"
            }
        }
    }

    private func checkpoint() {
        var failure: String?
        do {
            let db = try self.db ?? Database(path: path)
            self.db = db
            // PASSIVE: copies what no reader still needs, never waits for the writer or readers.
            try db.exec("PRAGMA wal_checkpoint(PASSIVE)")
        } catch {
            failure = "\(error)"
            self.db = nil
        }
        lock.withLock {
            inFlight = false
            if let failure {
                _stats.failures += 1
                _stats.lastError = failure
            } else {
                _stats.runs += 1
                _stats.lastError = nil
            }
        }
    }

    /// Waits for a running checkpoint and closes the connection; later hooks do nothing.
    func close() {
        lock.withLock { closed = true }
        queue.sync { db = nil }
    }
}
