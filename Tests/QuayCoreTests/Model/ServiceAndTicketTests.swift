import QuayCore
import Testing

@Suite struct ServiceAndTicketTests {
    @Test(arguments: [
        // (rangeStart, rangeEnd, capacity, daily limit)
        (1, 999, nil as Int?, 999), (1, 999, 50, 50), (100, 199, nil, 100), (100, 199, 500, 100), (5, 5, nil, 1), (1, 10, 0, 0),
    ])
    func dailyLimitIsTheSmallerOfRangeAndCapacity(start: Int, end: Int, capacity: Int?, limit: Int) {
        #expect(Fx.service("s", prefix: "A", rangeStart: start, rangeEnd: end, capacity: capacity).dailyLimit == limit)
    }

    @Test(arguments: [(1, 3, "A001"), (15, 3, "A015"), (999, 3, "A999"), (1000, 3, "A1000"), (7, 0, "A7"), (42, 5, "A00042")])
    func displayNumber(seq: Int, digits: Int, expected: String) {
        #expect(Fx.service("s", prefix: "A", digits: digits).displayNumber(seq) == expected)
    }

    @Test func emptyPrefixAndLongerPrefix() {
        #expect(Fx.service("s", prefix: "").displayNumber(5) == "005")
        #expect(Fx.service("s", prefix: "HT-").displayNumber(5) == "HT-005")
    }

    @Test func ticketActivity() {
        var t = Fx.ticket(1, at: Fx.t8)
        let active: [TicketState: Bool] = [.waiting: true, .called: true, .serving: true, .done: false, .noShow: false, .expired: false]
        for (state, isActive) in active {
            t.state = state
            #expect(t.isActive == isActive, "\(state)")
        }
        #expect(!t.isPriority)
        #expect(Fx.ticket(2, priority: "merit", at: Fx.t8).isPriority)
        #expect(TicketState.noShow.rawValue == "no-show" && EventKind.dayRollover.rawValue == "day-rollover")
    }

    @Test func waitingOrderedIsByOriginalQueueTimeAndDeterministic() throws {
        var e = Fx.engine()
        try e.mustIssue("datdai", at: Fx.t8)  // B001
        try e.mustIssue("hotich", at: Fx.t8)  // A001, same second, same seq
        try e.mustIssue("hotich", at: Fx.t8 - 5)  // A002, clock stepped back: older
        try e.mustIssue("chungthuc", at: Fx.t8 + 1)  // C001
        for _ in 0..<10 {
            #expect(e.waitingOrdered().map(\.number) == ["A002", "B001", "A001", "C001"])
        }
        #expect(e.waitingOrdered(service: "hotich").map(\.number) == ["A002", "A001"])
    }
}
