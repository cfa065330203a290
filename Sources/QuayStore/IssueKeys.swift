import QuayCore

/// Idempotent issuing: a kiosk sends a fresh key with every tap and the same key when it retries (a network hiccup,
/// a double tap). Within `window` seconds a key that already issued a ticket gets that ticket back instead of a
/// second number. The key is stored in the same transaction (and savepoint) as the ticket, so a ticket that was
/// not committed leaves no key behind and a committed one always has its key.
public struct IssueKeys: Sendable {
    let ledger: Ledger
    /// Seconds a key is honoured.
    public let window: Double

    public init(ledger: Ledger, window: Double = 600) {
        self.ledger = ledger
        self.window = window
    }

    /// A key a client may send: 8 to 64 characters of A-Z a-z 0-9 '-' '_' (a UUID fits).
    public static func isValid(_ key: String) -> Bool {
        (8...64).contains(key.utf8.count)
            && key.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }

    /// Runs `issue` unless `key` issued a ticket within the window; then `replay` answers from that ticket
    /// (nothing is written but the audit row). `replay` returning nil (the ticket is gone, e.g. a new business
    /// day) issues afresh. `replayed` tells which happened.
    public func issueOnce<T: Sendable>(
        key: String,
        replay: @escaping @Sendable (QueueEngine, Ticket) -> T,
        issue: @escaping @Sendable (inout QueueEngine, Double) throws(QueueError) -> (T, Ticket, Mutation)
    ) async throws -> (value: T, replayed: Bool) {
        let window = self.window
        return try await ledger.transaction { db, engine, now in
            let repo = IssueKeyRepository(db: db)
            if let id = try repo.ticket(for: key, since: now - window), let t = engine.ticket(idOrNumber: id) {
                var m = Mutation()
                m.audit = AuditSubject(ticket: t.id, number: t.number, detail: "replayed idempotency key")
                return ((replay(engine, t), true), m)
            }
            let (value, ticket, m) = try issue(&engine, now)
            // Only an I/O error can fail here; it fails the whole batch and the engine is reloaded from disk.
            try repo.insert(key, ticket: ticket.id, at: now, forgetBefore: now - window)
            return ((value, false), m)
        }
    }
}
