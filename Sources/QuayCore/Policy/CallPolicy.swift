/// Settings of the call-next policy.
public struct CallPolicyConfig: Sendable, Codable, Equatable {
    /// After calling a priority ticket, a counter calls at least this many regular tickets (when any wait)
    /// before the next priority one: 2 gives P R R P R R …, so regular tickets are never starved.
    public var regularPerPriority: Int
    /// A ticket in a language this counter does not speak is offered to it only after waiting this long
    /// (seconds) — unless no open counter serving that service speaks the language.
    public var languageFallbackSeconds: Double
    /// A ticket waiting longer than this (seconds) is called as if its service were the counter's first
    /// preference, so secondary services are not starved. nil disables aging.
    public var agingSeconds: Double?
    /// Recalls allowed before a recall turns into a no-show.
    public var maxRecalls: Int

    public init(regularPerPriority: Int = 2, languageFallbackSeconds: Double = 600, agingSeconds: Double? = 1800, maxRecalls: Int = 3) {
        self.regularPerPriority = regularPerPriority
        self.languageFallbackSeconds = languageFallbackSeconds
        self.agingSeconds = agingSeconds
        self.maxRecalls = maxRecalls
    }
}

/// Pure call-next decision: which waiting ticket a counter calls now.
public enum CallPolicy {
    public struct Decision: Sendable, Equatable {
        public var ticket: Ticket
        /// The counter's interleave state after this call.
        public var regularSinceLastPriority: Int
    }

    /// - Parameters:
    ///   - waiting: tickets in state `.waiting` (any order).
    ///   - counter: the calling counter.
    ///   - counters: all counters (to know whether another open counter speaks a ticket's language).
    ///   - regularSinceLastPriority: regular calls this counter made since its last priority call.
    public static func next(
        waiting: [Ticket], counter: Counter, counters: [Counter], regularSinceLastPriority: Int,
        config: CallPolicyConfig, now: Double
    ) -> Decision? {
        let eligible = waiting.filter { isEligible($0, at: counter, counters: counters, config: config, now: now) }
        if eligible.isEmpty { return nil }
        let priority = eligible.filter(\.isPriority)
        let regular = eligible.filter { !$0.isPriority }
        let takePriority: Bool
        if priority.isEmpty {
            takePriority = false
        } else if regular.isEmpty {
            takePriority = true
        } else {
            takePriority = regularSinceLastPriority >= config.regularPerPriority
        }
        let pool = takePriority ? priority : regular
        let best = pool.min { rank($0, counter, config, now) < rank($1, counter, config, now) }!
        let since = takePriority ? 0 : min(regularSinceLastPriority + 1, config.regularPerPriority)
        return Decision(ticket: best, regularSinceLastPriority: since)
    }

    /// Whether `counter` may call `t` now.
    public static func isEligible(_ t: Ticket, at counter: Counter, counters: [Counter], config: CallPolicyConfig, now: Double) -> Bool {
        guard t.state == .waiting else { return false }
        if let target = t.targetCounter { return target == counter.id }
        guard counter.preferenceRank(of: t.service) != nil else { return false }
        if counter.speaks(t.language) || t.language == .vi { return true }
        if now - t.queuedSince >= config.languageFallbackSeconds { return true }
        // Nobody who speaks the language is open for this service: do not make the citizen wait for nothing.
        let someoneSpeaks = counters.contains {
            $0.id != counter.id && $0.state == .open && $0.speaks(t.language) && $0.preferenceRank(of: t.service) != nil
        }
        return !someoneSpeaks
    }

    /// Sort key inside a class: transferred-here first, then the counter's own non-Vietnamese language,
    /// then service preference (aged tickets count as first preference), then oldest, then lowest number.
    struct Rank: Comparable {
        var targeted: Int, language: Int, preference: Int, since: Double, issued: Double, service: String, seq: Int
        static func < (a: Rank, b: Rank) -> Bool {
            if (a.targeted, a.language, a.preference) != (b.targeted, b.language, b.preference) {
                return (a.targeted, a.language, a.preference) < (b.targeted, b.language, b.preference)
            }
            return (a.since, a.issued, a.service, a.seq) < (b.since, b.issued, b.service, b.seq)
        }
    }

    static func rank(_ t: Ticket, _ c: Counter, _ config: CallPolicyConfig, _ now: Double) -> Rank {
        let targeted = t.targetCounter == c.id ? 0 : 1
        let language = (t.language != .vi && c.speaks(t.language)) ? 0 : 1
        var pref = c.preferenceRank(of: t.service) ?? Int.max
        if let aging = config.agingSeconds, now - t.queuedSince >= aging { pref = 0 }
        return Rank(
            targeted: targeted, language: language, preference: pref, since: t.queuedSince, issued: t.issuedAt,
            service: t.service, seq: t.seq)
    }
}
