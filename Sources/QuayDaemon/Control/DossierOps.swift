import Foundation
import Logging
import QuayControl
import QuayCore
import QuayStore

/// dossier-create, dossier-update, dossier-get, dossier-import, dossier-stats, results-ready, issue-return,
/// dossier-outbox (docs/protocol.md). Fields beyond the common ones travel in `args`.
extension OpContext {
    func dossierCreate(_ r: DossierCreateRequest) async throws -> OpOutput {
        let input = DossierDesk.CreateInput(
            receiptCode: r.receiptCode, procedure: r.procedure, procedureName: r.procedureName, service: r.service,
            appointmentDate: r.appointmentDate, citizenName: r.citizenName, citizenPhone: r.citizenPhone,
            returnChannel: r.returnChannel, note: r.note, counter: r.counter, clerk: r.clerk)
        return .body(DossierBody(dossier: try await desk.create(input)))
    }

    func dossierUpdate(_ r: DossierUpdateRequest, caller: Caller) async throws -> OpOutput {
        let scope = DossierOps.dossierScope(caller.identity, state).map { ($0, DossierOps.outOfScope(caller.identity)) }
        let (d, e) = try await desk.update(key: r.dossier, to: r.status, clerk: r.clerk, note: r.note, scope: scope)
        return .body(DossierBody(dossier: d, event: e))
    }

    func dossierGet(_ r: DossierKeyRequest, caller: Caller) async throws -> OpOutput {
        guard let (d, events, ticket) = try await desk.get(r.dossier) else { throw DossierError.unknownDossier(r.dossier) }
        if let allowed = DossierOps.dossierScope(caller.identity, state), !allowed(d) { throw DossierOps.outOfScope(caller.identity) }
        return .body(DossierBody(dossier: d, events: events, returnTicket: ticket))
    }

    func dossierImport(_ r: DossierImportRequest) async throws -> OpOutput {
        let mapping = r.mapping ?? state.config.dossiers.csvMapping
        return .body(try await desk.importCSV(Array(r.csv.utf8), mapping: mapping, lineOffset: r.lineOffset))
    }

    func dossierStats(_ r: DossierStatsRequest) async throws -> OpOutput {
        let started = DispatchTime.now().uptimeNanoseconds
        let s = try await desk.stats(from: r.from, to: r.to, today: r.today, basis: r.basis, groupBy: r.groupBy)
        let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return .body(
            DossierStatsBody(
                from: r.from, to: r.to, today: s.today, rows: s.rows(r.period), total: s.total, summary: s.summary,
                table: s.table(r.period), csv: s.csv(r.period), milliseconds: ms))
    }

    func resultsReady(_ r: ResultsReadyRequest) async throws -> OpOutput {
        .body(ResultsReadyBody(entries: try await desk.ready(limit: r.limit)))
    }

    func issueReturn(_ r: IssueReturnRequest, caller: Caller) async throws -> OpOutput {
        let (scan, lang, kiosk) = (r.code, r.language, r.kiosk)
        if let refusal = await printerPrecheck(kiosk: kiosk) { throw refusal }
        let out: ReturnTicketOutcome
        do { out = try await desk.issueReturn(scan: scan, language: lang) } catch let ReturnRefusal.refused(why)
            where caller.identity.role < .clerk
        {
            // A kiosk learns what the citizen at it may: the catalogue text, not the dossier's state or dates.
            throw ControlError(
                code: why.code, message: "no return ticket for this receipt (\(why.code))", citizen: state.citizenText(why.messageKey))
        }
        let counters = state.config.center.counters.filter { $0.services.contains(out.ticket.service) }.map(\.number)
        var printed: PrintOutcome?
        if printers != nil {
            let service = out.ticket.service
            let ahead = try await state.ledger().read { max(0, $0.waitingCount(service: service) - 1) }
            printed = await printTicket(
                out.ticket, IssueContext(waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, kiosk: kiosk))
        }
        return .body(
            IssueReturnBody(
                ticket: out.ticket, dossier: out.dossier.id, maskedCode: ResultsReadyEntry(out.dossier).maskedCode,
                counters: counters, reissued: out.reissued, print: printed))
    }

    func dossierOutbox(_ r: DossierOutboxRequest) async throws -> OpOutput {
        let (counts, entries) = try await desk.outbox(limit: r.limit)
        return .body(DossierOutboxBody(configured: state.config.dossiers.notifierCommand != nil, counts: counts, entries: entries))
    }
}

/// Helpers of the dossier ops: scope, refusal texts, errors.
enum DossierOps {
    /// For a clerk restricted to some counters: the dossiers they may see and change (received at one of their
    /// counters, or of a service one of them serves). nil: no restriction.
    static func dossierScope(_ identity: AccessPolicy.Identity, _ state: DaemonState) -> (@Sendable (Dossier) -> Bool)? {
        guard let allowed = identity.counters else { return nil }
        let services = Set(state.config.center.counters.filter { allowed.contains($0.id) }.flatMap(\.services))
        return { d in
            (d.receivedCounter.map { allowed.contains($0) } ?? false) || (d.service.map { services.contains($0) } ?? false)
        }
    }

    /// The one refusal of a dossier outside a restricted clerk's scope (get, update).
    static func outOfScope(_ identity: AccessPolicy.Identity) -> ControlError {
        ControlError(
            code: "forbidden",
            message:
                "this clerk may act only on dossiers of counters \((identity.counters ?? []).joined(separator: ", ")) (received there "
                + "or of their services)"
        )
    }

    static func refusalText(_ r: ResultPickupRefusal) -> String {
        switch r {
        case .unreadableCode(let e): "the scanned code is not a receipt code: \(e)"
        case .unknownReceipt(let c): "no dossier with receipt code \(c)"
        case .notReady(let day, let st): "the result is not ready (dossier is \(st.rawValue), appointment \(day))"
        case .needsSupplement: "the dossier needs a supplement; the citizen must see a clerk"
        case .alreadyReturned: "the result was already returned"
        case .sentByPost: "the result is sent by post"
        case .closed(let st): "the dossier is \(st.rawValue)"
        }
    }

    /// Dossier refusals as protocol errors; nil for errors the router reports itself.
    static func dossierError(_ error: Error, _ state: DaemonState) -> ControlError? {
        switch error {
        case let e as DossierError: return ControlError(code: e.code, message: e.description)
        case let e as SQLiteError where e.kind == .constraint:
            return ControlError(code: "duplicate-receipt-code", message: "receipt code or dossier already exists (\(e.message))")
        case let e as ReturnRefusal:
            switch e {
            case .notConfigured: return ControlError(code: "not-configured", message: "[dossiers] return_service is not configured")
            case .refused(let why):
                return ControlError(code: why.code, message: refusalText(why), citizen: state.citizenText(why.messageKey))
            }
        case let e as NotifierDelivery.Refusal: return ControlError(code: "notifier-state", message: "\(e)")
        default: return nil
        }
    }
}
