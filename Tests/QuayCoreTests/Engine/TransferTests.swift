import QuayCore
import Testing

/// Transfers to another service or counter, and returning a ticket to the queue.
@Suite struct TransferTests {
    @Test func transferToServiceKeepsOriginalWaitAndResetsTheCall() throws {
        var e = Fx.engine()
        let a1 = try e.mustIssue("hotich", at: Fx.t8)
        try e.mustIssue("datdai", at: Fx.t8 + 60)  // B001, younger than A001
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)  // A001 at c1
        _ = try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 110)
        _ = try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 120)
        let (t, m) = try e.transfer(ticket: "A001", toService: "datdai", toCounter: nil, by: "c1", now: Fx.t8 + 200)
        #expect(t.id == a1.id && t.number == "A001" && t.seq == 1)
        #expect(t.service == "datdai")
        #expect(t.state == .waiting)
        #expect(t.queuedSince == Fx.t8 && t.issuedAt == Fx.t8)
        #expect(t.counter == nil && t.calledAt == nil && t.servingAt == nil && t.targetCounter == nil)
        #expect(t.recalls == 0)
        #expect(m.events.map(\.kind) == [.transferred])
        #expect(m.events[0].detail == "service=datdai")
        #expect(m.events[0].counter == "c1")
        #expect(m.events[0].service == "datdai")
        #expect(e.current(at: "c1") == nil)
        // At datdai's first-preference counter it goes before the younger B001.
        #expect(try e.callNext(counter: "c2", now: Fx.t8 + 300).0.number == "A001")
        #expect(try e.callNext(counter: "c2", now: Fx.t8 + 301).0.number == "B001")
    }

    @Test func transferFromServingKeepsNothingOfTheService() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        _ = try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 110)
        let (t, _) = try e.transfer(ticket: "A001", toService: "chungthuc", toCounter: nil, by: "c1", now: Fx.t8 + 200)
        #expect(t.state == .waiting && t.servingAt == nil && t.service == "chungthuc")
        #expect(try e.callNext(counter: "c3", now: Fx.t8 + 300).0.number == "A001")
    }

    @Test func transferToCounterOnlyThatCounterCallsIt() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        try e.mustIssue("hotich", at: Fx.t8 + 10)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)  // A001 at c1
        let (t, m) = try e.transfer(ticket: "A001", toService: nil, toCounter: "c2", by: "c1", now: Fx.t8 + 150)
        #expect(t.targetCounter == "c2" && t.state == .waiting && t.service == "hotich")
        #expect(m.events[0].detail == "counter=c2")
        // c1 gets A002 (A001 is not for it), then nothing.
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 200).0.number == "A002")
        #expect(queueError { try e.callNext(counter: "c1", now: Fx.t8 + 5000) } == .queueEmpty(counter: "c1"))
        // c2 calls it; the target is cleared once called.
        let (c, _) = try e.callNext(counter: "c2", now: Fx.t8 + 300)
        #expect(c.number == "A001" && c.targetCounter == nil && c.counter == "c2")
    }

    @Test func transferredToCounterIsCalledBeforeOlderTicketsThere() throws {
        var e = Fx.engine()
        try e.mustIssue("datdai", at: Fx.t8)  // B001, c2's first preference, oldest
        try e.mustIssue("hotich", at: Fx.t8 + 10)  // A001
        let (t, _) = try e.transfer(ticket: "A001", toService: nil, toCounter: "c2", by: nil, now: Fx.t8 + 20)
        #expect(t.targetCounter == "c2")
        #expect(try e.callNext(counter: "c2", now: Fx.t8 + 30).0.number == "A001")
    }

    @Test func transferToServiceAndCounter() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        let (t, m) = try e.transfer(ticket: "A001", toService: "chungthuc", toCounter: "c3", by: nil, now: Fx.t8 + 20)
        #expect(t.service == "chungthuc" && t.targetCounter == "c3")
        #expect(m.events[0].detail == "service=chungthuc counter=c3")
        #expect(m.events[0].counter == nil)
    }

    @Test func transferToServiceClearsAnEarlierCounterTarget() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        _ = try e.transfer(ticket: "A001", toService: nil, toCounter: "c2", by: nil, now: Fx.t8 + 10)
        let (t, _) = try e.transfer(ticket: "A001", toService: "datdai", toCounter: nil, by: nil, now: Fx.t8 + 20)
        #expect(t.targetCounter == nil)
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 30).0.number == "A001")
    }

    @Test func refusedTransfers() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        try e.mustIssue("hotich", at: Fx.t8 + 1)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)  // A001 at c1
        let snapshot = e.tickets
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: nil, toCounter: nil, by: "c1", now: Fx.t8 + 110) }?.code
                == "invalid-argument")
        #expect(
            queueError { try e.transfer(ticket: "A009", toService: "datdai", toCounter: nil, by: nil, now: Fx.t8 + 110) }
                == .unknownTicket("A009"))
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: "nope", toCounter: nil, by: "c1", now: Fx.t8 + 110) }
                == .unknownService("nope"))
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: nil, toCounter: "c9", by: "c1", now: Fx.t8 + 110) }
                == .unknownCounter("c9"))
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: nil, toCounter: "c3", by: "c1", now: Fx.t8 + 110) }
                == .counterDoesNotServe(counter: "c3", service: "hotich"))
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: "datdai", toCounter: nil, by: "c2", now: Fx.t8 + 110) }
                == .notAtThisCounter(ticket: "A001", counter: "c2"))
        #expect(e.tickets == snapshot)
        _ = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 120)
        #expect(
            queueError { try e.transfer(ticket: "A001", toService: "datdai", toCounter: nil, by: "c1", now: Fx.t8 + 130) }
                == .invalidTransition(ticket: "A001", from: .done, action: "transfer"))
        // A waiting ticket may be transferred by any counter (a supervisor moving the queue).
        #expect(try e.transfer(ticket: "A002", toService: "datdai", toCounter: nil, by: "c3", now: Fx.t8 + 140).0.service == "datdai")
    }

    @Test func returnToQueueKeepsThePlace() throws {
        var e = Fx.engine()
        try e.mustIssue("hotich", at: Fx.t8)
        try e.mustIssue("hotich", at: Fx.t8 + 10)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        _ = try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 110)
        let (t, m) = try e.returnToQueue(counter: "c1", ticket: nil, now: Fx.t8 + 120)
        #expect(t.number == "A001" && t.state == .waiting && t.counter == nil && t.calledAt == nil && t.servingAt == nil)
        #expect(t.queuedSince == Fx.t8)
        #expect(m.events.map(\.kind) == [.returned])
        #expect(m.events[0].counter == "c1")
        #expect(e.current(at: "c1") == nil)
        // Any counter serving the service may call it again, before the younger A002.
        #expect(try e.callNext(counter: "c2", now: Fx.t8 + 130).0.number == "A001")
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 131).0.number == "A002")
    }

    @Test func transferredTicketKeepsItsNumberButNotAUniqueServiceSeqKey() throws {
        var e = Fx.engine()
        for i in 0..<3 { try e.mustIssue("hotich", at: Fx.t8 + Double(i)) }  // A001–A003
        _ = try e.transfer(ticket: "A003", toService: "datdai", toCounter: nil, by: nil, now: Fx.t8 + 5)
        for i in 0..<3 { try e.mustIssue("datdai", at: Fx.t8 + 10 + Double(i)) }  // B001–B003
        let numbers = e.tickets.values.map(\.number).sorted()
        #expect(numbers == ["A001", "A002", "A003", "B001", "B002", "B003"])
        #expect(Set(e.tickets.values.map { "\($0.businessDay)/\($0.number)" }).count == 6)
        // A003 now has service "datdai" and seq 3, like B003: (day, service, seq) is not a key, (day, number) is.
        // QuayStore therefore keys tickets by UNIQUE(business_day, number).
        let keys = e.tickets.values.map { "\($0.businessDay)/\($0.service)/\($0.seq)" }
        #expect(Set(keys).count == keys.count - 1)
    }
}
