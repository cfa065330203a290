/// SQL of the idempotency keys of `issue` (table `issue_keys`, migration 5): which ticket a key issued and when.
struct IssueKeyRepository {
    let db: Database

    /// The ticket `key` issued at or after `since`, if any.
    func ticket(for key: String, since: Double) throws(SQLiteError) -> String? {
        let s = try db.statement("SELECT ticket FROM issue_keys WHERE key = ?1 AND at >= ?2")
        defer { s.reset() }
        try s.bind([.text(key), .double(since)])
        return try s.step() ? s.text(0) : nil
    }

    /// Remembers `key` -> `ticket` and forgets keys older than `before` (the window is bounded, so is the table).
    func insert(_ key: String, ticket: String, at now: Double, forgetBefore before: Double) throws(SQLiteError) {
        try db.run("DELETE FROM issue_keys WHERE at < ?1", [.double(before)])
        try db.run("INSERT OR REPLACE INTO issue_keys(key, ticket, at) VALUES(?1, ?2, ?3)", [.text(key), .text(ticket), .double(now)])
    }
}
