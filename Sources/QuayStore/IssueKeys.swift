import QuayCore

/// The extras of issuing a ticket for a kiosk screen, stored in the same transaction (and savepoint) as the ticket,
/// so a ticket that was not committed leaves nothing behind and a committed one always has them:
///
/// - **idempotency key**: a kiosk sends a fresh key with every tap and the same key when it retries (a network
///   hiccup, a double tap). Within `window` seconds a key that already issued a ticket gets that ticket back
///   instead of a second number.
/// - **follow token**: an unguessable token for the ticket's "my ticket" phone page, valid for its business day.
public struct IssueKeys: Sendable {
    let ledger: Ledger
    /// Seconds a key is honoured.
    public let window: Double

    public init(ledger: Ledger, window: Double = 600) {
        self.ledger = ledger
        self.window = window
    }

    public struct Issued<T: Sendable>: Sendable {
        public var value: T
        /// The key had already issued this ticket: nothing new was written but the audit row.
        public var replayed: Bool
        /// The ticket's follow token (the one stored earlier on a replay), when one was asked for.
        public var follow: String?
    }

    /// Runs `issue` unless `key` issued a ticket within the window; then `replay` answers from that ticket.
    /// `replay` is not used when the ticket is gone (a new business day): a new one is issued. With `follow`, the
    /// new ticket gets that token (a replayed one keeps its own, or gets `follow` if it had none).
    public func issue<T: Sendable>(
        key: String?, follow: String?,
        replay: @escaping @Sendable (QueueEngine, Ticket) -> T,
        issue: @escaping @Sendable (inout QueueEngine, Double) throws(QueueError) -> (T, Ticket, Mutation)
    ) async throws -> Issued<T> {
        let window = self.window
        return try await ledger.transaction { db, engine, now in
            let keys = IssueKeyRepository(db: db), tokens = FollowTokenRepository(db: db)
            if let key, let id = try keys.ticket(for: key, since: now - window), let t = engine.ticket(idOrNumber: id) {
                var m = Mutation()
                m.audit = AuditSubject(ticket: t.id, number: t.number, detail: "replayed idempotency key")
                var token = try tokens.token(forTicket: t.id)
                if token == nil, let follow {
                    try tokens.insert(follow, ticket: t.id, businessDay: t.businessDay)
                    token = follow
                }
                return (Issued(value: replay(engine, t), replayed: true, follow: token), m)
            }
            let (value, ticket, m) = try issue(&engine, now)
            // Only an I/O error can fail here; it fails the whole batch and the engine is reloaded from disk.
            if let key { try keys.insert(key, ticket: ticket.id, at: now, forgetBefore: now - window) }
            if let follow { try tokens.insert(follow, ticket: ticket.id, businessDay: ticket.businessDay) }
            return (Issued(value: value, replayed: false, follow: follow), m)
        }
    }

    /// The ticket id a follow token belongs to, if the token exists and is of `businessDay` (else it has expired).
    public func ticket(forFollowToken token: String, businessDay: String) async throws -> String? {
        try await ledger.reader.read { db in
            guard let (ticket, day) = try FollowTokenRepository(db: db).ticket(for: token), day == businessDay else { return nil }
            return ticket
        }
    }
}
