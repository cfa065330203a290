/// A report over every center of a province (the province roll-up of #16, built from PostgreSQL by
/// QuayProvince and rendered by QuayReports): queue and dossier figures per commune, per service, per day.
///
/// Queue figures come from the centers' queue-day summaries. Counts add up exactly. Waiting and service times
/// do not: a percentile of a month is not a function of daily percentiles. So in every `QueueFigures` here
/// `wait` and `serviceTime` carry the exact count, sum (hence mean) and maximum, `p90` is the highest daily P90
/// of any one center in the group (the worst day, not a province P90), and `p50` is nil.
public struct ProvinceReport: Sendable, Codable, Equatable {
    public var province: String
    public var period: ReportPeriod
    /// The local date the report was made (decides which open dossiers are overdue).
    public var madeOn: LocalDate
    /// One row per center (commune), in the order of the `sites` table, with zeros where nothing happened.
    public var communes: [ProvinceRow]
    /// One row per service id found in the period, summed over the centers.
    public var services: [ProvinceRow]
    /// One entry per day of the period (queue figures only), days without summaries included with zeros.
    public var days: [QueueFigures]
    /// Tickets issued per local hour (24 entries), over the whole period and every center.
    public var arrivalsByHour: [Int]
    public var total: ProvinceRow
    /// Center-days that sent a queue-day summary in the period (of `communes.count × period.days`).
    public var centerDaysReported: Int

    public init(
        province: String, period: ReportPeriod, madeOn: LocalDate, communes: [ProvinceRow], services: [ProvinceRow],
        days: [QueueFigures], arrivalsByHour: [Int], total: ProvinceRow, centerDaysReported: Int
    ) {
        (self.province, self.period, self.madeOn, self.communes, self.services) = (province, period, madeOn, communes, services)
        (self.days, self.arrivalsByHour, self.total, self.centerDaysReported) = (days, arrivalsByHour, total, centerDaysReported)
    }
}

/// The figures of one commune, one service or the whole province.
public struct ProvinceRow: Sendable, Codable, Equatable {
    /// Site id, service id or "*".
    public var id: String
    /// Commune name or service name.
    public var name: String
    /// The commune's district (empty for services and the total).
    public var district: String
    public var queue: QueueFigures
    public var dossiers: DossierFigures

    public init(id: String, name: String, district: String = "") {
        (self.id, self.name, self.district) = (id, name, district)
        queue = QueueFigures(id: id, name: name)
        dossiers = DossierFigures(id: id, name: name)
    }

    /// Adds `b`'s counts, and its wait and service sums, counts and maxima (worst P90 is the larger).
    public mutating func add(_ b: ProvinceRow) {
        queue.addCounts(b.queue)
        queue.transferred += b.queue.transferred
        queue.wait.merge(b.queue.wait)
        queue.serviceTime.merge(b.queue.serviceTime)
        dossiers.add(b.dossiers)
    }
}

extension Spread {
    /// Adds the count and sum of `b` and keeps the larger maximum and the larger P90 (the worst of the two);
    /// the median is dropped (it does not add).
    public mutating func merge(_ b: Spread) {
        count += b.count
        sum += b.sum
        max = [max, b.max].compactMap { $0 }.max()
        p90 = [p90, b.p90].compactMap { $0 }.max()
        p50 = nil
    }
}
