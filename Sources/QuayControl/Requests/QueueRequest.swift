/// `queue`: the snapshot, at most `limit` waiting tickets.
public struct QueueRequest: LimitRequest, Equatable {
    public static let limits = 1...10_000
    public static let defaultLimit = 500
    public let limit: Int
    public init(limit: Int = Self.defaultLimit) { self.limit = limit }
}
