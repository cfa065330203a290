import Foundation
import QuayControl
import QuayCore

extension OpContext {
    func ping() -> OpOutput {
        let store: String = state.ledgerIfOpen.map { $0.isReadOnly ? "read-only" : "ok" } ?? (state.storeError?.code ?? "unavailable")
        return .body(
            PingBody(
                version: DaemonState.version, site: state.config.center.site.rawValue,
                uptimeSeconds: Int(Date().timeIntervalSince(state.startedAt)), store: store))
    }

    func config() async -> OpOutput {
        let cfg = state.config
        var counts: [String: Int] = [:]
        var counters = cfg.center.counters
        if let ledger = state.ledgerIfOpen,
            let snap = try? await ledger.read({ e in
                (Dictionary(uniqueKeysWithValues: e.center.services.map { ($0.id, e.issuedCount(service: $0.id)) }), e.center.counters)
            })
        {
            counts = snap.0
            counters = snap.1
        }
        let services = cfg.center.services.map {
            ServiceView(
                id: $0.id, prefix: $0.prefix, name: $0.name, range: [$0.rangeStart, $0.rangeEnd], capacityPerDay: $0.capacityPerDay,
                issuedToday: counts[$0.id])
        }
        return .body(
            ConfigBody(
                site: cfg.center.site.rawValue, center: cfg.center.name, timezone: cfg.center.clock.timeZone.identifier,
                services: services, counters: counters.map { CounterView($0, current: nil) },
                priorities: cfg.center.priorities, policy: cfg.center.policy))
    }

    func queue(_ r: QueueRequest) async throws -> OpOutput {
        let json = try await state.queueCache.json(try state.ledger(), limit: r.limit)
        return .raw(field: "snapshot", json: json)
    }

    func counters() async throws -> OpOutput {
        let ledger = try state.ledger()
        let views = try await ledger.read { e in e.center.counters.map { CounterView($0, current: e.current(at: $0.id)) } }
        return .body(CountersBody(counters: views))
    }

    func stats() async throws -> OpOutput {
        let ledger = try state.ledger()
        let s = try await ledger.read { DailyStats.compute($0) }
        return .body(QueueStatsBody(stats: s))
    }
}
