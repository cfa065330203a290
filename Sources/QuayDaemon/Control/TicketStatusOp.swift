import QuayControl
import QuayCore
import QuayStore

extension OpContext {
    /// `ticket-status`: the ticket whose follow token is `args.token`, if it is of the current business day.
    /// Unknown, malformed and expired tokens get the same answer, so probing tells nothing.
    func ticketStatus(_ r: TicketStatusRequest) async throws -> OpOutput {
        let token = r.token
        let ledger = try state.ledger()
        let center = state.config.center
        let day = center.clock.read(ledger.now()).businessDay
        guard FollowToken.isWellFormed(token),
            let id = try await IssueKeys(ledger: ledger).ticket(forFollowToken: token, businessDay: day)
        else { throw expiredToken() }
        let found = try await ledger.read { e -> (Ticket, Int, Double?, Int)? in
            guard let t = e.ticket(idOrNumber: id) else { return nil }
            let ahead = t.state == .waiting ? (e.waitingOrdered(service: t.service).firstIndex { $0.id == t.id } ?? 0) : 0
            return (t, ahead, e.meanServiceSeconds(service: t.service), e.openCounters(service: t.service))
        }
        guard let (t, ahead, mean, open) = found else { throw expiredToken() }
        let counter = (t.state == .called || t.state == .serving) ? t.counter.flatMap { center.counter($0)?.number } : nil
        return .body(
            TicketStatusBody(
                number: t.number, state: t.state.rawValue, service: t.service,
                serviceName: center.service(t.service)?.name ?? LocalizedText(vi: t.service), language: t.language.rawValue,
                priority: t.priority, waitingAhead: ahead,
                estimatedWaitMinutes: t.state == .waiting
                    ? WaitEstimate.minutes(ahead: ahead, meanServiceSeconds: mean, openCounters: open) : nil,
                counter: counter, businessDay: t.businessDay))
    }

    private func expiredToken() -> ControlError {
        ControlError(code: "unknown-ticket", message: "no ticket of today has this token", citizen: state.citizenText("follow.expired"))
    }
}
