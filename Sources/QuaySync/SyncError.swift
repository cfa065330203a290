/// Why a sync step failed, typed: the wire form (`{"error": code, "message": …}`) and `last_error` use `code`.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key file is missing, unreadable or malformed.
    case keyFile(String, String)
    /// The peer answered with an HTTP status and error code.
    case refused(status: Int, code: String)
    /// The reply's signature is missing or does not verify with the peer's key.
    case badReplySignature
    /// The reply is not what the protocol says (JSON, bounds).
    case badReply(String)
    /// The peer could not be reached (connect, timeout, reset).
    case unreachable(String)

    public var code: String {
        switch self {
        case .keyFile: "key-file"
        case .refused(_, let c): c
        case .badReplySignature: "bad-reply-signature"
        case .badReply: "bad-reply"
        case .unreachable: "unreachable"
        }
    }

    public var description: String {
        switch self {
        case .keyFile(let p, let why): "sync key file \(p): \(why)"
        case .refused(let s, let c): "refused by peer: HTTP \(s) \(c)"
        case .badReplySignature: "reply signature does not verify"
        case .badReply(let why): "bad reply: \(why)"
        case .unreachable(let why): "unreachable: \(why)"
        }
    }
}
