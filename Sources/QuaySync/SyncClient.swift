import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuayCore

/// Dials a peer (docs/sync.md): for each request a fresh challenge, then the signed POST; the reply is used only
/// when its signature verifies with the peer's key. `exchange` pushes what we owe the peer (bounded batches, our
/// push checkpoint moves after each acknowledged batch), then pulls what it has for us (bounded batches, applied
/// and checkpointed in one transaction each). Either side may stop at any point: the next exchange resumes at the
/// checkpoints, and whatever was already applied comes back as duplicates.
public struct SyncClient: Sendable {
    public struct Options: Sendable {
        /// Records per batch and about how many bytes of them.
        public var batchRecords = 200
        public var batchBytes = 64 << 10
        /// Largest reply body accepted.
        public var maxReplyBytes = 8 << 20
        /// One HTTP request, connect to last byte.
        public var requestTimeout: Double = 30
        /// Batches per direction in one exchange (the rest waits for the next one).
        public var maxBatches = 1000
        public init() {}
    }

    let site: String
    let key: SyncKey
    public let http: HTTPClient
    let options: Options

    public init(site: String, key: SyncKey, http: HTTPClient = .shared, options: Options = Options()) {
        (self.site, self.key, self.http, self.options) = (site, key, http, options)
    }

    /// An HTTP client for sync: a refused or unreachable connection fails the request at once (at most
    /// `connectTimeout` seconds) instead of being retried until the request's deadline; the sync loop retries with
    /// its own backoff. The caller shuts it down (`HTTPClient.shutdown()`).
    public static func makeHTTPClient(connectTimeout: Double = 10) -> HTTPClient {
        var c = HTTPClient.Configuration()
        c.timeout.connect = .milliseconds(Int64(connectTimeout * 1000))
        c.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: c)
    }

    /// What one exchange moved.
    public struct Round: Sendable, Equatable {
        public var pushed = 0, pulled = 0, conflicts = 0, bytesOut = 0, bytesIn = 0
        public init() {}
    }

    /// Push (when `push`) then pull (when `pull`) with `peer`, which must have a url. Reports each batch to `progress`.
    /// A failure is recorded on the feed (`failed`) and thrown.
    public func exchange(
        with peer: SyncPeer, feed: any SyncFeed, push: Bool = true, pull: Bool = true,
        progress: @Sendable (SyncExchange) -> Void = { _ in }
    ) async throws -> Round {
        var round = Round()
        do {
            if push { try await pushAll(peer, feed: feed, round: &round, progress: progress) }
            if pull { try await pullAll(peer, feed: feed, round: &round, progress: progress) }
        } catch {
            try? await feed.failed(peer.site, error: "\(error)")
            throw error
        }
        return round
    }

    func pushAll(_ peer: SyncPeer, feed: any SyncFeed, round: inout Round, progress: @Sendable (SyncExchange) -> Void) async throws {
        for _ in 0..<options.maxBatches {
            let (entries, _, more) = try await feed.outgoing(to: peer.site, limit: options.batchRecords, maxBytes: options.batchBytes)
            guard let last = entries.last else { return }
            let body = try Self.encode(SyncWire.PushRequest(records: entries.map(\.record)))
            let reply: SyncWire.PushReply = try await call(peer, path: SyncWire.pushPath, body: body)
            try await feed.pushed(to: peer.site, upTo: last.position, records: entries.count, bytes: body.count)
            round.pushed += entries.count
            round.conflicts += reply.conflicts
            round.bytesOut += body.count
            progress(SyncExchange(peer: peer.site, direction: .pushed, records: entries.count, bytes: body.count))
            if !more { return }
        }
    }

    func pullAll(_ peer: SyncPeer, feed: any SyncPullTarget, round: inout Round, progress: @Sendable (SyncExchange) -> Void) async throws {
        for _ in 0..<options.maxBatches {
            let after = try await feed.pulledAfter(peer.site)
            let body = try Self.encode(SyncWire.PullRequest(after: after, limit: options.batchRecords, maxBytes: options.batchBytes))
            let (reply, bytes): (SyncWire.PullReply, Int) = try await callSized(peer, path: SyncWire.pullPath, body: body)
            guard reply.records.count <= options.batchRecords, reply.records.allSatisfy({ $0.position > after }) else {
                throw SyncError.badReply("pull reply out of bounds")
            }
            if reply.records.isEmpty { return }
            let r = try await feed.applyPulled(reply.records, from: peer.site, bytes: bytes)
            round.pulled += reply.records.count
            round.conflicts += r.conflicts
            round.bytesIn += bytes
            progress(SyncExchange(peer: peer.site, direction: .pulled, records: r.applied, bytes: bytes))
            if !reply.more { return }
        }
    }

    /// Only pulls from `peer` into a full feed (same as `exchange(with:feed:push: false)`).
    public func pull(from peer: SyncPeer, feed: any SyncFeed) async throws -> Round {
        try await exchange(with: peer, feed: feed, push: false, pull: true)
    }

    /// Only pulls (the province), into anything that keeps a pull checkpoint per peer.
    public func pull(from peer: SyncPeer, into target: any SyncPullTarget, progress: @Sendable (SyncExchange) -> Void = { _ in })
        async throws -> Round
    {
        var round = Round()
        do {
            try await pullAll(peer, feed: target, round: &round, progress: progress)
        } catch {
            try? await target.failed(peer.site, error: "\(error)")
            throw error
        }
        return round
    }

    func call<T: Decodable>(_ peer: SyncPeer, path: String, body: [UInt8]) async throws -> T {
        try await callSized(peer, path: path, body: body).0
    }

    /// Challenge, signed POST, verified and decoded reply (and its size in bytes).
    func callSized<T: Decodable>(_ peer: SyncPeer, path: String, body: [UInt8]) async throws -> (T, Int) {
        guard let base = peer.url else { throw SyncError.unreachable("peer \(peer.site) has no url") }
        let (cStatus, _, cBody) = try await send(base + SyncWire.challengePath, method: .GET, headers: [], body: nil)
        guard cStatus == 200, let challenge = try? JSONDecoder().decode(SyncWire.Challenge.self, from: Data(cBody)) else {
            throw SyncError.refused(status: cStatus, code: "challenge")
        }
        let nonce = challenge.nonce
        let sig = try key.sign(SyncSignature.requestMessage(method: "POST", path: path, nonce: nonce, body: body))
        let headers = [(SyncWire.siteHeader, site), (SyncWire.nonceHeader, nonce), (SyncWire.signatureHeader, sig)]
        let (status, replySig, reply) = try await send(base + path, method: .POST, headers: headers, body: body)
        if status == 401 { throw SyncError.refused(status: 401, code: "unauthorized") }
        guard let replySig, let sigBytes = Data(base64Encoded: replySig),
            peer.publicKey.isValidSignature(sigBytes, for: SyncSignature.replyMessage(nonce: nonce, body: reply))
        else { throw SyncError.badReplySignature }
        guard status == 200 else {
            let code = (try? JSONDecoder().decode(SyncWire.ErrorReply.self, from: Data(reply)))?.error ?? "http-\(status)"
            throw SyncError.refused(status: status, code: code)
        }
        do { return (try JSONDecoder().decode(T.self, from: Data(reply)), reply.count) } catch {
            throw SyncError.badReply("\(T.self) does not decode")
        }
    }

    func send(_ url: String, method: HTTPMethod, headers: [(String, String)], body: [UInt8]?) async throws -> (Int, String?, [UInt8]) {
        var req = HTTPClientRequest(url: url)
        req.method = method
        for (n, v) in headers { req.headers.add(name: n, value: v) }
        if let body {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let resp = try await http.execute(req, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            var buf = try await resp.body.collect(upTo: options.maxReplyBytes)
            let bytes = buf.readBytes(length: buf.readableBytes) ?? []
            return (Int(resp.status.code), resp.headers.first(name: SyncWire.signatureHeader), bytes)
        } catch let e as SyncError {
            throw e
        } catch {
            throw SyncError.unreachable("\(error)")
        }
    }

    static func encode<T: Encodable>(_ v: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array(try e.encode(v))
    }
}
