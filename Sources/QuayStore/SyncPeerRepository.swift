import QuayCore

/// SQL of per-peer sync checkpoints and totals (table `sync_peers`, migration 8). A peer's row appears on its
/// first contact or error.
public struct SyncPeerRepository {
    public let db: Database

    public init(db: Database) { self.db = db }

    func ensure(_ site: String) throws(SQLiteError) {
        try db.run("INSERT OR IGNORE INTO sync_peers(site) VALUES(?1)", [.text(site)])
    }

    /// `dossiersOnly`: the backlog counts only records of dossiers received at `site` (what a point is served).
    public func get(_ site: String, dossiersOnly: Bool = false) throws(SQLiteError) -> SyncPeerState {
        let s = try db.statement(
            """
            SELECT pulled_after, pushed_after, last_contact, last_error, last_error_at, records_in, records_out, bytes_in,
                   bytes_out, conflicts FROM sync_peers WHERE site = ?1
            """)
        defer { s.reset() }
        try s.bind([.text(site)])
        var p = SyncPeerState(site: site)
        if try s.step() {
            (p.pulledAfter, p.pushedAfter, p.lastContact, p.lastError) = (s.int(0), s.int(1), s.optDouble(2), s.optText(3))
            (p.lastErrorAt, p.recordsIn, p.recordsOut, p.bytesIn) = (s.optDouble(4), s.int(5), s.int(6), s.int(7))
            (p.bytesOut, p.conflicts) = (s.int(8), s.int(9))
        }
        s.reset()
        p.backlog = try FeedRepository(db: db).count(after: p.pushedAfter, excluding: site, dossiersOf: dossiersOnly ? site : nil)
        return p
    }

    /// Records received from the peer (pushed to us or pulled by us); `pulledAfter` set when we pulled.
    func received(_ site: String, records: Int, bytes: Int, conflicts: Int, pulledAfter: Int64?, at now: Double) throws(SQLiteError) {
        try ensure(site)
        try db.run(
            """
            UPDATE sync_peers SET records_in = records_in + ?2, bytes_in = bytes_in + ?3, conflicts = conflicts + ?4,
                pulled_after = coalesce(?5, pulled_after), last_contact = ?6, last_error = NULL WHERE site = ?1
            """,
            [
                .text(site), .int(Int64(records)), .int(Int64(bytes)), .int(Int64(conflicts)),
                pulledAfter.map { SQLValue.int($0) } ?? .null, .double(now),
            ])
    }

    /// Records sent to the peer (it pulled them, or acknowledged our push); `pushedAfter` set after a push.
    func sent(_ site: String, records: Int, bytes: Int, pushedAfter: Int64?, at now: Double) throws(SQLiteError) {
        try ensure(site)
        try db.run(
            """
            UPDATE sync_peers SET records_out = records_out + ?2, bytes_out = bytes_out + ?3,
                pushed_after = max(pushed_after, coalesce(?4, pushed_after)), last_contact = ?5, last_error = NULL WHERE site = ?1
            """,
            [.text(site), .int(Int64(records)), .int(Int64(bytes)), pushedAfter.map { SQLValue.int($0) } ?? .null, .double(now)])
    }

    func failed(_ site: String, error: String, at now: Double) throws(SQLiteError) {
        try ensure(site)
        try db.run(
            "UPDATE sync_peers SET last_error = ?2, last_error_at = ?3 WHERE site = ?1",
            [.text(site), .text(String(error.prefix(500))), .double(now)])
    }
}
