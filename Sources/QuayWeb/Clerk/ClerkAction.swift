import Foundation
import QuayControl
import QuayCore

/// What the console posts to /clerk/action: `{"action":"next","counter":"q2"}`, with `ticket` for a named
/// ticket, `toService`/`toCounter`/`reason` for a transfer; the dossier actions name the dossier by its receipt
/// code (`dossier`): `dossier-receive` (with `procedure`, `procedureName`?, `appointmentDate` YYYY-MM-DD,
/// `citizenName`, `citizenPhone`?: `dossier-create` at the counter), `dossier-find` (`dossier-get`),
/// `result-ready` and `hand-back` (`dossier-update` to result-ready / returned). Each action is one op of the table
/// (never spelled as a string here): the op's role, counter and dossier checks decide.
struct ClerkAction: Decodable, Sendable {
    enum Kind: String, Decodable, Sendable {
        case next, recall, start, done, noShow = "no-show", requeue = "return", transfer, open, pause, close
        case dossierReceive = "dossier-receive", dossierFind = "dossier-find", resultReady = "result-ready", handBack = "hand-back"
    }
    var action: Kind
    var counter: String
    var ticket: String?
    var toService: String?
    var toCounter: String?
    var reason: String?
    var dossier: String?
    var procedure: String?
    var procedureName: String?
    var appointmentDate: String?
    var citizenName: String?
    var citizenPhone: String?

    static let maxBody = 2048

    static func decode(_ bytes: some Collection<UInt8>) -> ClerkAction? {
        guard let a = try? JSONDecoder().decode(ClerkAction.self, from: Data(bytes)) else { return nil }
        let fields = [
            a.counter, a.ticket ?? "", a.toService ?? "", a.toCounter ?? "", a.dossier ?? "", a.procedure ?? "", a.appointmentDate ?? "",
            a.citizenPhone ?? "",
        ]
        let texts = [a.reason ?? "", a.procedureName ?? "", a.citizenName ?? ""]
        guard !a.counter.isEmpty, fields.allSatisfy({ $0.utf8.count <= 64 }), texts.allSatisfy({ $0.utf8.count <= 200 }) else { return nil }
        switch a.action {
        case .dossierReceive:
            guard a.receive != nil else { return nil }
        case .dossierFind, .resultReady, .handBack:
            guard !(a.dossier ?? "").isEmpty else { return nil }
        default: break
        }
        return a
    }

    /// `dossier-receive`: the `dossier-create` request at this counter, nil when a required field is missing.
    var receive: DossierCreateRequest? {
        guard let code = dossier, !code.isEmpty, let procedure, !procedure.isEmpty, let name = citizenName, !name.isEmpty,
            let date = appointmentDate.flatMap(LocalDate.init(iso:))
        else { return nil }
        return DossierCreateRequest(
            receiptCode: code, procedure: procedure, procedureName: procedureName.flatMap { $0.isEmpty ? nil : $0 },
            appointmentDate: date, citizenName: name, citizenPhone: citizenPhone.flatMap { $0.isEmpty ? nil : $0 }, counter: counter)
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
        case .dossierReceive:
            guard let r = receive else { return Array(#"{"ok":false,"error":{"code":"bad-request"}}"#.utf8) }
            return await gateway.call(OpCatalog.dossierCreate, r, as: principal)
        case .dossierFind: return await gateway.call(OpCatalog.dossierGet, DossierKeyRequest(dossier: dossier ?? ""), as: principal)
        case .resultReady:
            let r = DossierUpdateRequest(dossier: dossier ?? "", status: .resultReady, counter: counter)
            return await gateway.call(OpCatalog.dossierUpdate, r, as: principal)
        case .handBack:
            let r = DossierUpdateRequest(dossier: dossier ?? "", status: .returned, counter: counter)
            return await gateway.call(OpCatalog.dossierUpdate, r, as: principal)
        }
    }
}
