import Logging
import ServiceLifecycle

/// Connects configured devices (printers, boards, signs) to the queue. Filled in as drivers land.
enum DeviceWiring {
    static func services(state: DaemonState, hooks: HooksBox, logger: Logger) async throws -> [any LifecycleService] {
        let cfg = state.config.devices
        if !cfg.printers.isEmpty {
            let printers = Printers(config: cfg.printers, state: state)
            await printers.registerHealth(cfg.printers)
            hooks.update { PrinterOps.install(printers, into: &$0, state: state) }
            logger.info("printers configured", metadata: ["roles": "\(cfg.printers.map(\.role))"])
        }
        return []
    }
}

/// Serves the hall display when [web] is enabled.
enum WebWiring {
    static func service(state: DaemonState, logger: Logger) -> (any LifecycleService)? {
        nil
    }
}
