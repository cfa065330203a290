import QuayCore
import Testing

/// The pure parts of a report: nearest-rank percentiles, periods, and how grouped rows become figures.
@Suite struct ReportBuilderTests {
    @Test func spreadIsNearestRank() {
        let s = Spread([5, 1, 4, 2, 3, 10, 9, 8, 7, 6])
        #expect(s.count == 10 && s.p50 == 5 && s.p90 == 9 && s.max == 10 && s.mean == 5.5)
        #expect(Spread([7]).p50 == 7 && Spread([7]).p90 == 7)
        #expect(Spread([]).p50 == nil && Spread([]).mean == nil)
        #expect(Spread([300, 960]).p50 == 300 && Spread([300, 960]).p90 == 960)
    }

    @Test func weeksRunMondayToSunday() {
        // 2026-11-01 is a Sunday; 2026-11-02 a Monday.
        let sunday = LocalDate(year: 2026, month: 11, day: 1)!
        #expect(ReportPeriod.week(containing: sunday).from.iso == "2026-10-26")
        #expect(ReportPeriod.week(containing: sunday.adding(days: 1)).from.iso == "2026-11-02")
        #expect(ReportPeriod.week(containing: sunday.adding(days: 7)).to.iso == "2026-11-08")
        #expect(ReportPeriod.month("2026-11")?.days == 30 && ReportPeriod.month("2026-1") == nil)
    }

    @Test func rowsBecomeFiguresPerServiceCounterAndDay() {
        let period = ReportPeriod(from: LocalDate(iso: "2026-11-02")!, to: LocalDate(iso: "2026-11-03")!)!
        let names = ReportBuilder.Names(services: [("a", "Hộ tịch"), ("b", "Đất đai")], counters: [("q1", "1"), ("q2", "2")])
        var b = ReportBuilder(center: "X", period: period, filter: ReportFilter(), madeOn: period.to, names: names)
        var f = QueueFigures(id: "", name: "")
        (f.issued, f.served, f.khmer) = (3, 2, 1)
        b.addCounts(day: "2026-11-02", service: "a", counter: "q1", f)
        b.addCounts(day: "2026-11-03", service: "a", counter: nil, f)
        b.addCounts(day: "2026-11-09", service: "a", counter: "q1", f)  // outside the period: ignored
        b.addCounts(day: "2026-11-03", service: "old", counter: "q2", f)  // a service no longer configured
        b.addTransfers(day: "2026-11-03", service: "b", counter: "q1", count: 2)
        for w in [60.0, 120, 600] { b.addDurations(day: "2026-11-02", service: "a", counter: "q1", wait: w, serviceTime: 300) }
        b.addDurations(day: "2026-11-03", service: "old", counter: "q2", wait: -5, serviceTime: nil)  // clock step: 0
        b.addArrivals(hour: 8, count: 4)
        b.addArrivals(hour: 24, count: 9)  // not an hour: ignored
        var d = DossierFigures(id: "a", name: "a")
        (d.received, d.returned, d.onTime) = (10, 8, 6)
        b.addDossiers(d)
        let r = b.build()
        #expect(r.services.map(\.id) == ["a", "b", "old"])
        #expect(r.services[0].name == "Hộ tịch" && r.services[0].issued == 6 && r.services[0].khmerShare == 1.0 / 3)
        #expect(r.services[1].issued == 0 && r.services[1].transferred == 2)
        #expect(r.counters.map(\.id) == ["q1", "q2"] && r.counters[0].issued == 3 && r.counters[0].transferred == 2)
        #expect(r.days.map(\.issued) == [3, 6] && r.days[1].transferred == 2)
        #expect(r.total.issued == 9 && r.total.wait == Spread([60, 120, 600, 0]))
        #expect(r.services[0].wait.p90 == 600 && r.services[0].serviceTime.count == 3)
        #expect(r.arrivalsByHour[8] == 4 && r.arrivalsByHour.reduce(0, +) == 4)
        #expect(r.dossiers.map(\.id) == ["a", "b"] && r.dossierTotal.late == 2 && r.dossierTotal.onTimeRate == 0.75)
    }

    @Test func aFilterKeepsOnlyItsGroups() {
        let period = ReportPeriod.day(LocalDate(iso: "2026-11-02")!)
        let names = ReportBuilder.Names(services: [("a", "A"), ("b", "B")], counters: [("q1", "1"), ("q2", "2")])
        let r = ReportBuilder(
            center: "X", period: period, filter: ReportFilter(service: "b", counters: ["q2"]), madeOn: period.to, names: names
        ).build()
        #expect(r.services.map(\.id) == ["b"] && r.counters.map(\.id) == ["q2"] && r.dossiers.map(\.id) == ["b"])
    }
}
