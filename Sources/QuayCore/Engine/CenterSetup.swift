/// The queue-relevant part of a center's configuration.
public struct CenterSetup: Sendable, Equatable {
    public var site: SiteID
    public var name: LocalizedText
    public var services: [Service]
    public var counters: [Counter]
    public var priorities: [PriorityClass]
    public var policy: CallPolicyConfig
    public var clock: BusinessClock

    public init(
        site: SiteID, name: LocalizedText, services: [Service], counters: [Counter],
        priorities: [PriorityClass] = PriorityClass.defaults, policy: CallPolicyConfig = .init(), clock: BusinessClock = .init()
    ) {
        self.site = site
        self.name = name
        self.services = services
        self.counters = counters
        self.priorities = priorities
        self.policy = policy
        self.clock = clock
    }

    public func service(_ id: String) -> Service? { services.first { $0.id == id } }
    public func counter(_ id: String) -> Counter? { counters.first { $0.id == id } }
}

/// What one engine operation changed: written to the store in one transaction, published after commit.
public struct Mutation: Sendable, Equatable {
    public var tickets: [Ticket] = []
    public var events: [QueueEvent] = []
    public var counters: [Counter] = []
    /// What the op acted on, for the audit row the store writes with this change when an op of the audit trail
    /// made it (nil: taken from `events`). Not a change itself.
    public var audit: AuditSubject?
    public init() {}
    public var isEmpty: Bool { tickets.isEmpty && events.isEmpty && counters.isEmpty }
    public mutating func append(_ other: Mutation) {
        tickets += other.tickets
        events += other.events
        counters += other.counters
        audit = other.audit ?? audit
    }
}
