import Foundation
import Logging
import QuayControl
import QuayCore
import QuayStore

/// dossier-create, dossier-update, dossier-get, dossier-import, dossier-stats, results-ready, issue-return,
/// dossier-outbox (docs/protocol.md). Fields beyond the common ones travel in `args`.
enum DossierOps {
    /// Installs the ops and returns the notifier service (runs only when `[dossiers] notifier_command` is set).
    static func install(hooks box: HooksBox, state: DaemonState, logger: Logger) -> [any LifecycleService] {
        box.update { install(into: &$0, state: state) }
        return [NotifierService(state: state, logger: logger)]
    }

    static func install(into hooks: inout DaemonHooks, state: DaemonState) {
        let desk = DossierDesk(state: state, wakeNotifier: {})
        // Printers are installed before dossiers (DeviceWiring), so return tickets print like `issue` tickets.
        let (printTicket, precheck) = (hooks.printTicket, hooks.printerPrecheck)
        func op(_ name: String, _ f: @escaping @Sendable (Request, DossierDesk) async throws -> [UInt8]) {
            hooks.extraOps[name] = { r, _ in
                do { return .line(try await f(r, desk)) } catch {
                    if let e = dossierError(error, state) { return .line(Wire.error(r.id, e)) }
                    throw error
                }
            }
        }
        op("dossier-create") { r, desk in
            let a = Args(r)
            let input = DossierDesk.CreateInput(
                receiptCode: try a.required("receiptCode"), procedure: try a.required("procedure"), procedureName: a["procedureName"],
                service: a["service"] ?? r.service, appointmentDate: try a.date("appointmentDate"), citizenName: try a.required("citizenName"),
                citizenPhone: a["citizenPhone"], returnChannel: try a.channel(), note: a["note"], counter: r.counter, clerk: a["clerk"])
            return Wire.ok(r.id, DossierBody(dossier: try await desk.create(input)))
        }
        op("dossier-update") { r, desk in
            let a = Args(r)
            let raw = try a.required("status")
            guard let st = DossierStatus(rawValue: raw) else {
                throw ControlError.invalidField("status", "must be one of \(DossierStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let (d, e) = try await desk.update(key: try a.required("dossier"), to: st, clerk: a["clerk"], note: a["note"])
            return Wire.ok(r.id, DossierBody(dossier: d, event: e))
        }
        op("dossier-get") { r, desk in
            let key = try Args(r).required("dossier")
            guard let (d, events, ticket) = try await desk.get(key) else { throw DossierError.unknownDossier(key) }
            return Wire.ok(r.id, DossierBody(dossier: d, events: events, returnTicket: ticket))
        }
        op("dossier-import") { r, desk in
            let a = Args(r)
            let csv = try a.required("csv")
            var mapping = state.config.dossiers.csvMapping
            if let m = r.args?["mapping"] {
                do { mapping = try JSONDecoder().decode(CSVColumnMapping.self, from: JSONEncoder().encode(m)) } catch {
                    throw ControlError.invalidField("mapping", "not a column mapping: \(error)")
                }
            }
            let offset = Args(r).int("lineOffset", default: 0, in: 0...Int(Int32.max))
            return Wire.ok(r.id, try await desk.importCSV(Array(csv.utf8), mapping: mapping, lineOffset: offset))
        }
        op("dossier-stats") { r, desk in
            let a = Args(r)
            let from = try a.date("from"), to = try a.date("to")
            guard from <= to, to.dayNumber - from.dayNumber <= 3660 else { throw ControlError.invalidField("to", "must be on or after 'from', at most 10 years later") }
            let today = try a["today"].map { _ in try a.date("today") }
            let basis = try a.choice("basis", DossierStats.Basis.appointment)
            let group = try a.choice("groupBy", DossierStats.GroupBy.procedure)
            let period = try a.choice("period", DossierStats.Period.all)
            let started = DispatchTime.now().uptimeNanoseconds
            let s = try await desk.stats(from: from, to: to, today: today, basis: basis, groupBy: group)
            let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            return Wire.ok(r.id, StatsBody(from: from, to: to, today: s.today, rows: s.rows(period), total: s.total, summary: s.summary,
                                           table: s.table(period), csv: s.csv(period), milliseconds: ms))
        }
        op("results-ready") { r, desk in
            let limit = Args(r).int("limit", default: 50, in: 1...500)
            return Wire.ok(r.id, ReadyBody(entries: try await desk.ready(limit: limit)))
        }
        op("issue-return") { r, desk in
            let scan = try Args(r).required("code")
            let lang: Language
            if let l = r.language {
                guard let v = Language(rawValue: l) else { throw ControlError.invalidField("language", "must be vi, km or en") }
                lang = v
            } else { lang = .vi }
            let kiosk = r.args?["kiosk"]?.string
            if let precheck, let refusal = await precheck(kiosk) { throw refusal }
            let out = try await desk.issueReturn(scan: scan, language: lang)
            let counters = state.config.center.counters.filter { $0.services.contains(out.ticket.service) }.map(\.number)
            var printed: PrintOutcome?
            if let printTicket {
                let service = out.ticket.service
                let ahead = try await state.ledger().read { max(0, $0.waitingCount(service: service) - 1) }
                printed = await printTicket(out.ticket, IssueContext(waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, kiosk: kiosk))
            }
            return Wire.ok(r.id, ReturnBody(ticket: out.ticket, dossier: out.dossier.id, maskedCode: ResultsReadyEntry(out.dossier).maskedCode,
                                            counters: counters, reissued: out.reissued, print: printed))
        }
        op("dossier-outbox") { r, desk in
            let limit = min(max(Int(r.args?["limit"]?.number ?? 100), 1), 1000)
            let (counts, entries) = try await state.ledger().transaction { db, _, _ in
                let repo = NotifierOutboxRepository(db: db)
                return ((try repo.counts(), try repo.all(limit: limit).map(OutboxEntry.init)), Mutation())
            }
            return Wire.ok(r.id, OutboxBody(configured: state.config.dossiers.notifierCommand != nil, counts: counts, entries: entries))
        }
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

/// Reads string arguments from `args` (numbers are accepted as their decimal text).
struct Args {
    let r: Request
    init(_ r: Request) { self.r = r }

    subscript(_ key: String) -> String? {
        guard let v = r.args?[key] else { return nil }
        if let s = v.string { return s.isEmpty ? nil : s }
        // Int64(exactly:): a whole number beyond Int64 (1e300, -1e19) must not trap; it keeps its decimal text.
        if let n = v.number { return Int64(exactly: n).map { String($0) } ?? String(n) }
        return nil
    }

    /// A whole-number argument clamped to `range`; absent or not a number: `fallback`. Never traps on 1e300 or -1e19.
    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let n = r.args?[key]?.number, n.isFinite else { return fallback }
        return Int(min(max(n.rounded(.towardZero), Double(range.lowerBound)), Double(range.upperBound)))
    }

    func required(_ key: String) throws(ControlError) -> String {
        guard let v = self[key] else { throw .missingField("args.\(key)", op: r.op) }
        return v
    }

    func date(_ key: String) throws(ControlError) -> LocalDate {
        let s = try required(key)
        guard let d = LocalDate(iso: s) else { throw .invalidField("args.\(key)", "must be a date YYYY-MM-DD") }
        return d
    }

    func channel() throws(ControlError) -> ReturnChannel {
        guard let s = self["returnChannel"] else { return .atCenter }
        guard let c = ReturnChannel(rawValue: s) else {
            throw .invalidField("args.returnChannel", "must be one of \(ReturnChannel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return c
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ def: T) throws(ControlError) -> T where T.RawValue == String {
        guard let s = self[key] else { return def }
        guard let v = T(rawValue: s) else { throw .invalidField("args.\(key)", "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))") }
        return v
    }
}
