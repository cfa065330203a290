import QuayCore

/// `counter`: open, close or pause `counter`.
public struct CounterStateRequest: OpRequest, Equatable {
    public var counter: String
    public var state: CounterState

    public init(counter: String, state: CounterState) {
        self.counter = counter
        self.state = state
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let counter = try f.required(r.counter, "counter")
        let raw = try f.required(r.state, "state")
        guard let st = CounterState(rawValue: raw) else { throw .invalidField("state", "must be open, closed or paused") }
        self.init(counter: counter, state: st)
    }

    public var subject: AuditSubject { AuditSubject(counter: counter) }
}
