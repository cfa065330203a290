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
            guard let model = cfg.boardModel(named: b.model) else { return nil }  // refused by check-config
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
            ScannerDriver(
                role: k.role, registry: state.registry, logger: Logger(label: "quay.keypad"),
                evdevDecoding: { KeypadDecoder.decoding() }
            ) { reading in
                Task { await keys.handle(reading, counter: k.counter) }
            }
        }
        roles =
            boards.map { Role(name: $0.config.role, match: $0.config.match, healthKind: nil, driver: $0) }
            + signs.map { Role(name: $0.config.role, match: $0.config.match, healthKind: nil, driver: $0) }
            + zip(cfg.scanners, scanners).map { Role(name: $0.role, match: $0.match, healthKind: "scanner", driver: $1) }
            + zip(cfg.keypads, keypads).map { Role(name: $0.role, match: $0.match, healthKind: "keypad", driver: $1) }
        var drivers: [String: any DeviceAttachable] = printers?.hotplug ?? [:]
        for r in roles where !r.byPath { drivers[r.name] = r.driver }
        if cfg.discoveryEnabled {
            // Bindings were validated by the config loader; a failure here means a duplicate role, also refused there.
            manager = try? DeviceManager(
                bindings: cfg.bindings, registry: state.registry, drivers: drivers,
                settle: .milliseconds(cfg.settleMs),
                logger: Logger(label: "quay.devices.discovery"))
        } else {
            manager = nil
            if !cfg.bindings.isEmpty {
                logger.error(
                    "[discovery] is off: devices configured by matcher will not be found",
                    metadata: ["roles": "\(cfg.bindings.map(\.role))"])
            }
        }
    }

    /// Opens the devices configured by path (printers open on first use).
    func attachStatic() async {
        for r in roles where r.byPath {
            if let kind = r.healthKind {
                await registry.register(
                    DeviceHealth(
                        role: r.name, kind: kind, matcher: r.match, devnode: r.match,
                        state: .ready, condition: "present"))
            }
            await r.driver.attach(devnode: r.match)
        }
    }

    func closeStatic() async {
        for r in roles where r.byPath { await r.driver.detach() }
    }
}
