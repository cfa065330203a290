/// `dossier-outbox`: counts by state and the newest `limit` entries.
public struct DossierOutboxRequest: LimitRequest, Equatable {
    public static let limits = 1...1000
    public static let defaultLimit = 100
    public let limit: Int
    public init(limit: Int = Self.defaultLimit) { self.limit = limit }
}
