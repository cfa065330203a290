import QuayCore
import Testing

/// regularPerPriority: after a priority call a counter calls that many regular tickets (when any wait)
/// before the next priority one.
@Suite struct PriorityInterleaveTests {
    static let counter = Counter(id: "c1", number: "1", services: ["hotich"])

    /// R1 R2 P1 R3 P2 R4 R5 P3 R6 P4, ten seconds apart, all long before `now`.
    static let mixed: [Ticket] = ["R1", "R2", "P1", "R3", "P2", "R4", "R5", "P3", "R6", "P4"].enumerated().map { i, id in
        labelled(id, at: Fx.t8 + Double(i) * 10)
    }

    @Test(arguments: [
        (0, "P1 P2 P3 P4 R1 R2 R3 R4 R5 R6"),
        (1, "P1 R1 P2 R2 P3 R3 P4 R4 R5 R6"),
        (2, "P1 R1 R2 P2 R3 R4 P3 R5 R6 P4"),
        (3, "P1 R1 R2 R3 P2 R4 R5 R6 P3 P4"),
    ])
    func mixedQueueCallSequence(regularPerPriority: Int, expected: String) {
        let config = CallPolicyConfig(regularPerPriority: regularPerPriority)
        // Shuffled input: the order of `waiting` must not matter.
        let input = Array(Self.mixed.reversed())
        let calls = drainPolicy(input, counter: Self.counter, config: config, now: Fx.t8 + 3600)
        #expect(calls.joined(separator: " ") == expected)
    }

    @Test(arguments: [
        (1, "P1 R1 P2 R2 P3 R3 P4 P5 P6 P7 P8"),
        (2, "P1 R1 R2 P2 R3 P3 P4 P5 P6 P7 P8"),
        (3, "P1 R1 R2 R3 P2 P3 P4 P5 P6 P7 P8"),
    ])
    func regularTicketsAreNotStarvedByOlderPriorityTickets(regularPerPriority: Int, expected: String) {
        // Eight priority tickets, all older than the three regular ones.
        let ps = (1...8).map { labelled("P\($0)", at: Fx.t8 + Double($0)) }
        let rs = (1...3).map { labelled("R\($0)", at: Fx.t8 + 100 + Double($0)) }
        let calls = drainPolicy(
            ps + rs, counter: Self.counter, config: CallPolicyConfig(regularPerPriority: regularPerPriority),
            now: Fx.t8 + 3600)
        #expect(calls.joined(separator: " ") == expected)
    }

    @Test(arguments: [1, 2, 3])
    func onlyPriorityTicketsAreCalledOldestFirstAndResetTheInterleave(regularPerPriority: Int) throws {
        let ps = [labelled("P3", at: Fx.t8 + 30), labelled("P1", at: Fx.t8 + 10), labelled("P2", at: Fx.t8 + 20)]
        let config = CallPolicyConfig(regularPerPriority: regularPerPriority)
        #expect(drainPolicy(ps, counter: Self.counter, config: config, now: Fx.t8 + 60) == ["P1", "P2", "P3"])
        let d = try #require(
            CallPolicy.next(
                waiting: ps, counter: Self.counter, counters: [Self.counter],
                regularSinceLastPriority: 0, config: config, now: Fx.t8 + 60))
        #expect(d.ticket.id == "P1")
        #expect(d.regularSinceLastPriority == 0)
    }

    @Test(arguments: [1, 2, 3])
    func onlyRegularTicketsAreCalledOldestFirstAndTheCountSaturates(regularPerPriority: Int) throws {
        let rs = (1...6).map { labelled("R\($0)", at: Fx.t8 + Double($0)) }.shuffled()
        let config = CallPolicyConfig(regularPerPriority: regularPerPriority)
        #expect(drainPolicy(rs, counter: Self.counter, config: config, now: Fx.t8 + 60) == ["R1", "R2", "R3", "R4", "R5", "R6"])
        var since = 0
        var pool = rs
        for _ in 0..<6 {
            let d = try #require(
                CallPolicy.next(
                    waiting: pool, counter: Self.counter, counters: [Self.counter],
                    regularSinceLastPriority: since, config: config, now: Fx.t8 + 60))
            #expect(d.regularSinceLastPriority == min(since + 1, regularPerPriority))
            since = d.regularSinceLastPriority
            pool.removeAll { $0.id == d.ticket.id }
        }
        // After a run of regular calls, a newly arrived priority ticket is called at once.
        let p = labelled("P9", at: Fx.t8 + 59)
        let r = labelled("R9", at: Fx.t8 + 1)
        let d = try #require(
            CallPolicy.next(
                waiting: [r, p], counter: Self.counter, counters: [Self.counter],
                regularSinceLastPriority: since, config: config, now: Fx.t8 + 60))
        #expect(d.ticket.id == "P9")
    }

    @Test func emptyQueueGivesNoDecision() {
        #expect(
            CallPolicy.next(
                waiting: [], counter: Self.counter, counters: [Self.counter], regularSinceLastPriority: 2,
                config: CallPolicyConfig(), now: Fx.t8) == nil)
    }

    @Test func nonWaitingTicketsAreNeverCalled() {
        var called = labelled("R1", at: Fx.t8)
        called.state = .called
        var done = labelled("R2", at: Fx.t8)
        done.state = .done
        #expect(
            CallPolicy.next(
                waiting: [called, done], counter: Self.counter, counters: [Self.counter],
                regularSinceLastPriority: 2, config: CallPolicyConfig(), now: Fx.t8 + 10) == nil)
    }

    @Test func interleavePositionIsPerDecisionNotPerTicketAge() throws {
        // Priority due (since == rpp) but the priority ticket is younger: it is still called.
        let config = CallPolicyConfig(regularPerPriority: 2)
        let d = try #require(
            CallPolicy.next(
                waiting: [labelled("R1", at: Fx.t8), labelled("P1", at: Fx.t8 + 500)],
                counter: Self.counter, counters: [Self.counter],
                regularSinceLastPriority: 2, config: config, now: Fx.t8 + 600))
        #expect(d.ticket.id == "P1")
        // Not yet due: the regular one is called and the position advances.
        let e = try #require(
            CallPolicy.next(
                waiting: [labelled("R1", at: Fx.t8 + 500), labelled("P1", at: Fx.t8)],
                counter: Self.counter, counters: [Self.counter],
                regularSinceLastPriority: 1, config: config, now: Fx.t8 + 600))
        #expect(e.ticket.id == "R1")
        #expect(e.regularSinceLastPriority == 2)
    }
}
