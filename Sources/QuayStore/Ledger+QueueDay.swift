import QuayCore

extension Ledger {
    /// The queue figures of business day `day` as the `report` op counts them (same SQL, `ReportRepository`), for the
    /// feed record written when that day closes (docs/sync.md). Runs on the writer inside the rollover transaction.
    static func queueDaySummary(db: Database, center: CenterSetup, day: String) throws(SQLiteError) -> QueueDaySummary? {
        guard let date = LocalDate(iso: day) else { return nil }
        let off = center.clock.timeZone.secondsFromGMT()
        let names = ReportBuilder.Names(
            services: center.services.map { ($0.id, $0.name[.vi]) }, counters: center.counters.map { ($0.id, "\($0.number)") })
        let period = ReportPeriod.day(date)
        var b = ReportBuilder(center: center.site.rawValue, period: period, filter: ReportFilter(), madeOn: date, names: names)
        try ReportRepository(db: db).fill(&b, period: period, filter: ReportFilter(), madeOn: date, utcOffsetSeconds: off)
        let r = b.build()
        return QueueDaySummary(
            site: center.site.rawValue, day: date, total: r.total, services: r.services, counters: r.counters,
            arrivalsByHour: r.arrivalsByHour)
    }

    /// Appends the closed day's summary to the feed (called when a rollover closes `day`).
    static func recordClosedDay(db: Database, center: CenterSetup, day: String, now: Double) throws(SQLiteError) {
        guard let s = try queueDaySummary(db: db, center: center, day: day) else { return }
        try FeedRepository(db: db).appendOwn(site: center.site.rawValue, at: now, body: .queueDay(s))
    }
}
