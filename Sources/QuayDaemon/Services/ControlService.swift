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
