import QuayCore

/// `dossier-stats`: on-time / late / overdue figures for a date range, as rows and as ready-made text.
public struct DossierStatsBody: Codable, Sendable, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    public var today: LocalDate
    public var rows: [DossierStats.Row]
    public var total: DossierStats.Counts
    public var summary: String
    public var table: String
    public var csv: String
    public var milliseconds: Int

    public init(
        from: LocalDate, to: LocalDate, today: LocalDate, rows: [DossierStats.Row], total: DossierStats.Counts, summary: String,
        table: String, csv: String, milliseconds: Int
    ) {
        self.from = from
        self.to = to
        self.today = today
        self.rows = rows
        self.total = total
        self.summary = summary
        self.table = table
        self.csv = csv
        self.milliseconds = milliseconds
    }
}
