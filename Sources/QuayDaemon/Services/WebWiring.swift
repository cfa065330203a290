import Logging
import QuayDevices
import QuayWeb
import ServiceLifecycle

/// The hall display page and the display service that feeds it and the LED boards.
enum WebWiring {
    static func services(state: DaemonState, devices: DaemonDevices, logger: Logger) -> [any LifecycleService] {
        let cfg = state.config
        var hall: HallBroadcaster?
        var out: [any LifecycleService] = []
        if cfg.web.enabled {
            let b = HallBroadcaster()
            do {
                let server = try HallServer(feed: b, configuration: .init(
                    host: cfg.web.host, port: cfg.web.port, maxConnections: cfg.web.maxConnections,
                    idleTimeout: .milliseconds(Int64(cfg.web.idleTimeoutSeconds * 1000))))
                out.append(HallWebService(server: server, logger: logger))
                hall = b
            } catch {
                logger.error("hall display assets missing; page disabled", metadata: ["error": "\(error)"])
            }
        }
        if hall != nil || !devices.boards.isEmpty || !devices.signs.isEmpty {
            out.append(DisplayService(state: state, hall: hall, logger: logger, boards: devices.boards, signs: devices.signs))
        }
        return out
    }
}
