import Logging
import QuayDevices
import QuayWeb
import ServiceLifecycle

/// Connects configured devices (printers, boards, signs) to the queue.
enum DeviceWiring {
    static func services(state: DaemonState, devices: DaemonDevices, logger: Logger) async throws -> [any LifecycleService] {
        if let printers = devices.printers {
            await printers.registerHealth(state.config.devices.printers)
            logger.info("printers configured", metadata: ["roles": "\(state.config.devices.printers.map(\.role))"])
        }
        return [DiscoveryService(devices: devices, registry: state.registry, logger: logger)]
    }
}
