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
    /// Runs the command on its own thread.
    private let runner = NotifierRunner()

    init(state: DaemonState, logger: Logger) {
        self.state = state
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var recovered = false
            while !Task.isCancelled {
                let cfg = state.config.dossiers
                var sleep = Duration.milliseconds(Int64(cfg.notifierPollSeconds * 1000))
                if let command = cfg.notifierCommand, let ledger = state.ledgerIfOpen {
                    let outbox = NotifierOutboxStore(ledger: ledger)
                    if !recovered { recovered = (try? await recover(outbox, cfg.notifierBackoff)) != nil }
                    if let next = await deliverDue(outbox, command: command, cfg: cfg) {
                        // The next retry is due sooner than the regular check: wake up for it.
                        let wait = max(0, next - ledger.now())
                        sleep = min(sleep, .milliseconds(Int64(wait * 1000) + 1))
                    }
                }
                // A commit that enqueues a delivery wakes us at once; otherwise the next retry or the regular check.
                await state.notifierWakeup.wait(timeout: sleep)
            }
        }
    }

    private func recover(_ outbox: NotifierOutboxStore, _ backoff: NotifierBackoff) async throws {
        let n = try await outbox.recoverInFlight(backoff: backoff)
        if n > 0 { logger.warning("notifier: deliveries interrupted by a restart will be retried", metadata: ["count": "\(n)"]) }
    }

    /// Delivers what is due (read on the read-only connection); returns when the next retry is due.
    private func deliverDue(_ outbox: NotifierOutboxStore, command: [String], cfg: DossiersConfig) async -> Double? {
        do {
            let ledger = try state.ledger()
            let (due, next) = try await outbox.due(now: ledger.now())
            for id in due {
                if Task.isCancelled { return nil }
                try await deliver(id, outbox, command: command, cfg: cfg)
            }
            return due.isEmpty ? next : try await outbox.due(now: ledger.now()).nextAt
        } catch {
            logger.error("notifier: outbox not readable", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func deliver(_ id: String, _ outbox: NotifierOutboxStore, command: [String], cfg: DossiersConfig) async throws {
        // Committed in flight before the command runs.
        guard let begun = try await outbox.begin(id) else { return }
        let input = (try? begun.payload.json()) ?? Data()
        let p = begun.payload
        let failure = await runner.run(
            command, input: input, timeout: cfg.notifierTimeoutSeconds,
            secrets: [p.citizenName, p.citizenPhone ?? "", p.receiptCode])
        let after = try await outbox.finish(id, failure: failure, backoff: cfg.notifierBackoff)
        switch after?.state {
        case .sent: logger.info("notifier: sent", metadata: ["transition": "\(id)"])
        case .retrying(let a, let next, let err):
            logger.warning(
                "notifier: failed, will retry",
                metadata: ["transition": "\(id)", "attempt": "\(a)", "nextAt": "\(next)", "error": "\(err)"])
        case .gaveUp(_, let a, let err):
            logger.error("notifier: gave up", metadata: ["transition": "\(id)", "attempts": "\(a)", "error": "\(err)"])
        default: break
        }
    }
}
