import QuayCore

/// `transfer`: `ticket` to another service and/or counter, by the clerk of `counter`, with an optional reason
/// (at most 200 characters are kept).
public struct TransferRequest: OpRequest, Equatable {
    public var ticket: String
    public var toService: String?
    public var toCounter: String?
    public var counter: String?
    public var reason: String?

    public init(ticket: String, toService: String? = nil, toCounter: String? = nil, counter: String? = nil, reason: String? = nil) {
        self.ticket = ticket
        self.toService = toService
        self.toCounter = toCounter
        self.counter = counter
        self.reason = reason.map { String($0.prefix(200)) }
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let ticket = try f.required(r.ticket, "ticket")
        guard r.toService != nil || r.toCounter != nil else { throw .missingField("toService or toCounter", op: r.op) }
        self.init(ticket: ticket, toService: r.toService, toCounter: r.toCounter, counter: r.counter, reason: f[\.reason])
    }

    public var subject: AuditSubject { AuditSubject(ticket: ticket, counter: counter) }
}
