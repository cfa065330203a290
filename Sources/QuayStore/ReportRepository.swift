import QuayCore

/// The SQL of reports (`QueueReport`): grouped counts of tickets per (business day, service, counter), one row
/// per called ticket for the waiting and service time percentiles, arrivals per hour, transfer events (partial
/// index `events_transfers`, migration 5), satisfaction ratings and dossier figures per service. Read-only: it runs on the ledger's
/// read connection (`ReportStore`), never on the writer. Everything comes from the stored tickets, events and
/// dossiers; nothing is kept aside for reports.
public struct ReportRepository {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Fills `b` with the period's figures. `off` is the center's UTC offset in seconds.
    public func fill(_ b: inout ReportBuilder, period: ReportPeriod, filter: ReportFilter, madeOn: LocalDate, utcOffsetSeconds off: Int)
        throws(SQLiteError)
    {
        let (start, end) = period.bounds(utcOffsetSeconds: off)
        let days: [SQLValue] = [.text(period.firstKey), .text(period.lastKey)]
        let ticketWhere = Self.filterSQL(filter, service: "service", counter: "counter", firstParameter: 4)
        let filterArgs = Self.filterArgs(filter)

        var s = try db.statement(
            """
            SELECT business_day, service, counter, count(*), sum(state = 'done'), sum(state = 'no-show'),
                   sum(state = 'expired'), sum(priority IS NOT NULL), sum(language = 'km')
            FROM tickets WHERE business_day BETWEEN ?1 AND ?2 AND ?3 = ?3\(ticketWhere)
            GROUP BY business_day, service, counter
            """)
        try s.bind(days + [.int(Int64(off))] + filterArgs)
        while try s.step() {
            var f = QueueFigures(id: "", name: "")
            f.issued = Int(s.int(3))
            f.served = Int(s.int(4))
            f.noShow = Int(s.int(5))
            f.expired = Int(s.int(6))
            f.priority = Int(s.int(7))
            f.khmer = Int(s.int(8))
            b.addCounts(day: s.text(0), service: s.text(1), counter: s.optText(2), f)
        }
        s.reset()

        s = try db.statement(
            """
            SELECT business_day, service, counter, called_at - issued_at,
                   CASE WHEN state = 'done' THEN finished_at - serving_at END
            FROM tickets WHERE business_day BETWEEN ?1 AND ?2 AND ?3 = ?3 AND called_at IS NOT NULL\(ticketWhere)
            """)
        try s.bind(days + [.int(Int64(off))] + filterArgs)
        while try s.step() {
            b.addDurations(day: s.text(0), service: s.text(1), counter: s.optText(2), wait: s.double(3), serviceTime: s.optDouble(4))
        }
        s.reset()

        s = try db.statement(
            """
            SELECT (CAST(issued_at + ?3 AS INTEGER) % 86400) / 3600, count(*)
            FROM tickets WHERE business_day BETWEEN ?1 AND ?2\(ticketWhere) GROUP BY 1
            """)
        try s.bind(days + [.int(Int64(off))] + filterArgs)
        while try s.step() { b.addArrivals(hour: Int(s.int(0)), count: Int(s.int(1))) }
        s.reset()

        s = try db.statement(
            """
            SELECT CAST((at + ?3) / 86400 AS INTEGER), service, counter, count(*)
            FROM events WHERE kind = 'transferred' AND at >= ?1 AND at < ?2\(ticketWhere)
            GROUP BY 1, 2, 3
            """)
        try s.bind([.double(start), .double(end), .int(Int64(off))] + filterArgs)
        while try s.step() {
            let day = LocalDate(dayNumber: Int(s.int(0))).iso
            b.addTransfers(day: day, service: s.optText(1), counter: s.optText(2), count: Int(s.int(3)))
        }
        s.reset()

        // Ratings (table `ratings`): by the rated ticket's service and the counter that served it.
        let ratingWhere = Self.filterSQL(filter, service: "t.service", counter: "r.counter", firstParameter: 4)
        s = try db.statement(
            """
            SELECT r.business_day, t.service, r.counter, r.score, count(*)
            FROM ratings r JOIN tickets t ON t.id = r.ticket
            WHERE r.business_day BETWEEN ?1 AND ?2 AND ?3 = ?3\(ratingWhere)
            GROUP BY 1, 2, 3, 4
            """)
        try s.bind(days + [.int(Int64(off))] + filterArgs)
        while try s.step() {
            b.addRatings(day: s.text(0), service: s.text(1), counter: s.optText(2), score: Int(s.int(3)), count: Int(s.int(4)))
        }
        s.reset()

        try fillDossiers(&b, period: period, filter: filter, madeOn: madeOn, utcOffsetSeconds: off)
    }

    private func fillDossiers(
        _ b: inout ReportBuilder, period: ReportPeriod, filter: ReportFilter, madeOn: LocalDate, utcOffsetSeconds off: Int
    ) throws(SQLiteError) {
        let (start, end) = period.bounds(utcOffsetSeconds: off)
        let inPeriod = "returned_at >= ?1 AND returned_at < ?2"
        let returned = DossierRepository.returnedStatusList
        let closed = "(" + DossierStatus.allCases.filter { !$0.isOpen }.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        // A return's local day is floor((returned_at + off) / 86400); on time when that is <= appointment_day,
        // i.e. when (returned_at + off) / 86400 < appointment_day + 1 (no rounding involved).
        let s = try db.statement(
            """
            SELECT coalesce(service, '-'), sum(received_at >= ?1 AND received_at < ?2),
                   sum(status IN \(returned) AND \(inPeriod)),
                   sum(status IN \(returned) AND \(inPeriod) AND (returned_at + ?3) / 86400.0 < appointment_day + 1),
                   sum(status NOT IN \(closed) AND appointment_day BETWEEN ?4 AND ?5
                       AND appointment_day < ?6),
                   sum(status IN ('handed-to-post', 'delivered') AND \(inPeriod)), sum(status = 'delivered' AND \(inPeriod)),
                   sum(status = 'returned-to-sender' AND status_changed_at >= ?1 AND status_changed_at < ?2)
            FROM dossiers WHERE ((received_at >= ?1 AND received_at < ?2) OR (\(inPeriod)) OR appointment_day BETWEEN ?4 AND ?5
                                 OR (status = 'returned-to-sender' AND status_changed_at >= ?1 AND status_changed_at < ?2))
            \(Self.filterSQL(filter, service: "service", counter: "received_counter", firstParameter: 7))
            GROUP BY 1
            """)
        defer { s.reset() }
        try s.bind(
            [
                .double(start), .double(end), .int(Int64(off)), .int(Int64(period.from.dayNumber)),
                .int(Int64(period.to.dayNumber)), .int(Int64(madeOn.dayNumber)),
            ] + Self.filterArgs(filter))
        while try s.step() {
            var d = DossierFigures(id: s.text(0), name: s.text(0))
            d.received = Int(s.int(1))
            d.returned = Int(s.int(2))
            d.onTime = Int(s.int(3))
            d.overdue = Int(s.int(4))
            (d.byPost, d.delivered, d.returnedToSender) = (Int(s.int(5)), Int(s.int(6)), Int(s.int(7)))
            b.addDossiers(d)
        }
    }

    /// `AND service = ?n AND counter IN (?n+1, …)` for the filter's parts, numbered from `firstParameter`.
    static func filterSQL(_ f: ReportFilter, service: String, counter: String, firstParameter p: Int) -> String {
        var sql = "", n = p
        if f.service != nil {
            sql += " AND \(service) = ?\(n)"
            n += 1
        }
        if let cs = f.counters {
            let list = cs.indices.map { "?\(n + $0)" }.joined(separator: ", ")
            sql += cs.isEmpty ? " AND 0" : " AND \(counter) IN (\(list))"
        }
        return sql
    }

    static func filterArgs(_ f: ReportFilter) -> [SQLValue] {
        (f.service.map { [SQLValue.text($0)] } ?? []) + (f.counters ?? []).map { .text($0) }
    }

    /// The bare count the benchmark compares a report with: tickets of the period plus every dossier row a
    /// report reads.
    public func bareCount(period: ReportPeriod) throws(SQLiteError) -> Int {
        let t = try db.scalarInt(
            "SELECT count(*) FROM tickets WHERE business_day BETWEEN ?1 AND ?2", [.text(period.firstKey), .text(period.lastKey)])
        let d = try db.scalarInt("SELECT count(*) FROM dossiers")
        return Int((t ?? 0) + (d ?? 0))
    }
}
