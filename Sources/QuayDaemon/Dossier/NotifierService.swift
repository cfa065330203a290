import Foundation
import Logging
import QuayCore
import QuayStore
import ServiceLifecycle

/// Delivers result-ready notifications from the SQLite outbox: each due entry is committed in-flight, the
/// configured command runs with the payload on stdin, then the entry is committed sent (exit 0) or failed
/// with the `NotifierBackoff` delay. Sent and gave-up entries are never run again; an entry left in flight by
/// a crash or stop is retried after restart with the same transition id.
struct NotifierService: LifecycleService {
    let state: DaemonState
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var recovered = false
            while !Task.isCancelled {
                let cfg = state.config.dossiers
                if let command = cfg.notifierCommand, state.ledgerIfOpen != nil {
                    if !recovered { recovered = (try? await recover(cfg.notifierBackoff)) != nil }
                    await deliverDue(command: command, cfg: cfg)
                }
                try? await Task.sleep(for: .milliseconds(Int(cfg.notifierPollSeconds * 1000)))
            }
        }
    }

    private func recover(_ backoff: NotifierBackoff) async throws {
        let n = try await state.ledger().transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            var n = 0
            for var e in try repo.open() {
                guard case .inFlight = e.state else { continue }
                e.recoverAfterRestart(now: now, backoff: backoff)
                try repo.save(e)
                n += 1
            }
            return (n, Mutation())
        }
        if n > 0 { logger.warning("notifier: deliveries interrupted by a restart will be retried", metadata: ["count": "\(n)"]) }
    }

    private func deliverDue(command: [String], cfg: DossiersConfig) async {
        do {
            let due = try await state.ledger().transaction { db, _, now in
                (try NotifierOutboxRepository(db: db).open().filter { ($0.dueAt ?? .infinity) <= now }.map(\.transitionId), Mutation())
            }
            for id in due {
                if Task.isCancelled { return }
                try await deliver(id, command: command, cfg: cfg)
            }
        } catch {
            logger.error("notifier: outbox not readable", metadata: ["error": "\(error)"])
        }
    }

    private func deliver(_ id: String, command: [String], cfg: DossiersConfig) async throws {
        let ledger = try state.ledger()
        // Committed in flight before the command runs.
        let begun: NotifierDelivery? = try await ledger.transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            guard var e = try repo.get(id), (e.dueAt ?? .infinity) <= now else { return (nil, Mutation()) }
            try e.begin(now: now)
            try repo.save(e)
            return (e, Mutation())
        }
        guard let begun else { return }
        let input = (try? begun.payload.json()) ?? Data()
        let p = begun.payload
        let failure = await NotifierRunner.run(command, input: input, timeout: cfg.notifierTimeoutSeconds,
                                               secrets: [p.citizenName, p.citizenPhone ?? "", p.receiptCode])
        let backoff = cfg.notifierBackoff
        let after: NotifierDelivery? = try await ledger.transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            guard var e = try repo.get(id) else { return (nil, Mutation()) }
            if let failure { try e.failed(now: now, error: failure, backoff: backoff) } else { try e.succeeded(now: now) }
            try repo.save(e)
            return (e, Mutation())
        }
        switch after?.state {
        case .sent: logger.info("notifier: sent", metadata: ["transition": "\(id)"])
        case .retrying(let a, let next, let err):
            logger.warning("notifier: failed, will retry", metadata: ["transition": "\(id)", "attempt": "\(a)", "nextAt": "\(next)", "error": "\(err)"])
        case .gaveUp(_, let a, let err):
            logger.error("notifier: gave up", metadata: ["transition": "\(id)", "attempts": "\(a)", "error": "\(err)"])
        default: break
        }
    }
}
