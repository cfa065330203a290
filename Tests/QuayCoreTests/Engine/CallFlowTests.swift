import QuayCore
import Testing

/// call-next, recall, start serving, done, no-show and the transitions that must be refused.
@Suite struct CallFlowTests {
    /// Engine with A001, A002, A003 waiting (issued at 08:00, +10 s, +20 s).
    static func three(policy: CallPolicyConfig = CallPolicyConfig()) throws -> QueueEngine {
        var e = Fx.engine(Fx.center(policy: policy))
        for i in 0..<3 { try e.mustIssue(at: Fx.t8 + Double(i) * 10) }
        return e
    }

    @Test func callNextCallsTheOldestAndRecordsTheCounter() throws {
        var e = try Self.three()
        let (t, m) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        #expect(t.number == "A001")
        #expect(t.state == .called && t.counter == "c1" && t.calledAt == Fx.t8 + 100)
        #expect(e.tickets[t.id] == t)
        #expect(e.current(at: "c1") == t)
        #expect(m.tickets == [t])
        #expect(m.events.map(\.kind) == [.called])
        #expect(m.events[0].counter == "c1" && m.events[0].number == "A001" && m.events[0].ticket == t.id)
        #expect(e.waiting.count == 2)
    }

    @Test func callNextOnEmptyQueueIsQueueEmpty() {
        var e = Fx.engine()
        #expect(queueError { try e.callNext(counter: "c1", now: Fx.t8) } == .queueEmpty(counter: "c1"))
        #expect(e.nextEventSeq == 1)
    }

    @Test(arguments: [
        // (start serving the previous ticket?, expected end state of the previous ticket)
        (false, TicketState.noShow), (true, TicketState.done),
    ])
    func callNextFinishesThePreviousTicket(serving: Bool, expected: TicketState) throws {
        var e = try Self.three()
        let (first, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        if serving { _ = try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 110) }
        let (second, m) = try e.callNext(counter: "c1", now: Fx.t8 + 200)
        #expect(second.number == "A002")
        let prev = try #require(e.tickets[first.id])
        #expect(prev.state == expected)
        #expect(prev.finishedAt == Fx.t8 + 200)
        #expect(m.tickets.map(\.id) == [first.id, second.id])
        #expect(m.events.map(\.kind) == [expected == .done ? .done : .noShow, .called])
        #expect(m.events[0].detail == "next-called")
        #expect(m.events[0].counter == "c1")
        #expect(e.current(at: "c1")?.id == second.id)
    }

    @Test func callNextDoesNotTouchAnotherCountersTicket() throws {
        var e = try Self.three()
        let (a, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        let (b, m) = try e.callNext(counter: "c2", now: Fx.t8 + 101)
        #expect(b.number == "A002")
        #expect(m.tickets.map(\.id) == [b.id])
        #expect(e.tickets[a.id]?.state == .called)
    }

    @Test(arguments: [0, 1, 3])
    func recallCountsUpThenTurnsIntoNoShow(maxRecalls: Int) throws {
        var e = try Self.three(policy: CallPolicyConfig(maxRecalls: maxRecalls))
        let (t, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        for i in 1...maxRecalls + 1 where i <= maxRecalls {
            let (r, m) = try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 100 + Double(i))
            #expect(r.state == .called && r.recalls == i)
            #expect(m.events.map(\.kind) == [.recalled])
            #expect(m.events[0].detail == String(i))
        }
        let (last, m) = try e.recall(counter: "c1", ticket: t.number, now: Fx.t8 + 500)
        #expect(last.state == .noShow)
        #expect(last.finishedAt == Fx.t8 + 500)
        #expect(last.recalls == maxRecalls)
        #expect(m.events.map(\.kind) == [.noShow])
        #expect(m.events[0].detail == "max-recalls")
        #expect(e.current(at: "c1") == nil)
        // Nothing left to recall.
        #expect(
            queueError { try e.recall(counter: "c1", ticket: t.id, now: Fx.t8 + 501) }
                == .invalidTransition(ticket: "A001", from: .noShow, action: "recall"))
        #expect(queueError { try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 501) }?.code == "invalid-argument")
    }

    @Test func recallKeepsTheFirstCallTimeForWaitStatistics() throws {
        var e = try Self.three()
        let (t, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        let (r, _) = try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 160)
        #expect(r.calledAt == t.calledAt)
    }

    @Test func startServingThenDone() throws {
        var e = try Self.three()
        let (t, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        let (s, m1) = try e.startServing(counter: "c1", ticket: "A001", now: Fx.t8 + 130)
        #expect(s.state == .serving && s.servingAt == Fx.t8 + 130)
        #expect(m1.events.map(\.kind) == [.serving])
        let (d, m2) = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 400)
        #expect(d.id == t.id && d.state == .done && d.servingAt == Fx.t8 + 130 && d.finishedAt == Fx.t8 + 400)
        #expect(m2.events.map(\.kind) == [.done])
        #expect(m2.events[0].counter == "c1")
        #expect(e.current(at: "c1") == nil)
    }

    @Test func doneStraightFromCalledCountsServiceFromTheCall() throws {
        var e = try Self.three()
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        let (d, _) = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 250)
        #expect(d.state == .done && d.servingAt == Fx.t8 + 100 && d.finishedAt == Fx.t8 + 250)
    }

    @Test func clerkNoShow() throws {
        var e = try Self.three()
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        let (n, m) = try e.noShow(counter: "c1", ticket: nil, now: Fx.t8 + 300)
        #expect(n.state == .noShow && n.finishedAt == Fx.t8 + 300)
        #expect(m.events.map(\.kind) == [.noShow])
        #expect(m.events[0].detail == "clerk")
    }

    @Test func refusedTransitions() throws {
        var e = try Self.three()
        let (t, _) = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        _ = try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 110)
        let before = e.tickets
        let nextEvent = e.nextEventSeq
        #expect(
            queueError { try e.startServing(counter: "c1", ticket: nil, now: Fx.t8 + 120) }
                == .invalidTransition(ticket: "A001", from: .serving, action: "start serving"))
        #expect(
            queueError { try e.recall(counter: "c1", ticket: nil, now: Fx.t8 + 120) }
                == .invalidTransition(ticket: "A001", from: .serving, action: "recall"))
        #expect(
            queueError { try e.noShow(counter: "c1", ticket: nil, now: Fx.t8 + 120) }
                == .invalidTransition(ticket: "A001", from: .serving, action: "mark no-show"))
        // Another counter may not touch it.
        #expect(
            queueError { try e.done(counter: "c2", ticket: t.id, now: Fx.t8 + 120) }
                == .notAtThisCounter(ticket: "A001", counter: "c2"))
        #expect(
            queueError { try e.returnToQueue(counter: "c2", ticket: "A001", now: Fx.t8 + 120) }
                == .notAtThisCounter(ticket: "A001", counter: "c2"))
        // Waiting tickets cannot be served, finished or marked no-show by anyone.
        for cid in ["c1", "c2"] {
            #expect(
                queueError { try e.done(counter: cid, ticket: "A002", now: Fx.t8 + 120) }
                    == .invalidTransition(ticket: "A002", from: .waiting, action: "finish"))
            #expect(
                queueError { try e.startServing(counter: cid, ticket: "A002", now: Fx.t8 + 120) }
                    == .invalidTransition(ticket: "A002", from: .waiting, action: "start serving"))
            #expect(
                queueError { try e.noShow(counter: cid, ticket: "A002", now: Fx.t8 + 120) }
                    == .invalidTransition(ticket: "A002", from: .waiting, action: "mark no-show"))
            #expect(
                queueError { try e.recall(counter: cid, ticket: "A002", now: Fx.t8 + 120) }
                    == .invalidTransition(ticket: "A002", from: .waiting, action: "recall"))
            #expect(
                queueError { try e.returnToQueue(counter: cid, ticket: "A002", now: Fx.t8 + 120) }
                    == .invalidTransition(ticket: "A002", from: .waiting, action: "return to queue"))
        }
        // A finished ticket stays finished.
        _ = try e.done(counter: "c1", ticket: nil, now: Fx.t8 + 130)
        #expect(
            queueError { try e.done(counter: "c1", ticket: "A001", now: Fx.t8 + 140) }
                == .invalidTransition(ticket: "A001", from: .done, action: "finish"))
        #expect(before.count == e.tickets.count)
        #expect(e.tickets.values.filter { $0.state == .waiting }.count == 2)
        #expect(e.nextEventSeq == nextEvent + 1)
    }

    @Test func unknownCounterTicketAndMissingCurrent() throws {
        var e = try Self.three()
        #expect(queueError { try e.callNext(counter: "c9", now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.recall(counter: "c9", ticket: nil, now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.startServing(counter: "c9", ticket: "A001", now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.done(counter: "c9", ticket: nil, now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.noShow(counter: "c9", ticket: nil, now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.returnToQueue(counter: "c9", ticket: nil, now: Fx.t8) } == .unknownCounter("c9"))
        #expect(queueError { try e.done(counter: "c1", ticket: "Z999", now: Fx.t8) } == .unknownTicket("Z999"))
        let err = queueError { try e.done(counter: "c1", ticket: nil, now: Fx.t8) }
        #expect(err == .invalidArgument("counter 'c1' has no called or serving ticket"))
        #expect(err?.code == "invalid-argument")
    }

    @Test func ticketLookupByIdOrNumber() throws {
        var e = try Self.three()
        let t = try #require(e.ticket(idOrNumber: "A002"))
        #expect(e.ticket(idOrNumber: t.id) == t)
        #expect(e.ticket(idOrNumber: "A004") == nil)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 100)
        _ = try e.recall(counter: "c1", ticket: "xa-an-phu-T1", now: Fx.t8 + 101)
        #expect(e.tickets["xa-an-phu-T1"]?.recalls == 1)
    }

    @Test func engineInterleaveMatchesThePolicy() throws {
        // rpp = 2 over the engine: P R R P R R with priority tickets issued last.
        var e = Fx.engine(Fx.center(policy: CallPolicyConfig(regularPerPriority: 2)))
        for i in 0..<4 { try e.mustIssue(at: Fx.t8 + Double(i)) }
        for i in 0..<2 { try e.mustIssue(priority: "elderly", at: Fx.t8 + 10 + Double(i)) }
        var calls: [String] = []
        for i in 0..<6 { calls.append(try e.callNext(counter: "c1", now: Fx.t8 + 100 + Double(i)).0.number) }
        #expect(calls == ["A005", "A001", "A002", "A006", "A003", "A004"])
        #expect(e.interleave["c1"] == 2)
    }

    @Test func interleaveIsPerCounter() throws {
        var e = Fx.engine(Fx.center(policy: CallPolicyConfig(regularPerPriority: 2)))
        for i in 0..<4 { try e.mustIssue(at: Fx.t8 + Double(i)) }
        for i in 0..<2 { try e.mustIssue(priority: "disability", at: Fx.t8 + 10 + Double(i)) }
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 100).0.number == "A005")
        // c2 has made no call yet: a priority ticket is due there too.
        #expect(try e.callNext(counter: "c2", now: Fx.t8 + 101).0.number == "A006")
        #expect(try e.callNext(counter: "c1", now: Fx.t8 + 102).0.number == "A001")
        #expect(e.interleave == ["c1": 1, "c2": 0])
    }
}
