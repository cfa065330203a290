import Foundation
import QuayControl
import QuayCore
import QuayStore

/// Dossier operations as ledger transactions: every change is committed in the batch transaction with the
/// queue, so a return ticket and the dossier change it belongs to are durable together.
struct DossierDesk: Sendable {
    let state: DaemonState

    var site: SiteID { state.config.center.site }
    var utcOffset: Int { state.config.center.clock.timeZone.secondsFromGMT() }

    struct CreateInput: Sendable {
        var receiptCode: String, procedure: String, procedureName: String?, service: String?
        var appointmentDate: LocalDate, citizenName: String, citizenPhone: String?
        var returnChannel: ReturnChannel, note: String?, counter: String?, clerk: String?
    }

    func create(_ i: CreateInput) async throws -> Dossier {
        let (site, off) = (site, utcOffset)
        return try await state.ledger().transaction { db, _, now in
            let repo = DossierRepository(db: db)
            let (d, e) = try Dossier.receive(site: site, seq: try repo.nextSeq(), receiptCode: i.receiptCode, procedure: i.procedure,
                                             procedureName: i.procedureName ?? i.procedure, service: i.service, at: now,
                                             counter: i.counter, clerk: i.clerk, appointmentDate: i.appointmentDate,
                                             citizenName: i.citizenName, citizenPhone: i.citizenPhone, returnChannel: i.returnChannel,
                                             note: i.note, utcOffsetSeconds: off)
            if try repo.get(d.receiptCode) != nil { throw DossierError.duplicateReceiptCode(d.receiptCode) }
            try repo.insert(d)
            try repo.appendEvent(e)
            var m = Mutation()
            // The clerk name is what the client typed; the audit row's actor is who really asked.
            m.audit = AuditSubject(counter: i.counter, dossier: d.id,
                                   detail: "procedure=\(d.procedure)" + (i.clerk.map { " clerk=\($0)" } ?? ""))
            return (d, m)
        }
    }

    /// Moves a dossier to `status`. Becoming result-ready enqueues the notifier (same transaction) and, like
    /// being returned, publishes a `dossier` watch event for the hall display.
    /// `allowed`: the caller's scope (a restricted clerk); a dossier outside it is refused before anything changes.
    func update(key: String, to status: DossierStatus, clerk: String?, note: String?,
                allowed: (@Sendable (Dossier) -> Bool)? = nil) async throws -> (Dossier, DossierEvent) {
        let notify = state.config.dossiers.notifierCommand != nil
        let out = try await state.ledger().transaction { db, engine, now in
            let repo = DossierRepository(db: db)
            guard var d = try repo.get(Self.normalizedKey(key), id: key.trimmingCharacters(in: .whitespaces)) else { throw DossierError.unknownDossier(key) }
            if let allowed, !allowed(d) {
                throw ControlError(code: "forbidden", message: "this clerk may act only on dossiers received at their counters or of their services")
            }
            let e = try d.transition(to: status, at: now, clerk: clerk, note: note)
            try repo.update(d)
            try repo.appendEvent(e)
            var enqueued = false
            if notify, let p = NotifierPayload.resultReady(d, event: e) {
                enqueued = try NotifierOutboxRepository(db: db).enqueue(p, now: now)
            }
            var m = Mutation()
            if status == .resultReady || status == .returned {
                m = engine.note(.dossier, at: now, service: d.service, detail: "\(d.id) \(status.rawValue)")
            }
            m.audit = AuditSubject(dossier: d.id, detail: "\(e.from?.rawValue ?? "-") -> \(e.to.rawValue)" + (clerk.map { " clerk=\($0)" } ?? ""))
            return ((d, e, enqueued), m)
        }
        if out.2 { state.notifierWakeup.signal() }
        return (out.0, out.1)
    }

    /// Reads go to the ledger's read-only connection: they see every commit and never hold the writer.
    func get(_ key: String) async throws -> (Dossier, [DossierEvent], String?)? {
        try await state.ledger().reader.read { db in
            let repo = DossierRepository(db: db)
            guard let d = try repo.get(Self.normalizedKey(key), id: key.trimmingCharacters(in: .whitespaces)) else { return nil }
            return (d, try repo.events(dossier: d.id), try repo.returnTicket(dossier: d.id))
        }
    }

    func ready(limit: Int) async throws -> [ResultsReadyEntry] {
        try await state.ledger().reader.read { db in
            ResultsReadyEntry.list(try DossierRepository(db: db).ready(limit: limit), limit: limit)
        }
    }

    /// The notifier outbox for technicians: counts by state and the latest entries.
    func outbox(limit: Int) async throws -> ([String: Int], [DossierOutboxEntry]) {
        try await state.ledger().reader.read { db in
            let repo = NotifierOutboxRepository(db: db)
            return (try repo.counts(), try repo.all(limit: limit).map(DossierOutboxEntry.init))
        }
    }

    /// Counted in SQL on the ledger's read-only connection (`DossierRepository.statsTally`): the writer thread,
    /// and with it every queue operation, is never held by a report.
    func stats(from: LocalDate, to: LocalDate, today: LocalDate?, basis: DossierStats.Basis, groupBy: DossierStats.GroupBy) async throws -> DossierStats {
        let off = utcOffset
        let ledger = try state.ledger()
        let day = today ?? LocalDate(epochSeconds: ledger.now(), utcOffsetSeconds: off)
        let tally = try await ledger.reader.read { db in
            try DossierRepository(db: db).statsTally(from: from, to: to, today: day, basis: basis, groupBy: groupBy, utcOffsetSeconds: off)
        }
        return DossierStats.assemble(tally, from: from, to: to, today: day, basis: basis, groupBy: groupBy)
    }

    /// Receipt code as typed (normalised when it is one) or a dossier id.
    static func normalizedKey(_ key: String) -> String {
        (try? ReceiptCode.normalize(key)) ?? key.trimmingCharacters(in: .whitespaces)
    }
}
