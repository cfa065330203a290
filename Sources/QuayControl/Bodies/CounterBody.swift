/// `counter` (open, close, pause): the counter after the change.
public struct CounterBody: Codable, Sendable, Equatable {
    public var counter: CounterView

    public init(counter: CounterView) { self.counter = counter }
}
