import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices

/// A key pressed on a clerk's counter keypad becomes the same op `quayctl call q2` sends (call-next, recall,
/// start-serving, done, no-show, return), acting for the keypad's counter only; the transfer key followed within
/// `transferWindow` by a service's number (1–9, config order) transfers the counter's current citizen there. The
/// outcome shows where the clerk looks (the counter's board, the hall); a refusal (queue empty, nobody called)
/// goes to the log and to the keypad's health (`lastError`), so a technician can see a keypad that "does nothing".
actor KeypadRouter {
    let state: DaemonState
    let dispatcher: OpDispatcher
    let logger: Logger
    /// Keypad role -> when its transfer key was pressed (waiting for the service's number).
    private var pendingTransfer: [String: ContinuousClock.Instant] = [:]
    static let transferWindow = Duration.seconds(5)

    init(state: DaemonState, dispatcher: OpDispatcher, logger: Logger) {
        self.state = state
        self.dispatcher = dispatcher
        self.logger = logger
    }

    func handle(_ reading: ScannerReading, counter: String) async {
        let pressed = ContinuousClock.now
        if let name = reading.text, let digit = KeypadDecoder.digit(fromText: name) {
            guard let since = pendingTransfer.removeValue(forKey: reading.role), since.duration(to: pressed) <= Self.transferWindow else {
                // Without the transfer key before it, 1-4 is the citizen's rating of the ticket just finished here.
                if (1...4).contains(digit) { return await rate(counter: counter, score: digit, role: reading.role) }
                logger.debug("keypad digit ignored (no transfer key before it)", metadata: ["role": "\(reading.role)"])
                return
            }
            await transfer(counter: counter, toServiceNumber: digit, role: reading.role)
            return
        }
        guard let name = reading.text, let action = KeypadAction(rawValue: name) else {
            logger.debug("keypad key ignored", metadata: ["role": "\(reading.role)", "reason": "\(reading.problem ?? "")"])
            return
        }
        if action == .transfer {
            pendingTransfer[reading.role] = pressed
            logger.info(
                "keypad: transfer, waiting for the service's number", metadata: ["role": "\(reading.role)", "counter": "\(counter)"])
            return
        }
        pendingTransfer[reading.role] = nil  // another key cancels a started transfer
        let caller = Caller.keypad(reading.role, counter: counter)
        let reply: Result<TicketBody, ControlError> =
            if action == .callNext {
                await dispatcher.call(OpCatalog.callNext, CounterRequest(counter: counter), as: caller, expecting: TicketBody.self)
            } else {
                await dispatcher.call(Self.op(action), CounterTicketRequest(counter: counter), as: caller, expecting: TicketBody.self)
            }
        switch reply {
        case .success(let b):
            logger.info(
                "keypad",
                metadata: [
                    "role": "\(reading.role)", "counter": "\(counter)", "action": "\(action.rawValue)",
                    "ticket": "\(b.ticket.number)",
                ])
        case .failure(let e):
            await refused(action.rawValue, e.code, role: reading.role, counter: counter)
        }
    }

    /// The rating keys: `score` for the ticket `counter` finished last (within the rating window), through the same
    /// `rating-screen` and `rate` ops as the counter's rating screen; one rating per ticket.
    private func rate(counter: String, score: Int, role: String) async {
        let caller = Caller.keypad(role, counter: counter)
        let screen = await dispatcher.call(
            OpCatalog.ratingScreen, CounterRequest(counter: counter), as: caller, expecting: RatingScreenBody.self)
        guard case .success(let s) = screen, let last = s.lastDone, last.rated != true else {
            return await refused(OpCatalog.rate.name, "nothing-to-rate", role: role, counter: counter)
        }
        let q = RateRequest(counter: counter, ticket: last.ticket, score: score)
        switch await dispatcher.call(OpCatalog.rate, q, as: caller, expecting: RateBody.self) {
        case .success(let b):
            logger.info(
                "keypad",
                metadata: ["role": "\(role)", "counter": "\(counter)", "action": "\(OpCatalog.rate.name)", "recorded": "\(b.recorded)"])
        case .failure(let e): await refused(OpCatalog.rate.name, e.code, role: role, counter: counter)
        }
    }

    /// Transfers the citizen at `counter` (called or being served) to the `n`th configured service.
    private func transfer(counter: String, toServiceNumber n: Int, role: String) async {
        let services = state.config.center.services
        guard (1...services.count).contains(n) else {
            return await refused(OpCatalog.transfer.name, "no-service-\(n)", role: role, counter: counter)
        }
        let current = try? await state.ledger().read { $0.current(at: counter) }
        guard let ticket = current ?? nil else {
            return await refused(OpCatalog.transfer.name, "no-ticket-at-counter", role: role, counter: counter)
        }
        let q = TransferRequest(ticket: ticket.id, toService: services[n - 1].id, counter: counter, reason: "keypad: service \(n)")
        switch await dispatcher.call(OpCatalog.transfer, q, as: .keypad(role, counter: counter), expecting: TicketBody.self) {
        case .success(let b):
            logger.info(
                "keypad",
                metadata: [
                    "role": "\(role)", "counter": "\(counter)", "action": "\(OpCatalog.transfer.name)", "ticket": "\(b.ticket.number)",
                    "service": "\(services[n - 1].id)",
                ])
        case .failure(let e):
            await refused(OpCatalog.transfer.name, e.code, role: role, counter: counter)
        }
    }

    private func refused(_ action: String, _ code: String, role: String, counter: String) async {
        logger.notice(
            "keypad action refused", metadata: ["role": "\(role)", "counter": "\(counter)", "action": "\(action)", "code": "\(code)"])
        await state.registry.update(role) { h in h.lastError = "\(action): \(code)" }
    }

    /// The op a key stands for (QuayDevices names the keys; the catalogue declares the ops).
    static func op(_ action: KeypadAction) -> OpSpec {
        switch action {
        case .callNext: OpCatalog.callNext
        case .recall: OpCatalog.recall
        case .startServing: OpCatalog.startServing
        case .done: OpCatalog.done
        case .noShow: OpCatalog.noShow
        case .returnToQueue: OpCatalog.returnToQueue
        case .transfer: OpCatalog.transfer
        }
    }
}
