import QuayCore

/// Satisfaction ratings (table `ratings`, migration 6): one per served ticket; a second one for the same ticket
/// changes nothing. Written in a ledger transaction (with the `rate` op's audit row), read on the read connection.
public struct RatingStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// Stores `score` for the ticket `check` returns unless it has one; true when this call stored it. `check` runs
    /// in the transaction against the engine (the ticket must still be rateable) and throws to refuse.
    public func rate(counter: String, score: Int, check: @escaping @Sendable (QueueEngine) throws -> Ticket) async throws -> Bool {
        try await ledger.transaction { db, engine, now in
            let t = try check(engine)
            let id = t.id
            let before = try db.scalarInt("SELECT count(*) FROM ratings WHERE ticket = ?1", [.text(id)]) ?? 0
            var m = Mutation()
            m.audit = AuditSubject(ticket: t.id, number: t.number, counter: counter, detail: "score=\(score)")
            guard before == 0 else {
                m.audit?.detail = "score=\(score) ignored: already rated"
                return (false, m)
            }
            try db.run(
                "INSERT INTO ratings(ticket, business_day, counter, score, at) VALUES(?1, ?2, ?3, ?4, ?5)",
                [.text(id), .text(t.businessDay), .text(counter), .int(Int64(score)), .double(now)])
            return (true, m)
        }
    }

    public func isRated(_ ticket: String) async throws -> Bool {
        try await ledger.reader.read { db in (try db.scalarInt("SELECT count(*) FROM ratings WHERE ticket = ?1", [.text(ticket)]) ?? 0) > 0
        }
    }

    public func summary(businessDay: String) async throws -> RatingSummary {
        try await ledger.reader.read { db in
            let s = try db.statement("SELECT counter, score, count(*) FROM ratings WHERE business_day = ?1 GROUP BY counter, score")
            defer { s.reset() }
            try s.bind([.text(businessDay)])
            var counts: [String: [Int]] = [:]
            while try s.step() {
                let score = Int(s.int(1))
                guard (1...4).contains(score) else { continue }
                counts[s.text(0), default: [0, 0, 0, 0]][score - 1] = Int(s.int(2))
            }
            // Per service: the service each rated ticket was served in.
            let v = try db.statement(
                """
                SELECT t.service, r.score, count(*) FROM ratings r JOIN tickets t ON t.id = r.ticket
                WHERE r.business_day = ?1 GROUP BY t.service, r.score
                """)
            defer { v.reset() }
            try v.bind([.text(businessDay)])
            var services: [String: [Int]] = [:]
            while try v.step() {
                let score = Int(v.int(1))
                guard (1...4).contains(score) else { continue }
                services[v.text(0), default: [0, 0, 0, 0]][score - 1] = Int(v.int(2))
            }
            return RatingSummary(
                byCounter: counts.keys.sorted().map { RatingSummary.Line(counter: $0, counts: counts[$0]!) },
                byService: services.keys.sorted().map { RatingSummary.ServiceLine(service: $0, counts: services[$0]!) })
        }
    }
}
