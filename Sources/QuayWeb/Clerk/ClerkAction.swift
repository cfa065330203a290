import Foundation
import QuayControl
import QuayCore

/// What the console posts to /clerk/action: `{"action":"next","counter":"q2"}`, with `ticket` for a named
/// ticket, `toService`/`toCounter`/`reason` for a transfer. Each action is one op of the table (never spelled
/// as a string here): the op's role and counter checks decide.
struct ClerkAction: Decodable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case next, recall, start, done, noShow = "no-show", requeue = "return", transfer, open, pause, close
    }
    var action: Kind
    var counter: String
    var ticket: String?
    var toService: String?
    var toCounter: String?
    var reason: String?

    static let maxBody = 2048

    static func decode(_ bytes: some Collection<UInt8>) -> ClerkAction? {
        guard let a = try? JSONDecoder().decode(ClerkAction.self, from: Data(bytes)) else { return nil }
        let fields = [a.counter, a.ticket ?? "", a.toService ?? "", a.toCounter ?? ""]
        guard !a.counter.isEmpty, fields.allSatisfy({ $0.utf8.count <= 64 }), (a.reason ?? "").utf8.count <= 200 else { return nil }
        return a
    }

    /// Runs the action's op through the gateway as `principal`.
    func run(_ gateway: any WebGateway, as principal: WebPrincipal) async -> [UInt8] {
        let step = CounterTicketRequest(counter: counter, ticket: ticket)
        switch action {
        case .next: return await gateway.call(OpCatalog.callNext, CounterRequest(counter: counter), as: principal)
        case .recall: return await gateway.call(OpCatalog.recall, step, as: principal)
        case .start: return await gateway.call(OpCatalog.startServing, step, as: principal)
        case .done: return await gateway.call(OpCatalog.done, step, as: principal)
        case .noShow: return await gateway.call(OpCatalog.noShow, step, as: principal)
        case .requeue: return await gateway.call(OpCatalog.returnToQueue, step, as: principal)
        case .transfer:
            let t = TransferRequest(ticket: ticket ?? "", toService: toService, toCounter: toCounter, counter: counter, reason: reason)
            return await gateway.call(OpCatalog.transfer, t, as: principal)
        case .open: return await gateway.call(OpCatalog.counter, CounterStateRequest(counter: counter, state: .open), as: principal)
        case .pause: return await gateway.call(OpCatalog.counter, CounterStateRequest(counter: counter, state: .paused), as: principal)
        case .close: return await gateway.call(OpCatalog.counter, CounterStateRequest(counter: counter, state: .closed), as: principal)
        }
    }
}
