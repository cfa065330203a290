/// What applying a batch of peer records did: new records applied, copies already stored (nothing changed) and
/// conflicts resolved by the merge rules (each also an audit row).
public struct FeedApplyResult: Sendable, Codable, Equatable {
    public var applied: Int
    public var duplicates: Int
    public var conflicts: Int

    public init(applied: Int = 0, duplicates: Int = 0, conflicts: Int = 0) {
        (self.applied, self.duplicates, self.conflicts) = (applied, duplicates, conflicts)
    }
}
