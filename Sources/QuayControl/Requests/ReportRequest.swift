import QuayCore

/// `report`: queue and dossier figures of `period` (at most `ReportPeriod.maxDays`), optionally of one service or
/// one counter (the op checks they are configured and scopes a restricted clerk), in `language` (names).
public struct ReportRequest: OpRequest, Equatable {
    public var period: ReportPeriod
    public var service: String?
    public var counter: String?
    /// The day the report is made (overdue dossiers); nil: today.
    public var today: LocalDate?
    public var language: Language

    public init(period: ReportPeriod, service: String? = nil, counter: String? = nil, today: LocalDate? = nil, language: Language = .vi) {
        self.period = period
        self.service = service
        self.counter = counter
        self.today = today
        self.language = language
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let from = try f.date(\.from, "from"), to = try f.date(\.to, "to")
        guard from <= to else { throw .invalidField("args.to", "must be on or after 'from'") }
        guard let period = ReportPeriod(from: from, to: to) else {
            throw .invalidField("args.to", "a report covers at most \(ReportPeriod.maxDays) days")
        }
        self.init(
            period: period, service: f[\.service], counter: f[\.counter], today: f[\.today] == nil ? nil : try f.date(\.today, "today"),
            language: try f.language)
    }

    /// A filter, not an action: the op scopes a restricted clerk itself.
    public var subject: AuditSubject { AuditSubject() }
}
