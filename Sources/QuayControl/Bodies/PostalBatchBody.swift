import QuayCore

/// `post-handover` and `post-batch`: the batch and, when a slip was printed (or tried), how that went.
public struct PostalBatchBody: Codable, Sendable, Equatable {
    public var batch: PostalBatch
    public var print: PrintOutcome?

    public init(batch: PostalBatch, print: PrintOutcome? = nil) { (self.batch, self.print) = (batch, print) }
}
