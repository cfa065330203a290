/// Every way a queue operation can be refused. `code` is the stable wire code (docs/protocol.md).
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownService(String)
    case unknownCounter(String)
    case unknownTicket(String)
    case unknownPriority(String)
    case serviceClosed(service: String)
    case capacityReached(service: String)
    case queueEmpty(counter: String)
    case counterNotOpen(counter: String, state: CounterState)
    case counterDoesNotServe(counter: String, service: String)
    case invalidTransition(ticket: String, from: TicketState, action: String)
    case notAtThisCounter(ticket: String, counter: String)
    case invalidArgument(String)

    public var code: String {
        switch self {
        case .unknownService: "unknown-service"
        case .unknownCounter: "unknown-counter"
        case .unknownTicket: "unknown-ticket"
        case .unknownPriority: "unknown-priority"
        case .serviceClosed: "service-closed"
        case .capacityReached: "capacity-reached"
        case .queueEmpty: "queue-empty"
        case .counterNotOpen: "counter-not-open"
        case .counterDoesNotServe: "counter-does-not-serve"
        case .invalidTransition: "invalid-transition"
        case .notAtThisCounter: "not-at-this-counter"
        case .invalidArgument: "invalid-argument"
        }
    }

    /// Message-catalogue key for errors a citizen sees at the kiosk (nil = staff-only error).
    public var citizenMessageKey: String? {
        switch self {
        case .capacityReached: "kiosk.capacity-reached"
        case .serviceClosed: "kiosk.service-closed"
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .unknownService(let s): "no service with id '\(s)'"
        case .unknownCounter(let c): "no counter with id '\(c)'"
        case .unknownTicket(let t): "no ticket '\(t)' today"
        case .unknownPriority(let p): "no priority class '\(p)'"
        case .serviceClosed(let s): "service '\(s)' is outside its opening hours"
        case .capacityReached(let s): "service '\(s)' has issued all its tickets for today"
        case .queueEmpty(let c): "no citizen is waiting for counter '\(c)'"
        case .counterNotOpen(let c, let st): "counter '\(c)' is \(st.rawValue)"
        case .counterDoesNotServe(let c, let s): "counter '\(c)' does not serve '\(s)'"
        case .invalidTransition(let t, let from, let a): "ticket \(t) is \(from.rawValue): cannot \(a)"
        case .notAtThisCounter(let t, let c): "ticket \(t) is not at counter '\(c)'"
        case .invalidArgument(let m): m
        }
    }
}
