import QuayCore
import Testing

/// Opening, closing and pausing counters.
@Suite struct CounterStateTests {
    @Test(arguments: [CounterState.closed, CounterState.paused])
    func onlyAnOpenCounterCalls(state: CounterState) throws {
        var e = Fx.engine()
        try e.mustIssue(at: Fx.t8)
        let (c, m) = try e.setCounter("c1", state: state, now: Fx.t8 + 1)
        #expect(c.state == state && c.id == "c1")
        #expect(e.center.counter("c1")?.state == state)
        #expect(m.counters == [c])
        #expect(m.tickets.isEmpty)
        #expect(m.events.count == 1)
        #expect(m.events[0].kind == .counter && m.events[0].counter == "c1" && m.events[0].detail == state.rawValue)
        #expect(m.events[0].ticket == nil)
        #expect(queueError { try e.callNext(counter: "c1", now: Fx.t8 + 2) } == .counterNotOpen(counter: "c1", state: state))
        #expect(e.waiting.count == 1)
        _ = try e.setCounter("c1", state: .open, now: Fx.t8 + 3)
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 4).0.number == "A001")
    }

    @Test func closingACounterLetsItFinishItsCurrentCitizen() throws {
        var e = Fx.engine()
        try e.mustIssue(at: Fx.t8)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 1)
        _ = try e.setCounter("c1", state: .closed, now: Fx.t8 + 2)
        #expect(e.current(at: "c1")?.number == "A001")
        #expect(try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 3).0.state == .done)
    }

    @Test func unknownCounter() {
        var e = Fx.engine()
        #expect(queueError { try e.setCounter("c9", state: .open, now: Fx.t8) } == .unknownCounter("c9"))
        #expect(e.nextEventSeq == 1)
    }

    @Test(arguments: [CounterState.closed, CounterState.paused])
    func khmerTicketFallsBackAtOnceWhenTheKhmerCounterStops(state: CounterState) throws {
        var e = Fx.engine()
        try e.mustIssue(language: .km, at: Fx.t8)
        // c2 speaks Khmer and is open: c1 must leave the ticket for it.
        #expect(queueError { try e.callNext(counter: "c1", now: Fx.t8 + 60) } == .queueEmpty(counter: "c1"))
        _ = try e.setCounter("c2", state: state, now: Fx.t8 + 61)
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 62).0.number == "A001")
    }

    @Test func khmerTicketFallsBackAfterTheConfiguredWait() throws {
        var e = Fx.engine(Fx.center(policy: CallPolicyConfig(languageFallbackSeconds: 300)))
        try e.mustIssue(language: .km, at: Fx.t8)
        #expect(queueError { try e.callNext(counter: "c1", now: Fx.t8 + 299) } == .queueEmpty(counter: "c1"))
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 300).0.number == "A001")
    }

    @Test func initialCounterStatesOverrideTheSetup() {
        let e = QueueEngine(center: Fx.center(), businessDay: Fx.day, counterStates: ["c2": .paused, "c3": .closed, "zz": .closed])
        #expect(e.center.counters.map(\.state) == [.open, .paused, .closed])
    }
}
