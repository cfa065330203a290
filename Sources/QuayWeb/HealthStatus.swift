/// What `/healthz` answers: healthy when there is no problem. Encoded as
/// `{"status":"ok","problems":[],"warnings":[]}` or `{"status":"unhealthy","problems":[{"component":"store","detail":"…"}]}`.
public struct HealthStatus: Codable, Sendable, Equatable {
    public struct Problem: Codable, Sendable, Equatable {
        /// "store" or "device <role>".
        public var component: String
        public var detail: String
        public init(component: String, detail: String) { (self.component, self.detail) = (component, detail) }
    }

    public var status: String
    public var problems: [Problem]
    /// Worth a look but not a failure (e.g. a sync peer not reached for a while: links to points drop for days).
    public var warnings: [Problem]

    public init(problems: [Problem], warnings: [Problem] = []) {
        self.problems = problems
        self.warnings = warnings
        status = problems.isEmpty ? "ok" : "unhealthy"
    }

    public var healthy: Bool { problems.isEmpty }
}
