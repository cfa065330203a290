import QuayCore
import Testing

/// An engine rebuilt from the stored tickets (as after a daemon restart) behaves like the one that stopped.
@Suite struct RestartTests {
    static func restarted(_ e: QueueEngine, extra: [Ticket] = []) -> QueueEngine {
        QueueEngine(
            center: e.center, businessDay: e.businessDay, tickets: Array(e.tickets.values) + extra,
            nextTicketSeq: e.nextTicketSeq, nextEventSeq: e.nextEventSeq,
            counterStates: Dictionary(uniqueKeysWithValues: e.center.counters.map { ($0.id, $0.state) }))
    }

    @Test func restartContinuesNumberingIdsAndEvents() throws {
        var e = Fx.engine()
        for i in 0..<3 { try e.mustIssue("hotich", at: Fx.t8 + Double(i)) }
        try e.mustIssue("datdai", at: Fx.t8 + 5)
        _ = try e.setCounter("c3", state: .paused, now: Fx.t8 + 6)
        var r = Self.restarted(e)
        #expect(r.lastSeq == e.lastSeq)
        #expect(r.tickets == e.tickets)
        #expect(r.center.counter("c3")?.state == .paused)
        let (a, m) = try r.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8 + 10, minuteOfDay: nil)
        #expect(a.number == "A004" && a.id == "xa-an-phu-T5")
        #expect(m.events[0].id == "xa-an-phu-E6")
        #expect(try r.mustIssue("datdai", at: Fx.t8 + 11).number == "B002")
    }

    @Test func restartKeepsTheInterleavePosition() throws {
        // Run P R with rpp = 2, restart, and continue: the restarted engine must call exactly what the
        // uninterrupted one calls.
        var e = Fx.engine(Fx.center(policy: CallPolicyConfig(regularPerPriority: 2)))
        for i in 0..<5 { try e.mustIssue(at: Fx.t8 + Double(i)) }
        for i in 0..<3 { try e.mustIssue(priority: "pregnant-child", at: Fx.t8 + 10 + Double(i)) }
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 100).0.number == "A006")
        _ = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 110)
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 120).0.number == "A001")
        var r = Self.restarted(e)
        #expect(r.interleave == e.interleave)
        var original: [String] = []
        var again: [String] = []
        for i in 0..<6 {
            original.append(try e.callNext(counter: "c1", now: Fx.t8 + 200 + Double(i)).0.number)
            again.append(try r.callNext(counter: "c1", now: Fx.t8 + 200 + Double(i)).0.number)
        }
        #expect(original == ["A002", "A007", "A003", "A004", "A008", "A005"])
        #expect(again == original)
    }

    @Test func restartIgnoresOtherDaysTickets() throws {
        // Yesterday c1's last call was a priority one; today it must start fresh (priority first).
        var y = Fx.engine(Fx.center(policy: CallPolicyConfig(regularPerPriority: 2)), day: "2026-11-24")
        try y.mustIssue(at: Fx.t8 - 86_400)
        try y.mustIssue(priority: "elderly", at: Fx.t8 - 86_399)
        _ = try y.callNext(counter: "c1", now: Fx.t8 - 86_000)
        #expect(y.interleave["c1"] == 0)
        var e = QueueEngine(
            center: y.center, businessDay: Fx.day, tickets: Array(y.tickets.values),
            nextTicketSeq: y.nextTicketSeq, nextEventSeq: y.nextEventSeq)
        #expect(e.tickets.isEmpty && e.lastSeq.isEmpty)
        #expect(e.interleave.isEmpty)
        try e.mustIssue(at: Fx.t8)
        try e.mustIssue(priority: "elderly", at: Fx.t8 + 1)
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 10).0.number == "A002")
    }

    @Test func restartAfterATransferDoesNotReuseNumbers() throws {
        var e = Fx.engine()
        for i in 0..<3 { try e.mustIssue("hotich", at: Fx.t8 + Double(i)) }  // A001–A003
        try e.mustIssue("datdai", at: Fx.t8 + 5)  // B001
        _ = try e.transfer(ticket: "A003", toService: "datdai", toCounter: nil, by: nil, now: Fx.t8 + 6)
        #expect(try e.mustIssue("hotich", at: Fx.t8 + 7).number == "A004")
        var r = Self.restarted(e)
        #expect(r.lastSeq == ["hotich": 4, "datdai": 1])
        #expect(try r.mustIssue("hotich", at: Fx.t8 + 8).number == "A005")
        #expect(try r.mustIssue("datdai", at: Fx.t8 + 9).number == "B002")
        // Same for the transferred ticket being the last one issued for its service.
        _ = try r.transfer(ticket: "A005", toService: "chungthuc", toCounter: nil, by: nil, now: Fx.t8 + 10)
        var r2 = Self.restarted(r)
        #expect(try r2.mustIssue("hotich", at: Fx.t8 + 11).number == "A006")
        #expect(try r2.mustIssue("chungthuc", at: Fx.t8 + 12).number == "C001")
    }

    @Test func restartWithAStaleTicketCounterNeverOverwritesATicket() throws {
        var e = Fx.engine()
        for i in 0..<3 { try e.mustIssue("hotich", at: Fx.t8 + Double(i)) }
        // The caller forgot the ticket counter (defaults to 1).
        var r = QueueEngine(center: e.center, businessDay: e.businessDay, tickets: Array(e.tickets.values))
        let t = try r.mustIssue("hotich", at: Fx.t8 + 10)
        #expect(t.id == "xa-an-phu-T4")
        #expect(r.tickets.count == 4)
    }

    @Test func reconfigureKeepsTicketsAndCounterStates() throws {
        var e = Fx.engine()
        for i in 0..<3 { try e.mustIssue("hotich", at: Fx.t8 + Double(i)) }
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 10)
        _ = try e.setCounter("c2", state: .paused, now: Fx.t8 + 11)
        let before = e.tickets
        var new = Fx.center(
            services: [Fx.service("hotich", prefix: "A", capacity: 4), Fx.service("datdai", prefix: "B")],
            counters: [
                Counter(id: "c1", number: "1", services: ["hotich"], state: .closed),
                Counter(id: "c2", number: "2", services: ["datdai", "hotich"], languages: [.vi, .km], state: .open),
                Counter(id: "c4", number: "4", services: ["hotich"], state: .paused),
            ])
        new.policy.maxRecalls = 1
        e.reconfigure(new)
        #expect(e.tickets == before)
        #expect(e.center.counters.map(\.state) == [.open, .paused, .paused])
        #expect(e.center.counter("c3") == nil)
        #expect(e.center.policy.maxRecalls == 1)
        #expect(e.lastSeq["hotich"] == 3)
        // New capacity applies at once and numbering continues.
        #expect(try e.mustIssue(at: Fx.t8 + 20).number == "A004")
        #expect(
            queueError { try e.issue(service: "hotich", priority: nil, language: .vi, now: Fx.t8 + 21, minuteOfDay: nil) }
                == .capacityReached(service: "hotich"))
        // New recall limit applies to the ticket already called.
        _ = try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 30)
        #expect(try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 31).0.state == .noShow)
    }
}
