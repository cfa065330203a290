/// The queue's state for the current business day and every rule that changes it. A value type with no I/O:
/// the store runs an operation on a copy, writes the returned `Mutation` in a transaction and keeps the copy
/// only after the commit succeeded.
public struct QueueEngine: Sendable {
    public private(set) var center: CenterSetup
    public private(set) var businessDay: String
    /// Today's tickets by id.
    public private(set) var tickets: [String: Ticket]
    /// Highest sequence issued today per service.
    public private(set) var lastSeq: [String: Int]
    /// Per counter: regular calls since its last priority call.
    public private(set) var interleave: [String: Int]
    public private(set) var nextTicketSeq: Int64
    public private(set) var nextEventSeq: Int64
    /// Tickets issued today per issuing service (kept incrementally: capacity checks are O(1)).
    private var issued: [String: Int] = [:]
    /// Finished services today per service: count and total seconds, for wait estimates without a scan.
    private var serviceTally: [String: (count: Int, seconds: Double)] = [:]
    /// Waiting tickets per service, kept by `put` (the kiosk asks on every issue: no scan of the day's tickets).
    private var waitingBy: [String: Int] = [:]

    public init(
        center: CenterSetup, businessDay: String, tickets: [Ticket] = [], nextTicketSeq: Int64 = 1, nextEventSeq: Int64 = 1,
        counterStates: [String: CounterState] = [:]
    ) {
        var center = center
        for i in center.counters.indices { if let s = counterStates[center.counters[i].id] { center.counters[i].state = s } }
        self.center = center
        self.businessDay = businessDay
        self.tickets = [:]
        self.lastSeq = [:]
        self.interleave = [:]
        self.nextTicketSeq = nextTicketSeq
        self.nextEventSeq = nextEventSeq
        for t in tickets where t.businessDay == businessDay {
            put(t)
            // A transferred ticket keeps the number its issuing service gave it.
            let issuer = Self.issuingService(of: t, in: center)
            lastSeq[issuer] = max(lastSeq[issuer] ?? 0, t.seq)
            issued[issuer, default: 0] += 1
            if t.state == .done, let s = t.servingAt, let f = t.finishedAt {
                serviceTally[t.service, default: (0, 0)].count += 1
                serviceTally[t.service, default: (0, 0)].seconds += f - s
            }
        }
        // Never hand out a ticket id that is already taken (a stale or defaulted `nextTicketSeq`).
        let idPrefix = "\(center.site.rawValue)-T"
        for t in tickets where t.id.hasPrefix(idPrefix) {
            if let n = Int64(t.id.dropFirst(idPrefix.count)), n >= self.nextTicketSeq { self.nextTicketSeq = n + 1 }
        }
        // Rebuild each counter's interleave position from today's calls, in call order.
        for t in self.tickets.values.filter({ $0.calledAt != nil && $0.counter != nil })
            .sorted(by: { ($0.calledAt!, $0.seq, $0.service) < ($1.calledAt!, $1.seq, $1.service) })
        {
            let c = t.counter!
            interleave[c] =
                t.isPriority ? 0 : min((interleave[c] ?? center.policy.regularPerPriority) + 1, center.policy.regularPerPriority)
        }
    }

    // MARK: queries

    public var waiting: [Ticket] { tickets.values.filter { $0.state == .waiting } }

    /// Waiting tickets ordered as they would be called overall (priority ignored): for screens and estimates.
    public func waitingOrdered(service: String? = nil) -> [Ticket] {
        waiting.filter { service == nil || $0.service == service }
            .sorted { ($0.queuedSince, $0.seq, $0.service) < ($1.queuedSince, $1.seq, $1.service) }
    }

    public func current(at counter: String) -> Ticket? {
        tickets.values.filter { $0.counter == counter && ($0.state == .called || $0.state == .serving) }.max {
            ($0.calledAt ?? 0) < ($1.calledAt ?? 0)
        }
    }

    /// Tickets this service issued today, including those since transferred to another service.
    public func issuedCount(service: String) -> Int { issued[service] ?? 0 }

    /// Mean seconds from start of service to done over today's finished tickets of `service`.
    public func meanServiceSeconds(service: String) -> Double? {
        guard let t = serviceTally[service], t.count > 0 else { return nil }
        return t.seconds / Double(t.count)
    }

    /// Waiting tickets of `service` (kept incrementally, O(1)).
    public func waitingCount(service: String) -> Int { waitingBy[service] ?? 0 }

    /// Every change to `tickets` goes through here, so the waiting counts stay exact.
    private mutating func put(_ t: Ticket) {
        if let old = tickets[t.id], old.state == .waiting { waitingBy[old.service, default: 0] -= 1 }
        if t.state == .waiting { waitingBy[t.service, default: 0] += 1 }
        tickets[t.id] = t
    }

    /// The service whose range `t`'s number was drawn from: `t.service` unless the ticket was transferred.
    static func issuingService(of t: Ticket, in center: CenterSetup) -> String {
        func gave(_ s: Service) -> Bool { s.displayNumber(t.seq) == t.number }
        if let own = center.service(t.service), gave(own) { return own.id }
        let candidates = center.services.filter(gave)
        return (candidates.first { t.seq >= $0.rangeStart && t.seq <= $0.rangeEnd } ?? candidates.first)?.id ?? t.service
    }

    public func ticket(idOrNumber key: String) -> Ticket? {
        if let t = tickets[key] { return t }
        return tickets.values.first { $0.number == key }
    }

    // MARK: day rollover

    /// Starts a new business day if `day` differs: active tickets of the old day expire, numbering restarts.
    public mutating func roll(to day: String, now: Double) -> Mutation {
        guard day != businessDay else { return Mutation() }
        var m = Mutation()
        for var t in tickets.values.sorted(by: { ($0.seq, $0.service) < ($1.seq, $1.service) }) where t.isActive {
            t.state = .expired
            t.finishedAt = now
            m.tickets.append(t)
            m.events.append(event(.expired, t, at: now))
        }
        m.events.append(makeEvent(.dayRollover, at: now, detail: day))
        businessDay = day
        tickets = [:]
        waitingBy = [:]
        lastSeq = [:]
        issued = [:]
        serviceTally = [:]
        interleave = [:]
        return m
    }

    // MARK: operations

    public mutating func issue(
        service sid: String, priority: String?, language: Language, now: Double, minuteOfDay: Int?,
        purpose: TicketPurpose = .submit, dossier: String? = nil
    ) throws(QueueError) -> (Ticket, Mutation) {
        guard let service = center.service(sid) else { throw .unknownService(sid) }
        if let p = priority, !center.priorities.contains(where: { $0.id == p }) { throw .unknownPriority(p) }
        if let refusal = issueRefusal(service: sid, minuteOfDay: minuteOfDay) { throw refusal }
        let seq = (lastSeq[sid] ?? (service.rangeStart - 1)) + 1
        let id = center.site.ticketID(nextTicketSeq)
        nextTicketSeq += 1
        let t = Ticket(
            id: id, service: sid, seq: seq, number: service.displayNumber(seq), businessDay: businessDay,
            priority: priority, language: language, issuedAt: now, purpose: purpose, dossier: dossier)
        lastSeq[sid] = seq
        issued[sid, default: 0] += 1
        put(t)
        var m = Mutation()
        m.tickets = [t]
        m.events = [event(.issued, t, at: now, detail: priority)]
        return (t, m)
    }

    public mutating func callNext(counter cid: String, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        let counter = try openCounter(cid)
        guard
            let d = CallPolicy.next(
                waiting: waiting, counter: counter, counters: center.counters,
                regularSinceLastPriority: interleave[cid] ?? center.policy.regularPerPriority,
                config: center.policy, now: now)
        else { throw .queueEmpty(counter: cid) }
        var m = Mutation()
        // A counter calling the next citizen has finished with the previous one.
        if var prev = current(at: cid) {
            prev.state = prev.state == .called ? .noShow : .done
            prev.finishedAt = now
            if prev.state == .done { noteDone(prev) }
            put(prev)
            m.tickets.append(prev)
            m.events.append(event(prev.state == .done ? .done : .noShow, prev, at: now, counter: cid, detail: "next-called"))
        }
        interleave[cid] = d.regularSinceLastPriority
        var t = d.ticket
        t.state = .called
        t.counter = cid
        t.targetCounter = nil
        t.calledAt = now
        put(t)
        m.tickets.append(t)
        m.events.append(event(.called, t, at: now, counter: cid))
        return (t, m)
    }

    /// Calls the same citizen again; past the configured recalls it becomes a no-show.
    public mutating func recall(counter cid: String, ticket key: String?, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        var t = try activeTicket(counter: cid, key: key, action: "recall")
        guard t.state == .called else { throw .invalidTransition(ticket: t.number, from: t.state, action: "recall") }
        var m = Mutation()
        if t.recalls >= center.policy.maxRecalls {
            t.state = .noShow
            t.finishedAt = now
            put(t)
            m.tickets = [t]
            m.events = [event(.noShow, t, at: now, counter: cid, detail: "max-recalls")]
            return (t, m)
        }
        // calledAt stays at the first call: waiting-time statistics measure issue → first call.
        t.recalls += 1
        put(t)
        m.tickets = [t]
        m.events = [event(.recalled, t, at: now, counter: cid, detail: String(t.recalls))]
        return (t, m)
    }

    public mutating func startServing(counter cid: String, ticket key: String?, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        var t = try activeTicket(counter: cid, key: key, action: "start serving")
        guard t.state == .called else { throw .invalidTransition(ticket: t.number, from: t.state, action: "start serving") }
        t.state = .serving
        t.servingAt = now
        return commit(t, .serving, now: now, counter: cid)
    }

    public mutating func done(counter cid: String, ticket key: String?, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        var t = try activeTicket(counter: cid, key: key, action: "finish")
        guard t.state == .called || t.state == .serving else { throw .invalidTransition(ticket: t.number, from: t.state, action: "finish") }
        if t.servingAt == nil { t.servingAt = t.calledAt }
        t.state = .done
        t.finishedAt = now
        noteDone(t)
        return commit(t, .done, now: now, counter: cid)
    }

    public mutating func noShow(counter cid: String, ticket key: String?, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        var t = try activeTicket(counter: cid, key: key, action: "mark no-show")
        guard t.state == .called else { throw .invalidTransition(ticket: t.number, from: t.state, action: "mark no-show") }
        t.state = .noShow
        t.finishedAt = now
        return commit(t, .noShow, now: now, counter: cid, detail: "clerk")
    }

    /// Sends a ticket to another service and/or a specific counter; it keeps its place by original issue time.
    public mutating func transfer(ticket key: String, toService: String?, toCounter: String?, by cid: String?, now: Double)
        throws(QueueError) -> (Ticket, Mutation)
    {
        guard toService != nil || toCounter != nil else { throw .invalidArgument("transfer needs a target service or counter") }
        guard var t = ticket(idOrNumber: key) else { throw .unknownTicket(key) }
        guard t.isActive else { throw .invalidTransition(ticket: t.number, from: t.state, action: "transfer") }
        if let cid, t.state != .waiting, t.counter != cid { throw .notAtThisCounter(ticket: t.number, counter: cid) }
        if let s = toService {
            guard center.service(s) != nil else { throw .unknownService(s) }
            t.service = s
        }
        if let c = toCounter {
            guard let target = center.counter(c) else { throw .unknownCounter(c) }
            if target.preferenceRank(of: t.service) == nil { throw .counterDoesNotServe(counter: c, service: t.service) }
        }
        t.targetCounter = toCounter
        t.state = .waiting
        t.counter = nil
        t.calledAt = nil
        t.servingAt = nil
        t.recalls = 0
        let detail = [toService.map { "service=\($0)" }, toCounter.map { "counter=\($0)" }].compactMap { $0 }.joined(separator: " ")
        return commit(t, .transferred, now: now, counter: cid, detail: detail)
    }

    /// Puts a called or serving ticket back in the queue at its original place.
    public mutating func returnToQueue(counter cid: String, ticket key: String?, now: Double) throws(QueueError) -> (Ticket, Mutation) {
        var t = try activeTicket(counter: cid, key: key, action: "return to queue")
        guard t.state != .waiting else { throw .invalidTransition(ticket: t.number, from: t.state, action: "return to queue") }
        t.state = .waiting
        t.counter = nil
        t.calledAt = nil
        t.servingAt = nil
        return commit(t, .returned, now: now, counter: cid)
    }

    public mutating func setCounter(_ cid: String, state: CounterState, now: Double) throws(QueueError) -> (Counter, Mutation) {
        guard let i = center.counters.firstIndex(where: { $0.id == cid }) else { throw .unknownCounter(cid) }
        center.counters[i].state = state
        var m = Mutation()
        m.counters = [center.counters[i]]
        m.events = [makeEvent(.counter, at: now, counter: cid, detail: state.rawValue)]
        return (center.counters[i], m)
    }

    /// Applies a reloaded configuration: tickets stay, counters keep their open/closed state.
    public mutating func reconfigure(_ new: CenterSetup) {
        var new = new
        for i in new.counters.indices { if let old = center.counter(new.counters[i].id) { new.counters[i].state = old.state } }
        center = new
    }

    // MARK: helpers

    private mutating func noteDone(_ t: Ticket) {
        guard let s = t.servingAt, let f = t.finishedAt else { return }
        serviceTally[t.service, default: (0, 0)].count += 1
        serviceTally[t.service, default: (0, 0)].seconds += f - s
    }

    private func openCounter(_ cid: String) throws(QueueError) -> Counter {
        guard let c = center.counter(cid) else { throw .unknownCounter(cid) }
        guard c.state == .open else { throw .counterNotOpen(counter: cid, state: c.state) }
        return c
    }

    private func activeTicket(counter cid: String, key: String?, action: String) throws(QueueError) -> Ticket {
        guard center.counter(cid) != nil else { throw .unknownCounter(cid) }
        if let key {
            guard let t = ticket(idOrNumber: key) else { throw .unknownTicket(key) }
            guard t.isActive else { throw .invalidTransition(ticket: t.number, from: t.state, action: action) }
            if t.state != .waiting && t.counter != cid { throw .notAtThisCounter(ticket: t.number, counter: cid) }
            return t
        }
        guard let t = current(at: cid) else { throw .invalidArgument("counter '\(cid)' has no called or serving ticket") }
        return t
    }

    /// An event that is not about a ticket (e.g. `.dossier`), sequenced with the queue's events so watchers get it.
    public mutating func note(_ kind: EventKind, at now: Double, service: String? = nil, detail: String? = nil) -> Mutation {
        var e = makeEvent(kind, at: now, detail: detail)
        e.service = service
        var m = Mutation()
        m.events = [e]
        return m
    }

    private mutating func commit(_ t: Ticket, _ kind: EventKind, now: Double, counter: String?, detail: String? = nil) -> (Ticket, Mutation)
    {
        put(t)
        var m = Mutation()
        m.tickets = [t]
        m.events = [event(kind, t, at: now, counter: counter, detail: detail)]
        return (t, m)
    }

    private mutating func event(_ kind: EventKind, _ t: Ticket, at: Double, counter: String? = nil, detail: String? = nil) -> QueueEvent {
        var e = makeEvent(kind, at: at, counter: counter ?? t.counter, detail: detail)
        e.ticket = t.id
        e.number = t.number
        e.service = t.service
        return e
    }

    private mutating func makeEvent(_ kind: EventKind, at: Double, counter: String? = nil, detail: String? = nil) -> QueueEvent {
        let seq = nextEventSeq
        nextEventSeq += 1
        return QueueEvent(id: center.site.eventID(seq), seq: seq, at: at, kind: kind, counter: counter, detail: detail)
    }
}
