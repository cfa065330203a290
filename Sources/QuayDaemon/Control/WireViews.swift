import QuayControl
import QuayCore
import QuayDevices

// Reply bodies live in QuayControl (Sources/QuayControl/Bodies); these build them from quayd's own types.

extension CounterView {
    init(_ c: Counter, current: Ticket?) {
        self.init(
            id: c.id, number: c.number, services: c.services, languages: c.languages.sorted().map(\.rawValue),
            state: c.state.rawValue, current: current)
    }
}

extension QueueSnapshot {
    init(_ e: QueueEngine, waitingLimit: Int = .max) {
        let waiting = e.waitingOrdered()
        var by: [String: Int] = [:]
        for s in e.center.services { by[s.id] = 0 }
        for t in waiting { by[t.service, default: 0] += 1 }
        self.init(
            businessDay: e.businessDay, waiting: Array(waiting.prefix(waitingLimit)), waitingTotal: waiting.count,
            active: e.tickets.values.filter { $0.state == .called || $0.state == .serving }.sorted {
                ($0.calledAt ?? 0) > ($1.calledAt ?? 0)
            },
            counters: e.center.counters.map { CounterView($0, current: e.current(at: $0.id)) }, waitingByService: by)
    }
}

extension DeviceHealthView {
    /// The wire form of QuayDevices' health record: the same fields and JSON.
    init(_ h: DeviceHealth) {
        self.init(
            role: h.role, kind: h.kind, matcher: h.matcher, devnode: h.devnode, state: h.state.rawValue, condition: h.condition,
            lastError: h.lastError, bytes: h.bytes, jobs: h.jobs, frames: h.frames, errors: h.errors, lastSeen: h.lastSeen)
    }
}

extension UnassignedDeviceView {
    init(_ u: UnassignedDevice) {
        let d = u.device
        self.init(
            device: UdevDeviceView(
                syspath: d.syspath, subsystem: d.subsystem, devtype: d.devtype, devnode: d.devnode,
                action: d.action.rawValue, properties: d.properties, interfaceClass: d.interfaceClass,
                interfaceSubClass: d.interfaceSubClass),
            suggestions: u.suggestions, usableAs: u.usableAs)
    }
}
