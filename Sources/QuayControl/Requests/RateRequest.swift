import QuayCore

/// `rate`: the citizen's `args.score` (1 = bad … 4 = very good) for `ticket`, just served at `counter`.
public struct RateRequest: OpRequest, Equatable {
    public var counter: String
    public var ticket: String
    public var score: Int

    public init(counter: String, ticket: String, score: Int) { (self.counter, self.ticket, self.score) = (counter, ticket, score) }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let score = try f.int(\.score, "score", in: 1...4, default: 0)
        guard score != 0 else { throw .missingField("args.score", op: r.op) }
        self.init(counter: try f.required(r.counter, "counter"), ticket: try f.required(r.ticket, "ticket"), score: score)
    }

    public var subject: AuditSubject { AuditSubject(ticket: ticket, counter: counter) }
}
