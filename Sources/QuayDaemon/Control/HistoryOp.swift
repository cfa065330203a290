import Foundation
import QuayControl
import QuayCore
import QuayStore

/// `history` (docs/protocol.md): the audit trail, read on the ledger's read-only connection. Technicians and
/// admins see every row; a clerk restricted to counters sees only rows of their counters (the row's counter:
/// the op's counter, else the one its caller acted for; a `counter` filter must be one of theirs); a clerk
/// without counters is refused.
extension OpContext {
    func history(_ r: HistoryRequest, caller: Caller) async throws -> OpOutput {
        var q = AuditQuery()
        q.limit = r.limit
        q.ticket = r.ticket.map { $0.trimmingCharacters(in: .whitespaces) }
        q.counter = r.counter
        if let d = r.dossier {
            let typed = d.trimmingCharacters(in: .whitespaces)
            q.dossier = Array(Set([typed, DossierDesk.normalizedKey(d)])).sorted()
        }
        if let s = r.since {
            guard let t = HistoryOps.since(s, timeZone: state.config.center.clock.timeZone) else {
                throw ControlError.invalidField("args.since", "must be epoch seconds, a date YYYY-MM-DD or an ISO 8601 time")
            }
            q.since = t
        }
        if caller.identity.role < .technician {
            guard let mine = caller.identity.counters, !mine.isEmpty else {
                throw ControlError(
                    code: "forbidden",
                    message: "history is for technicians; a clerk sees the history of their own counters only, and this clerk has none")
            }
            if let c = q.counter, !mine.contains(c) {
                throw ControlError(
                    code: "forbidden", message: "this clerk may see the history of counters \(mine.joined(separator: ", ")) only")
            }
            q.counters = mine
        }
        let query = q
        let (entries, more) = try await state.ledger().history(query)
        return .body(HistoryBody(entries: entries.map(HistoryEntry.init), more: more, counters: q.counters))
    }
}

enum HistoryOps {
    /// `since`: epoch seconds, a date (midnight in the center's time zone), an ISO 8601 time with a zone, or
    /// a local time "YYYY-MM-DDTHH:MM[:SS]" in the center's time zone.
    static func since(_ s: String, timeZone: TimeZone) -> Double? {
        let s = s.trimmingCharacters(in: .whitespaces)
        if let n = Double(s), n.isFinite, n >= 0 { return n }
        if let d = LocalDate(iso: s) { return d.epochSeconds(utcOffsetSeconds: timeZone.secondsFromGMT()) }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            iso.formatOptions = options
            if let d = iso.date(from: s) { return d.timeIntervalSince1970 }
        }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            local.dateFormat = format
            if let d = local.date(from: s) { return d.timeIntervalSince1970 }
        }
        return nil
    }
}
