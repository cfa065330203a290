import QuayCore
import Testing

/// Order inside a class: oldest first, ties broken deterministically, the counter's service preference,
/// and aging of secondary services.
@Suite struct CallOrderTests {
    static let c1 = Counter(id: "c1", number: "1", services: ["hotich", "datdai"])
    static let c2 = Counter(id: "c2", number: "2", services: ["datdai", "hotich"])
    static let noAging = CallPolicyConfig(regularPerPriority: 2, agingSeconds: nil)

    @Test func oldestFirstWithinAClassRegardlessOfInputOrder() {
        let ts = [labelled("R3", at: Fx.t8 + 30, seq: 3), labelled("R1", at: Fx.t8 + 10, seq: 1), labelled("R2", at: Fx.t8 + 20, seq: 2)]
        for perm in permutations(ts) {
            #expect(drainPolicy(perm, counter: Self.c1, config: Self.noAging, now: Fx.t8 + 100) == ["R1", "R2", "R3"])
        }
    }

    @Test func sameQueuedSinceFallsBackToLowerSequence() {
        // Three tickets issued in the same second: the lowest number goes first, whatever the input order.
        let ts = [labelled("R7", at: Fx.t8, seq: 7), labelled("R5", at: Fx.t8, seq: 5), labelled("R6", at: Fx.t8, seq: 6)]
        for perm in permutations(ts) {
            #expect(drainPolicy(perm, counter: Self.c1, config: Self.noAging, now: Fx.t8 + 100) == ["R5", "R6", "R7"])
        }
    }

    @Test func sameTimeSameSeqAcrossServicesIsStable() {
        // Aged tickets of two services, same instant and same seq: both rank as first preference,
        // so the tie is broken by service id — the same answer for every input order.
        let config = CallPolicyConfig(regularPerPriority: 2, agingSeconds: 60)
        let a = labelled("A1", service: "hotich", at: Fx.t8, seq: 1)
        let b = labelled("B1", service: "datdai", at: Fx.t8, seq: 1)
        #expect(drainPolicy([a, b], counter: Self.c1, config: config, now: Fx.t8 + 600) == ["B1", "A1"])
        #expect(drainPolicy([b, a], counter: Self.c1, config: config, now: Fx.t8 + 600) == ["B1", "A1"])
    }

    @Test(arguments: [
        ("c1", "A1 A2 B1 B2"),
        ("c2", "B1 B2 A1 A2"),
    ])
    func counterCallsItsPreferredServiceFirst(counterID: String, expected: String) {
        // The B (datdai) tickets are older than the A (hotich) ones, but not aged.
        let ts = [
            labelled("B1", service: "datdai", at: Fx.t8 + 1, seq: 1), labelled("B2", service: "datdai", at: Fx.t8 + 2, seq: 2),
            labelled("A1", service: "hotich", at: Fx.t8 + 3, seq: 1), labelled("A2", service: "hotich", at: Fx.t8 + 4, seq: 2),
        ]
        let counter = counterID == "c1" ? Self.c1 : Self.c2
        #expect(
            drainPolicy(ts, counter: counter, counters: [Self.c1, Self.c2], config: Self.noAging, now: Fx.t8 + 60)
                .joined(separator: " ") == expected)
    }

    @Test func counterNeverCallsAServiceItDoesNotServe() {
        let c3 = Counter(id: "c3", number: "3", services: ["chungthuc"])
        let ts = [labelled("A1", service: "hotich", at: Fx.t8), labelled("C1", service: "chungthuc", at: Fx.t8 + 5)]
        #expect(drainPolicy(ts, counter: c3, config: Self.noAging, now: Fx.t8 + 60) == ["C1"])
        #expect(!CallPolicy.isEligible(ts[0], at: c3, counters: [c3], config: Self.noAging, now: Fx.t8 + 60))
    }

    @Test(arguments: [
        // (seconds the B ticket has waited, aging threshold, expected first call at c1)
        (1799.0, 1800.0 as Double?, "A1"),
        (1800.0, 1800.0 as Double?, "B1"),
        (5000.0, 1800.0 as Double?, "B1"),
        (5000.0, nil as Double?, "A1"),
        (61.0, 60.0 as Double?, "B1"),
    ])
    func agedSecondaryServiceIsTreatedAsFirstPreference(bWaited: Double, aging: Double?, expectedFirst: String) throws {
        let now = Fx.t8 + 10_000
        let b = labelled("B1", service: "datdai", at: now - bWaited)
        let a = labelled("A1", service: "hotich", at: now - 10)
        let config = CallPolicyConfig(regularPerPriority: 2, agingSeconds: aging)
        let d = try #require(
            CallPolicy.next(
                waiting: [a, b], counter: Self.c1, counters: [Self.c1], regularSinceLastPriority: 2,
                config: config, now: now))
        #expect(d.ticket.id == expectedFirst)
    }

    @Test func agedTicketsCompeteByAgeWithFirstPreferenceTickets() {
        // Once aged, B1 ranks as first preference; an even older A ticket still goes before it.
        let now = Fx.t8 + 10_000
        let a0 = labelled("A0", service: "hotich", at: now - 4000)
        let b1 = labelled("B1", service: "datdai", at: now - 3000)
        let a2 = labelled("A2", service: "hotich", at: now - 100)
        let config = CallPolicyConfig(regularPerPriority: 2, agingSeconds: 1800)
        #expect(drainPolicy([a2, b1, a0], counter: Self.c1, config: config, now: now) == ["A0", "B1", "A2"])
    }

    @Test func agingAppliesInsideThePriorityClassToo() {
        let now = Fx.t8 + 10_000
        let pb = labelled("PB", service: "datdai", at: now - 2000)
        let pa = labelled("PA", service: "hotich", at: now - 50)
        let config = CallPolicyConfig(regularPerPriority: 2, agingSeconds: 1800)
        #expect(drainPolicy([pa, pb], counter: Self.c1, config: config, now: now) == ["PB", "PA"])
        #expect(drainPolicy([pa, pb], counter: Self.c1, config: Self.noAging, now: now) == ["PA", "PB"])
    }
}

func permutations<T>(_ xs: [T]) -> [[T]] {
    guard xs.count > 1 else { return [xs] }
    var out: [[T]] = []
    for i in xs.indices {
        var rest = xs
        let x = rest.remove(at: i)
        for p in permutations(rest) { out.append([x] + p) }
    }
    return out
}
