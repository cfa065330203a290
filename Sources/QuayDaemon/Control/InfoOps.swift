import Foundation
import QuayControl
import QuayCore
import QuayStore

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
        var counters = cfg.center.counters
        var services = cfg.center.services.map {
            ServiceView(
                id: $0.id, prefix: $0.prefix, name: $0.name, range: [$0.rangeStart, $0.rangeEnd], capacityPerDay: $0.capacityPerDay)
        }
        let clock = cfg.center.clock
        if let ledger = state.ledgerIfOpen, case let minute = clock.read(ledger.now()).minuteOfDay,
            let snap = try? await ledger.read({ e in (Self.availability(e, minuteOfDay: minute), e.center.counters) })
        {
            counters = snap.1
            for i in services.indices {
                guard let a = snap.0[services[i].id] else { continue }
                services[i].issuedToday = a.issued
                services[i].waiting = a.waiting
                services[i].estimatedWaitMinutes = a.estimate
                services[i].refusal = a.refusal.map { controlError($0) }
            }
        }
        return .body(
            ConfigBody(
                site: cfg.center.site.rawValue, center: cfg.center.name, timezone: cfg.center.clock.timeZone.identifier,
                services: services, counters: counters.map { CounterView($0, current: nil) },
                priorities: cfg.center.priorities, policy: cfg.center.policy))
    }

    /// Per service: issued today, waiting, the estimate for a ticket taken now, and why issuing would be refused.
    static func availability(_ e: QueueEngine, minuteOfDay: Int)
        -> [String: (issued: Int, waiting: Int, estimate: Int?, refusal: QueueError?)]
    {
        var out: [String: (issued: Int, waiting: Int, estimate: Int?, refusal: QueueError?)] = [:]
        for s in e.center.services {
            let waiting = e.waitingCount(service: s.id)
            let estimate = WaitEstimate.minutes(
                ahead: waiting, meanServiceSeconds: e.meanServiceSeconds(service: s.id), openCounters: e.openCounters(service: s.id))
            out[s.id] = (e.issuedCount(service: s.id), waiting, estimate, e.issueRefusal(service: s.id, minuteOfDay: minuteOfDay))
        }
        return out
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
        let (s, day) = try await ledger.read { (DailyStats.compute($0), $0.businessDay) }
        let ratings = try? await RatingStore(ledger: ledger).summary(businessDay: day)
        return .body(QueueStatsBody(stats: s, ratings: ratings))
    }
}
