import Logging
import QuayControl
import QuaySystem
import ServiceLifecycle

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
