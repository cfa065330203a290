import Foundation
import Logging
import QuayControl
import QuayCore
import QuayStore

/// dossier-create, dossier-update, dossier-get, dossier-import, dossier-stats, results-ready, issue-return,
/// dossier-outbox (docs/protocol.md). Fields beyond the common ones travel in `args`.
extension OpContext {
    func dossierCreate(_ r: Request) async throws -> OpOutput {
        let a = Args(r)
        let input = DossierDesk.CreateInput(
            receiptCode: try a.required(\.receiptCode, "receiptCode"), procedure: try a.required(\.procedure, "procedure"),
            procedureName: a[\.procedureName], service: a[\.service] ?? r.service,
            appointmentDate: try a.date(\.appointmentDate, "appointmentDate"), citizenName: try a.required(\.citizenName, "citizenName"),
            citizenPhone: a[\.citizenPhone], returnChannel: try a.channel(), note: a[\.note], counter: r.counter, clerk: a[\.clerk])
        return .body(DossierBody(dossier: try await desk.create(input)))
    }

    func dossierUpdate(_ r: Request, caller: Caller) async throws -> OpOutput {
        let a = Args(r)
        let raw = try a.required(\.status, "status")
        guard let st = DossierStatus(rawValue: raw) else {
            throw ControlError.invalidField("status", "must be one of \(DossierStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (d, e) = try await desk.update(
            key: try a.required(\.dossier, "dossier"), to: st, clerk: a[\.clerk], note: a[\.note],
            allowed: DossierOps.dossierScope(caller.identity, state))
        return .body(DossierBody(dossier: d, event: e))
    }

    func dossierGet(_ r: Request, caller: Caller) async throws -> OpOutput {
        let key = try Args(r).required(\.dossier, "dossier")
        guard let (d, events, ticket) = try await desk.get(key) else { throw DossierError.unknownDossier(key) }
        if let allowed = DossierOps.dossierScope(caller.identity, state), !allowed(d) { throw DossierOps.dossierForbidden(caller.identity) }
        return .body(DossierBody(dossier: d, events: events, returnTicket: ticket))
    }

    func dossierImport(_ r: Request) async throws -> OpOutput {
        let a = Args(r)
        let csv = try a.required(\.csv, "csv")
        let mapping = r.args?.mapping ?? state.config.dossiers.csvMapping
        let offset = try a.int(\.lineOffset, "lineOffset", in: 0...100_000_000, default: 0)
        return .body(try await desk.importCSV(Array(csv.utf8), mapping: mapping, lineOffset: offset))
    }

    func dossierStats(_ r: Request) async throws -> OpOutput {
        let a = Args(r)
        let from = try a.date(\.from, "from"), to = try a.date(\.to, "to")
        guard from <= to, to.dayNumber - from.dayNumber <= 3660 else {
            throw ControlError.invalidField("to", "must be on or after 'from', at most 10 years later")
        }
        let today = try a[\.today].map { _ in try a.date(\.today, "today") }
        let basis = try a.choice(\.basis, "basis", DossierStats.Basis.appointment)
        let group = try a.choice(\.groupBy, "groupBy", DossierStats.GroupBy.procedure)
        let period = try a.choice(\.period, "period", DossierStats.Period.all)
        let started = DispatchTime.now().uptimeNanoseconds
        let s = try await desk.stats(from: from, to: to, today: today, basis: basis, groupBy: group)
        let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return .body(
            DossierStatsBody(
                from: from, to: to, today: s.today, rows: s.rows(period), total: s.total, summary: s.summary,
                table: s.table(period), csv: s.csv(period), milliseconds: ms))
    }

    func resultsReady(_ r: Request) async throws -> OpOutput {
        let limit = try Args(r).int(\.limit, "limit", in: 1...500, default: 50)
        return .body(ResultsReadyBody(entries: try await desk.ready(limit: limit)))
    }

    func issueReturn(_ r: Request, caller: Caller) async throws -> OpOutput {
        let scan = try Args(r).required(\.code, "code")
        let lang: Language
        if let l = r.language {
            guard let v = Language(rawValue: l) else { throw ControlError.invalidField("language", "must be vi, km or en") }
            lang = v
        } else {
            lang = .vi
        }
        let kiosk = r.args?.kiosk
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

    func dossierOutbox(_ r: Request) async throws -> OpOutput {
        let limit = try Args(r).int(\.limit, "limit", in: 1...1000, default: 100)
        let (counts, entries) = try await desk.outbox(limit: limit)
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

    static let outOfScope = ControlError(
        code: "forbidden", message: "this clerk may act only on dossiers received at their counters or of their services")

    static func dossierForbidden(_ identity: AccessPolicy.Identity) -> ControlError {
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

/// Reads an op's typed `args` with the checks every op needs: empty text counts as missing, integers are range-checked.
struct Args {
    typealias Field<T> = KeyPath<RequestArgs, T?>
    let r: Request
    init(_ r: Request) { self.r = r }

    subscript(_ key: Field<String>) -> String? {
        guard let s = r.args?[keyPath: key], !s.isEmpty else { return nil }
        return s
    }

    func required(_ key: Field<String>, _ name: String) throws(ControlError) -> String {
        guard let v = self[key] else { throw .missingField("args.\(name)", op: r.op) }
        return v
    }

    /// An integer argument within `range`; absent means `default`. Out of range is `bad-request` naming the field.
    func int(_ key: Field<Int>, _ name: String, in range: ClosedRange<Int>, default d: Int) throws(ControlError) -> Int {
        guard let v = r.args?[keyPath: key] else { return d }
        guard range.contains(v) else {
            throw .badRequest("'args.\(name)' must be between \(range.lowerBound) and \(range.upperBound), not \(v)")
        }
        return v
    }

    func date(_ key: Field<String>, _ name: String) throws(ControlError) -> LocalDate {
        let s = try required(key, name)
        guard let d = LocalDate(iso: s) else { throw .invalidField("args.\(name)", "must be a date YYYY-MM-DD") }
        return d
    }

    func channel() throws(ControlError) -> ReturnChannel {
        guard let s = self[\.returnChannel] else { return .atCenter }
        guard let c = ReturnChannel(rawValue: s) else {
            throw .invalidField("args.returnChannel", "must be one of \(ReturnChannel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return c
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: Field<String>, _ name: String, _ def: T) throws(ControlError) -> T
    where T.RawValue == String {
        guard let s = self[key] else { return def }
        guard let v = T(rawValue: s) else {
            throw .invalidField("args.\(name)", "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }
}
