import Foundation
import Logging
import QuaySystem

/// What happened when a ticket was printed.
public struct PrintReceipt: Sendable, Equatable {
    public var bytesSent: Int
    public var milliseconds: Int
    /// Condition reported after the ticket (e.g. `.paperNearEnd`: printed, but tell the technician).
    /// nil when the profile has no status replies.
    public var conditionAfter: PrinterCondition?
    public var unknownGlyphs: Int
}

/// One ticket printer. Serialises jobs, checks status before and after each ticket, refuses with a typed
/// `PrinterError`, and keeps `DeviceRegistry` health current. The actor runs on its own thread
/// (`DedicatedThreadExecutor`), so its blocking I/O (bounded by timeouts) never occupies the caller's thread or
/// the cooperative pool. After a failure the transport is closed; the next job re-opens it (replugging needs no
/// restart).
public actor PrinterDriver {
    public struct Options: Sendable {
        /// Wait for the three real-time status bytes.
        public var statusTimeoutMs: Int32
        /// Give up a write when the printer accepts nothing for this long.
        public var stallTimeoutMs: Int32
        /// Query status after each ticket too (updates near-end / paper-out without waiting for the next one).
        public var statusAfter: Bool

        public init(statusTimeoutMs: Int32 = 500, stallTimeoutMs: Int32 = 3000, statusAfter: Bool = true) {
            self.statusTimeoutMs = statusTimeoutMs
            self.stallTimeoutMs = stallTimeoutMs
            self.statusAfter = statusAfter
        }
    }

    public nonisolated let role: String
    public nonisolated let profile: PrinterProfile
    public nonisolated let transport: any PrinterTransport
    public nonisolated let options: Options
    private let registry: DeviceRegistry?
    private let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    public private(set) var lastCondition: PrinterCondition = .disconnected
    private let logger: Logger
    /// What the log last said of this printer ("ready", "paper-out", "stalled"…): each change is logged once.
    private var loggedState: String?
    /// The last status query, for callers that asked while it ran (several kiosks during a stall share one
    /// timeout instead of waiting one after another).
    private var lastQuery: (finishedAt: UInt64, refusal: PrinterError?, condition: PrinterCondition)?

    public init(
        role: String, profile: PrinterProfile, transport: any PrinterTransport,
        registry: DeviceRegistry? = nil, options: Options = Options(), logger: Logger = Logger(label: "quay.printer")
    ) {
        self.logger = logger
        self.role = role
        self.profile = profile
        self.transport = transport
        self.registry = registry
        self.options = options
        self.executor = DedicatedThreadExecutor(name: "printer \(role)")
    }

    /// Renders and prints one ticket. Throws before sending anything when the printer reports paper out,
    /// cover open or offline, or cannot be reached.
    @discardableResult
    public func print(_ job: TicketPrintJob) async throws(PrinterError) -> PrintReceipt {
        let ticket = TicketRenderer(profile: profile).render(job)
        var receipt = try await send(ticket.bytes)
        receipt.unknownGlyphs = ticket.unknownGlyphs
        return receipt
    }

    /// Sends an already encoded ESC/POS stream with the same status checks as `print`.
    @discardableResult
    public func send(_ bytes: [UInt8]) async throws(PrinterError) -> PrintReceipt {
        let t = transport, o = options, statusReplies = profile.statusReplies
        let start = monotonicNanos()
        let result: Result<PrinterCondition?, PrinterError> = run {
            do throws(PrinterIOError) {
                try t.open()
                if statusReplies {
                    let before = try PrinterStatusQuery.run(t, timeoutMs: o.statusTimeoutMs).condition
                    if let refusal = PrinterError.refusing(before) { return .failure(refusal) }
                }
                try t.write(bytes, stallTimeoutMs: o.stallTimeoutMs)
                guard statusReplies && o.statusAfter else { return .success(nil) }
                // The printer may still be busy printing: allow for the stall timeout, not just the short one.
                let after = try PrinterStatusQuery.run(t, timeoutMs: max(o.statusTimeoutMs, o.stallTimeoutMs))
                return .success(after.condition)
            } catch {
                t.close()  // next job re-opens: flushes half-sent data, finds a replugged device
                return .failure(PrinterError.from(error))
            }
        }
        let ms = Int((monotonicNanos() - start) / 1_000_000)
        switch result {
        case .success(let after):
            await report(condition: after ?? .ready, error: nil, bytes: bytes.count, job: true)
            return PrintReceipt(bytesSent: bytes.count, milliseconds: ms, conditionAfter: after, unknownGlyphs: 0)
        case .failure(let e):
            await report(condition: e.condition, error: e, bytes: 0, job: false)
            throw e
        }
    }

    /// Asks the printer (`DLE EOT 1/2/4`) and updates health. `.disconnected` when it cannot be reached,
    /// `.offline` when it does not answer; `.ready` for profiles without status replies once the node opens.
    public nonisolated func queryStatus() async -> PrinterCondition {
        await status(askedAt: monotonicNanos()).condition
    }

    /// The refusal a kiosk gets before a number is taken (nil: the printer can print): `.stalled` when it did not
    /// answer in time, else the condition's error. Callers that asked while another caller's query was running
    /// share its answer.
    public nonisolated func refusalBeforeIssue() async -> PrinterError? {
        await status(askedAt: monotonicNanos()).refusal
    }

    private func status(askedAt: UInt64) async -> (refusal: PrinterError?, condition: PrinterCondition) {
        if let last = lastQuery, last.finishedAt >= askedAt { return (last.refusal, last.condition) }
        let t = transport, o = options, statusReplies = profile.statusReplies
        let result: Result<PrinterCondition, PrinterError> = run {
            do throws(PrinterIOError) {
                try t.open()
                guard statusReplies else { return .success(.ready) }
                return .success(try PrinterStatusQuery.run(t, timeoutMs: o.statusTimeoutMs).condition)
            } catch {
                t.close()
                return .failure(PrinterError.from(error))
            }
        }
        let answer: (refusal: PrinterError?, condition: PrinterCondition) =
            switch result {
            case .success(let c): (PrinterError.refusing(c), c)
            case .failure(let e): (e, e == .stalled ? .offline : e.condition)
            }
        // Before the first suspension point: callers queued behind this query take its answer (the actor is
        // re-entered while `report` awaits the registry).
        lastQuery = (monotonicNanos(), answer.refusal, answer.condition)
        switch result {
        case .success(let c): await report(condition: c, error: nil, bytes: 0, job: false)
        case .failure(let e): await report(condition: e.condition, error: e, bytes: 0, job: false)
        }
        return answer
    }

    /// Closes the device (e.g. on shutdown or when discovery reports removal).
    public func close() async {
        let t = transport
        run { t.close() }
    }

    /// Runs blocking transport I/O. Isolated code of this actor is already on the printer's own thread, so this
    /// is a plain call: it marks where the actor blocks (bounded by the options' timeouts).
    private func run<T>(_ body: () -> T) -> T { body() }

    private func report(condition: PrinterCondition, error: PrinterError?, bytes: Int, job: Bool) async {
        lastCondition = condition
        // A refusing condition read from the printer (paper out, cover open, offline) is an error for the log
        // and LAST ERROR even when the exchange itself worked.
        let problem = error ?? PrinterError.refusing(condition)
        logChange(condition: condition, problem: problem)
        guard let registry else { return }
        let role = self.role, node = transport.name, kind = "printer"
        if await registry.get(role) == nil {
            await registry.register(DeviceHealth(role: role, kind: kind, matcher: node, devnode: node))
        }
        await registry.update(role) { h in
            h.devnode = node
            h.condition = error == .stalled ? "timeout" : condition.code
            switch condition {
            case .ready, .paperNearEnd: h.state = .ready
            case .paperOut, .coverOpen: h.state = .fault
            case .offline: h.state = error == nil || error == .offline ? .fault : .error
            case .disconnected: h.state = .absent
            }
            if let error {
                h.errors += 1
                h.lastError = error.description
            } else {
                h.lastError = problem?.description
                h.lastSeen = Date().timeIntervalSince1970
            }
            h.bytes += UInt64(bytes)
            if job { h.jobs += 1 }
        }
    }

    /// Logs a change of state once, with role and condition: a fault at warning, the recovery at info.
    private func logChange(condition: PrinterCondition, problem: PrinterError?) {
        let state = problem.map { $0 == .stalled ? "stalled" : $0.condition.code } ?? condition.code
        guard state != loggedState else { return }
        let before = loggedState
        loggedState = state
        if let problem {
            logger.warning(
                "printer fault",
                metadata: ["role": "\(role)", "condition": "\(state)", "error": "\(problem)", "node": "\(transport.name)"])
        } else if before != nil || condition == .paperNearEnd {
            let level: Logger.Level = condition == .paperNearEnd ? .warning : .info
            logger.log(
                level: level, condition == .paperNearEnd ? "printer paper near end" : "printer ready again",
                metadata: ["role": "\(role)", "condition": "\(state)", "was": "\(before ?? "unknown")"])
        }
    }
}
