/// What `/healthz` answers: healthy when there is no problem. Encoded as
/// `{"status":"ok","problems":[]}` or `{"status":"unhealthy","problems":[{"component":"store","detail":"…"}]}`.
public struct HealthStatus: Codable, Sendable, Equatable {
    public struct Problem: Codable, Sendable, Equatable {
        /// "store" or "device <role>".
        public var component: String
        public var detail: String
        public init(component: String, detail: String) { (self.component, self.detail) = (component, detail) }
    }

    public var status: String
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
        status = problems.isEmpty ? "ok" : "unhealthy"
    }

    public var healthy: Bool { problems.isEmpty }
}
