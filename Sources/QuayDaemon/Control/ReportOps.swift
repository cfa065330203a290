import Foundation
import QuayControl
import QuayCore
import QuayStore

/// `report` (docs/protocol.md): queue and dossier figures of a period, counted in SQL on the ledger's read-only
/// connection (`ReportStore`), so a year's report never waits for, or holds, the writer. A clerk restricted to
/// counters gets the figures of their counters only; a `counter` filter must then be one of theirs.
extension OpContext {
    func report(_ r: ReportRequest, caller: Caller) async throws -> OpOutput {
        let q = try ReportOps.query(r, caller: caller, center: state.config.center)
        let center = state.config.center
        let off = center.clock.timeZone.secondsFromGMT()
        let ledger = try state.ledger()
        let madeOn = q.today ?? LocalDate(epochSeconds: ledger.now(), utcOffsetSeconds: off)
        let lang = q.language
        let names = ReportBuilder.Names(
            services: center.services.map { ($0.id, $0.name[lang]) }, counters: center.counters.map { ($0.id, "\($0.number)") })
        let started = DispatchTime.now().uptimeNanoseconds
        let report = try await ReportStore(ledger: ledger).report(
            center: center.name[lang], period: q.period, filter: q.filter, madeOn: madeOn, names: names, utcOffsetSeconds: off)
        let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return .body(ReportBody(report: report, milliseconds: ms))
    }
}

/// The `report` op's checks that need the configuration and the caller.
enum ReportOps {
    struct Query {
        var period: ReportPeriod
        var filter: ReportFilter
        var today: LocalDate?
        var language: Language
    }

    static func query(_ r: ReportRequest, caller: Caller, center: CenterSetup) throws -> Query {
        var filter = ReportFilter()
        if let s = r.service {
            guard center.service(s) != nil else { throw ControlError.invalidField("args.service", "no service '\(s)' is configured") }
            filter.service = s
        }
        if let c = r.counter {
            guard center.counter(c) != nil else { throw ControlError.invalidField("args.counter", "no counter '\(c)' is configured") }
            filter.counters = [c]
        }
        if caller.identity.role < .technician, let mine = caller.identity.counters {
            if let c = filter.counters?.first, !mine.contains(c) {
                throw ControlError(
                    code: "forbidden", message: "this clerk may see the figures of counters \(mine.joined(separator: ", ")) only")
            }
            filter.counters = filter.counters ?? mine.sorted()
        }
        return Query(period: r.period, filter: filter, today: r.today, language: r.language)
    }
}
