import QuayCore

/// What `issue` reads from the engine together with the new ticket (or a replayed one): people ahead, the
/// service's mean service time and how many of its counters are open, for the wait estimate.
struct IssuedTicket: Sendable {
    var ticket: Ticket
    var ahead: Int
    var meanService: Double?
    var openCounters: Int

    init(_ e: QueueEngine, _ t: Ticket, ahead: Int) {
        ticket = t
        self.ahead = max(0, ahead)
        meanService = e.meanServiceSeconds(service: t.service)
        openCounters = e.openCounters(service: t.service)
    }

    /// A ticket issued earlier: the people ahead of it now (none once it was called).
    init(replaying t: Ticket, in e: QueueEngine) {
        let ahead = t.state == .waiting ? (e.waitingOrdered(service: t.service).firstIndex { $0.id == t.id } ?? 0) : 0
        self.init(e, t, ahead: ahead)
    }
}
