import QuayCore

/// JSON bodies of `/sync/v1/` (docs/sync.md, Transport).
public enum SyncWire {
    public static let prefix = "/sync/v1"
    public static let challengePath = prefix + "/challenge"
    public static let pullPath = prefix + "/pull"
    public static let pushPath = prefix + "/push"

    public static let siteHeader = "Quay-Site"
    public static let nonceHeader = "Quay-Nonce"
    public static let signatureHeader = "Quay-Signature"

    public struct Challenge: Codable, Sendable { public var nonce: String }

    public struct PullRequest: Codable, Sendable {
        public var after: Int64
        public var limit: Int
        /// About how many bytes of records the caller wants at most (optional; the server's own cap still applies):
        /// a point on a slow link keeps each reply short.
        public var maxBytes: Int?
        public init(after: Int64, limit: Int, maxBytes: Int? = nil) { (self.after, self.limit, self.maxBytes) = (after, limit, maxBytes) }
    }

    public struct PullReply: Codable, Sendable {
        public var records: [FeedEntry]
        public var head: Int64
        public var more: Bool
        public init(records: [FeedEntry], head: Int64, more: Bool) { (self.records, self.head, self.more) = (records, head, more) }
    }

    public struct PushRequest: Codable, Sendable {
        public var records: [FeedRecord]
        public init(records: [FeedRecord]) { self.records = records }
    }

    /// The reply to a push is a `FeedApplyResult` (`applied`, `duplicates`, `conflicts`).
    public typealias PushReply = FeedApplyResult

    /// Every refusal: a stable code and a message for people.
    public struct ErrorReply: Codable, Sendable {
        public var error: String
        public var message: String
        public init(error: String, message: String) { (self.error, self.message) = (error, message) }
    }
}
