/// `ping` and `version`: who answers and whether its store is usable.
public struct PingBody: Codable, Sendable, Equatable {
    public var version: String
    public var site: String
    public var uptimeSeconds: Int
    /// `ok`, `read-only`, or the error code that keeps the store closed.
    public var store: String

    public init(version: String, site: String, uptimeSeconds: Int, store: String) {
        self.version = version
        self.site = site
        self.uptimeSeconds = uptimeSeconds
        self.store = store
    }
}
