import Foundation
import QuayControl
import QuayCore
import QuayStore

/// The kiosk scanned a receipt: decide with `ResultPickup`, then issue a `collect` ticket at the return service
/// and record it on the dossier in the same ledger transaction. Scanning again while that ticket is still
/// open today gives the same ticket back instead of a second number.
struct ReturnTicketOutcome: Sendable {
    var ticket: Ticket
    var dossier: Dossier
    var reissued: Bool
}

enum ReturnRefusal: Error, Sendable {
    case refused(ResultPickupRefusal)
    case notConfigured
}

extension DossierDesk {
    func issueReturn(scan: String, language: Language) async throws -> ReturnTicketOutcome {
        guard let pickup = state.config.dossiers.pickup else { throw ReturnRefusal.notConfigured }
        do {
            let out = try await DossierStore(ledger: try state.ledger())
                .issueReturn(scan: scan, pickup: pickup, language: language, clock: state.config.center.clock)
            return ReturnTicketOutcome(ticket: out.ticket, dossier: out.dossier, reissued: out.reissued)
        } catch let e as DossierStore.PickupRefusal {
            switch e {
            case .refused(let why): throw ReturnRefusal.refused(why)
            case .notConfigured: throw ReturnRefusal.notConfigured
            }
        }
    }
}
