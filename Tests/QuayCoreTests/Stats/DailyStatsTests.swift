import QuayCore
import Testing

/// Today's figures on a scripted day.
@Suite struct DailyStatsTests {
    /// The script (seconds after 08:00):
    /// A001 +0, A002 +10, B001 +20, A003 +30, C001 +50, A004 +60 issued; A004 → datdai at +70.
    /// c1: A001 called +100, serving +160, done +460; A002 called +500, no-show +560; A003 called +1000, done +1100.
    /// c2: B001 called +200, recalled +260, serving +300, done +900.
    static func scriptedDay() throws -> QueueEngine {
        var e = Fx.engine()
        let t = Fx.t8
        for (s, dt) in [("hotich", 0.0), ("hotich", 10), ("datdai", 20), ("hotich", 30), ("chungthuc", 50), ("hotich", 60)] {
            try e.mustIssue(s, at: t + dt)
        }
        _ = try e.transfer(ticket: "A004", toService: "datdai", toCounter: nil, by: nil, now: t + 70)
        #expect(try e.callNext(counter: "c1", now: t + 100).0.number == "A001")
        _ = try e.startServing(counter: "c1", ticket: nil, now: t + 160)
        #expect(try e.callNext(counter: "c2", now: t + 200).0.number == "B001")
        _ = try e.recall(counter: "c2", ticket: nil, now: t + 260)
        _ = try e.startServing(counter: "c2", ticket: nil, now: t + 300)
        _ = try e.done(counter: "c1", ticket: nil, now: t + 460)
        #expect(try e.callNext(counter: "c1", now: t + 500).0.number == "A002")
        _ = try e.noShow(counter: "c1", ticket: nil, now: t + 560)
        _ = try e.done(counter: "c2", ticket: nil, now: t + 900)
        #expect(try e.callNext(counter: "c1", now: t + 1000).0.number == "A003")
        _ = try e.done(counter: "c1", ticket: nil, now: t + 1100)
        return e
    }

    struct Expected: Sendable, CustomStringConvertible {
        var id: String, issued: Int, waiting: Int, called: Int, served: Int, noShow: Int
        var meanWait: Double?, maxWait: Double?, meanService: Double?
        var description: String { id }
    }

    static func check(_ l: DailyStats.Line?, _ x: Expected) {
        #expect(l?.id == x.id)
        #expect(l?.issued == x.issued, "\(x.id) issued")
        #expect(l?.waiting == x.waiting, "\(x.id) waiting")
        #expect(l?.called == x.called, "\(x.id) called")
        #expect(l?.served == x.served, "\(x.id) served")
        #expect(l?.noShow == x.noShow, "\(x.id) noShow")
        #expect(l?.meanWaitSeconds == x.meanWait, "\(x.id) meanWait")
        #expect(l?.maxWaitSeconds == x.maxWait, "\(x.id) maxWait")
        #expect(l?.meanServiceSeconds == x.meanService, "\(x.id) meanService")
    }

    @Test(arguments: [
        // Issued counts what the service gave out (A004 stays with hotich); the rest follows the current service.
        Expected(id: "hotich", issued: 4, waiting: 0, called: 3, served: 2, noShow: 1, meanWait: 520, maxWait: 970, meanService: 200),
        Expected(id: "datdai", issued: 1, waiting: 1, called: 1, served: 1, noShow: 0, meanWait: 180, maxWait: 180, meanService: 600),
        Expected(id: "chungthuc", issued: 1, waiting: 1, called: 0, served: 0, noShow: 0, meanWait: nil, maxWait: nil, meanService: nil),
    ])
    func perService(_ x: Expected) throws {
        let stats = DailyStats.compute(try Self.scriptedDay())
        #expect(stats.businessDay == Fx.day)
        #expect(stats.services.map(\.id) == ["hotich", "datdai", "chungthuc"])
        Self.check(stats.services.first { $0.id == x.id }, x)
    }

    @Test(arguments: [
        Expected(id: "c1", issued: 0, waiting: 0, called: 3, served: 2, noShow: 1, meanWait: 520, maxWait: 970, meanService: 200),
        Expected(id: "c2", issued: 0, waiting: 0, called: 1, served: 1, noShow: 0, meanWait: 180, maxWait: 180, meanService: 600),
        Expected(id: "c3", issued: 0, waiting: 0, called: 0, served: 0, noShow: 0, meanWait: nil, maxWait: nil, meanService: nil),
    ])
    func perCounter(_ x: Expected) throws {
        let stats = DailyStats.compute(try Self.scriptedDay())
        #expect(stats.counters.map(\.id) == ["c1", "c2", "c3"])
        Self.check(stats.counters.first { $0.id == x.id }, x)
    }

    @Test func emptyDay() {
        let stats = DailyStats.compute(Fx.engine())
        #expect(stats.services.allSatisfy { $0.issued == 0 && $0.meanWaitSeconds == nil && $0.meanServiceSeconds == nil })
        #expect(stats.counters.count == 3)
    }

    @Test func calledButNotFinishedCountsAsCalledWithItsWait() throws {
        var e = Fx.engine()
        try e.mustIssue(at: Fx.t8)
        _ = try e.callNext(counter: "c1", now: Fx.t8 + 42)
        let s = DailyStats.compute(e)
        let l = try #require(s.services.first)
        #expect(l.called == 1 && l.waiting == 0 && l.served == 0)
        #expect(l.meanWaitSeconds == 42 && l.maxWaitSeconds == 42)
        #expect(l.meanServiceSeconds == nil)
    }
}
