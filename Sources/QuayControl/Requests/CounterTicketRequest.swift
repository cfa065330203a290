import QuayCore

/// recall, start-serving, done, no-show, return: an action of `counter` on its current ticket, or on `ticket`.
public struct CounterTicketRequest: OpRequest, Equatable {
    public var counter: String
    public var ticket: String?

    public init(counter: String, ticket: String? = nil) {
        self.counter = counter
        self.ticket = ticket
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(counter: try f.required(r.counter, "counter"), ticket: r.ticket.flatMap { $0.isEmpty ? nil : $0 })
    }

    public var subject: AuditSubject { AuditSubject(ticket: ticket, counter: counter) }
}
