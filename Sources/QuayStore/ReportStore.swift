import QuayCore

/// Reports as the daemon makes them: on the ledger's read-only connection (its own serial queue), so a year's
/// report never holds the writer or an event loop. No `Database` leaves QuayStore.
public struct ReportStore: Sendable {
    let reader: ReadConnection

    public init(ledger: Ledger) { reader = ledger.reader }

    /// A store opened on a database file for reading only (the benchmark's cold start).
    public init(path: String) { reader = ReadConnection(path: path) }

    public func report(
        center: String, period: ReportPeriod, filter: ReportFilter, madeOn: LocalDate, names: ReportBuilder.Names,
        utcOffsetSeconds off: Int
    ) async throws -> QueueReport {
        try await reader.read { db in
            var b = ReportBuilder(center: center, period: period, filter: filter, madeOn: madeOn, names: names)
            try ReportRepository(db: db).fill(&b, period: period, filter: filter, madeOn: madeOn, utcOffsetSeconds: off)
            return b.build()
        }
    }

    /// `SELECT count(*)` over the rows a report of `period` reads: the benchmark's yardstick.
    public func bareCount(period: ReportPeriod) async throws -> Int {
        try await reader.read { db in try ReportRepository(db: db).bareCount(period: period) }
    }
}
