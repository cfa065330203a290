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
    /// The last call ("Mời số A015 đến quầy 3") and the results-ready line; the sign shows both, call first.
    private var call: String?
    private var ready: String?
    private var text: String? {
        let parts = [call, ready].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " - ")
    }
    private var devnode: String?
    /// Reopens the port after it died (adapter reset), with backoff; nil while the sign works or is detached.
    private var reopening: Task<Void, Never>?
    private var openFailure: String?

    init(config: DevicesConfig.BoardBus, registry: DeviceRegistry, logger: Logger) {
        self.config = config
        self.registry = registry
        self.logger = logger
    }

    func attach(devnode: String) async {
        await detach()
        self.devnode = devnode
        if await !open(devnode) { startReopening(devnode) }
    }

    func detach() async {
        reopening?.cancel()
        reopening = nil
        devnode = nil
        openFailure = nil
        guard let s = sign else { return }
        sign = nil
        await s.close()
    }

    /// A call: replaces the call part of the text.
    func show(_ new: String, force: Bool) async {
        call = new
        await send(force: force)
    }

    /// The results-ready line (nil: none ready); only for signs configured with `results_ready = true`.
    func showResultsReady(_ line: String?) async {
        guard config.resultsReady, line != ready else { return }
        ready = line
        await send(force: false)
    }

    private func send(force: Bool) async {
        guard let s = sign, let new = text else { return }
        do throws(AlphaSignError) { try await s.show(new, force: force) } catch {
            // A dead port (the adapter reset or went away): close it and reopen the same path until it works.
            guard case .transport(let e) = error, e.isDisconnect, let devnode else { return }
            logger.warning("hall sign lost its port; reopening", metadata: ["sign": "\(config.role)", "error": "\(e)"])
            sign = nil
            await s.close()
            startReopening(devnode)
        }
    }

    private func startReopening(_ devnode: String) {
        guard reopening == nil else { return }
        reopening = Task {
            var wait = BoardBusSlot.reopenFirst
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                if Task.isCancelled { break }
                if await self.open(devnode) { break }
                wait = min(wait * 2, BoardBusSlot.reopenMax)
            }
            await self.reopened()
        }
    }

    private func reopened() { reopening = nil }

    /// Opens the sign and shows the current text; false when the port cannot be opened.
    private func open(_ devnode: String) async -> Bool {
        do {
            let s = try AlphaSignDriver.open(
                path: devnode, line: SerialPort.Configuration(baud: config.baud),
                role: config.role, registry: registry)
            await s.attach()
            sign = s
            if openFailure != nil { logger.notice("hall sign reopened", metadata: ["sign": "\(config.role)"]) }
            openFailure = nil
            if let text { try? await s.show(text, force: true) }
            return true
        } catch {
            if openFailure != "\(error)" {
                logger.error("hall sign not opened", metadata: ["sign": "\(config.role)", "devnode": "\(devnode)", "error": "\(error)"])
            }
            openFailure = "\(error)"
            await registry.register(
                DeviceHealth(
                    role: config.role, kind: "alphasign", matcher: config.match, devnode: devnode,
                    state: .error, condition: "not-opened", lastError: "\(error)"))
            return false
        }
    }
}
