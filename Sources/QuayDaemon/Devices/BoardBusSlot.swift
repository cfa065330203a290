import Logging
import QuayDevices

/// One configured RS-485 bus of counter boards whose USB adapter may be unplugged and plugged back.
/// `DeviceManager` attaches it to the adapter's tty (or the daemon attaches a configured path once at start).
/// Remembers what every counter's board should show, so that a replugged bus shows the current numbers at once.
actor BoardBusSlot: DeviceAttachable {
    nonisolated let config: DevicesConfig.BoardBus
    nonisolated let model: BoardModel
    private let registry: DeviceRegistry
    private let logger: Logger
    private var bus: CounterBoardBus?
    private var supervisor: Task<Void, Never>?
    /// Counter id -> number its board should show (nil: blank).
    private var shown: [String: String] = [:]
    /// The last reason the port could not be opened (logged once per change, not per retry).
    private var openFailure: String?

    /// First wait before reopening a lost port, and the longest (doubling in between).
    static let reopenFirst = Duration.milliseconds(500)
    static let reopenMax = Duration.seconds(5)

    init(config: DevicesConfig.BoardBus, model: BoardModel, registry: DeviceRegistry, logger: Logger) {
        self.config = config
        self.model = model
        self.registry = registry
        self.logger = logger
    }

    var isAttached: Bool { bus != nil }

    /// Opens the bus at `devnode` and keeps it open: a supervisor task restores boards that come back and,
    /// when the port itself dies (a USB–RS-485 adapter reset, a simulator restarted at the same link), closes
    /// it and reopens the same path with backoff until it works, then shows every counter's number again.
    func attach(devnode: String) async {
        await detach()
        await open(devnode)
        supervisor = Task { await self.supervise(devnode) }
    }

    func detach() async {
        supervisor?.cancel()
        supervisor = nil
        await close(markingBoards: "disconnected")
        openFailure = nil
    }

    private func supervise(_ devnode: String) async {
        var wait = Self.reopenFirst
        while !Task.isCancelled {
            if let b = bus {
                await b.master.reconcile()
                if let lost = await b.master.portLost {
                    logger.warning(
                        "board bus lost its port; reopening",
                        metadata: ["bus": "\(config.role)", "devnode": "\(devnode)", "error": "\(lost)"])
                    await close(markingBoards: "bus-lost")
                    await registry.update(config.role) { h in
                        h.state = .error
                        h.condition = "reopening"
                        h.lastError = "\(lost)"
                        h.errors += 1
                    }
                    wait = Self.reopenFirst
                    continue
                }
                try? await Task.sleep(for: .milliseconds(500))
            } else {
                try? await Task.sleep(for: wait)
                guard !Task.isCancelled else { return }
                if await open(devnode) {
                    logger.notice("board bus reopened", metadata: ["bus": "\(config.role)", "devnode": "\(devnode)"])
                    wait = Self.reopenFirst
                } else {
                    wait = min(wait * 2, Self.reopenMax)
                }
            }
        }
    }

    /// Opens the port and shows what every counter's board should show; false when it cannot be opened.
    @discardableResult
    private func open(_ devnode: String) async -> Bool {
        do {
            let b = try await CounterBoardBus.open(
                role: config.role, path: devnode, baud: config.baud, model: model,
                boards: config.boards, registry: registry, logger: logger)
            bus = b
            openFailure = nil
            await registry.update(config.role) { h in
                h.devnode = devnode
                h.state = .ready
                h.condition = "ready"
                h.lastError = nil
            }
            for (counter, number) in shown.sorted(by: { $0.key < $1.key }) {
                try? await b.board(forCounter: counter)?.show(number: number)
            }
            return true
        } catch {
            logger.debug("board bus open failed", metadata: ["bus": "\(config.role)", "error": "\(error)"])
            if openFailure != "\(error)" {
                logger.error("board bus not opened", metadata: ["bus": "\(config.role)", "devnode": "\(devnode)", "error": "\(error)"])
            }
            openFailure = "\(error)"
            if await registry.get(config.role) == nil {
                await registry.register(DeviceHealth(role: config.role, kind: "board", matcher: config.match))
            }
            await registry.update(config.role) { h in
                h.devnode = devnode
                h.state = .error
                h.condition = "not-opened"
                h.lastError = "\(error)"
                h.errors += 1
            }
            return false
        }
    }

    private func close(markingBoards condition: String) async {
        guard let b = bus else { return }
        bus = nil
        await b.close()
        for counter in config.boards.keys {
            await registry.update("\(config.role):\(counter)") { h in
                h.state = .absent
                h.condition = condition
            }
        }
    }

    /// Shows a called number on the counter's board (remembered for a replug).
    func show(counter: String, number: String, blink: Bool) async throws(ModbusError) {
        guard config.boards[counter] != nil else { return }
        shown[counter] = number
        try await bus?.board(forCounter: counter)?.show(number: number, blink: blink)
    }

    func clear(counter: String) async throws(ModbusError) {
        guard config.boards[counter] != nil else { return }
        shown[counter] = nil
        try await bus?.board(forCounter: counter)?.clear()
    }

    /// Lamp test on every board of the bus ("8888", then back to what it showed). Returns the boards that failed.
    func test(hold: Duration = .seconds(1)) async -> [String: String] {
        guard let b = bus else { return config.boards.keys.reduce(into: [:]) { $0[$1] = "bus not connected" } }
        var failed: [String: String] = [:]
        for counter in config.boards.keys.sorted() {
            guard let board = b.board(forCounter: counter) else { continue }
            do throws(ModbusError) {
                try await board.test(hold: hold)
                if let n = shown[counter] { try await board.show(number: n) }
            } catch {
                failed[counter] = "\(error)"
            }
        }
        return failed
    }

    /// Identify: every board blinks its own counter number for `hold`, then shows what it showed before.
    func identify(counterNumbers: [String: String], hold: Duration = .seconds(3)) async -> [String: String] {
        guard let b = bus else { return config.boards.keys.reduce(into: [:]) { $0[$1] = "bus not connected" } }
        var failed: [String: String] = [:]
        for counter in config.boards.keys.sorted() {
            do throws(ModbusError) {
                try await b.board(forCounter: counter)?.show(number: counterNumbers[counter] ?? counter, blink: true)
            } catch { failed[counter] = "\(error)" }
        }
        try? await Task.sleep(for: hold)
        for counter in config.boards.keys.sorted() {
            guard let board = b.board(forCounter: counter) else { continue }
            if let n = shown[counter] { try? await board.show(number: n) } else { try? await board.clear() }
        }
        return failed
    }
}
