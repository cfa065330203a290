import Foundation
import QuayStore
import QuayWeb

/// `/healthz`: healthy only when the store takes a write now and every configured device is in an acceptable
/// state (`DeviceAcceptance`). The write probe (one row in `meta`, committed through the writer) runs at most
/// once per `probeEvery`; in between its last result counts, so a monitor polling every second costs one fsync
/// per interval.
actor HealthCheck {
    let state: DaemonState
    let probeEvery: Duration
    private var lastProbe: (at: ContinuousClock.Instant, ledger: ObjectIdentifier, error: String?)?

    init(state: DaemonState, probeEvery: Duration = .seconds(10)) { (self.state, self.probeEvery) = (state, probeEvery) }

    func status() async -> HealthStatus {
        var problems: [HealthStatus.Problem] = []
        if let ledger = state.ledgerIfOpen {
            if ledger.isReadOnly {
                problems.append(.init(component: "store", detail: "the database is read-only"))
            } else if let e = await probe(ledger) {
                problems.append(.init(component: "store", detail: "a test write failed: \(e)"))
            }
        } else {
            let e = state.storeError
            problems.append(.init(component: "store", detail: "not open: \(e?.code ?? "unavailable") \(e?.description ?? "")"))
        }
        for h in await state.registry.snapshot() where !DeviceAcceptance.acceptable(h) {
            let detail = "\(h.kind) \(h.state.rawValue): \(h.condition)" + (h.lastError.map { " (\($0))" } ?? "")
            problems.append(.init(component: "device " + h.role, detail: detail))
        }
        var warnings: [HealthStatus.Problem] = []
        if let sync = state.sync, let ledger = state.ledgerIfOpen, let s = try? await sync.status(ledger: ledger) {
            for p in s.peers where p.stale {
                let age = p.lastContactAge.map { "last contact \(Int($0)) s ago" } ?? "never reached"
                warnings.append(.init(component: "sync " + p.site, detail: age + (p.lastError.map { " (\($0))" } ?? "")))
            }
        }
        return HealthStatus(problems: problems, warnings: warnings)
    }

    private func probe(_ ledger: Ledger) async -> String? {
        let now = ContinuousClock.now, id = ObjectIdentifier(ledger)
        if let p = lastProbe, p.ledger == id, now - p.at < probeEvery { return p.error }
        var failure: String?
        do { try await ledger.probeWrite() } catch { failure = "\(error)" }
        lastProbe = (now, id, failure)
        return failure
    }
}
