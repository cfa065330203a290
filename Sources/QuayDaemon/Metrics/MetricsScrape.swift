import Foundation
import QuayDevices
import QuayStore

/// `/metrics`: sets the gauges that are read rather than counted (queue length per service, device health,
/// notifier outbox, web clients, store state) and renders the registry in Prometheus text format. One scrape
/// at a time; scrapes within `reuse` of the last one get its bytes, so a scrape storm costs one refresh a second.
actor MetricsScrape {
    let state: DaemonState
    let metrics: DaemonMetrics
    let reuse: Duration
    private var last: (at: ContinuousClock.Instant, bytes: [UInt8])?

    init(state: DaemonState, metrics: DaemonMetrics, reuse: Duration = .seconds(1)) {
        (self.state, self.metrics, self.reuse) = (state, metrics, reuse)
    }

    func render() async -> [UInt8] {
        let now = ContinuousClock.now
        if let last, now - last.at < reuse { return last.bytes }
        await refresh()
        let bytes = metrics.registry.emitToBuffer()
        last = (now, bytes)
        return bytes
    }

    private func refresh() async {
        let m = metrics
        let services = state.config.center.services.map(\.id)
        if let ledger = state.ledgerIfOpen {
            await m.attach(ledger)
            m.gauge("quay_store_up", [], ledger.isReadOnly ? 0 : 1)
            if let waiting = try? await ledger.read({ e in services.map { e.waitingCount(service: $0) } }) {
                for (s, n) in zip(services, waiting) { m.gauge("quay_queue_waiting", [("service", s)], Double(n)) }
            }
            if let counts = try? await DossierStore(ledger: ledger).outbox(limit: 1).0 {
                for st in ["pending", "in-flight", "failed-retrying", "sent", "gave-up"] {
                    m.gauge("quay_notifier_outbox", [("state", st)], Double(counts[st] ?? 0))
                }
                let depth = ["pending", "in-flight", "failed-retrying"].reduce(0) { $0 + (counts[$1] ?? 0) }
                m.gauge("quay_notifier_outbox_depth", [], Double(depth))
            }
            if let sync = state.sync, let s = try? await sync.status(ledger: ledger) {
                for p in s.peers {
                    m.gauge("quay_sync_backlog", [("peer", p.site)], Double(p.backlog))
                    m.gauge("quay_sync_last_contact_age_seconds", [("peer", p.site)], p.lastContactAge ?? -1)
                    m.gauge("quay_sync_records", [("peer", p.site), ("direction", "in")], Double(p.recordsIn))
                    m.gauge("quay_sync_records", [("peer", p.site), ("direction", "out")], Double(p.recordsOut))
                    m.gauge("quay_sync_bytes", [("peer", p.site), ("direction", "in")], Double(p.bytesIn))
                    m.gauge("quay_sync_bytes", [("peer", p.site), ("direction", "out")], Double(p.bytesOut))
                    m.gauge("quay_sync_conflicts", [("peer", p.site)], Double(p.conflicts))
                }
            }
        } else {
            m.gauge("quay_store_up", [], 0)
        }
        for h in await state.registry.snapshot() {
            let up = DeviceAcceptance.acceptable(h)
            m.gauge("quay_device_up", [("role", h.role), ("kind", h.kind)], up ? 1 : 0)
            switch h.kind {
            case "printer": m.gauge("quay_printer_paper", [("role", h.role)], DeviceAcceptance.paperLevel(h))
            case "board", "alphasign": m.gauge("quay_board_bus_up", [("role", h.role)], h.state == .ready ? 1 : 0)
            case "scanner", "keypad": m.gauge("quay_scanner_present", [("role", h.role)], h.state == .absent ? 0 : 1)
            default: break
            }
        }
        m.gauge("quay_web_clients", [], Double(m.webClients()))
    }
}

/// Which device states `/healthz` accepts, and the printer paper level `/metrics` reports.
enum DeviceAcceptance {
    /// Ready; a printer whose paper is near its end (still printing: a warning, not a failure); a counter board
    /// not spoken to yet (`not-contacted`: quayd writes to a board at its first call, so nothing is known against it).
    static func acceptable(_ h: DeviceHealth) -> Bool {
        h.state == .ready || (h.state == .fault && h.condition == "paper-near-end")
            || (h.state == .absent && h.condition == "not-contacted")
    }

    /// 2 paper present, 1 near its end, 0 out or unknown (printer absent or not answering).
    static func paperLevel(_ h: DeviceHealth) -> Double {
        switch (h.state, h.condition) {
        case (.ready, _): 2
        case (.fault, "paper-near-end"): 1
        default: 0
        }
    }
}
