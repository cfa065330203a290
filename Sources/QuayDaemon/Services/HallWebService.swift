import Foundation
import Logging
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import QuayWeb
import ServiceLifecycle

/// Serves the hall display page when [web] is enabled.
struct HallWebService: LifecycleService, CustomStringConvertible {
    let server: HallServer
    let logger: Logger
    var description: String { "hall display on \(server.configuration.host):\(server.configuration.port)" }
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await server.run(onRunning: { port in
                    Logger(label: "quayd").info("hall display serving", metadata: ["port": "\(port)"])
                })
            }
        } catch {
            if Task.isShuttingDownGracefully || Task.isCancelled || error is CancellationError { return }
            // The hall page is a convenience: the queue keeps working without it.
            logger.error("hall display stopped; the queue goes on without it", metadata: ["error": "\(error)"])
            // Returning would end the whole service group (quayd): wait for the daemon's own shutdown instead.
            try? await gracefulShutdown()
        }
    }
}
