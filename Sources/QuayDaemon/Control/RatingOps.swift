import QuayControl
import QuayCore
import QuayStore

/// rating-screen and rate: the citizen-facing tablet at a counter. A ticket can be rated at the counter that
/// finished it, for 10 minutes after it was done, once.
extension OpContext {
    static let ratingWindowSeconds = 600.0

    func ratingScreen(_ r: CounterRequest) async throws -> OpOutput {
        guard let counter = state.config.center.counter(r.counter) else { throw Self.unknownCounter(r.counter) }
        let ledger = try state.ledger()
        let window = Self.ratingWindowSeconds
        let (current, last) = try await ledger.read { e -> (Ticket?, Ticket?) in
            let now = ledger.now()
            let done = e.tickets.values.filter { $0.counter == counter.id && $0.state == .done && ($0.finishedAt ?? 0) > now - window }
            return (e.current(at: counter.id), done.max { ($0.finishedAt ?? 0) < ($1.finishedAt ?? 0) })
        }
        func shown(_ t: Ticket, rated: Bool? = nil) -> RatingScreenBody.Shown {
            .init(ticket: t.id, number: t.number, language: t.language.rawValue, state: t.state.rawValue, rated: rated)
        }
        var lastDone: RatingScreenBody.Shown?
        if let last { lastDone = shown(last, rated: try await RatingStore(ledger: ledger).isRated(last.id)) }
        return .body(RatingScreenBody(counter: counter.number, current: current.map { shown($0) }, lastDone: lastDone))
    }

    func rate(_ r: RateRequest) async throws -> OpOutput {
        guard state.config.center.counter(r.counter) != nil else { throw Self.unknownCounter(r.counter) }
        let ledger = try state.ledger()
        let (counter, key, window) = (r.counter, r.ticket, Self.ratingWindowSeconds)
        let recorded = try await RatingStore(ledger: ledger).rate(counter: r.counter, score: r.score) { e in
            guard let t = e.ticket(idOrNumber: key), t.state == .done, t.counter == counter,
                let f = t.finishedAt, f > ledger.now() - window
            else {
                throw ControlError(code: "not-rateable", message: "ticket '\(key)' was not just served at counter '\(counter)'")
            }
            return t
        }
        return .body(RateBody(recorded: recorded))
    }

    static func unknownCounter(_ c: String) -> ControlError {
        ControlError(code: "unknown-counter", message: "no counter '\(c)' in the configuration")
    }
}
