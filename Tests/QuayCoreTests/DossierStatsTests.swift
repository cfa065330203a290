import Testing
@testable import QuayCore

@Suite("Dossier stats")
struct DossierStatsTests {
    static let off = vietnamUTCOffsetSeconds
    static func day(_ d: Int, month: Int = 11) -> LocalDate { LocalDate(year: 2026, month: month, day: d)! }
    /// Epoch seconds of a local wall-clock time in November 2026 (Hà Nội).
    static func at(_ d: Int, _ h: Int, _ m: Int = 0, month: Int = 11) -> Double {
        day(d, month: month).epochSeconds(utcOffsetSeconds: off) + Double(h * 3600 + m * 60)
    }

    static func make(_ proc: String, appt: LocalDate, _ status: DossierStatus, returned: Double? = nil, changed: Double? = nil) -> Dossier {
        let names = ["P1": "Khai sinh", "P2": "Kết hôn"]
        return Dossier(
            id: "s-D\(proc)\(appt.dayNumber)\(status.rawValue)\(returned ?? 0)", receiptCode: "CODE-\(appt.dayNumber)",
            procedure: proc, procedureName: names[proc]!, service: proc == "P1" ? "A" : "B", receivedAt: at(1, 8),
            receivedSite: proc == "P1" ? "s1" : "s2", appointmentDate: appt, status: status,
            statusChangedAt: changed ?? returned ?? at(1, 8), returnedAt: returned, citizenName: "X")
    }

    /// A scripted November with every category and the edges (returned at 23:59 on the day = on time, 00:00 the next day = late,
    /// appointment today = pending).
    static let month: [Dossier] = [
        make("P1", appt: day(5), .returned, returned: at(4, 10)),
        make("P1", appt: day(5), .returned, returned: at(5, 23, 59)),
        make("P1", appt: day(5), .returned, returned: at(6, 0, 0)),
        make("P1", appt: day(10), .processing),
        make("P1", appt: day(10), .resultReady),
        make("P1", appt: day(25), .processing),
        make("P1", appt: day(25), .rejected, changed: at(3, 9)),
        make("P2", appt: day(5), .returned, returned: at(5, 7)),
        make("P2", appt: day(20), .needsSupplement),
        make("P2", appt: day(2, month: 12), .returned, returned: at(2, 9, month: 12)),  // outside the range
        make("P2", appt: day(31, month: 10), .returned, returned: at(2, 9)),  // outside by appointment, inside by resolution
    ]

    static func counts(_ t: Int, _ on: Int, _ late: Int, _ over: Int, _ pend: Int, _ closed: Int) -> DossierStats.Counts {
        var c = DossierStats.Counts()
        c.total = t
        c.onTime = on
        c.late = late
        c.overdue = over
        c.pending = pend
        c.closed = closed
        return c
    }

    @Test func scriptedMonthByAppointment() {
        let s = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20))
        #expect(
            s.byDay.map { "\($0.period) \($0.group)" } == [
                "2026-11-05 P1", "2026-11-05 P2", "2026-11-10 P1", "2026-11-20 P2", "2026-11-25 P1",
            ])
        #expect(
            s.byDay.map(\.counts) == [
                Self.counts(3, 2, 1, 0, 0, 0), Self.counts(1, 1, 0, 0, 0, 0), Self.counts(2, 0, 0, 2, 0, 0),
                Self.counts(1, 0, 0, 0, 1, 0), Self.counts(2, 0, 0, 0, 1, 1),
            ])
        #expect(s.byMonth.map { "\($0.period) \($0.group) \($0.name)" } == ["2026-11 P1 Khai sinh", "2026-11 P2 Kết hôn"])
        #expect(s.byMonth.map(\.counts) == [Self.counts(7, 2, 1, 2, 1, 1), Self.counts(2, 1, 0, 0, 1, 0)])
        #expect(s.byGroup.map(\.counts) == s.byMonth.map(\.counts))
        #expect(s.total == Self.counts(9, 3, 1, 2, 2, 1))
        #expect(s.total.returned == 4 && s.total.onTimeRate == 0.75)
        #expect(s.summary == "3 of 4 returned on time (75.0%); 1 late, 2 overdue, 2 pending, 1 rejected or withdrawn")
    }

    @Test func csvOutput() {
        let s = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20))
        #expect(
            s.csv(.month) == """
                period,group,name,total,returned,on_time,late,overdue,pending,closed,on_time_rate\r
                2026-11,P1,Khai sinh,7,3,2,1,2,1,1,0.6667\r
                2026-11,P2,Kết hôn,2,1,1,0,0,1,0,1.0000\r
                2026-11-01..2026-11-30,*,Total,9,4,3,1,2,2,1,0.7500\r\n
                """)
        let parsed = CSVReader.parse(s.csv(.day)).map(\.fields)
        #expect(parsed.count == 1 + 5 + 1)
        #expect(parsed[3] == ["2026-11-10", "P1", "Khai sinh", "2", "0", "0", "0", "2", "0", "0", ""])
    }

    @Test func tableOutput() {
        let s = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20))
        let lines = s.table(.month).split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("Period "))
        #expect(lines[2].hasPrefix("2026-11  ") && lines[2].contains("Khai sinh") && lines[2].hasSuffix("66.7%"))
        #expect(lines[3].hasSuffix("100.0%"))
        #expect(lines[4].contains("Total") && lines[4].hasSuffix("75.0%"))
        #expect(lines[5] == s.summary)
        // Columns line up: every row as long as the header.
        #expect(Set(lines[0...4].map(\.count)).count == 1)
    }

    @Test func resolutionBasisAndOtherGroupings() {
        let s = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20), basis: .resolution)
        // The October appointment returned on 2 November counts (late); the rejected one moves to its rejection day.
        #expect(s.total == Self.counts(10, 3, 2, 2, 2, 1))
        #expect(s.byDay.contains { $0.period == "2026-11-02" && $0.group == "P2" && $0.counts.late == 1 })
        #expect(s.byDay.contains { $0.period == "2026-11-03" && $0.counts.closed == 1 })
        let bySite = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20), groupBy: .site)
        #expect(bySite.byGroup.map(\.group) == ["s1", "s2"])
        let byService = DossierStats.compute(Self.month, from: Self.day(1), to: Self.day(30), today: Self.day(20), groupBy: .service)
        #expect(byService.byGroup.map(\.group) == ["A", "B"])
    }

    @Test func rangeAcrossMonths() {
        let s = DossierStats.compute(Self.month, from: Self.day(15, month: 10), to: Self.day(15, month: 12), today: Self.day(20))
        #expect(s.byMonth.map { "\($0.period) \($0.group)" } == ["2026-10 P2", "2026-11 P1", "2026-11 P2", "2026-12 P2"])
        #expect(s.total.total == 11)
        let empty = DossierStats.compute([Dossier](), from: Self.day(1), to: Self.day(30), today: Self.day(20))
        #expect(empty.byDay.isEmpty && empty.total == DossierStats.Counts() && empty.total.onTimeRate == nil)
        #expect(empty.summary == "0 of 0 returned on time; 0 late, 0 overdue, 0 pending")
        let inverted = DossierStats.compute(Self.month, from: Self.day(30), to: Self.day(1), today: Self.day(20))
        #expect(inverted.total.total == 0)
    }

    @Test func numberFormatting() {
        #expect(DossierStats.grouped(0) == "0")
        #expect(DossierStats.grouped(999) == "999")
        #expect(DossierStats.grouped(175_000) == "175,000")
        #expect(DossierStats.grouped(1_234_567) == "1,234,567")
        #expect(DossierStats.grouped(-4_200) == "-4,200")
        var c = DossierStats.Counts()
        c.onTime = 175_000
        c.late = 17_000
        c.total = 192_000
        #expect(DossierStats.summary(c) == "175,000 of 192,000 returned on time (91.1%); 17,000 late, 0 overdue, 0 pending")
        #expect(DossierStats.percent(1) == "100.0%" && DossierStats.percent(0.0004) == "0.0%")
    }
}
