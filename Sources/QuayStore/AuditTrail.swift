import Foundation
import QuayCore

/// The op that runs in this task and who asked for it: `OpTable.dispatch` sets it (task-local) around every op
/// of the audit trail, and the ledger's write path (`Ledger.write`, `Ledger.transaction`) picks it up when the
/// job is queued, so the audit row is inserted by the writer in the same batch transaction (and savepoint) as
/// the change itself. No op passes it by hand, so none can forget it.
///
/// A scope is closed when its op returns: work the op left behind (a task it started) is not recorded under it.
public final class AuditScope: @unchecked Sendable {
    @TaskLocal public static var current: AuditScope?

    public let op: String
    public let actor: AuditActor
    private let lock = NSLock()
    private var _recorded = 0
    private var _open = true

    public init(op: String, actor: AuditActor) {
        self.op = op
        self.actor = actor
    }

    /// Audit rows committed for this op so far.
    public var recorded: Int { lock.withLock { _recorded } }

    /// The op has returned: later ledger jobs of its task are not recorded under it.
    public func close() { lock.withLock { _open = false } }

    func markRecorded() { lock.withLock { _recorded += 1 } }

    var isOpen: Bool { lock.withLock { _open } }

    /// The scope of the op running in this task, while it runs.
    static var active: AuditScope? { current.flatMap { $0.isOpen ? $0 : nil } }

    /// The row for a change this op made: the subject the op set on the Mutation, else its queue events.
    func entry(for m: Mutation, at now: Double) -> AuditEntry {
        AuditEntry(at: now, op: op, actor: actor, subject: m.audit ?? AuditSubject.from(m.events) ?? AuditSubject())
    }
}

/// Filters of a history query (the `history` op). Every field narrows the result.
public struct AuditQuery: Sendable, Equatable {
    /// A ticket id, or a number of the current business day.
    public var ticket: String?
    /// Rows about this counter (the subject's counter, else the one the caller acted for).
    public var counter: String?
    /// A restricted clerk's counters: only rows about one of them (ignored when `counter` is set).
    public var counters: [String]?
    /// Dossier id or receipt code (as typed and normalised).
    public var dossier: [String]?
    /// Epoch seconds: rows at or after.
    public var since: Double?
    public var limit: Int = 100

    public init() {}
}

/// SQL of the audit trail (table `audit`, migration 4).
public struct AuditRepository {
    let db: Database
    public init(db: Database) { self.db = db }

    static let columns =
        "seq, at, op, source, source_ref, uid, pid, role, actor_counter, ticket, number, counter, dossier, device, detail, outcome"

    public func insert(_ e: AuditEntry) throws(SQLiteError) {
        let a = e.actor, s = e.subject
        try db.run(
            """
            INSERT INTO audit(at, op, source, source_ref, uid, pid, role, actor_counter, ticket, number, counter, dossier, device,
                              detail, outcome)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """,
            [
                .double(e.at), .text(e.op), .text(a.source), .opt(a.sourceRef), a.uid.map { .int($0) } ?? .null,
                a.pid.map { .int($0) } ?? .null, .text(a.role), .opt(a.counter), .opt(s.ticket), .opt(s.number), .opt(s.counter),
                .opt(s.dossier), .opt(s.device), .opt(s.detail), .text(e.outcome),
            ])
    }

    /// The newest `q.limit` matching rows, oldest first; `more` when older matching rows were left out.
    /// Several counters are one indexed query each (newest first, walking the counter index backwards),
    /// merged here: an OR or IN over counters would sort every matching row of the year.
    public func list(_ q: AuditQuery) throws(SQLiteError) -> (entries: [AuditEntry], more: Bool) {
        if q.counter == nil, let cs = q.counters {
            var merged: [AuditEntry] = []
            for c in Set(cs) {
                var one = q
                one.counter = c
                one.counters = nil
                merged += try newest(one)
            }
            merged.sort { $0.seq > $1.seq }
            return (Array(merged.prefix(q.limit).reversed()), merged.count > q.limit)
        }
        let out = try newest(q)
        return (Array(out.prefix(q.limit).reversed()), out.count > q.limit)
    }

    /// Up to `limit + 1` matching rows, newest first (`counters` is not looked at).
    private func newest(_ q: AuditQuery) throws(SQLiteError) -> [AuditEntry] {
        var whereSQL: [String] = []
        var args: [SQLValue] = []
        func param(_ v: SQLValue) -> String {
            args.append(v)
            return "?\(args.count)"
        }
        if let t = q.ticket {
            let p = param(.text(t))
            whereSQL.append(
                "(ticket = \(p) OR ticket IN (SELECT id FROM tickets WHERE number = \(p) AND business_day = (SELECT value FROM meta "
                    + "WHERE key = 'business_day')))"
            )
        }
        if let c = q.counter { whereSQL.append("counter = \(param(.text(c)))") }
        if let ds = q.dossier, !ds.isEmpty {
            let list = ds.map { param(.text($0)) }.joined(separator: ", ")
            whereSQL.append("(dossier IN (\(list)) OR dossier IN (SELECT id FROM dossiers WHERE receipt_code IN (\(list))))")
        }
        if let since = q.since { whereSQL.append("at >= \(param(.double(since)))") }
        let limit = param(.int(Int64(q.limit) + 1))
        let sql =
            "SELECT \(Self.columns) FROM audit" + (whereSQL.isEmpty ? "" : " WHERE " + whereSQL.joined(separator: " AND "))
            + " ORDER BY seq DESC LIMIT \(limit)"
        let s = try db.statement(sql)
        defer { s.reset() }
        try s.bind(args)
        var out: [AuditEntry] = []
        while try s.step() {
            out.append(
                AuditEntry(
                    seq: s.int(0), at: s.double(1), op: s.text(2),
                    actor: AuditActor(
                        source: s.text(3), sourceRef: s.optText(4), uid: s.isNull(5) ? nil : s.int(5),
                        pid: s.isNull(6) ? nil : s.int(6), role: s.text(7), counter: s.optText(8)),
                    subject: AuditSubject(
                        ticket: s.optText(9), number: s.optText(10), counter: s.optText(11), dossier: s.optText(12),
                        device: s.optText(13), detail: s.optText(14)),
                    outcome: s.text(15)))
        }
        return out
    }

    /// Deletes at most `limit` of the oldest rows from before `cutoff`; returns how many.
    public func prune(before cutoff: Double, limit: Int) throws(SQLiteError) -> Int {
        try db.run(
            "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at < ?1 ORDER BY seq LIMIT ?2)",
            [.double(cutoff), .int(Int64(limit))])
        return db.changes
    }

    public func count() throws(SQLiteError) -> Int { Int(try db.scalarInt("SELECT count(*) FROM audit") ?? 0) }
}

extension Ledger {
    /// Audit rows matching `q`, newest first, read on the read-only connection (never holds the writer).
    public func history(_ q: AuditQuery) async throws -> (entries: [AuditEntry], more: Bool) {
        try await reader.read { db in try AuditRepository(db: db).list(q) }
    }
}
