/// `results-ready`: the newest `limit` ready results.
public struct ResultsReadyRequest: LimitRequest, Equatable {
    public static let limits = 1...500
    public static let defaultLimit = 50
    public let limit: Int
    public init(limit: Int = Self.defaultLimit) { self.limit = limit }
}
