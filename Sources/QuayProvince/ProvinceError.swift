/// Errors of the province roll-up, each with a message an operator can act on.
public enum ProvinceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More records in one ingest call than `ProvinceDatabase.maxBatch`.
    case batchTooLarge(Int, max: Int)
    /// A record that cannot be applied (empty or overlong ids, a non-positive seq, a malformed summary).
    case invalidRecord(String)
    /// The province configuration file is wrong (every problem listed).
    case invalidConfig([String])

    public var description: String {
        switch self {
        case .batchTooLarge(let n, let max): "a batch of \(n) feed records is larger than the limit of \(max)"
        case .invalidRecord(let why): "invalid feed record: \(why)"
        case .invalidConfig(let problems): "invalid province configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
