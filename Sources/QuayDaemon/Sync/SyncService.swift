import Logging
import QuaySync
import ServiceLifecycle

/// Dials the peers that have a url every `[sync] interval` (peers that failed wait longer, doubling up to
/// `max_backoff`); `sync-now` runs a round in between. Stops at graceful shutdown: a round cut there resumes at the
/// checkpoints next time.
struct SyncService: LifecycleService {
    let runtime: SyncRuntime
    let logger: Logger

    func run() async throws {
        // A site whose peers only call it keeps this service idle (a service that returns would stop quayd).
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if !runtime.dialled.isEmpty { _ = await runtime.round(scheduled: true) }
                try? await Task.sleep(for: .milliseconds(Int64(runtime.config.interval * 1000)))
            }
        }
        try? await runtime.client.http.shutdown()
    }
}
