import QuayControl

/// What an op produces, before it becomes a reply line (socket) or stays a typed value (in-process callers).
enum OpOutput: Sendable {
    /// The reply body: its fields sit beside `id` and `ok`.
    case body(any Encodable & Sendable)
    /// One body field already encoded as JSON (the cached `queue` snapshot).
    case raw(field: String, json: [UInt8])
    /// A first body, then a stream of lines (watch).
    case stream(first: any Encodable & Sendable, rest: OutboundLineQueue)

    /// The body as the type an in-process caller expects.
    func body<B>(as type: B.Type) -> B? {
        switch self {
        case .body(let b): b as? B
        case .stream(let first, _): first as? B
        case .raw: nil
        }
    }
}
