/// SQL of the idempotency keys of `issue` (table `issue_keys`, migration 6): which ticket a key issued and when.
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

/// SQL of the follow tokens ("my ticket" phone page; table `follow_tokens`, migration 6).
struct FollowTokenRepository {
    let db: Database

    func ticket(for token: String) throws(SQLiteError) -> (ticket: String, businessDay: String)? {
        let s = try db.statement("SELECT ticket, business_day FROM follow_tokens WHERE token = ?1")
        defer { s.reset() }
        try s.bind([.text(token)])
        return try s.step() ? (s.text(0), s.text(1)) : nil
    }

    func token(forTicket id: String) throws(SQLiteError) -> String? {
        let s = try db.statement("SELECT token FROM follow_tokens WHERE ticket = ?1")
        defer { s.reset() }
        try s.bind([.text(id)])
        return try s.step() ? s.text(0) : nil
    }

    /// Stores `token` for the ticket and forgets the tokens of other days (they have expired).
    func insert(_ token: String, ticket: String, businessDay: String) throws(SQLiteError) {
        try db.run("DELETE FROM follow_tokens WHERE business_day <> ?1", [.text(businessDay)])
        try db.run(
            "INSERT INTO follow_tokens(token, ticket, business_day) VALUES(?1, ?2, ?3)", [.text(token), .text(ticket), .text(businessDay)])
    }
}
