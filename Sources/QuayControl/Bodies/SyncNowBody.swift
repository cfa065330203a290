/// `sync-now`: one exchange with every peer that has a url, in order; `ok` false with `error` for a peer that failed.
public struct SyncNowBody: Codable, Sendable, Equatable {
    public struct Outcome: Codable, Sendable, Equatable {
        public var site: String
        public var ok: Bool
        public var pushed: Int
        public var pulled: Int
        public var conflicts: Int
        public var error: String?

        public init(site: String, ok: Bool, pushed: Int, pulled: Int, conflicts: Int, error: String?) {
            (self.site, self.ok, self.pushed, self.pulled, self.conflicts, self.error) = (site, ok, pushed, pulled, conflicts, error)
        }
    }
    public var peers: [Outcome]

    public init(peers: [Outcome]) { self.peers = peers }
}
