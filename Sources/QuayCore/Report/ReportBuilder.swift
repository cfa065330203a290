/// Assembles a `QueueReport` from grouped rows (QuayStore's report SQL feeds it; tests feed it by hand).
/// Counts arrive already summed per (day, service, counter); durations arrive one per ticket and are sorted
/// here per group for the percentiles. Memory is one Double per called ticket and group kind.
public struct ReportBuilder: Sendable {
    public struct Names: Sendable {
        /// Configured services and counters in display order, with their names.
        public var services: [(id: String, name: String)]
        public var counters: [(id: String, name: String)]
        public init(services: [(id: String, name: String)], counters: [(id: String, name: String)]) {
            (self.services, self.counters) = (services, counters)
        }
    }

    let center: String
    let period: ReportPeriod
    let filter: ReportFilter
    let madeOn: LocalDate
    let names: Names
    var services: [String: QueueFigures] = [:]
    var counters: [String: QueueFigures] = [:]
    var days: [QueueFigures]
    var total = QueueFigures(id: "*", name: "")
    var waits = Durations(), serviceTimes = Durations()
    var arrivals = [Int](repeating: 0, count: 24)
    var dossiers: [String: DossierFigures] = [:]

    struct Durations: Sendable {
        var all: [Double] = []
        var byService: [String: [Double]] = [:]
        var byCounter: [String: [Double]] = [:]
        var byDay: [Int: [Double]] = [:]
        mutating func add(_ v: Double, day: Int, service: String, counter: String?) {
            all.append(v)
            byService[service, default: []].append(v)
            if let counter { byCounter[counter, default: []].append(v) }
            byDay[day, default: []].append(v)
        }
    }

    public init(center: String, period: ReportPeriod, filter: ReportFilter, madeOn: LocalDate, names: Names) {
        (self.center, self.period, self.filter, self.madeOn, self.names) = (center, period, filter, madeOn, names)
        days = (0..<period.days).map { i in
            let d = period.from.adding(days: i).iso
            return QueueFigures(id: d, name: d)
        }
    }

    private func dayIndex(_ key: String) -> Int? {
        guard let d = LocalDate(iso: key) else { return nil }
        let i = d.dayNumber - period.from.dayNumber
        return i >= 0 && i < days.count ? i : nil
    }

    private static func blank(_ id: String, _ list: [(id: String, name: String)]) -> QueueFigures {
        QueueFigures(id: id, name: list.first { $0.id == id }?.name ?? id)
    }

    /// Tickets of one (day, service, counter) group; `counter` nil for tickets never called.
    public mutating func addCounts(day: String, service: String, counter: String?, _ f: QueueFigures) {
        guard let i = dayIndex(day) else { return }
        let names = self.names
        services[service, default: Self.blank(service, names.services)].addCounts(f)
        if let counter { counters[counter, default: Self.blank(counter, names.counters)].addCounts(f) }
        days[i].addCounts(f)
        total.addCounts(f)
    }

    /// `count` ratings of `score` (1–4) on `day` for tickets of `service` served at `counter`.
    public mutating func addRatings(day: String, service: String, counter: String?, score: Int, count: Int) {
        var f = QueueFigures(id: "", name: "")
        f.rated = count
        f.ratingSum = score * count
        addCounts(day: day, service: service, counter: counter, f)
    }

    /// Transfer events on `day` into `service`, made at `counter` (nil: by a technician or a screen).
    public mutating func addTransfers(day: String, service: String?, counter: String?, count: Int) {
        guard let i = dayIndex(day) else { return }
        let names = self.names
        if let service { services[service, default: Self.blank(service, names.services)].transferred += count }
        if let counter { counters[counter, default: Self.blank(counter, names.counters)].transferred += count }
        days[i].transferred += count
        total.transferred += count
    }

    /// One called ticket: its wait, and its service time when it was served.
    public mutating func addDurations(day: String, service: String, counter: String?, wait: Double, serviceTime: Double?) {
        guard let i = dayIndex(day) else { return }
        waits.add(max(0, wait), day: i, service: service, counter: counter)
        if let s = serviceTime { serviceTimes.add(max(0, s), day: i, service: service, counter: counter) }
    }

    public mutating func addArrivals(hour: Int, count: Int) {
        guard (0..<24).contains(hour) else { return }
        arrivals[hour] += count
    }

    public mutating func addDossiers(_ d: DossierFigures) {
        var entry = dossiers[d.id] ?? DossierFigures(id: d.id, name: names.services.first { $0.id == d.id }?.name ?? d.id)
        entry.add(d)
        dossiers[d.id] = entry
    }

    /// Configured groups first (in configuration order, with zeros when nothing happened), then any other
    /// group found in the data (a service since removed from the configuration), by id.
    private static func ordered<T>(_ found: [String: T], _ configured: [String], make: (String) -> T) -> [T] {
        configured.map { found[$0] ?? make($0) } + found.keys.filter { !configured.contains($0) }.sorted().compactMap { found[$0] }
    }

    public func build() -> QueueReport {
        var total = self.total
        total.wait = Spread(waits.all)
        total.serviceTime = Spread(serviceTimes.all)
        let serviceIDs = names.services.map(\.id).filter { filter.service == nil || $0 == filter.service }
        let counterIDs = names.counters.map(\.id).filter { filter.counters?.contains($0) ?? true }
        var svc = Self.ordered(services, serviceIDs) { Self.blank($0, names.services) }
        for i in svc.indices {
            svc[i].wait = Spread(waits.byService[svc[i].id] ?? [])
            svc[i].serviceTime = Spread(serviceTimes.byService[svc[i].id] ?? [])
        }
        var ctr = Self.ordered(counters, counterIDs) { Self.blank($0, names.counters) }
        for i in ctr.indices {
            ctr[i].wait = Spread(waits.byCounter[ctr[i].id] ?? [])
            ctr[i].serviceTime = Spread(serviceTimes.byCounter[ctr[i].id] ?? [])
        }
        var ds = days
        for i in ds.indices {
            ds[i].wait = Spread(waits.byDay[i] ?? [])
            ds[i].serviceTime = Spread(serviceTimes.byDay[i] ?? [])
        }
        let dossierRows = Self.ordered(dossiers, serviceIDs) { id in
            DossierFigures(id: id, name: names.services.first { $0.id == id }?.name ?? id)
        }
        var dossierTotal = DossierFigures(id: "*", name: "")
        for d in dossierRows { dossierTotal.add(d) }
        return QueueReport(
            center: center, period: period, filter: filter, madeOn: madeOn, total: total, services: svc, counters: ctr,
            days: ds, arrivalsByHour: arrivals, dossiers: dossierRows, dossierTotal: dossierTotal)
    }
}
