import Logging
import QuayDevices
import QuaySystem

/// The Alpha hall sign, attached to its serial adapter by `DeviceManager` (or to a configured path at start).
/// Keeps the last text so a replugged sign shows the current call again.
actor SignSlot: DeviceAttachable {
    nonisolated let config: DevicesConfig.BoardBus
    private let registry: DeviceRegistry
    private let logger: Logger
    private var sign: AlphaSignDriver?
    private var text: String?

    init(config: DevicesConfig.BoardBus, registry: DeviceRegistry, logger: Logger) {
        self.config = config
        self.registry = registry
        self.logger = logger
    }

    func attach(devnode: String) async {
        await detach()
        do {
            let s = try AlphaSignDriver.open(
                path: devnode, line: SerialPort.Configuration(baud: config.baud),
                role: config.role, registry: registry)
            await s.attach()
            sign = s
            if let text { try? await s.show(text, force: true) }
        } catch {
            logger.error("hall sign not opened", metadata: ["sign": "\(config.role)", "devnode": "\(devnode)", "error": "\(error)"])
            await registry.register(
                DeviceHealth(
                    role: config.role, kind: "alphasign", matcher: config.match, devnode: devnode,
                    state: .error, condition: "not-opened", lastError: "\(error)"))
        }
    }

    func detach() async {
        guard let s = sign else { return }
        sign = nil
        await s.close()
    }

    func show(_ new: String, force: Bool) async {
        text = new
        try? await sign?.show(new, force: force)
    }
}
