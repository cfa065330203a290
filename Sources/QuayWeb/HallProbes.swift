/// What the web server asks the daemon for monitoring: the Prometheus text of `/metrics` and the state behind
/// `/healthz`. Without probes (a bare hall server in tests) `/metrics` is absent and `/healthz` says "ok".
public struct HallProbes: Sendable {
    public var metrics: @Sendable () async -> [UInt8]
    public var health: @Sendable () async -> HealthStatus
    /// Longest a probe may take before the route answers 503 (a wedged store must not hold connections).
    public var timeout: Duration

    public init(
        metrics: @escaping @Sendable () async -> [UInt8], health: @escaping @Sendable () async -> HealthStatus,
        timeout: Duration = .seconds(5)
    ) {
        (self.metrics, self.health, self.timeout) = (metrics, health, timeout)
    }
}
