import QuayCore

/// `call-next`: the next ticket for `counter`.
public struct CounterRequest: OpRequest, Equatable {
    public var counter: String

    public init(counter: String) { self.counter = counter }

    public init(wire r: Request) throws(ControlError) {
        self.init(counter: try WireFields(r).required(r.counter, "counter"))
    }

    public var subject: AuditSubject { AuditSubject(counter: counter) }
}
