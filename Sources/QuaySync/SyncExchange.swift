/// One step of sync with a peer, for watch events and metrics.
public struct SyncExchange: Sendable, Equatable {
    public enum Direction: String, Sendable {
        /// The peer pulled records from us.
        case served
        /// The peer pushed records to us (`records`: newly applied).
        case received
        /// We pushed records to the peer.
        case pushed
        /// We pulled records from the peer (`records`: newly applied).
        case pulled
    }
    public var peer: String
    public var direction: Direction
    public var records: Int
    public var bytes: Int

    public init(peer: String, direction: Direction, records: Int, bytes: Int) {
        (self.peer, self.direction, self.records, self.bytes) = (peer, direction, records, bytes)
    }
}
