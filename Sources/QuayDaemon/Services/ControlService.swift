import Logging
import QuayControl
import QuaySystem
import ServiceLifecycle

/// Runs the control socket; tells systemd READY=1 once it listens.
struct ControlService: LifecycleService {
    let server: ControlServer
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await server.run(onListening: {
                    notifier.notify("READY=1\nSTATUS=serving")
                })
            }
        } catch {
            // Cancellation at shutdown is the normal way out; anything else is a real failure.
            if Task.isShuttingDownGracefully || Task.isCancelled || error is CancellationError { return }
            logger.critical("control socket failed", metadata: ["error": "\(error)"])
            throw error
        }
    }
}

/// Sends WATCHDOG=1 at half the interval systemd asked for, while the ledger still answers.
struct WatchdogService: LifecycleService {
    let notifier: SystemdNotifier
    let interval: Double
    let state: DaemonState

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                // Only ping when the queue thread answers: a wedged writer should be restarted by systemd.
                if let l = state.ledgerIfOpen {
                    if (try? await l.read({ _ in true })) == true { notifier.notify("WATCHDOG=1") }
                } else {
                    notifier.notify("WATCHDOG=1")
                }
                try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
        }
    }
}

