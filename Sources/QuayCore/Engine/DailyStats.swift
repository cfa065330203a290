/// Today's figures per service and per counter, computed from tickets (the event log gives the same).
public struct DailyStats: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var id: String
        public var issued = 0
        public var waiting = 0
        public var called = 0
        public var served = 0
        public var noShow = 0
        /// Mean seconds from issue to (first) call, over called tickets.
        public var meanWaitSeconds: Double?
        public var maxWaitSeconds: Double?
        /// Mean seconds from start of service to done.
        public var meanServiceSeconds: Double?
    }
    public var businessDay: String
    public var services: [Line]
    public var counters: [Line]

    public static func compute(_ engine: QueueEngine) -> DailyStats {
        let all = Array(engine.tickets.values)
        func line(_ id: String, _ ts: [Ticket]) -> Line {
            var l = Line(id: id)
            l.issued = ts.count
            l.waiting = ts.filter { $0.state == .waiting }.count
            l.called = ts.filter { $0.calledAt != nil || $0.state == .done || $0.state == .noShow }.count
            l.served = ts.filter { $0.state == .done }.count
            l.noShow = ts.filter { $0.state == .noShow }.count
            let waits = ts.compactMap { t in t.calledAt.map { $0 - t.issuedAt } }
            if !waits.isEmpty {
                l.meanWaitSeconds = waits.reduce(0, +) / Double(waits.count)
                l.maxWaitSeconds = waits.max()
            }
            let svc = ts.compactMap { t -> Double? in
                guard t.state == .done, let s = t.servingAt, let f = t.finishedAt else { return nil }
                return f - s
            }
            if !svc.isEmpty { l.meanServiceSeconds = svc.reduce(0, +) / Double(svc.count) }
            return l
        }
        let services = engine.center.services.map { s in
            var l = line(s.id, all.filter { $0.service == s.id })
            // Issued counts tickets this service gave out, including those since transferred elsewhere.
            l.issued = engine.issuedCount(service: s.id)
            return l
        }
        let counters = engine.center.counters.map { c in
            var l = line(c.id, all.filter { $0.counter == c.id })
            l.issued = 0
            return l
        }
        return DailyStats(businessDay: engine.businessDay, services: services, counters: counters)
    }
}
