#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Logging
import QuaySystem

/// The master of one RS-485 bus: owns the serial port and serialises every exchange with the boards on it.
///
/// All isolated code runs on a dedicated thread (`DedicatedThreadExecutor`), so the bounded blocking waits of the
/// protocol (inter-frame silence, poll for a reply) never occupy Swift's cooperative pool. Every wait is bounded:
/// a dead board costs at most `(1 + retries) * responseTimeout` once, then one attempt per call, then nothing while
/// it is backed off; the other boards on the bus carry on. Per-board health goes to the `DeviceRegistry`.
///
/// Boards are driven by *desired state* (`apply`): the last requests for a unit are remembered, so a board that was
/// unplugged or backed off gets its current number again from `reconcile()` as soon as it answers.
public actor ModbusMaster {
    private struct Unit {
        var role: String?
        var probe: ModbusRequest = .readHoldingRegisters(address: 0, count: 1)
        var consecutiveFailures = 0
        var nextAttemptNanos: UInt64 = 0
        var desired: [ModbusRequest] = []
        /// The desired state has not been confirmed by the board yet.
        var dirty = false
        /// Request frames sent to the unit since the master was opened (diagnostics and tests).
        var sent = 0
        /// Frames and bytes exchanged since the last registry update.
        var unreportedFrames: UInt64 = 0
        var unreportedBytes: UInt64 = 0
    }

    private let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public nonisolated let path: String
    public nonisolated let timing: ModbusTiming
    private var port: SerialPort?
    private let registry: DeviceRegistry?
    private let logger: Logger
    private var parser = ModbusRTUParser()
    private var lastBusActivity: UInt64 = 0
    private var units: [UInt8: Unit] = [:]
    private var readBuffer = [UInt8](repeating: 0, count: 512)
    /// Reply deadlines, inter-frame silence and backoff are measured on this clock.
    private let clock: any DeviceClock
    /// Set when the serial port itself failed (`SystemError.isDisconnect`: adapter unplugged or reset): no frame
    /// will pass again on this descriptor; the owner closes the master and reopens the path.
    public private(set) var portLost: SystemError?

    /// Takes ownership of an open port (see `SerialPort.open`). The port should be non-blocking.
    /// - Parameter clock: the time base of deadlines and backoff (tests inject one they can move forward).
    public init(
        port: SerialPort, timing: ModbusTiming, registry: DeviceRegistry? = nil,
        logger: Logger = Logger(label: "quay.modbus"), clock: any DeviceClock = MonotonicClock()
    ) {
        self.executor = DedicatedThreadExecutor(name: "modbus \(port.path)")
        self.clock = clock
        self.path = port.path
        self.port = port
        self.timing = timing
        self.registry = registry
        self.logger = logger
    }

    /// Opens `path` raw at `timing.line` (non-blocking) and creates the master for it.
    public static func open(
        path: String, timing: ModbusTiming = ModbusTiming(), registry: DeviceRegistry? = nil,
        logger: Logger = Logger(label: "quay.modbus"),
        clock: any DeviceClock = MonotonicClock()
    ) throws(ModbusError) -> ModbusMaster {
        do {
            let port = try SerialPort.open(path, timing.line, nonBlocking: true)
            return ModbusMaster(port: port, timing: timing, registry: registry, logger: logger, clock: clock)
        } catch {
            throw .transport(error)
        }
    }

    /// Declares a board on this bus and registers its health (kind "board") under `role`.
    /// `probe` is what `reconcile()` sends to a failed board that has no desired state yet; an exception reply
    /// also proves the board is alive.
    public func attach(
        unit: UInt8, role: String,
        probe: ModbusRequest = .readHoldingRegisters(address: 0, count: 1)
    ) async {
        units[unit, default: Unit()].role = role
        units[unit]?.probe = probe
        await registry?.register(
            DeviceHealth(
                role: role, kind: "board", matcher: "modbus \(path) unit \(unit)",
                devnode: path, state: .absent, condition: "not-contacted"))
    }

    /// Closes the port; later calls throw `.closed`.
    public func close() {
        port?.close()
        port = nil
    }

    // MARK: Requests

    /// One request/response exchange with retries. Throws `.backingOff` at once for a board in backoff.
    @discardableResult
    public func transact(unit: UInt8, _ request: ModbusRequest) async throws(ModbusError) -> ModbusResponse {
        try checkBackoff(unit)
        let result = exchangeWithRetries(unit: unit, request)
        await record(unit: unit, result)
        return try result.get()
    }

    /// Sends a write to every board (address 0). No reply is expected; the master waits the turnaround delay.
    public func broadcast(_ request: ModbusRequest) throws(ModbusError) {
        guard request.isWrite else { throw .encode(.invalidUnit(ModbusRTU.broadcastUnit)) }
        let frame: [UInt8]
        do { frame = try ModbusRTU.encode(unit: ModbusRTU.broadcastUnit, request) } catch { throw .encode(error) }
        try send(frame)
        sleepMs(timing.broadcastTurnaroundMs)
    }

    /// Sets the desired state of a board (e.g. "show A015") and sends it unless the board is backed off.
    /// The state is remembered either way; `reconcile()` restores it when the board answers again.
    public func apply(unit: UInt8, _ requests: [ModbusRequest]) async throws(ModbusError) {
        units[unit, default: Unit()].desired = requests
        units[unit]?.dirty = true
        try checkBackoff(unit)
        // A board that does not answer at all is not retried here: its retries would hold up the next board's
        // frame (another counter's call) for two more response timeouts. `reconcile()` retries it within its
        // interval, between other frames. A garbled reply (the board is there) is retried at once.
        let result = sendDesired(unit: unit, retryingSilence: false)
        await record(unit: unit, result)
        _ = try result.get()
    }

    /// Retries boards whose backoff has passed and that either have unconfirmed desired state or are failing
    /// (probed with their desired state, or the probe request). Call periodically (see `runMaintenance`).
    public func reconcile() async {
        let now = clock.nowNanos()
        for (unit, state) in units.sorted(by: { $0.key < $1.key }) {
            guard state.dirty || state.consecutiveFailures > 0, now >= state.nextAttemptNanos else { continue }
            let result: Result<ModbusResponse, ModbusError>
            if !state.desired.isEmpty {
                result = sendDesired(unit: unit)
            } else {
                result = exchangeWithRetries(unit: unit, state.probe)
                if case .failure(.exception) = result {
                    // Alive: an exception is an answer.
                    await record(unit: unit, .success(.exception(function: 0, code: .illegalFunction)))
                    continue
                }
            }
            await record(unit: unit, result)
        }
    }

    /// Calls `reconcile()` every `interval` until the task is cancelled.
    public func runMaintenance(every interval: Duration = .milliseconds(500)) async {
        while !Task.isCancelled {
            await reconcile()
            try? await Task.sleep(for: interval)
        }
    }

    /// Request frames sent to a unit so far.
    public func framesSent(unit: UInt8) -> Int { units[unit]?.sent ?? 0 }

    /// Consecutive failed exchanges of a unit (0 = healthy).
    public func failures(unit: UInt8) -> Int { units[unit]?.consecutiveFailures ?? 0 }

    /// Whether a unit's desired state still has to be confirmed by the board.
    public func isPending(unit: UInt8) -> Bool { units[unit]?.dirty ?? false }

    // MARK: Internals (run on the bus thread, never suspend)

    private func checkBackoff(_ unit: UInt8) throws(ModbusError) {
        guard port != nil else { throw .closed }
        let now = clock.nowNanos()
        if let u = units[unit], now < u.nextAttemptNanos {
            throw .backingOff(unit: unit, retryInMs: Int((u.nextAttemptNanos - now) / 1_000_000))
        }
    }

    private func sendDesired(unit: UInt8, retryingSilence: Bool = true) -> Result<ModbusResponse, ModbusError> {
        let requests = units[unit]?.desired ?? []
        var last: ModbusResponse = .writeMultipleRegisters(address: 0, count: 0)
        for request in requests {
            let r = exchangeWithRetries(unit: unit, request, retryingSilence: retryingSilence)
            switch r {
            case .success(let response): last = response
            case .failure: return r
            }
        }
        units[unit]?.dirty = false
        return .success(last)
    }

    /// A healthy board gets `1 + retries` attempts; a failing one a single attempt (a probe). Without
    /// `retryingSilence`, a timeout (no byte at all) ends the exchange at once.
    private func exchangeWithRetries(
        unit: UInt8, _ request: ModbusRequest, retryingSilence: Bool = true
    ) -> Result<ModbusResponse, ModbusError> {
        let frame: [UInt8]
        do { frame = try ModbusRTU.encode(unit: unit, request) } catch { return .failure(.encode(error)) }
        if unit == ModbusRTU.broadcastUnit { return .failure(.encode(.invalidUnit(unit))) }
        let attempts = (units[unit]?.consecutiveFailures ?? 0) > 0 ? 1 : 1 + max(0, timing.retries)
        var lastError: ModbusError = .timeout(unit: unit)
        for attempt in 0..<attempts {
            if attempt > 0 { sleepMs(timing.retryDelayMs << (attempt - 1)) }
            switch exchangeOnce(unit: unit, request, frame: frame) {
            case .success(let response):
                return .success(response)
            case .failure(let e):
                lastError = e
                switch e {
                case .transport, .closed, .encode: return .failure(e)
                case .timeout where !retryingSilence: return .failure(e)
                case .exception(_, _, let code) where !code.isTransient: return .failure(e)
                default: continue
                }
            }
        }
        return .failure(lastError)
    }

    private func exchangeOnce(unit: UInt8, _ request: ModbusRequest, frame: [UInt8]) -> Result<ModbusResponse, ModbusError> {
        do { try send(frame) } catch { return .failure(error) }
        units[unit, default: Unit()].sent += 1
        guard let port else { return .failure(.closed) }
        let frameEnd = lastBusActivity
        let deadline = frameEnd + UInt64(timing.responseTimeoutMs) * 1_000_000
        // Even a line that never goes quiet (a babbling board) cannot hold the bus longer than this.
        let hardDeadline =
            deadline + timing.frameNanos(bytes: ModbusRTU.maxFrameLength)
            + UInt64(timing.interByteTimeoutMs) * 1_000_000
        var sawCRCError = false
        while true {
            let now = clock.nowNanos()
            if now >= hardDeadline {
                parser.silence()
                return .failure(sawCRCError ? .crcError(unit: unit) : .malformed(unit: unit))
            }
            let partial = parser.pendingCount > 0 || sawCRCError
            var waitMs: Int
            if now >= deadline && !partial {
                return .failure(.timeout(unit: unit))
            }
            waitMs = now >= deadline ? 0 : Int((deadline - now + 999_999) / 1_000_000)
            if partial { waitMs = timing.interByteTimeoutMs }
            let events: Poll.Events
            do { events = try Poll.wait(port.fd, for: .readable, timeoutMs: Int32(waitMs)) } catch { return .failure(.transport(error)) }
            if events.isEmpty {
                if partial {
                    // The line went silent inside a frame: the reply is lost.
                    let dropped = parser.silence()
                    logger.debug("modbus reply dropped", metadata: ["unit": "\(unit)", "bytes": "\(dropped)"])
                    return .failure(sawCRCError ? .crcError(unit: unit) : .malformed(unit: unit))
                }
                continue
            }
            let n: Int
            switch readChunk(port) {
            case .success(let count): n = count
            case .failure(let error):
                if error.isWouldBlock { continue }
                return .failure(.transport(error))
            }
            if n == 0 {
                return .failure(.transport(SystemError(call: "read", errno: EIO, path: path)))
            }
            lastBusActivity = clock.nowNanos()
            for action in parser.feed(readBuffer[0..<n]) {
                switch action {
                case .skipped:
                    continue
                case .crcMismatch(let u, _):
                    if u == unit { sawCRCError = true }
                case .frame(let f):
                    guard f.unit == unit else { continue }  // a stray late reply from another board
                    parser.silence()
                    if case let .exception(function, code) = f.response {
                        return .failure(.exception(unit: unit, function: function, code: code))
                    }
                    guard ModbusRTU.response(f.response, answers: request) else {
                        return .failure(.unexpectedResponse(unit: unit))
                    }
                    units[unit, default: Unit()].unreportedFrames += 1
                    units[unit]?.unreportedBytes += UInt64(frame.count + ModbusRTU.encode(f).count)
                    return .success(f.response)
                }
            }
        }
    }

    /// Waits out the inter-frame silence, discards stale input and writes one frame.
    private func send(_ frame: [UInt8]) throws(ModbusError) {
        guard let port else { throw .closed }
        let silenceEnd = lastBusActivity + timing.interFrameSilenceNanos
        let now = clock.nowNanos()
        if now < silenceEnd { sleepNanos(silenceEnd - now) }
        discardInput(port)
        do { try port.fd.writeAll(frame, stallTimeoutMs: Int32(timing.responseTimeoutMs)) } catch {
            switch error {
            case .timedOut: throw .transport(SystemError(call: "write", errno: ETIMEDOUT, path: path))
            case .system(let e, _): throw .transport(e)
            }
        }
        // The last byte leaves the UART one frame time after the write (the kernel queues it).
        lastBusActivity = clock.nowNanos() + timing.frameNanos(bytes: frame.count)
    }

    /// Drops late replies and line noise before a new request.
    private func discardInput(_ port: SerialPort) {
        try? port.flush(.input)
        parser.silence()
        while case .success(let n) = readChunk(port), n > 0 {}
    }

    private func readChunk(_ port: SerialPort) -> Result<Int, SystemError> {
        readBuffer.withUnsafeMutableBytes { b in
            do throws(SystemError) { return .success(try port.fd.read(into: b)) } catch { return .failure(error) }
        }
    }

    /// Updates failure counters, backoff and the registry after an exchange.
    private func record(unit: UInt8, _ result: Result<ModbusResponse, ModbusError>) async {
        var u = units[unit, default: Unit()]
        let now = Date().timeIntervalSince1970
        switch result {
        case .success:
            if u.consecutiveFailures > 0 {
                logger.notice("modbus board answering again", metadata: ["unit": "\(unit)", "after_failures": "\(u.consecutiveFailures)"])
            }
            u.consecutiveFailures = 0
            u.nextAttemptNanos = 0
        case .failure(let e):
            if case .transport(let se) = e, se.isDisconnect { portLost = portLost ?? se }
            switch e {
            case .exception, .backingOff, .encode, .closed:
                break  // the board answered, or nothing was sent
            default:
                u.consecutiveFailures += 1
                let ms = timing.backoffMs(afterFailures: u.consecutiveFailures)
                u.nextAttemptNanos = ms > 0 ? clock.nowNanos() + UInt64(ms) * 1_000_000 : 0
                logger.warning(
                    "modbus board failing",
                    metadata: [
                        "unit": "\(unit)", "error": "\(e)",
                        "failures": "\(u.consecutiveFailures)", "backoff_ms": "\(ms)",
                    ])
            }
        }
        let frames = u.unreportedFrames, bytes = u.unreportedBytes
        u.unreportedFrames = 0
        u.unreportedBytes = 0
        units[unit] = u
        guard let registry, let role = u.role else { return }
        switch result {
        case .success:
            await registry.update(role) { h in
                h.state = .ready
                h.condition = "ready"
                h.lastError = nil
                h.frames += frames
                h.bytes += bytes
                h.lastSeen = now
            }
        case .failure(let e):
            if case .backingOff = e { return }
            let state: DeviceState
            switch e {
            case .transport, .closed: state = .error
            default: state = .fault
            }
            let text = e.description, condition = e.condition
            await registry.update(role) { h in
                h.state = state
                h.condition = condition
                h.lastError = text
                h.errors += 1
                h.frames += frames
                h.bytes += bytes
            }
        }
    }

    private func sleepMs(_ ms: Int) { if ms > 0 { sleepNanos(UInt64(ms) * 1_000_000) } }
}
