import QuayCore
import Testing

/// A new business day expires what is still active and restarts numbering; ids keep counting.
@Suite struct DayRolloverTests {
    @Test func sameDayIsANoOp() throws {
        var e = Fx.engine()
        try e.mustIssue(at: Fx.t8)
        let m = e.roll(to: Fx.day, now: Fx.t8 + 1)
        #expect(m.isEmpty)
        #expect(e.tickets.count == 1 && e.nextEventSeq == 2)
    }

    @Test func rolloverExpiresActiveTicketsAndRestartsNumbering() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)  // A001 → done
        try e.mustIssue("hotich", at: Fx.t8 + 1)  // A002 → serving
        try e.mustIssue("datdai", at: Fx.t8 + 2)  // B001 → called at c2
        try e.mustIssue("hotich", at: Fx.t8 + 3)  // A003 → waiting
        try e.mustIssue("chungthuc", at: Fx.t8 + 4)  // C001 → waiting
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 10)
        _ = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 20)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 30)
        _ = try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 40)
        _ = try e.callNext(counter: "c2", now: Fx.t8 + 50)
        #expect(e.tickets["xa-an-phu-T3"]?.state == .called)
        let firstRollEvent = e.nextEventSeq
        let now = Fx.midnight + 86_400 + 60
        let m = e.roll(to: Fx.nextDay, now: now)

        #expect(Set(m.tickets.map(\.number)) == ["A002", "B001", "A003", "C001"])
        #expect(m.tickets.allSatisfy { $0.state == .expired && $0.finishedAt == now && $0.businessDay == Fx.day })
        #expect(m.events.map(\.kind) == [.expired, .expired, .expired, .expired, .dayRollover])
        #expect(m.events.map(\.number) == m.tickets.map(\.number) + [nil])
        // Deterministic order: by sequence, then service id.
        #expect(m.tickets.map(\.number) == ["C001", "B001", "A002", "A003"])
        #expect(m.events.last?.detail == Fx.nextDay)
        #expect(m.events.map(\.seq) == (0..<5).map { firstRollEvent + Int64($0) })
        #expect(m.events.allSatisfy { $0.at == now })

        #expect(e.businessDay == Fx.nextDay)
        #expect(e.tickets.isEmpty && e.lastSeq.isEmpty && e.interleave.isEmpty)
        #expect(e.current(at: "c1") == nil && e.current(at: "c2") == nil)

        let a = try e.mustIssue("hotich", at: now + 10)
        #expect(a.number == "A001" && a.businessDay == Fx.nextDay)
        #expect(a.id == "xa-an-phu-T6")
    }

    @Test func rolloverWithNothingActiveStillLogsTheRollover() {
        var e = Fx.engine()
        let m = e.roll(to: Fx.nextDay, now: Fx.t8)
        #expect(m.tickets.isEmpty)
        #expect(m.events.map(\.kind) == [.dayRollover])
        #expect(m.events[0].id == "xa-an-phu-E1")
    }

    @Test func interleaveRestartsWithTheDay() throws {
        var e = Fx.engine(Fx.center(policy: CallPolicyConfig(regularPerPriority: 2)))
        try e.mustIssue(priority: "elderly", at: Fx.t8)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 1)  // interleave c1 = 0
        _ = e.roll(to: Fx.nextDay, now: Fx.t8 + 86_400)
        try e.mustIssue(at: Fx.t8 + 86_401)
        try e.mustIssue(priority: "elderly", at: Fx.t8 + 86_402)
        // A fresh day starts with a priority call.
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 86_410).0.number == "A002")
    }
}
