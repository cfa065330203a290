import QuayCore

/// `dossier-stats`: on-time figures for `from`…`to` (at most 10 years), by appointment or resolution day.
public struct DossierStatsRequest: OpRequest, Equatable {
    public var from: LocalDate
    public var to: LocalDate
    public var today: LocalDate?
    public var basis: DossierStats.Basis
    public var groupBy: DossierStats.GroupBy
    public var period: DossierStats.Period

    public init(
        from: LocalDate, to: LocalDate, today: LocalDate? = nil, basis: DossierStats.Basis = .appointment,
        groupBy: DossierStats.GroupBy = .procedure, period: DossierStats.Period = .all
    ) throws(ControlError) {
        guard from <= to, to.dayNumber - from.dayNumber <= 3660 else {
            throw .invalidField("to", "must be on or after 'from', at most 10 years later")
        }
        self.from = from
        self.to = to
        self.today = today
        self.basis = basis
        self.groupBy = groupBy
        self.period = period
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        try self.init(
            from: try f.date(\.from, "from"), to: try f.date(\.to, "to"),
            today: f[\.today] == nil ? nil : try f.date(\.today, "today"),
            basis: try f.choice(\.basis, "basis", DossierStats.Basis.appointment),
            groupBy: try f.choice(\.groupBy, "groupBy", DossierStats.GroupBy.procedure),
            period: try f.choice(\.period, "period", DossierStats.Period.all))
    }

    public var subject: AuditSubject { AuditSubject() }
}
