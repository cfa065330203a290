import CSQLite
import QuayCore

/// SQL for dossiers (migration 2). Runs on the ledger's writer thread inside `Ledger.transaction`, so every
/// write is part of the batch transaction. Bulk inserts reuse one prepared statement.
public struct DossierRepository {
    public let db: Database

    public init(db: Database) { self.db = db }

    static let columns = """
        seq, id, receipt_code, procedure, procedure_name, service, received_at, received_site, received_counter, clerk,
        appointment_day, status, status_changed_at, returned_at, citizen_name, citizen_phone, return_channel, note, revision,
        postal_batch, tracking
        """

    /// Next free dossier sequence (ids are `<site>-D<seq>`).
    public func nextSeq() throws(SQLiteError) -> Int64 { (try db.scalarInt("SELECT max(seq) FROM dossiers") ?? 0) + 1 }

    /// Inserts one dossier; a receipt code or id already stored fails with a constraint error.
    public func insert(_ d: Dossier) throws(SQLiteError) {
        let s = try db.statement(
            "INSERT INTO dossiers(\(Self.columns)) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                + "?18, ?19, ?20, ?21)"
        )
        defer { s.reset() }
        try s.bind(Self.values(d))
        while try s.step() {}
    }

    /// Inserts many dossiers with one prepared statement (the caller's transaction makes it one commit).
    /// Returns how many were inserted.
    @discardableResult
    public func insertAll(_ ds: [Dossier]) throws(SQLiteError) -> Int {
        let s = try db.statement(
            "INSERT INTO dossiers(\(Self.columns)) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                + "?18, ?19, ?20, ?21)"
        )
        defer { s.reset() }
        let h = s.handle
        // Direct binds: no [SQLValue] per row (the import hot path).
        func text(_ i: Int32, _ v: String?) {
            guard var u = v else {
                sqlite3_bind_null(h, i)
                return
            }
            u.withUTF8 { b in
                _ = sqlite3_bind_text(
                    h, i, UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(b.count), dossierTransient)
            }
        }
        func real(_ i: Int32, _ v: Double?) { if let v { sqlite3_bind_double(h, i, v) } else { sqlite3_bind_null(h, i) } }
        for d in ds {
            sqlite3_reset(h)
            sqlite3_bind_int64(h, 1, Self.seq(d.id))
            text(2, d.id)
            text(3, d.receiptCode)
            text(4, d.procedure)
            text(5, d.procedureName)
            text(6, d.service)
            real(7, d.receivedAt)
            text(8, d.receivedSite)
            text(9, d.receivedCounter)
            text(10, d.clerk)
            sqlite3_bind_int64(h, 11, Int64(d.appointmentDate.dayNumber))
            text(12, d.status.rawValue)
            real(13, d.statusChangedAt)
            real(14, d.returnedAt)
            text(15, d.citizenName)
            text(16, d.citizenPhone)
            text(17, d.returnChannel.rawValue)
            text(18, d.note)
            sqlite3_bind_int64(h, 19, Int64(d.revision))
            text(20, d.postalBatch)
            text(21, d.trackingNumber)
            while try s.step() {}
        }
        return ds.count
    }

    /// Writes the mutable fields after a status change.
    public func update(_ d: Dossier) throws(SQLiteError) {
        try db.run(
            """
            UPDATE dossiers SET status = ?2, status_changed_at = ?3, returned_at = ?4, note = ?5, revision = ?6,
                citizen_phone = ?7, appointment_day = ?8, postal_batch = ?9, tracking = ?10 WHERE id = ?1
            """,
            [
                .text(d.id), .text(d.status.rawValue), .double(d.statusChangedAt), .opt(d.returnedAt), .opt(d.note),
                .int(Int64(d.revision)), .opt(d.citizenPhone), .int(Int64(d.appointmentDate.dayNumber)), .opt(d.postalBatch),
                .opt(d.trackingNumber),
            ])
    }

    public func setReturnTicket(dossier id: String, ticket: String) throws(SQLiteError) {
        try db.run("UPDATE dossiers SET return_ticket = ?2 WHERE id = ?1", [.text(id), .text(ticket)])
    }

    public func returnTicket(dossier id: String) throws(SQLiteError) -> String? {
        let s = try db.statement("SELECT return_ticket FROM dossiers WHERE id = ?1")
        defer { s.reset() }
        try s.bind([.text(id)])
        return try s.step() ? s.optText(0) : nil
    }

    public func appendEvent(_ e: DossierEvent) throws(SQLiteError) {
        try db.run(
            "INSERT INTO dossier_events(dossier, revision, kind, at, from_status, to_status, clerk, note) VALUES(?1, ?2, ?3, ?4, ?5, "
                + "?6, ?7, ?8)",
            [
                .text(e.dossier), .int(Int64(e.revision)), .text(e.kind.rawValue), .double(e.at), .opt(e.from?.rawValue),
                .text(e.to.rawValue), .opt(e.clerk), .opt(e.note),
            ])
    }

    public func events(dossier id: String) throws(SQLiteError) -> [DossierEvent] {
        let s = try db.statement(
            "SELECT revision, kind, at, from_status, to_status, clerk, note FROM dossier_events WHERE dossier = ?1 ORDER BY revision")
        defer { s.reset() }
        try s.bind([.text(id)])
        var out: [DossierEvent] = []
        while try s.step() {
            out.append(
                DossierEvent(
                    dossier: id, revision: Int(s.int(0)), kind: DossierEvent.Kind(rawValue: s.text(1)) ?? .created, at: s.double(2),
                    from: s.optText(3).flatMap(DossierStatus.init(rawValue:)), to: DossierStatus(rawValue: s.text(4)) ?? .received,
                    clerk: s.optText(5), note: s.optText(6)))
        }
        return out
    }

    /// By normalised receipt code or by dossier id (`id` defaults to `key`).
    public func get(_ key: String, id: String? = nil) throws(SQLiteError) -> Dossier? {
        let s = try db.statement("SELECT \(Self.columns) FROM dossiers WHERE receipt_code = ?1 OR id = ?2 LIMIT 1")
        defer { s.reset() }
        try s.bind([.text(key), .text(id ?? key)])
        return try s.step() ? Self.row(s) : nil
    }

    /// Which of `codes` are already stored.
    public func existingCodes<S: Sequence>(_ codes: S) throws(SQLiteError) -> Set<String> where S.Element == String {
        let s = try db.statement("SELECT 1 FROM dossiers WHERE receipt_code = ?1")
        var out: Set<String> = []
        for c in codes {
            s.reset()
            try s.bind([.text(c)])
            if try s.step() { out.insert(c) }
        }
        s.reset()
        return out
    }

    /// Uses the partial index dossiers_ready (migration 3).
    static let readySQL =
        "SELECT \(columns) FROM dossiers WHERE status = 'result-ready' AND return_channel != 'by-post' ORDER BY status_changed_at, id "
        + "LIMIT ?1"

    /// Result-ready dossiers, oldest first (the hall display list filters channel and site).
    public func ready(limit: Int) throws(SQLiteError) -> [Dossier] {
        let s = try db.statement(Self.readySQL)
        defer { s.reset() }
        try s.bind([.int(Int64(limit))])
        var out: [Dossier] = []
        while try s.step() { out.append(Self.row(s)) }
        return out
    }

    /// Inputs of `DossierStats.compute` (the reference; quayd counts in SQL with `statsTally`): dossiers with an
    /// appointment in `from...to`, plus (for the resolution basis) every dossier settled in the range — settled
    /// dossiers may have any appointment date.
    public func forStats(from: LocalDate, to: LocalDate, basis: DossierStats.Basis, utcOffsetSeconds: Int) throws(SQLiteError) -> [Dossier]
    {
        let sql: String
        var args: [SQLValue] = [.int(Int64(from.dayNumber)), .int(Int64(to.dayNumber))]
        switch basis {
        case .appointment:
            sql = "SELECT \(Self.columns) FROM dossiers WHERE appointment_day BETWEEN ?1 AND ?2"
        case .resolution:
            sql = "SELECT \(Self.columns) FROM dossiers WHERE appointment_day BETWEEN ?1 AND ?2 OR status_changed_at BETWEEN ?3 AND ?4"
            args += [
                .double(from.epochSeconds(utcOffsetSeconds: utcOffsetSeconds)),
                .double(to.adding(days: 1).epochSeconds(utcOffsetSeconds: utcOffsetSeconds)),
            ]
        }
        let s = try db.statement(sql)
        defer { s.reset() }
        try s.bind(args)
        var out: [Dossier] = []
        while try s.step() { out.append(Self.row(s)) }
        return out
    }

    /// `DossierStats.compute` in SQL: counts per group and basis day over `from...to`, for
    /// `DossierStats.assemble`. Same rules as `compute` over every stored dossier in `seq` order (a group's name is
    /// the procedure name of its lowest `seq`). Uses the covering index `dossiers_stats` (migration 3); by
    /// appointment and procedure the rows come in GROUP BY order, with no sort and no table lookups.
    public func statsTally(
        from: LocalDate, to: LocalDate, today: LocalDate, basis: DossierStats.Basis, groupBy: DossierStats.GroupBy,
        utcOffsetSeconds: Int
    ) throws(SQLiteError) -> DossierStats.Tally {
        let first = from.dayNumber
        let days = max(0, to.dayNumber - first + 1)
        var tally = DossierStats.Tally(first: first, days: days)
        guard days > 0 else { return tally }
        let s = try db.statement(Self.statsSQL(basis: basis, groupBy: groupBy))
        defer { s.reset() }
        try s.bind([.int(Int64(first)), .int(Int64(to.dayNumber)), .int(Int64(utcOffsetSeconds))])
        var index: [String: Int] = [:]
        var firstSeq: [Int64] = []
        let todayN = today.dayNumber
        while try s.step() {
            let day = Int(s.int(0)), g: Int
            let k = s.text(1)
            if let x = index[k] {
                g = x
            } else {
                g = tally.groups.count
                index[k] = g
                tally.groups.append((k, k))
                firstSeq.append(.max)
                tally.cells.append(contentsOf: repeatElement(DossierStats.Counts(), count: days))
            }
            var c = DossierStats.Counts()
            c.total = Int(s.int(2))
            let returned = Int(s.int(3))
            c.onTime = Int(s.int(4))
            c.late = returned - c.onTime
            c.closed = Int(s.int(5))
            // Open dossiers sit on their appointment day in both bases, so the group's day decides overdue.
            let open = c.total - returned - c.closed
            if todayN > day { c.overdue = open } else { c.pending = open }
            tally.cells[g * days + (day - first)] = c
            firstSeq[g] = min(firstSeq[g], s.int(6))
        }
        if groupBy == .procedure {
            let n = try db.statement("SELECT procedure_name FROM dossiers WHERE seq = ?1")
            defer { n.reset() }
            for g in tally.groups.indices {
                n.reset()
                try n.bind([.int(firstSeq[g])])
                if try n.step() { tally.groups[g].name = n.text(0) }
            }
        }
        return tally
    }

    /// The query of `statsTally`: ?1 first day, ?2 last day, ?3 UTC offset in seconds. One row per group and
    /// day: day, group key, total, returned, returned on time, rejected or withdrawn, lowest seq.
    static func statsSQL(basis: DossierStats.Basis, groupBy: DossierStats.GroupBy) -> String {
        let key =
            switch groupBy {
            case .procedure: "procedure"
            case .service: "coalesce(service, '')"
            case .site: "received_site"
            }
        // Local day of the return, before division rounding: LocalDate(epochSeconds:) is floor(y), and
        // floor(y) <= appointment_day exactly when y < appointment_day + 1 (no rounding involved).
        let y = "((coalesce(returned_at, status_changed_at) + ?3) / 86400.0)"
        // CASE on status (one comparison chain per row, the return day only for returned rows) is ~15 % cheaper
        // than separate boolean sums over 200,000 rows.
        let returned = Self.returnedStatuses.map { "WHEN '\($0)' THEN" }
        let aggregates = """
            count(*), sum(CASE status \(returned.map { "\($0) 1" }.joined(separator: " ")) ELSE 0 END),
            sum(CASE status \(returned.map { "\($0) \(y) < appointment_day + 1" }.joined(separator: " ")) ELSE 0 END),
            sum(CASE status WHEN 'rejected' THEN 1 WHEN 'withdrawn' THEN 1 ELSE 0 END), min(seq)
            """
        switch basis {
        case .appointment:
            return
                "SELECT appointment_day, \(key), \(aggregates) FROM dossiers WHERE appointment_day BETWEEN ?1 AND ?2 GROUP BY "
                + "appointment_day, \(key)"
        case .resolution:
            // Settled dossiers count on the local day they were settled (floor without math functions: CAST
            // truncates toward zero); open ones stay on their appointment day.
            func floor(_ v: String) -> String { "(CAST(\(v) AS INTEGER) - (\(v) < CAST(\(v) AS INTEGER)))" }
            let changed = "((status_changed_at + ?3) / 86400.0)"
            return """
                SELECT day, gkey, \(aggregates) FROM (
                    SELECT CASE status \(returned.map { "\($0) \(floor(y))" }.joined(separator: " "))
                               WHEN 'rejected' THEN \(floor(changed))
                               WHEN 'withdrawn' THEN \(floor(changed)) ELSE appointment_day END AS day,
                           \(key) AS gkey, status, appointment_day, returned_at, status_changed_at, seq FROM dossiers)
                WHERE day BETWEEN ?1 AND ?2 GROUP BY day, gkey
                """
        }
    }

    /// Statuses that count as returned (`DossierStatus.countsAsReturned`), as they are stored.
    static let returnedStatuses = DossierStatus.allCases.filter(\.countsAsReturned).map(\.rawValue)
    /// `('returned', 'handed-to-post', 'delivered')` for `status IN …`.
    static let returnedStatusList = "(" + returnedStatuses.map { "'\($0)'" }.joined(separator: ", ") + ")"

    public func count() throws(SQLiteError) -> Int { Int(try db.scalarInt("SELECT count(*) FROM dossiers") ?? 0) }

    /// The n of "<site>-D<n>".
    static func seq(_ id: String) -> Int64 {
        var n: Int64 = 0, scale: Int64 = 1
        for b in id.utf8.reversed() {
            guard b >= 0x30 && b <= 0x39 else { break }
            n += Int64(b - 0x30) * scale
            scale *= 10
        }
        return n
    }

    static func values(_ d: Dossier) -> [SQLValue] {
        return [
            .int(Self.seq(d.id)), .text(d.id), .text(d.receiptCode), .text(d.procedure), .text(d.procedureName), .opt(d.service),
            .double(d.receivedAt), .text(d.receivedSite), .opt(d.receivedCounter), .opt(d.clerk),
            .int(Int64(d.appointmentDate.dayNumber)), .text(d.status.rawValue), .double(d.statusChangedAt), .opt(d.returnedAt),
            .text(d.citizenName), .opt(d.citizenPhone), .text(d.returnChannel.rawValue), .opt(d.note), .int(Int64(d.revision)),
            .opt(d.postalBatch), .opt(d.trackingNumber),
        ]
    }

    static func row(_ s: Statement) -> Dossier {
        var d = Dossier(
            id: s.text(1), receiptCode: s.text(2), procedure: s.text(3), procedureName: s.text(4), service: s.optText(5),
            receivedAt: s.double(6), receivedSite: s.text(7), receivedCounter: s.optText(8), clerk: s.optText(9),
            appointmentDate: LocalDate(dayNumber: Int(s.int(10))), status: DossierStatus(rawValue: s.text(11)) ?? .received,
            statusChangedAt: s.double(12), returnedAt: s.optDouble(13), citizenName: s.text(14), citizenPhone: s.optText(15),
            returnChannel: ReturnChannel(rawValue: s.text(16)) ?? .atCenter, note: s.optText(17), revision: Int(s.int(18)))
        (d.postalBatch, d.trackingNumber) = (s.optText(19), s.optText(20))
        return d
    }
}

private let dossierTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
