/// A queue and dossier report over a period (the `report` op's figures; rendered by QuayReports).
public struct QueueReport: Sendable, Codable, Equatable {
    public var center: String
    public var period: ReportPeriod
    public var filter: ReportFilter
    /// The local date the report was made (decides which open dossiers are overdue).
    public var madeOn: LocalDate
    public var total: QueueFigures
    public var services: [QueueFigures]
    public var counters: [QueueFigures]
    /// One entry per day of the period, in order (days without tickets included, with zeros).
    public var days: [QueueFigures]
    /// Tickets issued per hour of the local day (24 entries), over the whole period.
    public var arrivalsByHour: [Int]
    public var dossiers: [DossierFigures]
    public var dossierTotal: DossierFigures

    public init(
        center: String, period: ReportPeriod, filter: ReportFilter, madeOn: LocalDate, total: QueueFigures,
        services: [QueueFigures], counters: [QueueFigures], days: [QueueFigures], arrivalsByHour: [Int],
        dossiers: [DossierFigures], dossierTotal: DossierFigures
    ) {
        (self.center, self.period, self.filter, self.madeOn) = (center, period, filter, madeOn)
        (self.total, self.services, self.counters, self.days) = (total, services, counters, days)
        (self.arrivalsByHour, self.dossiers, self.dossierTotal) = (arrivalsByHour, dossiers, dossierTotal)
    }
}
