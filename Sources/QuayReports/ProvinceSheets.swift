import QuayCore

/// The tables of the province report: summary, communes, services, days, hours. The text table, CSV, XLSX and
/// the PDF are drawn from these, as for a center's report.
public enum ProvinceSheets {
    public static let keys = ["summary", "communes", "services", "days", "hours"]

    public static func all(_ r: ProvinceReport, _ l: ProvinceLabels) -> [ReportSheet] {
        [summary(r, l), communes(r, l), services(r, l), days(r, l), hours(r, l)]
    }

    static func figureHeaders(_ l: ProvinceLabels) -> [String] {
        let b = l.base
        return [
            b.issued, b.served, b.noShow, b.transferred, b.expired, l.waitMean, l.waitMax, l.worstP90, l.serviceMean, b.rated,
            b.ratingMean, b.received, b.returned, b.onTime, b.late, b.overdue, b.onTimeRate,
        ]
    }

    static func figureCells(_ p: ProvinceRow) -> [ReportSheet.Cell] {
        let f = p.queue, d = p.dossiers
        return [
            .int(f.issued), .int(f.served), .int(f.noShow), .int(f.transferred), .int(f.expired), .minutes(f.wait.mean),
            .minutes(f.wait.max), .minutes(f.wait.p90), .minutes(f.serviceTime.mean), .int(f.rated),
            f.ratingMean.map { .decimal($0) } ?? .text(""), .int(d.received), .int(d.returned), .int(d.onTime), .int(d.late),
            .int(d.overdue), .percent(d.onTimeRate),
        ]
    }

    public static func summary(_ r: ProvinceReport, _ l: ProvinceLabels) -> ReportSheet {
        let b = l.base
        let expected = r.communes.count * r.period.days
        var rows: [[ReportSheet.Cell]] = [
            [.text(l.province), .text(r.province)], [.text(b.period), .text(r.period.description)], [.text(b.madeOn), .date(r.madeOn)],
            [.text(l.communes), .int(r.communes.count)], [.text(l.centerDays), .text("\(r.centerDaysReported) / \(expected)")],
        ]
        rows += zip(figureHeaders(l), figureCells(r.total)).map { [.text($0), $1] }
        rows.append([.text(""), .text(l.waitNote)])
        return ReportSheet(key: "summary", title: b.summary, headers: [b.name, ""], rows: rows)
    }

    public static func communes(_ r: ProvinceReport, _ l: ProvinceLabels) -> ReportSheet {
        var rows = r.communes.map { [.text($0.id), .text($0.name), .text($0.district)] + figureCells($0) }
        rows.append([.text("*"), .text(l.base.total), .text("")] + figureCells(r.total))
        return ReportSheet(
            key: "communes", title: l.communes, headers: [l.site, l.commune, l.district] + figureHeaders(l), rows: rows)
    }

    public static func services(_ r: ProvinceReport, _ l: ProvinceLabels) -> ReportSheet {
        var rows = r.services.map { [.text($0.id), .text($0.name)] + figureCells($0) }
        rows.append([.text("*"), .text(l.base.total)] + figureCells(r.total))
        return ReportSheet(key: "services", title: l.base.services, headers: [l.base.service, l.base.name] + figureHeaders(l), rows: rows)
    }

    public static func days(_ r: ProvinceReport, _ l: ProvinceLabels) -> ReportSheet {
        let b = l.base
        let rows: [[ReportSheet.Cell]] = r.days.compactMap { f in
            LocalDate(iso: f.id).map {
                [
                    .date($0), .int(f.issued), .int(f.served), .int(f.noShow), .int(f.expired), .minutes(f.wait.mean),
                    .minutes(f.wait.max), .minutes(f.wait.p90),
                ]
            }
        }
        return ReportSheet(
            key: "days", title: b.days, headers: [b.date, b.issued, b.served, b.noShow, b.expired, l.waitMean, l.waitMax, l.worstP90],
            rows: rows)
    }

    public static func hours(_ r: ProvinceReport, _ l: ProvinceLabels) -> ReportSheet {
        let n = Double(max(1, r.period.days))
        let rows: [[ReportSheet.Cell]] = r.arrivalsByHour.indices.map { h in
            [.int(h), .int(r.arrivalsByHour[h]), .decimal(Double(r.arrivalsByHour[h]) / n)]
        }
        return ReportSheet(key: "hours", title: l.base.hours, headers: [l.base.hour, l.base.arrivals, l.base.arrivalsPerDay], rows: rows)
    }
}
