import Logging
import QuayWeb
import ServiceLifecycle

/// Connects configured devices (printers, boards, signs) to the queue. Filled in as drivers land.
enum DeviceWiring {
    static func services(state: DaemonState, hooks: HooksBox, logger: Logger) async throws -> [any LifecycleService] {
        let cfg = state.config.devices
        if !cfg.printers.isEmpty {
            let printers = Printers(config: cfg.printers, profiles: cfg, state: state)
            await printers.registerHealth(cfg.printers)
            hooks.update { PrinterOps.install(printers, into: &$0, state: state) }
            logger.info("printers configured", metadata: ["roles": "\(cfg.printers.map(\.role))"])
        }
        return DossierOps.install(hooks: hooks, state: state, logger: logger)
    }
}

/// The hall display page and the display service that feeds it and the LED boards.
enum WebWiring {
    static func services(state: DaemonState, logger: Logger) -> [any LifecycleService] {
        let cfg = state.config
        var hall: HallBroadcaster?
        var out: [any LifecycleService] = []
        if cfg.web.enabled {
            let b = HallBroadcaster()
            do {
                let server = try HallServer(feed: b, configuration: .init(host: cfg.web.host, port: cfg.web.port))
                out.append(HallWebService(server: server, logger: logger))
                hall = b
            } catch {
                logger.error("hall display assets missing; page disabled", metadata: ["error": "\(error)"])
            }
        }
        if hall != nil || !cfg.devices.boardBuses.isEmpty || !cfg.devices.hallSigns.isEmpty {
            out.append(DisplayService(state: state, hall: hall, logger: logger))
        }
        return out
    }
}
