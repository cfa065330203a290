/// What the server sends back for one request.
public enum ControlReply: Sendable {
    /// One reply line.
    case line([UInt8])
    /// A reply line followed by a stream of event lines (watch). The connection serves nothing else after it.
    /// If the stream ends because the client is too slow, `overflowed` returns true and the server says so.
    case stream(first: [UInt8], rest: OutboundLineQueue)
}

/// The daemon side of the control protocol: answers one already-authorised request.
public protocol ControlHandler: Sendable {
    func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply
}
