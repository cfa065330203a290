import Logging
import QuayDevices
import QuayWeb
import ServiceLifecycle

/// What the daemon drives, built once at start from `[[printer]]`, `[[board_bus]]`, `[[hall_sign]]` and
/// `[discovery]`. Roles whose `match` is a udev matcher are attached and detached by the `DeviceManager` as
/// their devices come and go; roles configured by path are opened directly.
final class DaemonDevices: Sendable {
    let printers: Printers?
    let boards: [BoardBusSlot]
    let signs: [SignSlot]
    let scanners: [ScannerDriver]
    /// Counter keypads (evdev), read like scanners with the keypad decoder.
    let keypads: [ScannerDriver]
    /// nil when discovery is off in the configuration.
    let manager: DeviceManager?
    private let registry: DeviceRegistry
    /// Every role but printers (whose transports open on first use), with its `match` and driver.
    private let roles: [Role]

    private struct Role: Sendable {
        let name: String
        let match: String
        /// Kind for the health entry of a path-bound role; nil when the driver registers its own (boards, sign).
        let healthKind: String?
        let driver: any DeviceAttachable
        var byPath: Bool { !DevicesConfig.isMatcher(match) }
    }

    init(state: DaemonState, dispatcher: OpDispatcher, logger: Logger) {
        let cfg = state.config.devices
        registry = state.registry
        printers = cfg.printers.isEmpty ? nil : Printers(config: cfg.printers, profiles: cfg, state: state)
        boards = cfg.boardBuses.compactMap { b in
            guard let model = BoardModel.preset(named: b.model) else { return nil } // refused by check-config
            return BoardBusSlot(config: b, model: model, registry: state.registry, logger: logger)
        }
        signs = cfg.hallSigns.map { SignSlot(config: $0, registry: state.registry, logger: logger) }
        let router = ScanRouter(state: state, dispatcher: dispatcher, logger: logger)
        scanners = cfg.scanners.map { sc in
            ScannerDriver(role: sc.role, baud: sc.baud, registry: state.registry) { reading in
                Task { await router.handle(reading, kiosk: sc.kiosk) }
            }
        }
        let keys = KeypadRouter(state: state, dispatcher: dispatcher, logger: logger)
        keypads = cfg.keypads.map { k in
            ScannerDriver(role: k.role, registry: state.registry, logger: Logger(label: "quay.keypad"),
                          evdevDecoding: { KeypadDecoder.decoding() }) { reading in
                Task { await keys.handle(reading, counter: k.counter) }
            }
        }
        roles = boards.map { Role(name: $0.config.role, match: $0.config.match, healthKind: nil, driver: $0) }
            + signs.map { Role(name: $0.config.role, match: $0.config.match, healthKind: nil, driver: $0) }
            + zip(cfg.scanners, scanners).map { Role(name: $0.role, match: $0.match, healthKind: "scanner", driver: $1) }
            + zip(cfg.keypads, keypads).map { Role(name: $0.role, match: $0.match, healthKind: "keypad", driver: $1) }
        var drivers: [String: any DeviceAttachable] = printers?.hotplug ?? [:]
        for r in roles where !r.byPath { drivers[r.name] = r.driver }
        if cfg.discoveryEnabled {
            // Bindings were validated by the config loader; a failure here means a duplicate role, also refused there.
            manager = try? DeviceManager(bindings: cfg.bindings, registry: state.registry, drivers: drivers,
                                         settle: .milliseconds(cfg.settleMs),
                                         logger: Logger(label: "quay.devices.discovery"))
        } else {
            manager = nil
            if !cfg.bindings.isEmpty {
                logger.error("[discovery] is off: devices configured by matcher will not be found",
                             metadata: ["roles": "\(cfg.bindings.map(\.role))"])
            }
        }
    }

    /// Opens the devices configured by path (printers open on first use).
    func attachStatic() async {
        for r in roles where r.byPath {
            if let kind = r.healthKind {
                await registry.register(DeviceHealth(role: r.name, kind: kind, matcher: r.match, devnode: r.match,
                                                     state: .ready, condition: "present"))
            }
            await r.driver.attach(devnode: r.match)
        }
    }

    func closeStatic() async {
        for r in roles where r.byPath { await r.driver.detach() }
    }
}

/// Runs device discovery for the daemon's lifetime: opens path-configured devices, scans, then follows hotplug
/// until shutdown (every driver is detached on the way out). If udev is not usable (no /sys, no netlink) the
/// daemon keeps running with the path-configured devices and reports it in `quayctl devices`.
struct DiscoveryService: LifecycleService {
    let devices: DaemonDevices
    let registry: DeviceRegistry
    let logger: Logger

    func run() async throws {
        await devices.attachStatic()
        await follow()
        await devices.closeStatic()
    }

    private func follow() async {
        guard let manager = devices.manager else {
            try? await gracefulShutdown()
            return
        }
        do {
            try await manager.start()
        } catch {
            logger.error("device discovery unavailable; devices configured by matcher stay absent", metadata: ["error": "\(error)"])
            await registry.register(DeviceHealth(role: "discovery", kind: "udev", matcher: "libudev", state: .error,
                                                 condition: "unavailable", lastError: "\(error)"))
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { await manager.follow() }
    }
}

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
