import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import ServiceLifecycle
import UnixSignals

/// SIGHUP reloads the configuration.
struct ReloadOnHangup: LifecycleService {
    let reload: @Sendable () async throws -> Void
    let logger: Logger
    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            logger.info("SIGHUP: reloading configuration")
            try? await reload()
        }
    }
}
