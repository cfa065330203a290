import Foundation
import QuayCore
import QuaySystem

/// The single writer of the queue. All queue operations run, in order, on one dedicated thread that owns the
/// SQLite connection and the `QueueEngine`. Operations that arrive while a commit is in flight are committed
/// together in the next transaction (group commit): one fsync serves many clients, and no caller is answered
/// before its transaction is durable (WAL, synchronous=FULL). Observers hear about changes only after commit.
public final class Ledger: @unchecked Sendable {
    public typealias Clock = @Sendable () -> Double

    private let db: Database
    private let repo: QueueRepository
    /// Read-only connection for reports that must not hold the writer thread (dossier statistics).
    /// The read-only connection (reports, dossier reads); used through the stores in QuayStore, never handed out.
    let reader: ReadConnection
    private let clock: Clock
    /// Owned by the writer thread after init.
    private var engine: QueueEngine
    private var observers: [UInt64: @Sendable (Mutation) -> Void] = [:]
    private var nextObserver: UInt64 = 0

    private let cond = NSCondition()
    private var pending: [LedgerJob] = []
    private var stopping = false
    private var stopped = false
    private var thread: Thread?
    /// Largest number of operations to commit in one transaction.
    public var maxBatch = 256

    public struct Stats: Sendable {
        public var transactions: UInt64 = 0
        public var operations: UInt64 = 0
        public var failedTransactions: UInt64 = 0
    }
    private var _stats = Stats()
    /// The last write transaction failed with a read-only error (guarded by `cond`).
    private var _writesReadOnly = false
    /// Told each write transaction's seconds (BEGIN to COMMIT or rollback) and whether it failed (guarded by `cond`).
    private var _writeTimer: (@Sendable (Double, Bool) -> Void)?

    /// Opens (and migrates) the database at `path` and loads today's queue.
    public init(path: String, center: CenterSetup, maxPageCount: Int? = nil, clock: @escaping Clock = { Date().timeIntervalSince1970 })
        throws(StoreError)
    {
        let db: Database
        do {
            db = try Database(path: path)
            if let maxPageCount { try db.setMaxPageCount(maxPageCount) }
            // 8 MiB of page cache instead of SQLite's 2 MiB: a dossier-import transaction (thousands of rows) dirties
            // more pages than 2 MiB holds, and spilling them mid-transaction wrote about twice the bytes.
            try db.exec("PRAGMA cache_size=-8192")
            let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
            if version > Migrations.all.count {
                throw StoreError.unavailable(
                    "database schema version \(version) is newer than this quayd understands (\(Migrations.all.count))")
            }
            if version < Migrations.all.count { try Migrations.migrate(db) }
        } catch let e as SQLiteError {
            throw .sqlite(e)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .unavailable("\(error)")
        }
        self.db = db
        self.repo = QueueRepository(db: db)
        self.reader = ReadConnection(path: path)
        self.clock = clock
        do {
            self.engine = try Self.load(repo: repo, center: center, now: clock())
        } catch {
            throw .sqlite(error)
        }
        let t = Thread { [unowned self] in self.writerLoop() }
        t.name = "quay-ledger"
        t.stackSize = 1 << 20
        thread = t
        t.start()
    }

    static func load(repo: QueueRepository, center: CenterSetup, now: Double) throws(SQLiteError) -> QueueEngine {
        let day = try repo.meta("business_day") ?? center.clock.read(now).businessDay
        return QueueEngine(
            center: center, businessDay: day, tickets: try repo.tickets(day: day),
            nextTicketSeq: try repo.nextTicketSeq(), nextEventSeq: try repo.nextEventSeq(),
            counterStates: try repo.counterStates())
    }

    /// True when SQLite opened the database read-only, or the last write failed because the file or its
    /// filesystem is read-only (EROFS: e.g. remounted read-only after an SD card error); a later successful
    /// write clears it.
    public var isReadOnly: Bool {
        if db.isReadOnly { return true }
        cond.lock()
        defer { cond.unlock() }
        return _writesReadOnly
    }

    /// Sets the observer of write transaction durations (metrics); it runs on the writer thread, so it must be quick.
    public func onWriteTransaction(_ f: @escaping @Sendable (_ seconds: Double, _ failed: Bool) -> Void) {
        cond.withLock { _writeTimer = f }
    }

    /// The ledger's clock (what write jobs get as `now`).
    public func now() -> Double { clock() }

    // MARK: public operations

    /// Runs a queue operation; returns its result once the change is durably committed.
    /// Throws `QueueError` (refused, nothing changed) or `StoreError` (not stored).
    /// Called inside an op of the audit trail (`AuditScope.current`), the writer also inserts that op's audit
    /// row in the same transaction; a refused operation leaves none.
    public func write<T: Sendable>(_ body: @escaping @Sendable (inout QueueEngine, Double) throws(QueueError) -> (T, Mutation)) async throws
        -> T
    {
        let audit = AuditScope.active
        return try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            let box = LedgerJob.Box<T>()
            let job = LedgerJob(
                kind: .write { engine, now throws(QueueError) in
                    let (r, m) = try body(&engine, now)
                    box.value = r
                    return m
                },
                complete: { error in
                    if let error { cont.resume(throwing: error) } else { cont.resume(returning: box.value!) }
                }, audit: audit)
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
    }

    /// Runs `body` on the writer thread inside the current batch's transaction, in its own savepoint: SQL of
    /// other features (dossiers) is as durable as queue changes and ordered with them. A thrown error rolls
    /// back this job's statements only (an I/O error, disk full or read-only database fails the whole batch)
    /// and reaches the caller. A returned Mutation (e.g. a ticket issued for a dossier) is stored and published.
    /// Engine changes must happen only after every check that can throw.
    /// Inside an op of the audit trail, its audit row is inserted in the same savepoint (see `write`).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Database, inout QueueEngine, Double) throws -> (T, Mutation)) async throws
        -> T
    {
        let audit = AuditScope.active
        return try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            let box = LedgerJob.Box<T>()
            let job = LedgerJob(
                kind: .sql { db, engine, now in
                    let (r, m) = try body(db, &engine, now)
                    box.value = r
                    return m
                },
                complete: { error in
                    if let error { cont.resume(throwing: error) } else { cont.resume(returning: box.value!) }
                }, audit: audit)
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
    }

    /// Reads the current state in order with writes (sees every commit before it).
    public func read<T: Sendable>(_ body: @escaping @Sendable (QueueEngine) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            let box = LedgerJob.Box<T>()
            let job = LedgerJob(
                kind: .read { engine in box.value = body(engine) },
                complete: { error in
                    if let error { cont.resume(throwing: error) } else { cont.resume(returning: box.value!) }
                })
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
    }

    /// Registers an observer of committed changes and returns a snapshot taken at the same instant, so a
    /// watcher sees every change exactly once: those before in the snapshot, those after through `observer`.
    public func subscribe<T: Sendable>(
        snapshot: @escaping @Sendable (QueueEngine) -> T,
        observer: @escaping @Sendable (Mutation) -> Void
    ) async throws -> (token: UInt64, snapshot: T) {
        try await read { [unowned self] engine in
            self.nextObserver += 1
            self.observers[self.nextObserver] = observer
            return (self.nextObserver, snapshot(engine))
        }
    }

    public func unsubscribe(_ token: UInt64) {
        Task { _ = try? await self.read { [unowned self] _ in self.observers[token] = nil } }
    }

    /// Replaces the center configuration (SIGHUP): tickets and counter states stay.
    public func reconfigure(_ center: CenterSetup) async throws {
        _ = try await write { engine, _ throws(QueueError) in
            engine.reconfigure(center)
            return ((), Mutation())
        }
    }

    /// Events committed after `seq` (for history and catch-up).
    public func events(after seq: Int64, limit: Int = 1000) async throws -> [QueueEvent] {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<[QueueEvent], Error>) in
            let box = LedgerJob.Box<Result<[QueueEvent], SQLiteError>>()
            let job = LedgerJob(
                kind: .read { [repo] _ in
                    do throws(SQLiteError) { box.value = .success(try repo.events(after: seq, limit: limit)) } catch {
                        box.value = .failure(error)
                    }
                },
                complete: { error in
                    if let error { return cont.resume(throwing: error) }
                    switch box.value! {
                    case .success(let v): cont.resume(returning: v)
                    case .failure(let e): cont.resume(throwing: StoreError.sqlite(e))
                    }
                })
            enqueue(job, cont: { cont.resume(throwing: StoreError.closed) })
        }
    }

    public var stats: Stats {
        cond.lock()
        defer { cond.unlock() }
        return _stats
    }

    /// Finishes queued operations, then stops the writer thread. Later calls fail with `.closed`.
    public func close() {
        cond.lock()
        stopping = true
        cond.broadcast()
        while !stopped && thread != nil { cond.wait() }
        cond.unlock()
    }

    // MARK: writer thread

    func enqueue(_ job: LedgerJob, cont failClosed: () -> Void) {
        cond.lock()
        if stopping {
            cond.unlock()
            failClosed()
            return
        }
        pending.append(job)
        cond.signal()
        cond.unlock()
    }

    private func writerLoop() {
        while true {
            cond.lock()
            while pending.isEmpty && !stopping { cond.wait() }
            if pending.isEmpty && stopping {
                stopped = true
                cond.broadcast()
                cond.unlock()
                return
            }
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            cond.unlock()
            runBatch(batch)
        }
    }

    private func runBatch(_ batch: [LedgerJob]) {
        let now = clock()
        var results: [Error?] = Array(repeating: nil, count: batch.count)
        var committed = Mutation()
        // A new business day is a write even when only reads are queued, so nobody sees yesterday's queue.
        let hasWrites =
            batch.contains { if case .read = $0.kind { return false } else { return true } }
            || engine.center.clock.read(now).businessDay != engine.businessDay
        // Reads in a write batch run after COMMIT (or rollback): they never see uncommitted changes, and a
        // watcher subscribing in this batch gets a snapshot that already contains the whole batch.
        var deferredReads: [(Int, (QueueEngine) -> Void)] = []
        var txError: SQLiteError?
        // Ops whose audit row is in this transaction: told after COMMIT.
        var audited: [AuditScope] = []
        let auditRepo = AuditRepository(db: db)
        let started = DispatchTime.now().uptimeNanoseconds
        if hasWrites {
            do throws(SQLiteError) {
                try db.exec("BEGIN IMMEDIATE")
                let day = engine.center.clock.read(now).businessDay
                let closing = engine.businessDay
                let roll = engine.roll(to: day, now: now)
                if !roll.isEmpty {
                    try repo.write(roll)
                    try Self.recordClosedDay(db: db, center: engine.center, day: closing, now: now)
                    try repo.setMeta("business_day", day)
                    committed.append(roll)
                } else if try repo.meta("business_day") == nil {
                    try repo.setMeta("business_day", day)
                }
                for (i, job) in batch.enumerated() {
                    switch job.kind {
                    case .read(let f):
                        deferredReads.append((i, f))
                    case .write(let f):
                        // Engine operations validate before they change anything, so a refusal leaves it intact.
                        let m: Mutation
                        do throws(QueueError) { m = try f(&engine, now) } catch {
                            results[i] = error
                            continue
                        }
                        try repo.write(m)
                        if let scope = job.audit {
                            try auditRepo.insert(scope.entry(for: m, at: now))
                            audited.append(scope)
                        }
                        committed.append(m)
                    case .sql(let f):
                        // Own savepoint: a refused operation (thrown error) rolls back only its own statements.
                        try db.exec("SAVEPOINT job")
                        do {
                            let m = try f(db, &engine, now)
                            try repo.write(m)
                            if let scope = job.audit { try auditRepo.insert(scope.entry(for: m, at: now)) }
                            try db.exec("RELEASE job")
                            if let scope = job.audit { audited.append(scope) }
                            committed.append(m)
                        } catch let e as SQLiteError where e.kind != .constraint {
                            throw e
                        } catch {
                            try db.exec("ROLLBACK TO job")
                            try db.exec("RELEASE job")
                            results[i] = error
                        }
                    }
                }
                try db.exec("COMMIT")
            } catch {
                txError = error
            }
        } else {
            for job in batch { if case .read(let f) = job.kind { f(engine) } }
        }
        if let e = txError, e.kind == .io || e.kind == .cantOpen,
            FilesystemProbe.isReadOnly(directory: (db.path as NSString).deletingLastPathComponent)
        {
            // The filesystem went read-only under us: say so (store-read-only), not a generic store-error.
            txError = SQLiteError(
                code: e.code, message: e.message + " (the filesystem is read-only)", sql: e.sql, systemErrno: SQLiteError.erofs)
        }
        if let txError {
            try? db.exec("ROLLBACK")
            // The engine may be ahead of the database now: reload it from what is durably stored.
            if let fresh = try? Self.load(repo: repo, center: engine.center, now: now) { engine = fresh }
            for i in results.indices where results[i] == nil { results[i] = StoreError.sqlite(txError) }
            committed = Mutation()
        }
        if txError == nil { for scope in audited { scope.markRecorded() } }
        cond.lock()
        _stats.transactions += hasWrites ? 1 : 0
        _stats.operations += UInt64(batch.count)
        _stats.failedTransactions += txError == nil ? 0 : 1
        if hasWrites { _writesReadOnly = txError?.kind == .readOnly }
        let timer = hasWrites ? _writeTimer : nil
        cond.unlock()
        timer?(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, txError != nil)
        if !committed.isEmpty { for f in observers.values { f(committed) } }
        for (_, f) in deferredReads { f(engine) }
        for (i, job) in batch.enumerated() { job.complete(results[i]) }
    }
}
