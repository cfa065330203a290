import Foundation
import QuayCore

/// The notifier outbox in SQLite: one row per transition id (INSERT OR IGNORE, so a transition is never
/// enqueued twice), with the `NotifierDelivery` state machine flattened into columns.
public struct NotifierOutboxRepository {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Adds a pending delivery; false if this transition id is already in the outbox.
    @discardableResult
    public func enqueue(_ p: NotifierPayload, now: Double) throws(SQLiteError) -> Bool {
        let json: String
        do { json = String(decoding: try p.json(), as: UTF8.self) } catch {
            throw SQLiteError(code: 1, message: "cannot encode payload: \(error)")
        }
        let before = try db.scalarInt("SELECT count(*) FROM notifier_outbox WHERE transition_id = ?1", [.text(p.transitionId)]) ?? 0
        guard before == 0 else { return false }
        try db.run(
            "INSERT INTO notifier_outbox(transition_id, payload, enqueued_at, state, attempts, next_at) VALUES(?1, ?2, ?3, 'pending', "
                + "0, ?3)",
            [.text(p.transitionId), .text(json), .double(now)])
        return true
    }

    /// Stores the delivery's current state.
    public func save(_ d: NotifierDelivery) throws(SQLiteError) {
        var attempts = 0
        var nextAt: Double?
        var finishedAt: Double?
        var lastError: String?
        switch d.state {
        case .pending: nextAt = d.enqueuedAt
        case .inFlight(let a, let started):
            attempts = a
            finishedAt = started
        case .retrying(let a, let next, let err):
            attempts = a
            nextAt = next
            lastError = err
        case .sent(let at, let a):
            attempts = a
            finishedAt = at
        case .gaveUp(let at, let a, let err):
            attempts = a
            finishedAt = at
            lastError = err
        }
        try db.run(
            "UPDATE notifier_outbox SET state = ?2, attempts = ?3, next_at = ?4, finished_at = ?5, last_error = ?6 WHERE transition_id "
                + "= ?1",
            [.text(d.transitionId), .text(d.state.name), .int(Int64(attempts)), .opt(nextAt), .opt(finishedAt), .opt(lastError)])
    }

    public func get(_ id: String) throws(SQLiteError) -> NotifierDelivery? {
        try query("WHERE transition_id = ?1", [.text(id)]).first
    }

    /// Entries that are not final (pending, in flight, retrying).
    public func open() throws(SQLiteError) -> [NotifierDelivery] {
        try query("WHERE state IN ('pending', 'in-flight', 'failed-retrying') ORDER BY next_at, transition_id", [])
    }

    /// Everything, newest first, at most `limit`.
    public func all(limit: Int) throws(SQLiteError) -> [NotifierDelivery] {
        try query("ORDER BY enqueued_at DESC, transition_id LIMIT ?1", [.int(Int64(limit))])
    }

    public func counts() throws(SQLiteError) -> [String: Int] {
        let s = try db.statement("SELECT state, count(*) FROM notifier_outbox GROUP BY state")
        defer { s.reset() }
        var out: [String: Int] = [:]
        while try s.step() { out[s.text(0)] = Int(s.int(1)) }
        return out
    }

    private func query(_ tail: String, _ args: [SQLValue]) throws(SQLiteError) -> [NotifierDelivery] {
        let s = try db.statement(
            "SELECT transition_id, payload, enqueued_at, state, attempts, next_at, finished_at, last_error FROM notifier_outbox \(tail)")
        defer { s.reset() }
        try s.bind(args)
        var out: [NotifierDelivery] = []
        let dec = JSONDecoder()
        while try s.step() {
            guard let p = try? dec.decode(NotifierPayload.self, from: Data(s.text(1).utf8)) else { continue }
            var d = NotifierDelivery(payload: p, enqueuedAt: s.double(2))
            let a = Int(s.int(4))
            let err = s.optText(7) ?? ""
            switch s.text(3) {
            case "in-flight": d.state = .inFlight(attempt: a, startedAt: s.optDouble(6) ?? 0)
            case "failed-retrying": d.state = .retrying(attempt: a, nextAt: s.optDouble(5) ?? 0, lastError: err)
            case "sent": d.state = .sent(at: s.optDouble(6) ?? 0, attempts: a)
            case "gave-up": d.state = .gaveUp(at: s.optDouble(6) ?? 0, attempts: a, lastError: err)
            default: d.state = .pending
            }
            out.append(d)
        }
        return out
    }
}
