import QuayCore

/// Drives `CallPolicy.next` the way the engine does: removes each called ticket and feeds the returned
/// interleave position into the next call. Returns ticket ids in call order.
func drainPolicy(
    _ waiting: [Ticket], counter: Counter, counters: [Counter]? = nil, config: CallPolicyConfig,
    startSince: Int? = nil, now: Double
) -> [String] {
    var pool = waiting
    var since = startSince ?? config.regularPerPriority
    var out: [String] = []
    while let d = CallPolicy.next(
        waiting: pool, counter: counter, counters: counters ?? [counter],
        regularSinceLastPriority: since, config: config, now: now)
    {
        out.append(d.ticket.id)
        since = d.regularSinceLastPriority
        pool.removeAll { $0.id == d.ticket.id }
        if out.count > 10_000 { break }
    }
    return out
}

/// A waiting ticket with an explicit id, for readable expected call sequences ("P1", "R3").
func labelled(
    _ id: String, service: String = "hotich", priority: Bool? = nil, language: Language = .vi, at: Double,
    seq: Int = 1, target: String? = nil
) -> Ticket {
    let isPriority = priority ?? id.hasPrefix("P")
    var t = Ticket(
        id: id, service: service, seq: seq, number: id, businessDay: Fx.day,
        priority: isPriority ? "elderly" : nil, language: language, issuedAt: at)
    t.targetCounter = target
    return t
}
