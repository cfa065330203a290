import Foundation
import QuayCore
import QuayReportFixture
import QuayStore
import Testing

/// The report SQL over a generated month of a busy center (`ReportFixture`: 5 services, 5 counters, 400 tickets a
/// day, 20,000 dossiers): totals worked out by hand from the fixture's rules, and every figure compared with a
/// plain Swift count over the generated rows.
@Suite struct ReportSQLTests {
    static let november = ReportPeriod.month(year: 2026, month: 11)!
    static let fixture = ReportFixture(firstDay: november.from, days: 30)
    static let madeOn = LocalDate(year: 2026, month: 12, day: 15)!
    /// One database for the suite (written once, read by every test).
    static let path: String = {
        let dir = NSTemporaryDirectory() + "quay-report-sql-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let p = dir + "/quay.sqlite"
        try? FileManager.default.removeItem(atPath: p)
        try! fixture.write(to: p)
        return p
    }()

    func report(_ period: ReportPeriod = november, _ filter: ReportFilter = ReportFilter()) async throws -> QueueReport {
        try await ReportStore(path: Self.path).report(
            center: "UBND xã Thử", period: period, filter: filter, madeOn: Self.madeOn, names: ReportFixture.names,
            utcOffsetSeconds: ReportFixture.utcOffset)
    }

    @Test func monthTotalsMatchTheHandCount() async throws {
        let r = try await report()
        // 400 a day for 30 days; per day: i mod 50 = 7 expired (8), i mod 20 = 0 no-show (20, never odd, so no
        // overlap), the other 372 served; Khmer i mod 10 = 3 (40); priority i mod 8 = 0 (50); transfers i mod 40 = 5 (10).
        #expect(r.total.issued == 12_000)
        #expect(r.total.expired == 240)
        #expect(r.total.noShow == 600)
        #expect(r.total.served == 11_160)
        #expect(r.total.khmer == 1_200)
        #expect(r.total.khmerShare == 0.1)
        #expect(r.total.priority == 1_500)
        #expect(r.total.transferred == 300)
        // Waits are 1..30 minutes, each i mod 30 equally often except the expired ones: median 15 or 16 min, max 30.
        #expect(r.total.wait.max == 1_800)
        #expect(r.total.wait.count == 11_760)
        #expect([900.0, 960].contains(r.total.wait.p50 ?? 0))
        // Service time 2..8 minutes.
        #expect(r.total.serviceTime.max == 480)
        #expect(r.total.serviceTime.count == 11_160)
        // Issued 07:30 + 81 s × i: i 0..399 spans 07:30 to 16:28:39.
        #expect(r.arrivalsByHour.reduce(0, +) == 12_000)
        #expect(r.arrivalsByHour[7] == 30 * 23)  // i = 0...22 (07:30:00 .. 07:59:42)
        #expect(r.arrivalsByHour[6] == 0 && r.arrivalsByHour[17] == 0)
        #expect(r.days.count == 30 && r.days.allSatisfy { $0.issued == 400 && $0.transferred == 10 })
        #expect(r.services.map(\.id) == ReportFixture.services)
        #expect(r.services.map(\.name) == ReportFixture.serviceNames)
    }

    @Test func everyGroupMatchesAPlainCount() async throws {
        let r = try await report()
        let rows = Self.fixture.tickets
        for s in r.services {
            let mine = rows.filter { $0.service == s.id }
            #expect(s.issued == mine.count, "\(s.id)")
            #expect(s.served == mine.filter { $0.state == "done" }.count)
            #expect(s.noShow == mine.filter { $0.state == "no-show" }.count)
            #expect(s.transferred == mine.filter { $0.transferredAt != nil }.count)
            #expect(s.wait == Spread(mine.compactMap { t in t.calledAt.map { $0 - t.issuedAt } }))
            #expect(s.serviceTime == Spread(mine.compactMap { t in t.finishedAt.map { $0 - t.servingAt! } }))
            #expect(s.rated == mine.filter { $0.rating != nil }.count, "\(s.id)")
            #expect(s.ratingSum == mine.compactMap(\.rating).reduce(0, +), "\(s.id)")
        }
        for c in r.counters {
            let mine = rows.filter { $0.counter == c.id }
            #expect(c.served == mine.filter { $0.state == "done" }.count, "\(c.id)")
            #expect(c.wait == Spread(mine.compactMap { t in t.calledAt.map { $0 - t.issuedAt } }))
            #expect(c.rated == mine.filter { $0.rating != nil }.count, "\(c.id)")
        }
        #expect(r.total.rated == rows.filter { $0.rating != nil }.count && r.total.rated > 1_000)
        #expect(r.total.ratingMean.map { (1...4).contains($0) } == true)
        let expected = Self.expectedDossiers(period: Self.november, counters: nil)
        #expect(r.dossierTotal.received == 20_000)
        #expect(r.dossierTotal == expected)
        #expect(r.dossierTotal.onTime > 0 && r.dossierTotal.late > 0 && r.dossierTotal.overdue > 0)
    }

    @Test func aCounterFilterSeesOnlyThatCounter() async throws {
        let r = try await report(Self.november, ReportFilter(counters: ["c2"]))
        #expect(r.counters.map(\.id) == ["c2"])
        let mine = Self.fixture.tickets.filter { $0.counter == "c2" }
        #expect(r.total.issued == mine.count)
        #expect(r.services.filter { $0.issued > 0 }.map(\.id) == ["s2"])
        // Only transfers made at c2.
        #expect(r.total.transferred == Self.fixture.tickets.filter { $0.transferredAt != nil && $0.firstService == "s2" }.count)
        #expect(r.dossierTotal == Self.expectedDossiers(period: Self.november, counters: ["c2"]))
    }

    @Test func aServiceFilterAndAWeek() async throws {
        let week = ReportPeriod.week(containing: LocalDate(year: 2026, month: 11, day: 18)!)
        #expect(week.from.iso == "2026-11-16" && week.to.iso == "2026-11-22")
        let r = try await report(week, ReportFilter(service: "s3"))
        #expect(r.services.map(\.id) == ["s3"])
        #expect(r.days.count == 7)
        let mine = Self.fixture.tickets.filter { $0.service == "s3" && $0.day >= week.from && $0.day <= week.to }
        #expect(r.total.issued == mine.count)
    }

    @Test func aPeriodWithoutDataIsZeroNotMissing() async throws {
        let r = try await report(ReportPeriod.month(year: 2027, month: 2)!)
        #expect(r.total.issued == 0 && r.total.wait.p50 == nil)
        #expect(r.days.count == 28 && r.services.count == 5)
    }

    @Test func periodsAreBounded() {
        let a = LocalDate(year: 2026, month: 1, day: 1)!
        #expect(ReportPeriod(from: a, to: a.adding(days: 366)) != nil)
        #expect(ReportPeriod(from: a, to: a.adding(days: 367)) == nil)
        #expect(ReportPeriod(from: a, to: a.adding(days: -1)) == nil)
        #expect(ReportPeriod.month("2026-13") == nil && ReportPeriod.month("26-11") == nil)
        #expect(ReportPeriod.month("2024-02")?.days == 29)
    }

    /// Dossier figures counted the slow way over the generated rows.
    static func expectedDossiers(period: ReportPeriod, counters: [String]?) -> DossierFigures {
        let (start, end) = period.bounds(utcOffsetSeconds: ReportFixture.utcOffset)
        var f = DossierFigures(id: "*", name: "")
        for d in fixture.dossiers where counters?.contains(d.counter) ?? true {
            if d.receivedAt >= start && d.receivedAt < end { f.received += 1 }
            if d.status == "returned", let at = d.returnedAt, at >= start, at < end {
                f.returned += 1
                if LocalDate(epochSeconds: at, utcOffsetSeconds: ReportFixture.utcOffset).dayNumber <= d.appointmentDay { f.onTime += 1 }
            }
            let open = d.status != "returned" && d.status != "rejected"
            if open && d.appointmentDay >= period.from.dayNumber && d.appointmentDay <= period.to.dayNumber
                && d.appointmentDay < madeOn.dayNumber
            {
                f.overdue += 1
            }
        }
        return f
    }
}
