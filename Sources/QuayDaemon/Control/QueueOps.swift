import Foundation
import QuayControl
import QuayCore
import QuayStore

extension OpContext {
    func issue(_ r: IssueRequest) async throws -> OpOutput {
        let (service, language, priority, kiosk, key) = (r.service, r.language, r.priority, r.kiosk, r.idempotencyKey)
        if let key, !IssueRequest.isValidKey(key) {
            throw ControlError.invalidField("args.idempotencyKey", "8 to 64 characters of A-Z a-z 0-9 - _")
        }
        // A printer that cannot print refuses before a number is taken, so nobody holds an invisible number.
        if let refusal = await printerPrecheck(kiosk: kiosk) { throw refusal }
        let ledger = try state.ledger()
        let clock = state.config.center.clock
        typealias Step = @Sendable (inout QueueEngine, Double) throws(QueueError) -> (IssuedTicket, Ticket, Mutation)
        let step: Step = { engine, now throws(QueueError) in
            let minute = clock.read(now).minuteOfDay
            let (t, m) = try engine.issue(service: service, priority: priority, language: language, now: now, minuteOfDay: minute)
            return (IssuedTicket(engine, t, ahead: engine.waitingCount(service: service) - 1), t, m)
        }
        let issued: IssuedTicket
        var replayed: Bool?
        var follow: String?
        if key != nil || r.follow {
            let once = try await IssueKeys(ledger: ledger).issue(
                key: key, follow: r.follow ? FollowToken.make() : nil,
                replay: { e, t in IssuedTicket(replaying: t, in: e) }, issue: step)
            (issued, follow) = (once.value, once.follow)
            if key != nil { replayed = once.replayed }
        } else {
            issued = try await ledger.write { engine, now throws(QueueError) in
                let (i, _, m) = try step(&engine, now)
                return (i, m)
            }
        }
        let ticket = issued.ticket, ahead = issued.ahead
        let counters = state.config.center.counters.filter { $0.services.contains(service) }.map(\.number)
        let estimate = WaitEstimate.minutes(ahead: ahead, meanServiceSeconds: issued.meanService, openCounters: issued.openCounters)
        // A replayed key was printed (or refused by the printer) when it first issued: nothing is printed twice.
        let outcome =
            replayed == true
            ? nil
            : await printTicket(
                ticket,
                IssueContext(
                    waitingAhead: ahead, estimatedWaitMinutes: estimate, counters: counters, kiosk: kiosk, follow: follow))
        return .body(
            IssueBody(
                ticket: ticket, waitingAhead: ahead, estimatedWaitMinutes: estimate, counters: counters, print: outcome,
                replayed: replayed, follow: follow))
    }

    func callNext(_ r: CounterRequest) async throws -> OpOutput {
        let counter = r.counter
        let ledger = try state.ledger()
        let t = try await ledger.write { engine, now throws(QueueError) in try engine.callNext(counter: counter, now: now) }
        return .body(TicketBody(ticket: t))
    }

    /// The engine step of a counter action: recall, start-serving, done, no-show, return.
    typealias CounterStep =
        @Sendable (inout QueueEngine, _ counter: String, _ ticket: String?, _ now: Double) throws(QueueError)
        -> (Ticket, Mutation)

    /// A counter action on the counter's current ticket or a named one (the table binds each op to its step).
    func counterAction(_ r: CounterTicketRequest, _ step: @escaping CounterStep) async throws -> OpOutput {
        let (counter, key) = (r.counter, r.ticket)
        let ledger = try state.ledger()
        let t = try await ledger.write { engine, now throws(QueueError) in try step(&engine, counter, key, now) }
        return .body(TicketBody(ticket: t))
    }

    /// A clerk restricted to some counters transfers only the citizen at one of them (called or serving): never a
    /// waiting ticket, nor one targeted at or served by another counter.
    func transfer(_ r: TransferRequest, caller: Caller) async throws -> OpOutput {
        let (key, toService, toCounter, by, reason) = (r.ticket, r.toService, r.toCounter, r.counter, r.reason)
        let scope = caller.identity.counters
        let ledger = try state.ledger()
        let t = try await ledger.write { engine, now throws(QueueError) in
            if let scope {
                guard let t = engine.ticket(idOrNumber: key) else { throw .unknownTicket(key) }
                guard t.state != .waiting, let at = t.counter, scope.contains(at) else {
                    throw .notAtThisCounter(ticket: t.number, counter: scope.joined(separator: ", "))
                }
            }
            var (t, m) = try engine.transfer(ticket: key, toService: toService, toCounter: toCounter, by: by, now: now)
            // The audit row keeps the target and, when given, why.
            let target = [toService.map { "service=\($0)" }, toCounter.map { "counter=\($0)" }].compactMap { $0 }.joined(separator: " ")
            m.audit = AuditSubject(ticket: t.id, number: t.number, counter: by, detail: target + (reason.map { " reason=\($0)" } ?? ""))
            return (t, m)
        }
        return .body(TicketBody(ticket: t))
    }

    func setCounter(_ r: CounterStateRequest) async throws -> OpOutput {
        let (counter, st) = (r.counter, r.state)
        let ledger = try state.ledger()
        let c = try await ledger.write { engine, now throws(QueueError) in
            let (c, m) = try engine.setCounter(counter, state: st, now: now)
            return ((c, engine.current(at: counter)), m)
        }
        return .body(CounterBody(counter: CounterView(c.0, current: c.1)))
    }
}
