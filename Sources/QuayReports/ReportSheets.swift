import QuayCore

/// The tables of a report: summary, services, counters, days, hours, dossiers.
public enum ReportSheets {
    public static let keys = ["summary", "services", "counters", "days", "hours", "dossiers"]

    public static func all(_ r: QueueReport, _ l: ReportLabels) -> [ReportSheet] {
        [summary(r, l), services(r, l), counters(r, l), days(r, l), hours(r, l), dossiers(r, l)]
    }

    static func figureHeaders(_ l: ReportLabels) -> [String] {
        [
            l.issued, l.served, l.noShow, l.transferred, l.expired, l.priority, l.khmer, l.waitP50, l.waitP90, l.waitMax,
            l.serviceP50, l.serviceP90, l.serviceMax, l.rated, l.ratingMean,
        ]
    }

    static func figureCells(_ f: QueueFigures) -> [ReportSheet.Cell] {
        [
            .int(f.issued), .int(f.served), .int(f.noShow), .int(f.transferred), .int(f.expired), .percent(f.priorityShare),
            .percent(f.khmerShare), .minutes(f.wait.p50), .minutes(f.wait.p90), .minutes(f.wait.max),
            .minutes(f.serviceTime.p50), .minutes(f.serviceTime.p90), .minutes(f.serviceTime.max), .int(f.rated),
            f.ratingMean.map { .decimal($0) } ?? .text(""),
        ]
    }

    public static func summary(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        let t = r.total, d = r.dossierTotal
        let rows: [[ReportSheet.Cell]] = [
            [.text(l.center), .text(r.center)], [.text(l.period), .text(r.period.description)], [.text(l.madeOn), .date(r.madeOn)],
            [.text(l.issued), .int(t.issued)], [.text(l.served), .int(t.served)], [.text(l.noShow), .int(t.noShow)],
            [.text(l.transferred), .int(t.transferred)], [.text(l.expired), .int(t.expired)],
            [.text(l.priority), .percent(t.priorityShare)], [.text(l.khmer), .percent(t.khmerShare)],
            [.text(l.waitP50), .minutes(t.wait.p50)], [.text(l.waitP90), .minutes(t.wait.p90)],
            [.text(l.waitMax), .minutes(t.wait.max)], [.text(l.serviceP50), .minutes(t.serviceTime.p50)],
            [.text(l.rated), .int(t.rated)], [.text(l.ratingMean), t.ratingMean.map { .decimal($0) } ?? .text("")],
            [.text(l.received), .int(d.received)], [.text(l.returned), .int(d.returned)], [.text(l.onTime), .int(d.onTime)],
            [.text(l.late), .int(d.late)], [.text(l.overdue), .int(d.overdue)], [.text(l.onTimeRate), .percent(d.onTimeRate)],
            [.text(l.byPost), .int(d.byPost)], [.text(l.delivered), .int(d.delivered)],
            [.text(l.returnedToSender), .int(d.returnedToSender)],
        ]
        return ReportSheet(key: "summary", title: l.summary, headers: [l.name, ""], rows: rows)
    }

    public static func services(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        var rows = r.services.map { [.text($0.id), .text($0.name)] + figureCells($0) }
        rows.append([.text("*"), .text(l.total)] + figureCells(r.total))
        return ReportSheet(key: "services", title: l.services, headers: [l.service, l.name] + figureHeaders(l), rows: rows)
    }

    public static func counters(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        let rows = r.counters.map { [.text($0.id), .text($0.name)] + figureCells($0) }
        return ReportSheet(key: "counters", title: l.counters, headers: [l.counter, l.name] + figureHeaders(l), rows: rows)
    }

    public static func days(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        let rows = r.days.compactMap { d in LocalDate(iso: d.id).map { [.date($0)] + figureCells(d) } }
        return ReportSheet(key: "days", title: l.days, headers: [l.date] + figureHeaders(l), rows: rows)
    }

    public static func hours(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        let n = Double(max(1, r.period.days))
        let rows: [[ReportSheet.Cell]] = r.arrivalsByHour.indices.map { h in
            [.int(h), .int(r.arrivalsByHour[h]), .decimal(Double(r.arrivalsByHour[h]) / n)]
        }
        return ReportSheet(key: "hours", title: l.hours, headers: [l.hour, l.arrivals, l.arrivalsPerDay], rows: rows)
    }

    public static func dossiers(_ r: QueueReport, _ l: ReportLabels) -> ReportSheet {
        func cells(_ d: DossierFigures) -> [ReportSheet.Cell] {
            [
                .int(d.received), .int(d.returned), .int(d.onTime), .int(d.late), .int(d.overdue), .percent(d.onTimeRate),
                .int(d.byPost), .int(d.delivered), .int(d.returnedToSender),
            ]
        }
        var rows = r.dossiers.map { [.text($0.id), .text($0.name)] + cells($0) }
        rows.append([.text("*"), .text(l.total)] + cells(r.dossierTotal))
        return ReportSheet(
            key: "dossiers", title: l.dossiers,
            headers: [
                l.service, l.name, l.received, l.returned, l.onTime, l.late, l.overdue, l.onTimeRate, l.byPost, l.delivered,
                l.returnedToSender,
            ], rows: rows)
    }
}
