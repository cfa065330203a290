extension QueueEngine {
    /// Why `issue` would refuse a ticket for `service` now (closed at `minuteOfDay`, all numbers given out), or nil:
    /// the check `issue` itself makes, for a kiosk that greys out a tile before anyone taps it.
    public func issueRefusal(service sid: String, minuteOfDay: Int?) -> QueueError? {
        guard let service = center.service(sid) else { return .unknownService(sid) }
        if let hours = service.hours, let m = minuteOfDay, !hours.isOpen(minuteOfDay: m) { return .serviceClosed(service: sid) }
        let seq = (lastSeq[sid] ?? (service.rangeStart - 1)) + 1
        if seq > service.rangeEnd || issuedCount(service: sid) >= service.dailyLimit { return .capacityReached(service: sid) }
        return nil
    }

    /// Open counters serving `service`.
    public func openCounters(service sid: String) -> Int {
        center.counters.filter { $0.state == .open && $0.services.contains(sid) }.count
    }
}
