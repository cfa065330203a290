import QuayCore
import Testing

/// A ticket transferred to a specific counter may be called only by that counter, and it goes first there.
@Suite struct TransferTargetTests {
    static let c1 = Counter(id: "c1", number: "1", services: ["hotich", "datdai"])
    static let c2 = Counter(id: "c2", number: "2", services: ["hotich"])
    static let config = CallPolicyConfig(regularPerPriority: 2, agingSeconds: nil)

    @Test func onlyTheTargetCounterMayCallIt() {
        let t = labelled("R1", at: Fx.t8, target: "c2")
        #expect(!CallPolicy.isEligible(t, at: Self.c1, counters: [Self.c1, Self.c2], config: Self.config, now: Fx.t8 + 10_000))
        #expect(CallPolicy.isEligible(t, at: Self.c2, counters: [Self.c1, Self.c2], config: Self.config, now: Fx.t8))
        #expect(drainPolicy([t], counter: Self.c1, counters: [Self.c1, Self.c2], config: Self.config, now: Fx.t8 + 10_000).isEmpty)
    }

    @Test func targetedTicketIsRankedFirstAtItsCounter() {
        // Younger, secondary service, but sent here: called before older first-preference tickets.
        let older = labelled("R1", service: "hotich", at: Fx.t8)
        let targeted = labelled("R2", service: "datdai", at: Fx.t8 + 500, target: "c1")
        #expect(
            drainPolicy(
                [older, targeted], counter: Self.c1, counters: [Self.c1, Self.c2], config: Self.config,
                now: Fx.t8 + 600) == ["R2", "R1"])
    }

    @Test func targetedKhmerTicketIsCallableByANonKhmerTargetCounter() {
        let km = Counter(id: "km", number: "9", services: ["hotich"], languages: [.vi, .km])
        let t = labelled("K1", language: .km, at: Fx.t8, target: "c1")
        #expect(CallPolicy.isEligible(t, at: Self.c1, counters: [Self.c1, km], config: Self.config, now: Fx.t8 + 1))
        #expect(!CallPolicy.isEligible(t, at: km, counters: [Self.c1, km], config: Self.config, now: Fx.t8 + 1))
    }

    @Test func targetedPriorityTicketGoesFirstAmongPriorityTickets() {
        let p1 = labelled("P1", at: Fx.t8)
        let p2 = labelled("P2", at: Fx.t8 + 100, target: "c1")
        #expect(drainPolicy([p1, p2], counter: Self.c1, config: Self.config, now: Fx.t8 + 200) == ["P2", "P1"])
    }
}
