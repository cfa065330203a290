import PostgresNIO
import QuayCore

/// The report across every center of the province from PostgreSQL: four grouped queries (queue days per center
/// and per day, queue services, arrivals per hour, dossiers per center and service) over the period's index
/// ranges; everything else is summed here over at most centers × services rows.
extension ProvinceDatabase {
    public func report(province: String, period: ReportPeriod, madeOn: LocalDate) async throws -> ProvinceReport {
        let (from, to, made) = (period.from.iso, period.to.iso, madeOn.iso)
        var communes: [ProvinceRow] = []
        var index: [String: Int] = [:]
        let sites = try await client.query("SELECT site, commune, district FROM sites ORDER BY position, site", logger: logger)
        for try await (s, c, d) in sites.decode((String, String, String).self) {
            index[s] = communes.count
            communes.append(ProvinceRow(id: s, name: c, district: d))
        }
        func commune(_ id: String) -> Int {
            if let i = index[id] { return i }
            index[id] = communes.count
            communes.append(ProvinceRow(id: id, name: id))
            return communes.count - 1
        }

        var days = (0..<period.days).map { i in
            let d = period.from.adding(days: i).iso
            return QueueFigures(id: d, name: d)
        }
        var centerDays = 0
        let fig = Self.figureSQL
        let perCenter = try await client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT center, day::text, count(*)::int8, \(fig) FROM queue_days WHERE day BETWEEN $1::date AND $2::date
                    GROUP BY GROUPING SETS ((center), (day))
                    """, binds: try Self.texts([from, to])), logger: logger)
        for try await row in perCenter {
            let r = row.makeRandomAccess()
            let f = try Self.figures(r, at: 3, id: "", name: "")
            if let c = try r[0].decode(String?.self) {
                communes[commune(c)].queue = Self.named(f, communes[commune(c)].queue)
                centerDays += Int(try r[2].decode(Int64.self))
            } else if let d = try r[1].decode(String?.self), let day = LocalDate(iso: d) {
                let i = day.dayNumber - period.from.dayNumber
                if days.indices.contains(i) { days[i] = Self.named(f, days[i]) }
            }
        }

        var services: [ProvinceRow] = []
        var serviceIndex: [String: Int] = [:]
        let perService = try await client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT service, max(name), \(fig) FROM queue_day_services WHERE day BETWEEN $1::date AND $2::date
                    GROUP BY service ORDER BY service
                    """, binds: try Self.texts([from, to])), logger: logger)
        for try await row in perService {
            let r = row.makeRandomAccess()
            let id = try r[0].decode(String.self), name = try r[1].decode(String.self)
            var p = ProvinceRow(id: id, name: name)
            p.queue = try Self.figures(r, at: 2, id: id, name: name)
            serviceIndex[id] = services.count
            services.append(p)
        }

        var arrivals = [Int](repeating: 0, count: 24)
        let hours = try await client.query(
            """
            SELECT t.h::int8, sum(t.a)::int8 FROM queue_days q, unnest(q.arrivals) WITH ORDINALITY AS t(a, h)
            WHERE q.day BETWEEN \(from)::date AND \(to)::date GROUP BY t.h
            """, logger: logger)
        for try await (h, n) in hours.decode((Int64, Int64).self) where (1...24).contains(h) { arrivals[Int(h) - 1] = Int(n) }

        let (open, returned) = (DossierMergeOrder.openStatusSQL, DossierMergeOrder.returnedStatusSQL)
        let dossiers = try await client.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT center, coalesce(service, '-'),
                           count(*) FILTER (WHERE received_day BETWEEN $1::date AND $2::date),
                           count(*) FILTER (WHERE status IN \(returned) AND returned_day BETWEEN $1::date AND $2::date),
                           count(*) FILTER (WHERE status IN \(returned) AND returned_day BETWEEN $1::date AND $2::date
                                            AND returned_day <= appointment_day),
                           count(*) FILTER (WHERE status IN \(open) AND appointment_day BETWEEN $1::date AND $2::date
                                            AND appointment_day < $3::date)
                    FROM dossiers
                    WHERE received_day BETWEEN $1::date AND $2::date OR returned_day BETWEEN $1::date AND $2::date
                       OR (appointment_day BETWEEN $1::date AND $2::date AND status IN \(open))
                    GROUP BY 1, 2
                    """, binds: try Self.texts([from, to, made])), logger: logger)
        for try await (c, s, rec, ret, onTime, overdue) in dossiers.decode((String, String, Int64, Int64, Int64, Int64).self) {
            var d = DossierFigures(id: s, name: s)
            (d.received, d.returned, d.onTime, d.overdue) = (Int(rec), Int(ret), Int(onTime), Int(overdue))
            communes[commune(c)].dossiers.add(d)
            if serviceIndex[s] == nil {
                serviceIndex[s] = services.count
                services.append(ProvinceRow(id: s, name: s))
            }
            services[serviceIndex[s]!].dossiers.add(d)
        }

        var total = ProvinceRow(id: "*", name: "")
        for c in communes { total.add(c) }
        return ProvinceReport(
            province: province, period: period, madeOn: madeOn, communes: communes, services: services, days: days,
            arrivalsByHour: arrivals, total: total, centerDaysReported: centerDays)
    }

    /// What the report's time is compared with in `make bench`: a bare `count(*)` over the rows it reads
    /// (every dossier, the period's queue days and their service rows).
    public func bareCount(period: ReportPeriod) async throws -> Int {
        try await scalar(
            """
            SELECT (SELECT count(*) FROM dossiers)
                 + (SELECT count(*) FROM queue_days WHERE day BETWEEN \(period.from.iso)::date AND \(period.to.iso)::date)
                 + (SELECT count(*) FROM queue_day_services WHERE day BETWEEN \(period.from.iso)::date AND \(period.to.iso)::date)
            """)
    }

    /// The summed figure columns, in `figures(_:at:)` order.
    static let figureSQL = """
        sum(issued)::int8, sum(served)::int8, sum(no_show)::int8, sum(transferred)::int8, sum(expired)::int8,
        sum(priority)::int8, sum(khmer)::int8, sum(rated)::int8, sum(rating_sum)::int8, sum(wait_count)::int8,
        sum(wait_sum)::float8, max(wait_p90), max(wait_max), sum(service_count)::int8, sum(service_sum)::float8,
        max(service_p90), max(service_max)
        """

    static func figures(_ r: PostgresRandomAccessRow, at i: Int, id: String, name: String) throws -> QueueFigures {
        func int(_ k: Int) throws -> Int { Int(try r[i + k].decode(Int64?.self) ?? 0) }
        func dbl(_ k: Int) throws -> Double? { try r[i + k].decode(Double?.self) }
        var f = QueueFigures(id: id, name: name)
        (f.issued, f.served, f.noShow, f.transferred, f.expired) = (try int(0), try int(1), try int(2), try int(3), try int(4))
        (f.priority, f.khmer, f.rated, f.ratingSum) = (try int(5), try int(6), try int(7), try int(8))
        f.wait = Spread(count: try int(9), p50: nil, p90: try dbl(11), max: try dbl(12), sum: try dbl(10) ?? 0)
        f.serviceTime = Spread(count: try int(13), p50: nil, p90: try dbl(15), max: try dbl(16), sum: try dbl(14) ?? 0)
        return f
    }

    /// `f` with the id and name of `slot`.
    static func named(_ f: QueueFigures, _ slot: QueueFigures) -> QueueFigures {
        var f = f
        (f.id, f.name) = (slot.id, slot.name)
        return f
    }

    static func texts(_ values: [String]) throws -> PostgresBindings {
        var b = PostgresBindings()
        for v in values { b.append(v) }
        return b
    }
}
