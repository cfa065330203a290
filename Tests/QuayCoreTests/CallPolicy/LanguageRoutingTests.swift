import QuayCore
import Testing

/// Khmer-speaking citizens go first to Khmer-speaking counters; other counters get them only after
/// `languageFallbackSeconds`, or at once when no open counter speaking Khmer serves the service.
@Suite struct LanguageRoutingTests {
    static let vi = Counter(id: "vi", number: "1", services: ["hotich"])
    static let km = Counter(id: "km", number: "2", services: ["datdai", "hotich"], languages: [.vi, .km])
    static let config = CallPolicyConfig(regularPerPriority: 2, languageFallbackSeconds: 600, agingSeconds: nil)

    @Test func khmerCounterCallsKhmerTicketFirstEvenIfYoungerOrSecondaryService() {
        let v = labelled("V1", service: "datdai", at: Fx.t8)  // km's first preference, older
        let k = labelled("K1", service: "hotich", language: .km, at: Fx.t8 + 100)
        #expect(
            drainPolicy([v, k], counter: Self.km, counters: [Self.vi, Self.km], config: Self.config, now: Fx.t8 + 120)
                == ["K1", "V1"])
    }

    @Test(arguments: [
        // (seconds waited by the Khmer ticket, is it offered to the Vietnamese-only counter?)
        (0.0, false), (599.0, false), (599.9, false), (600.0, true), (3600.0, true),
    ])
    func khmerTicketReachesOtherCountersOnlyAfterFallback(waited: Double, offered: Bool) {
        let now = Fx.t8 + 5000
        let k = labelled("K1", language: .km, at: now - waited)
        #expect(CallPolicy.isEligible(k, at: Self.vi, counters: [Self.vi, Self.km], config: Self.config, now: now) == offered)
        // The Khmer-speaking counter may always call it.
        #expect(CallPolicy.isEligible(k, at: Self.km, counters: [Self.vi, Self.km], config: Self.config, now: now))
        let calls = drainPolicy(
            [k, labelled("V1", at: now - 1)], counter: Self.vi, counters: [Self.vi, Self.km],
            config: Self.config, now: now)
        #expect(calls == (offered ? ["K1", "V1"] : ["V1"]))
    }

    @Test(arguments: [CounterState.closed, CounterState.paused])
    func closedOrPausedKhmerCounterDoesNotHoldKhmerTickets(state: CounterState) {
        var km = Self.km
        km.state = state
        let k = labelled("K1", language: .km, at: Fx.t8)
        #expect(CallPolicy.isEligible(k, at: Self.vi, counters: [Self.vi, km], config: Self.config, now: Fx.t8 + 1))
        #expect(drainPolicy([k], counter: Self.vi, counters: [Self.vi, km], config: Self.config, now: Fx.t8 + 1) == ["K1"])
    }

    @Test func khmerCounterNotServingTheServiceDoesNotHoldKhmerTickets() {
        let kmOther = Counter(id: "km", number: "2", services: ["chungthuc"], languages: [.vi, .km])
        let k = labelled("K1", language: .km, at: Fx.t8)
        #expect(CallPolicy.isEligible(k, at: Self.vi, counters: [Self.vi, kmOther], config: Self.config, now: Fx.t8 + 1))
    }

    @Test func noKhmerCounterAtAllMeansImmediateFallback() {
        let vi2 = Counter(id: "vi2", number: "5", services: ["hotich"])
        let k = labelled("K1", language: .km, at: Fx.t8)
        #expect(CallPolicy.isEligible(k, at: Self.vi, counters: [Self.vi, vi2], config: Self.config, now: Fx.t8))
    }

    @Test func englishTicketFollowsTheSameRule() {
        let en = Counter(id: "en", number: "4", services: ["hotich"], languages: [.vi, .en])
        let e = labelled("E1", language: .en, at: Fx.t8)
        #expect(!CallPolicy.isEligible(e, at: Self.vi, counters: [Self.vi, en], config: Self.config, now: Fx.t8 + 10))
        #expect(CallPolicy.isEligible(e, at: Self.vi, counters: [Self.vi, Self.km], config: Self.config, now: Fx.t8 + 10))
        #expect(
            drainPolicy(
                [labelled("V1", at: Fx.t8 + 5), e], counter: en, counters: [Self.vi, en], config: Self.config,
                now: Fx.t8 + 10) == ["E1", "V1"])
    }

    @Test func vietnameseTicketsAreEligibleEverywhere() {
        let v = labelled("V1", at: Fx.t8)
        #expect(CallPolicy.isEligible(v, at: Self.vi, counters: [Self.vi, Self.km], config: Self.config, now: Fx.t8))
        #expect(CallPolicy.isEligible(v, at: Self.km, counters: [Self.vi, Self.km], config: Self.config, now: Fx.t8))
    }

    @Test func vietnameseOnlyCounterKeepsOrderByAgeAfterFallback() {
        // After the fallback a Khmer ticket has no language advantage at a Vietnamese-only counter.
        let now = Fx.t8 + 5000
        let k = labelled("K1", language: .km, at: now - 700)
        let v = labelled("V1", at: now - 800)
        #expect(drainPolicy([k, v], counter: Self.vi, counters: [Self.vi, Self.km], config: Self.config, now: now) == ["V1", "K1"])
    }
}
