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

    private func store() throws -> DossierStore { DossierStore(ledger: try state.ledger()) }

    func create(_ i: CreateInput) async throws -> Dossier {
        let new = DossierStore.NewDossier(
            receiptCode: i.receiptCode, procedure: i.procedure, procedureName: i.procedureName, service: i.service,
            appointmentDate: i.appointmentDate, citizenName: i.citizenName, citizenPhone: i.citizenPhone,
            returnChannel: i.returnChannel, note: i.note, counter: i.counter, clerk: i.clerk)
        return try await store().receive(new, site: site, utcOffsetSeconds: utcOffset)
    }

    /// Moves a dossier to `status`. Becoming result-ready enqueues the notifier (same transaction) and wakes it;
    /// like being returned, it publishes a `dossier` watch event for the hall display.
    /// `scope`: the caller's (a restricted clerk); a dossier outside it is refused with `refusal` before anything
    /// changes.
    func update(
        key: String, to status: DossierStatus, clerk: String?, note: String?,
        scope: (allowed: @Sendable (Dossier) -> Bool, refusal: ControlError)? = nil
    ) async throws -> (Dossier, DossierEvent) {
        guard status != .handedToPost else {
            throw DossierError.invalidArgument(
                "a result goes to the post with \(OpCatalog.postHandover.name), which records its batch and tracking number")
        }
        let notify = state.config.dossiers.notifierCommand != nil
        var refuse: (@Sendable (Dossier) -> Error?)?
        if let scope {
            refuse = { d in scope.allowed(d) ? nil : scope.refusal }
        }
        let (d, e, enqueued) = try await store().update(
            code: Self.normalizedKey(key), id: key.trimmingCharacters(in: .whitespaces), to: status,
            clerk: clerk, note: note, notify: notify, refuse: refuse)
        if enqueued { state.notifierWakeup.signal() }
        return (d, e)
    }

    func get(_ key: String) async throws -> (Dossier, [DossierEvent], String?)? {
        try await store().get(code: Self.normalizedKey(key), id: key.trimmingCharacters(in: .whitespaces))
    }

    func ready(limit: Int) async throws -> [ResultsReadyEntry] { try await store().ready(limit: limit) }

    /// The notifier outbox for technicians: counts by state and the latest entries.
    func outbox(limit: Int) async throws -> ([String: Int], [DossierOutboxEntry]) {
        let (counts, entries) = try await store().outbox(limit: limit)
        return (counts, entries.map(DossierOutboxEntry.init))
    }

    func stats(from: LocalDate, to: LocalDate, today: LocalDate?, basis: DossierStats.Basis, groupBy: DossierStats.GroupBy) async throws
        -> DossierStats
    {
        let off = utcOffset
        let ledger = try state.ledger()
        let day = today ?? LocalDate(epochSeconds: ledger.now(), utcOffsetSeconds: off)
        return try await store().stats(from: from, to: to, today: day, basis: basis, groupBy: groupBy, utcOffsetSeconds: off)
    }

    /// Receipt code as typed (normalised when it is one) or a dossier id.
    static func normalizedKey(_ key: String) -> String {
        (try? ReceiptCode.normalize(key)) ?? key.trimmingCharacters(in: .whitespaces)
    }
}
