import CoreMetrics
import Foundation
import NIOConcurrencyHelpers
import Prometheus
import QuayCore
import QuayStore

/// quayd's metrics, recorded through swift-metrics into its own swift-prometheus registry (no global bootstrap:
/// every quayd in a test process has its own). Counters and histograms follow committed events, op answers and
/// write transactions; gauges (queue length, devices, outbox, web clients) are set when `/metrics` is scraped
/// (`MetricsScrape`). docs/operations.md lists every metric.
final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    /// The ledger the event observer is attached to, so a reopened store is followed once.
    private let attached = NIOLockedValueBox<ObjectIdentifier?>(nil)
    /// Open hall display WebSocket clients (set by `WebWiring` when the page is served).
    let webClientCount = NIOLockedValueBox<(@Sendable () -> Int)?>(nil)

    static let waitBuckets: [Double] = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800]

    init() {
        var f = PrometheusMetricsFactory(registry: registry)
        f.valueHistogramBuckets["quay_ticket_wait_seconds"] = Self.waitBuckets
        let fast: [Duration] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].map { .milliseconds($0) }
        f.durationHistogramBuckets["quay_op_duration_seconds"] = fast
        f.durationHistogramBuckets["quay_store_write_duration_seconds"] = fast
        factory = f
    }

    /// Follows `ledger`'s committed events (tickets issued, called, served, waits) and write transactions.
    func attach(_ ledger: Ledger) async {
        let id = ObjectIdentifier(ledger)
        let isNew = attached.withLockedValue { current -> Bool in
            guard current != id else { return false }
            current = id
            return true
        }
        guard isNew else { return }
        let write = Timer(label: "quay_store_write_duration_seconds", factory: factory)
        let failed = Counter(label: "quay_store_write_failures_total", factory: factory)
        ledger.onWriteTransaction { seconds, didFail in
            write.recordNanoseconds(Int64(seconds * 1e9))
            if didFail { failed.increment() }
        }
        _ = try? await ledger.subscribe(snapshot: { _ in 0 }, observer: { [self] m in self.record(m) })
    }

    /// One committed mutation: a counter per ticket event, the wait of each called ticket.
    func record(_ m: Mutation) {
        let tickets = Dictionary(m.tickets.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        for e in m.events {
            guard let service = e.service else { continue }
            switch e.kind {
            case .issued, .called, .done, .noShow, .transferred:
                Counter(
                    label: "quay_ticket_events_total", dimensions: [("service", service), ("event", e.kind.rawValue)], factory: factory
                )
                .increment()
            default: continue
            }
            if e.kind == .called, let id = e.ticket, let t = tickets[id], t.recalls == 0, let at = t.calledAt {
                Recorder(label: "quay_ticket_wait_seconds", dimensions: [("service", service)], aggregate: true, factory: factory)
                    .record(max(0, at - t.issuedAt))
            }
        }
    }

    /// How long an op took from dispatch to its answer (every caller: socket, keypads, scanners, demo).
    func opFinished(_ op: String, startedAt: UInt64) {
        let ns = DispatchTime.now().uptimeNanoseconds &- startedAt
        Timer(label: "quay_op_duration_seconds", dimensions: [("op", op)], factory: factory).recordNanoseconds(Int64(ns))
    }

    func webClients() -> Int { webClientCount.withLockedValue { $0 }?() ?? 0 }

    func gauge(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        Gauge(label: name, dimensions: labels, factory: factory).record(value)
    }
}
