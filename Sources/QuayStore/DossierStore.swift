import Foundation
import QuayCore

/// Dossiers as the daemon uses them: every change is one ledger transaction (committed in the batch with the
/// queue, so a return ticket and the dossier change it belongs to are durable together), every read goes to the
/// read-only connection. No `Database` leaves QuayStore.
public struct DossierStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// What a clerk types for a new dossier.
    public struct NewDossier: Sendable {
        public var receiptCode: String, procedure: String, procedureName: String?, service: String?
        public var appointmentDate: LocalDate, citizenName: String, citizenPhone: String?
        public var returnChannel: ReturnChannel, note: String?, counter: String?, clerk: String?

        public init(
            receiptCode: String, procedure: String, procedureName: String?, service: String?, appointmentDate: LocalDate,
            citizenName: String, citizenPhone: String?, returnChannel: ReturnChannel, note: String?, counter: String?,
            clerk: String?
        ) {
            (self.receiptCode, self.procedure, self.procedureName, self.service) = (receiptCode, procedure, procedureName, service)
            (self.appointmentDate, self.citizenName, self.citizenPhone) = (appointmentDate, citizenName, citizenPhone)
            (self.returnChannel, self.note, self.counter, self.clerk) = (returnChannel, note, counter, clerk)
        }
    }

    public func receive(_ i: NewDossier, site: SiteID, utcOffsetSeconds off: Int) async throws -> Dossier {
        try await ledger.transaction { db, _, now in
            let repo = DossierRepository(db: db)
            let (d, e) = try Dossier.receive(
                site: site, seq: try repo.nextSeq(), receiptCode: i.receiptCode, procedure: i.procedure,
                procedureName: i.procedureName ?? i.procedure, service: i.service, at: now,
                counter: i.counter, clerk: i.clerk, appointmentDate: i.appointmentDate,
                citizenName: i.citizenName, citizenPhone: i.citizenPhone, returnChannel: i.returnChannel,
                note: i.note, utcOffsetSeconds: off)
            if try repo.get(d.receiptCode) != nil { throw DossierError.duplicateReceiptCode(d.receiptCode) }
            try repo.insert(d)
            try repo.appendEvent(e)
            try FeedRepository(db: db).appendOwn(site: site.rawValue, at: now, body: .dossier(DossierChange(dossier: d, event: e)))
            var m = Mutation()
            // The clerk name is what the client typed; the audit row's actor is who really asked.
            m.audit = AuditSubject(
                counter: i.counter, dossier: d.id,
                detail: "procedure=\(d.procedure)" + (i.clerk.map { " clerk=\($0)" } ?? ""))
            return (d, m)
        }
    }

    /// Moves the dossier `code` (a normalised receipt code) or `id` to `status`. Becoming result-ready enqueues the
    /// notifier when `notify` (same transaction; the third value says whether it did) and, like being returned,
    /// publishes a `dossier` watch event. `refuse` returns an error for a dossier the caller may not change.
    public func update(
        code: String, id: String, to status: DossierStatus, clerk: String?, note: String?, notify: Bool,
        refuse: (@Sendable (Dossier) -> Error?)?
    ) async throws -> (Dossier, DossierEvent, Bool) {
        try await ledger.transaction { db, engine, now in
            let repo = DossierRepository(db: db)
            guard var d = try repo.get(code, id: id) else { throw DossierError.unknownDossier(id) }
            if let refuse, let e = refuse(d) { throw e }
            let e = try d.transition(to: status, at: now, clerk: clerk, note: note)
            try repo.update(d)
            try repo.appendEvent(e)
            try FeedRepository(db: db).appendOwn(
                site: engine.center.site.rawValue, at: now, body: .dossier(DossierChange(dossier: d, event: e)))
            var enqueued = false
            if notify, let p = NotifierPayload.resultReady(d, event: e) {
                enqueued = try NotifierOutboxRepository(db: db).enqueue(p, now: now)
            }
            var m = Mutation()
            if status == .resultReady || status == .returned {
                m = engine.note(.dossier, at: now, service: d.service, detail: "\(d.id) \(status.rawValue)")
            }
            m.audit = AuditSubject(
                dossier: d.id, detail: "\(e.from?.rawValue ?? "-") -> \(e.to.rawValue)" + (clerk.map { " clerk=\($0)" } ?? ""))
            return ((d, e, enqueued), m)
        }
    }

    /// The dossier, its events and its return ticket id, by normalised receipt code or id.
    public func get(code: String, id: String) async throws -> (Dossier, [DossierEvent], String?)? {
        try await ledger.reader.read { db in
            let repo = DossierRepository(db: db)
            guard let d = try repo.get(code, id: id) else { return nil }
            return (d, try repo.events(dossier: d.id), try repo.returnTicket(dossier: d.id))
        }
    }

    public func ready(limit: Int) async throws -> [ResultsReadyEntry] {
        try await ledger.reader.read { db in
            ResultsReadyEntry.list(try DossierRepository(db: db).ready(limit: limit), limit: limit)
        }
    }

    /// The notifier outbox for technicians: counts by state and the newest entries.
    public func outbox(limit: Int) async throws -> ([String: Int], [NotifierDelivery]) {
        try await ledger.reader.read { db in
            let repo = NotifierOutboxRepository(db: db)
            return (try repo.counts(), try repo.all(limit: limit))
        }
    }

    /// Counted in SQL on the read-only connection: the writer, and every queue op, is never held by a report.
    public func stats(
        from: LocalDate, to: LocalDate, today: LocalDate, basis: DossierStats.Basis, groupBy: DossierStats.GroupBy,
        utcOffsetSeconds off: Int
    ) async throws -> DossierStats {
        let tally = try await ledger.reader.read { db in
            try DossierRepository(db: db).statsTally(
                from: from, to: to, today: today, basis: basis, groupBy: groupBy, utcOffsetSeconds: off)
        }
        return DossierStats.assemble(tally, from: from, to: to, today: today, basis: basis, groupBy: groupBy)
    }

    /// Stores an import parsed off the writer (`parsed`, numbered from 1); rows whose codes are stored already are
    /// refused with their line numbers by re-running `reparse` with those codes. One transaction.
    public func importParsed(
        _ parsed: DossierImportResult, site: SiteID,
        reparse: @escaping @Sendable (_ firstSeq: Int64, _ existing: Set<String>) -> DossierImportResult,
        detail: @escaping @Sendable (DossierImportResult) -> String
    ) async throws -> DossierImportResult {
        try await ledger.transaction { db, _, _ in
            let repo = DossierRepository(db: db)
            let first = try repo.nextSeq()
            let existing = try repo.existingCodes(parsed.dossiers.lazy.map(\.receiptCode))
            var r = parsed
            if existing.isEmpty {
                for k in r.dossiers.indices { r.dossiers[k].id = site.dossierID(first + Int64(k)) }
            } else {
                r = reparse(first, existing)
            }
            try repo.insertAll(r.dossiers)
            var m = Mutation()
            m.audit = AuditSubject(detail: detail(r))
            return (r, m)
        }
    }

    /// Why a scanned receipt gets no return ticket.
    public enum PickupRefusal: Error, Sendable {
        case refused(ResultPickupRefusal)
        case notConfigured
    }

    /// A scanned receipt: decide with `ResultPickup`, then issue a `collect` ticket at the return service and record
    /// it on the dossier in the same transaction. While that ticket is still open today, the same ticket comes back
    /// (`reissued`) instead of a second number.
    public func issueReturn(
        scan: String, pickup: ResultPickupConfig, language: Language,
        clock: BusinessClock
    ) async throws -> (ticket: Ticket, dossier: Dossier, reissued: Bool) {
        try await ledger.transaction { db, engine, now in
            let repo = DossierRepository(db: db)
            var lookupError: Error?
            let decision = ResultPickup.decide(scan: scan, config: pickup) { code in
                do { return try repo.get(code) } catch {
                    lookupError = error
                    return nil
                }
            }
            if let lookupError { throw lookupError }
            guard case .issue(let service, let priority, let dossierID, _) = decision else {
                if case .refuse(let why) = decision { throw PickupRefusal.refused(why) }
                throw PickupRefusal.notConfigured
            }
            guard let d = try repo.get(dossierID) else { throw DossierError.unknownDossier(dossierID) }
            if let prev = try repo.returnTicket(dossier: d.id), let t = engine.ticket(idOrNumber: prev),
                t.state == .waiting || t.state == .called || t.state == .serving
            {
                var m = Mutation()
                m.audit = AuditSubject(ticket: t.id, number: t.number, dossier: d.id, detail: "reissued")
                return ((t, d, true), m)
            }
            // Store the link first (its id is the next ticket id): the engine changes only after every SQL step.
            try repo.setReturnTicket(dossier: d.id, ticket: engine.center.site.ticketID(engine.nextTicketSeq))
            var (t, m) = try engine.issue(
                service: service, priority: priority, language: language, now: now,
                minuteOfDay: clock.read(now).minuteOfDay, purpose: .collect, dossier: d.id)
            m.audit = AuditSubject(ticket: t.id, number: t.number, dossier: d.id, detail: "service=\(service)")
            return ((t, d, false), m)
        }
    }
}
