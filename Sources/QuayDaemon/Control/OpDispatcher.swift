import NIOConcurrencyHelpers
import QuayControl

/// Where callers created before the op table (the control server, scanner and keypad drivers, which the table's
/// device ops need in turn) reach it: the complete table is installed once at start, before any request can come
/// (the server and the devices start after it). Until then requests are refused as `starting`.
final class OpDispatcher: Sendable, ControlHandler {
    private let table = NIOLockedValueBox<OpTable?>(nil)

    func install(_ t: OpTable) {
        table.withLockedValue { cur in
            precondition(cur == nil, "the op table is installed once")
            cur = t
        }
    }

    private var current: OpTable? { table.withLockedValue { $0 } }

    static let starting = ControlError(code: "starting", message: "quayd is starting; try again in a moment")

    func dispatch(_ r: Request, as caller: Caller) async -> Result<OpOutput, ControlError> {
        guard let t = current else { return .failure(Self.starting) }
        return await t.dispatch(r, as: caller)
    }

    /// An op called inside quayd (keypads, scanners, the demo, web pages): typed request, typed reply.
    /// An op called inside quayd with its typed request (web pages): the same role and scope checks as the socket.
    func dispatch<Q: OpRequest>(_ spec: OpSpec, _ q: Q, as caller: Caller) async -> Result<OpOutput, ControlError> {
        guard let t = current else { return .failure(Self.starting) }
        return await t.dispatch(spec, q, as: caller)
    }

    func call<Q: OpRequest, B>(_ spec: OpSpec, _ q: Q, as caller: Caller, expecting: B.Type) async -> Result<B, ControlError> {
        guard let t = current else { return .failure(Self.starting) }
        return await t.call(spec, q, as: caller, expecting: B.self)
    }

    func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
        guard let t = current else { return .line(Wire.error(request.id, Self.starting)) }
        return await t.handle(request, identity: identity, peer: peer)
    }
}
