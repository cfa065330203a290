import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QuayCore

/// The `/sync/v1/` routes (docs/sync.md), mounted on quayd's web server. Every request but the challenge must come
/// from a configured peer, carry an unused nonce and verify with that peer's key; anything else gets 401 and an
/// empty body. Bodies and batches are bounded before anything is parsed; replies are signed with our key.
public struct SyncServer: Sendable {
    public struct Limits: Sendable {
        /// Largest pull or push request body.
        public var maxRequestBytes = 4 << 20
        /// Most records one pull reply or one push may carry.
        public var maxRecords = 500
        /// About how many bytes of records one pull reply carries (at least one record).
        public var maxReplyBytes = 256 << 10
        public init() {}
    }

    let site: String
    let key: SyncKey
    let peers: [String: SyncPeer]
    let nonces: NonceStore
    let feed: any SyncFeed
    let limits: Limits
    /// Told after each served pull or applied push (watch events, metrics).
    let onExchange: @Sendable (SyncExchange) -> Void

    public init(
        site: String, key: SyncKey, peers: [SyncPeer], nonces: NonceStore = NonceStore(), feed: any SyncFeed, limits: Limits = Limits(),
        onExchange: @escaping @Sendable (SyncExchange) -> Void = { _ in }
    ) {
        self.site = site
        self.key = key
        self.peers = Dictionary(peers.map { ($0.site, $0) }, uniquingKeysWith: { a, _ in a })
        (self.nonces, self.feed, self.limits, self.onExchange) = (nonces, feed, limits, onExchange)
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        let server = self
        router.get(RouterPath(SyncWire.challengePath)) { _, _ -> Response in
            server.json(SyncWire.Challenge(nonce: server.nonces.issue()), status: .ok, nonce: nil)
        }
        router.post(RouterPath(SyncWire.pullPath)) { request, _ -> Response in await server.handle(request, path: SyncWire.pullPath) }
        router.post(RouterPath(SyncWire.pushPath)) { request, _ -> Response in await server.handle(request, path: SyncWire.pushPath) }
    }

    static let siteField = HTTPField.Name(SyncWire.siteHeader)!
    static let nonceField = HTTPField.Name(SyncWire.nonceHeader)!
    static let signatureField = HTTPField.Name(SyncWire.signatureHeader)!

    func handle(_ request: Request, path: String) async -> Response {
        guard let caller = request.headers[Self.siteField], let peer = peers[caller], let nonce = request.headers[Self.nonceField],
            let signature = request.headers[Self.signatureField], let sig = Data(base64Encoded: signature)
        else { return Response(status: .unauthorized) }
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: limits.maxRequestBytes)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            return Response(status: .contentTooLarge)
        }
        guard nonces.consume(nonce),
            peer.publicKey.isValidSignature(sig, for: SyncSignature.requestMessage(method: "POST", path: path, nonce: nonce, body: body))
        else { return Response(status: .unauthorized) }
        do {
            switch path {
            case SyncWire.pullPath: return try await pull(body, peer: peer, nonce: nonce)
            default: return try await push(body, peer: peer, nonce: nonce)
            }
        } catch let e as SyncServerRefusal {
            return json(SyncWire.ErrorReply(error: e.code, message: e.message), status: e.status, nonce: nonce)
        } catch {
            try? await feed.failed(peer.site, error: "serving: \(error)")
            return json(SyncWire.ErrorReply(error: "store-error", message: "\(error)"), status: .internalServerError, nonce: nonce)
        }
    }

    func pull(_ body: [UInt8], peer: SyncPeer, nonce: String) async throws -> Response {
        guard let r = try? JSONDecoder().decode(SyncWire.PullRequest.self, from: Data(body)) else {
            throw SyncServerRefusal.badRequest("the body is not {\"after\": int, \"limit\": int}")
        }
        guard r.after >= 0, r.limit >= 1 else { throw SyncServerRefusal.badRequest("after must be >= 0 and limit >= 1") }
        let (entries, bytes, more, head) = try await feed.entries(
            after: r.after, limit: min(r.limit, limits.maxRecords), maxBytes: min(max(r.maxBytes ?? .max, 1024), limits.maxReplyBytes),
            excluding: peer.site,
            dossiersOf: peer.role == .point ? peer.site : nil)
        try await feed.served(peer.site, after: r.after, records: entries.count, bytes: bytes)
        onExchange(SyncExchange(peer: peer.site, direction: .served, records: entries.count, bytes: bytes))
        return json(SyncWire.PullReply(records: entries, head: head, more: more), status: .ok, nonce: nonce)
    }

    func push(_ body: [UInt8], peer: SyncPeer, nonce: String) async throws -> Response {
        guard let r = try? JSONDecoder().decode(SyncWire.PushRequest.self, from: Data(body)) else {
            throw SyncServerRefusal.badRequest("the body is not {\"records\": [FeedRecord]}")
        }
        guard r.records.count <= limits.maxRecords else {
            throw SyncServerRefusal.tooLarge("at most \(limits.maxRecords) records per push")
        }
        for rec in r.records {
            guard SiteID.isValid(rec.origin), rec.seq >= 1, rec.at.isFinite else {
                throw SyncServerRefusal.badRequest("record \(rec.origin)#\(rec.seq): bad origin, seq or time")
            }
            // A point relays nothing: it sends its own records, about its own dossiers.
            if peer.role == .point, let why = Self.notOwn(rec, point: peer.site) {
                throw SyncServerRefusal(status: .forbidden, code: "not-own-record", message: why)
            }
        }
        let result = try await feed.applyPushed(r.records, from: peer.site, bytes: body.count)
        onExchange(SyncExchange(peer: peer.site, direction: .received, records: result.applied, bytes: body.count))
        return json(result, status: .ok, nonce: nonce)
    }

    /// Why a record pushed by `point` is not one a point may send: another origin, or a dossier received elsewhere.
    static func notOwn(_ r: FeedRecord, point: String) -> String? {
        if r.origin != point { return "record \(r.origin)#\(r.seq): a point pushes only records of its own origin" }
        switch r.body {
        case .dossier(let c) where c.dossier.receivedSite != point:
            return "record \(r.origin)#\(r.seq): dossier \(c.dossier.id) was received at \(c.dossier.receivedSite), not at \(point)"
        case .dossier, .queueDay:
            return nil
        }
    }

    /// A JSON reply, signed over the nonce when there is one.
    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status, nonce: String?) -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let bytes = Array((try? e.encode(value)) ?? Data("{}".utf8))
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if let nonce, let sig = try? key.sign(SyncSignature.replyMessage(nonce: nonce, body: bytes)) { headers[Self.signatureField] = sig }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A refusal of an authenticated request, sent as a typed JSON error.
struct SyncServerRefusal: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    static func badRequest(_ m: String) -> Self { Self(status: .badRequest, code: "bad-request", message: m) }
    static func tooLarge(_ m: String) -> Self { Self(status: .contentTooLarge, code: "too-large", message: m) }
}
