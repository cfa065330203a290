import QuayCore

/// `config`: what a kiosk needs to draw its menu.
public struct ConfigBody: Codable, Sendable, Equatable {
    public var site: String
    public var center: LocalizedText
    public var timezone: String
    public var services: [ServiceView]
    public var counters: [CounterView]
    public var priorities: [PriorityClass]
    public var policy: CallPolicyConfig

    public init(
        site: String, center: LocalizedText, timezone: String, services: [ServiceView], counters: [CounterView],
        priorities: [PriorityClass], policy: CallPolicyConfig
    ) {
        self.site = site
        self.center = center
        self.timezone = timezone
        self.services = services
        self.counters = counters
        self.priorities = priorities
        self.policy = policy
    }
}
