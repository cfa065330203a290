import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices

/// A key pressed on a clerk's counter keypad becomes the same op `quayctl call q2` sends (call-next, recall,
/// start-serving, done, no-show, return), acting for the keypad's counter only. The outcome shows where the
/// clerk looks (the counter's board, the hall); a refusal (queue empty, nobody called) goes to the log and to the
/// keypad's health (`lastError`), so a technician can see a keypad that "does nothing".
struct KeypadRouter: Sendable {
    let state: DaemonState
    let dispatcher: OpDispatcher
    let logger: Logger

    func handle(_ reading: ScannerReading, counter: String) async {
        guard let name = reading.text, let action = KeypadAction(rawValue: name) else {
            logger.debug("keypad key ignored", metadata: ["role": "\(reading.role)", "reason": "\(reading.problem ?? "")"])
            return
        }
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
            let code = e.code
            logger.notice(
                "keypad action refused",
                metadata: [
                    "role": "\(reading.role)", "counter": "\(counter)",
                    "action": "\(action.rawValue)", "code": "\(code)",
                ])
            await state.registry.update(reading.role) { h in h.lastError = "\(action.rawValue): \(code)" }
        }
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
        }
    }
}
