import Logging
import ServiceLifecycle

/// Connects configured devices (printers, boards, signs) to the queue. Filled in as drivers land.
enum DeviceWiring {
    static func services(state: DaemonState, hooks: HooksBox, logger: Logger) async throws -> [any LifecycleService] {
        []
    }
}

/// Serves the hall display when [web] is enabled.
enum WebWiring {
    static func service(state: DaemonState, logger: Logger) -> (any LifecycleService)? {
        nil
    }
}
