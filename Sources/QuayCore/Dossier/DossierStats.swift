/// On-time / late / overdue figures per group (procedure, service or site), per day and per month.
///
/// Rules (`today` is the local date the report is made):
/// - returned on or before the appointment date → on time; returned after it → late (handed to the post counts as
///   returned on the hand-over day, whatever the post does later);
/// - not returned (received, processing, needs-supplement, result-ready, returned to the center by the post) and
///   today > appointment date → overdue;
///   otherwise pending;
/// - rejected / withdrawn → closed: counted in `total` only, never in the on-time rate.
/// The on-time rate is onTime / returned ("175,000 of 192,000 returned on time (91.1%)").
///
/// Which day a dossier counts for is the `basis`: its appointment date (the dossiers due in the period, the
/// default), or the day it was settled (returned / rejected / withdrawn; open dossiers stay on their appointment date).
/// Integer day numbers and flat arrays only: 200,000 dossiers take a few milliseconds in a release build.
public struct DossierStats: Sendable, Codable, Equatable {
    public enum Basis: String, Sendable, Codable, CaseIterable { case appointment, resolution }
    public enum GroupBy: String, Sendable, Codable, CaseIterable { case procedure, service, site }
    public enum Period: String, Sendable, Codable, CaseIterable { case day, month, all }

    public struct Counts: Sendable, Codable, Equatable {
        public var total = 0
        public var onTime = 0
        public var late = 0
        public var overdue = 0
        public var pending = 0
        public var closed = 0
        public init() {}
        public var returned: Int { onTime + late }
        /// onTime / returned, nil when nothing was returned.
        public var onTimeRate: Double? { returned == 0 ? nil : Double(onTime) / Double(returned) }

        public static func += (a: inout Counts, b: Counts) {
            a.total += b.total
            a.onTime += b.onTime
            a.late += b.late
            a.overdue += b.overdue
            a.pending += b.pending
            a.closed += b.closed
        }
    }

    public struct Row: Sendable, Codable, Equatable {
        /// "2026-11-05" (day), "2026-11" (month) or "2026-11-01..2026-11-30" (all).
        public var period: String
        /// Procedure code, service id or site; "*" for the all-groups total row.
        public var group: String
        public var name: String
        public var counts: Counts
    }

    public var from: LocalDate
    public var to: LocalDate
    public var today: LocalDate
    public var basis: Basis
    public var groupBy: GroupBy
    public var byDay: [Row]
    public var byMonth: [Row]
    /// One row per group over the whole range.
    public var byGroup: [Row]
    public var total: Counts

    /// Dossiers whose basis day falls in `from...to` (inclusive) are counted; the rest are ignored.
    public static func compute<S: Sequence>(
        _ dossiers: S, from: LocalDate, to: LocalDate, today: LocalDate,
        basis: Basis = .appointment, groupBy: GroupBy = .procedure,
        utcOffsetSeconds: Int = vietnamUTCOffsetSeconds
    ) -> DossierStats where S.Element == Dossier {
        let first = from.dayNumber
        let days = max(0, to.dayNumber - first + 1)
        var groupIndex: [String: Int] = [:]
        var groups: [(id: String, name: String)] = []
        var cells: [Counts] = []  // group-major: cells[g * days + d]
        let todayN = today.dayNumber
        // Field access through the buffer: iterating copies of the whole record (a dozen strings each) would
        // cost more than the counting itself.
        let all = dossiers as? [Dossier] ?? Array(dossiers)
        all.withUnsafeBufferPointer { b in
            for k in b.indices {
                let appt = b[k].appointmentDate.dayNumber
                var day = appt
                if basis == .resolution {
                    switch b[k].status {
                    case .returned, .handedToPost, .delivered:
                        day = LocalDate(epochSeconds: b[k].returnedAt ?? b[k].statusChangedAt, utcOffsetSeconds: utcOffsetSeconds).dayNumber
                    case .rejected, .withdrawn:
                        day = LocalDate(epochSeconds: b[k].statusChangedAt, utcOffsetSeconds: utcOffsetSeconds).dayNumber
                    default: break
                    }
                }
                let off = day - first
                guard off >= 0 && off < days else { continue }
                let key: String
                switch groupBy {
                case .procedure: key = b[k].procedure
                case .service: key = b[k].service ?? ""
                case .site: key = b[k].receivedSite
                }
                let g: Int
                if let x = groupIndex[key] {
                    g = x
                } else {
                    g = groups.count
                    groupIndex[key] = g
                    groups.append((key, groupBy == .procedure ? b[k].procedureName : key))
                    cells.append(contentsOf: repeatElement(Counts(), count: days))
                }
                let idx = g * days + off
                cells[idx].total += 1
                switch b[k].status {
                // Handed to the post is the center's return (returnedAt is the hand-over).
                case .returned, .handedToPost, .delivered:
                    let r = LocalDate(epochSeconds: b[k].returnedAt ?? b[k].statusChangedAt, utcOffsetSeconds: utcOffsetSeconds).dayNumber
                    if r <= appt { cells[idx].onTime += 1 } else { cells[idx].late += 1 }
                case .rejected, .withdrawn:
                    cells[idx].closed += 1
                case .received, .processing, .needsSupplement, .resultReady, .returnedToSender:
                    if todayN > appt { cells[idx].overdue += 1 } else { cells[idx].pending += 1 }
                }
            }
        }
        return assemble(
            Tally(first: first, days: days, groups: groups, cells: cells), from: from, to: to, today: today,
            basis: basis, groupBy: groupBy)
    }

    /// Counts per group and day, before rows are built: what `compute` counts from dossiers and what the store
    /// counts in SQL (`DossierRepository.statsTally`). Both end in `assemble`, so their output is the same.
    public struct Tally: Sendable {
        /// Day number of `from`.
        public var first: Int
        public var days: Int
        /// Group key and display name (procedure name of the group's first dossier; the key otherwise).
        public var groups: [(id: String, name: String)]
        /// Group-major: cells[g * days + d].
        public var cells: [Counts]

        public init(first: Int, days: Int, groups: [(id: String, name: String)] = [], cells: [Counts] = []) {
            self.first = first
            self.days = days
            self.groups = groups
            self.cells = cells
        }
    }

    /// Rows per day, month and group from a tally (groups ordered by id, days in order).
    public static func assemble(_ t: Tally, from: LocalDate, to: LocalDate, today: LocalDate, basis: Basis, groupBy: GroupBy)
        -> DossierStats
    {
        let (first, days, groups, cells) = (t.first, t.days, t.groups, t.cells)
        // Order groups by id so output is stable.
        let order = groups.indices.sorted { groups[$0].id < groups[$1].id }
        let dayKeys = (0..<days).map { LocalDate(dayNumber: first + $0).iso }
        let monthOf = (0..<days).map { LocalDate(dayNumber: first + $0).monthKey }
        var byDay: [Row] = [], byMonth: [Row] = [], byGroup: [Row] = []
        var total = Counts()
        var dayTotals = [Counts](repeating: Counts(), count: days)
        for g in order {
            var sum = Counts()
            var month = Counts()
            var monthKey: String?
            for d in 0..<days {
                let c = cells[g * days + d]
                if monthKey != monthOf[d] {
                    if let k = monthKey, month.total > 0 {
                        byMonth.append(Row(period: k, group: groups[g].id, name: groups[g].name, counts: month))
                    }
                    monthKey = monthOf[d]
                    month = Counts()
                }
                guard c.total > 0 else { continue }
                month += c
                sum += c
                dayTotals[d] += c
                byDay.append(Row(period: dayKeys[d], group: groups[g].id, name: groups[g].name, counts: c))
            }
            if let k = monthKey, month.total > 0 {
                byMonth.append(Row(period: k, group: groups[g].id, name: groups[g].name, counts: month))
            }
            byGroup.append(Row(period: "\(from.iso)..\(to.iso)", group: groups[g].id, name: groups[g].name, counts: sum))
            total += sum
        }
        byDay.sort { ($0.period, $0.group) < ($1.period, $1.group) }
        byMonth.sort { ($0.period, $0.group) < ($1.period, $1.group) }
        return DossierStats(
            from: from, to: to, today: today, basis: basis, groupBy: groupBy,
            byDay: byDay, byMonth: byMonth, byGroup: byGroup, total: total)
    }

    public func rows(_ period: Period) -> [Row] {
        switch period {
        case .day: byDay
        case .month: byMonth
        case .all: byGroup
        }
    }

    /// "175,000 of 192,000 returned on time (91.1%); 1,204 overdue, 3,310 pending, 512 rejected or withdrawn"
    public var summary: String { DossierStats.summary(total) }

    public static func summary(_ c: Counts) -> String {
        var s = "\(grouped(c.onTime)) of \(grouped(c.returned)) returned on time"
        if let r = c.onTimeRate { s += " (\(percent(r)))" }
        s += "; \(grouped(c.late)) late, \(grouped(c.overdue)) overdue, \(grouped(c.pending)) pending"
        if c.closed > 0 { s += ", \(grouped(c.closed)) rejected or withdrawn" }
        return s
    }

    /// 175000 → "175,000"
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// 0.9114 → "91.1%"
    public static func percent(_ r: Double) -> String {
        let tenths = Int((r * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
