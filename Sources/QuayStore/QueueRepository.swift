import QuayCore

/// SQL for the queue: writes a Mutation, loads the state the engine starts from.
struct QueueRepository {
    let db: Database

    func write(_ m: Mutation) throws(SQLiteError) {
        for t in m.tickets { try upsert(t) }
        for e in m.events { try insert(e) }
        for c in m.counters {
            try db.run(
                "INSERT INTO counters(id, state) VALUES(?1, ?2) ON CONFLICT(id) DO UPDATE SET state = excluded.state",
                [.text(c.id), .text(c.state.rawValue)])
        }
    }

    private func upsert(_ t: Ticket) throws(SQLiteError) {
        let tseq = Int64(t.id.split(separator: "T").last.flatMap { Int64($0) } ?? 0)
        try db.run(
            """
            INSERT INTO tickets(tseq, id, business_day, service, seq, number, priority, language, issued_at, queued_since, state,
                                counter, target_counter, called_at, recalls, serving_at, finished_at, purpose, dossier)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            ON CONFLICT(id) DO UPDATE SET service = excluded.service, queued_since = excluded.queued_since,
                state = excluded.state, counter = excluded.counter, target_counter = excluded.target_counter,
                called_at = excluded.called_at, recalls = excluded.recalls, serving_at = excluded.serving_at,
                finished_at = excluded.finished_at
            """,
            [
                .int(tseq), .text(t.id), .text(t.businessDay), .text(t.service), .int(Int64(t.seq)), .text(t.number),
                .opt(t.priority), .text(t.language.rawValue), .double(t.issuedAt), .double(t.queuedSince), .text(t.state.rawValue),
                .opt(t.counter), .opt(t.targetCounter), .opt(t.calledAt), .int(Int64(t.recalls)), .opt(t.servingAt),
                .opt(t.finishedAt), .text(t.purpose.rawValue), .opt(t.dossier),
            ])
    }

    private func insert(_ e: QueueEvent) throws(SQLiteError) {
        try db.run(
            "INSERT INTO events(seq, id, at, kind, ticket, number, service, counter, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            [
                .int(e.seq), .text(e.id), .double(e.at), .text(e.kind.rawValue), .opt(e.ticket), .opt(e.number), .opt(e.service),
                .opt(e.counter), .opt(e.detail),
            ])
    }

    func setMeta(_ key: String, _ value: String) throws(SQLiteError) {
        try db.run(
            "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [.text(key), .text(value)])
    }

    func meta(_ key: String) throws(SQLiteError) -> String? {
        let s = try db.statement("SELECT value FROM meta WHERE key = ?1")
        defer { s.reset() }
        try s.bind([.text(key)])
        return try s.step() ? s.text(0) : nil
    }

    func tickets(day: String) throws(SQLiteError) -> [Ticket] {
        let s = try db.statement(
            """
            SELECT id, service, seq, number, business_day, priority, language, issued_at, queued_since, state, counter,
                   target_counter, called_at, recalls, serving_at, finished_at, purpose, dossier
            FROM tickets WHERE business_day = ?1 ORDER BY tseq
            """)
        try s.bind([.text(day)])
        var out: [Ticket] = []
        while try s.step() {
            var t = Ticket(
                id: s.text(0), service: s.text(1), seq: Int(s.int(2)), number: s.text(3), businessDay: s.text(4),
                priority: s.optText(5), language: Language(rawValue: s.text(6)) ?? .vi, issuedAt: s.double(7),
                purpose: TicketPurpose(rawValue: s.text(16)) ?? .submit, dossier: s.optText(17))
            t.queuedSince = s.double(8)
            t.state = TicketState(rawValue: s.text(9)) ?? .waiting
            t.counter = s.optText(10)
            t.targetCounter = s.optText(11)
            t.calledAt = s.optDouble(12)
            t.recalls = Int(s.int(13))
            t.servingAt = s.optDouble(14)
            t.finishedAt = s.optDouble(15)
            out.append(t)
        }
        return out
    }

    func counterStates() throws(SQLiteError) -> [String: CounterState] {
        let s = try db.statement("SELECT id, state FROM counters")
        var out: [String: CounterState] = [:]
        while try s.step() { out[s.text(0)] = CounterState(rawValue: s.text(1)) }
        return out
    }

    func nextTicketSeq() throws(SQLiteError) -> Int64 { (try db.scalarInt("SELECT max(tseq) FROM tickets") ?? 0) + 1 }
    func nextEventSeq() throws(SQLiteError) -> Int64 { (try db.scalarInt("SELECT max(seq) FROM events") ?? 0) + 1 }

    func events(after seq: Int64, limit: Int) throws(SQLiteError) -> [QueueEvent] {
        let s = try db.statement(
            "SELECT seq, id, at, kind, ticket, number, service, counter, detail FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2")
        try s.bind([.int(seq), .int(Int64(limit))])
        var out: [QueueEvent] = []
        while try s.step() {
            out.append(
                QueueEvent(
                    id: s.text(1), seq: s.int(0), at: s.double(2), kind: EventKind(rawValue: s.text(3)) ?? .counter,
                    ticket: s.optText(4), number: s.optText(5), service: s.optText(6), counter: s.optText(7), detail: s.optText(8)))
        }
        return out
    }
}
