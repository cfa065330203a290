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
        let clock = state.config.center.clock
        return try await state.ledger().transaction { db, engine, now in
            let repo = DossierRepository(db: db)
            var lookupError: Error?
            let decision = ResultPickup.decide(scan: scan, config: pickup) { code in
                do { return try repo.get(code) } catch { lookupError = error; return nil }
            }
            if let lookupError { throw lookupError }
            guard case .issue(let service, let priority, let dossierID, _) = decision else {
                if case .refuse(let why) = decision { throw ReturnRefusal.refused(why) }
                throw ReturnRefusal.notConfigured
            }
            guard let d = try repo.get(dossierID) else { throw DossierError.unknownDossier(dossierID) }
            if let prev = try repo.returnTicket(dossier: d.id), let t = engine.ticket(idOrNumber: prev),
               t.state == .waiting || t.state == .called || t.state == .serving {
                var m = Mutation()
                m.audit = AuditSubject(ticket: t.id, number: t.number, dossier: d.id, detail: "reissued")
                return (ReturnTicketOutcome(ticket: t, dossier: d, reissued: true), m)
            }
            // Store the link first (its id is the next ticket id): the engine changes only after every SQL step.
            try repo.setReturnTicket(dossier: d.id, ticket: engine.center.site.ticketID(engine.nextTicketSeq))
            var (t, m) = try engine.issue(service: service, priority: priority, language: language, now: now,
                                          minuteOfDay: clock.read(now).minuteOfDay, purpose: .collect, dossier: d.id)
            m.audit = AuditSubject(ticket: t.id, number: t.number, dossier: d.id, detail: "service=\(service)")
            return (ReturnTicketOutcome(ticket: t, dossier: d, reissued: false), m)
        }
    }
}
