import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import QuaySystem
#if canImport(Glibc)
import Glibc
#endif

/// Serves the NDJSON control protocol on a unix stream socket. Each connection is read in order; a slow or
/// misbehaving client only ever stalls its own connection.
public final class ControlServer: Sendable {
    public struct Options: Sendable {
        public var path: String
        public var mode: mode_t = 0o660
        public var group: gid_t?
        /// Longest request line of any op.
        public var maxLineBytes = 65_536
        /// Connection caps: total, kept for staff, per uid (`ConnectionLimits`).
        public var limits = ConnectionLimits.Policy()
        /// A connection that sends nothing for this long is closed (a `watch` stream is exempt).
        public var idleTimeout: Duration = .seconds(600)
        /// Ops answered on the connection's own event loop (no thread hops: see `EventLoopTaskExecutor`). They
        /// must not block or compute for long; a handler that does (printing) leaves the loop itself. Every
        /// other op runs on Swift's global executor.
        public var eventLoopOps: Set<String> = OpCatalog.eventLoopOps
        /// An already-bound listening socket passed by systemd (LISTEN_FDS); `path` is then informational.
        public var inheritedFD: Int32?
        public init(path: String) { self.path = path }
    }

    public enum StartError: Error, Sendable, CustomStringConvertible {
        case alreadyRunning(String)
        case bind(String, String)
        public var description: String {
            switch self {
            case .alreadyRunning(let p): "another quayd already listens on \(p)"
            case .bind(let p, let why): "cannot listen on \(p): \(why)"
            }
        }
    }

    let options: Options
    let handler: any ControlHandler
    let access: NIOLockedValueBox<AccessPolicy>
    let logger: Logger
    let limits: ConnectionLimits

    public init(options: Options, access: AccessPolicy, handler: any ControlHandler, logger: Logger) {
        self.options = options
        self.handler = handler
        self.access = NIOLockedValueBox(access)
        self.logger = logger
        self.limits = ConnectionLimits(policy: options.limits)
    }

    public func updateAccess(_ a: AccessPolicy) { access.withLockedValue { $0 = a } }

    /// Binds the socket, then calls `onListening` (for READY=1) and serves until cancelled.
    public func run(onListening: @Sendable () -> Void = {}) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let (opts, access) = (options, access)
        let initializer: @Sendable (Channel) -> EventLoopFuture<(PeerCredentials, NIOAsyncChannel<Frame, ByteBuffer>)> = { channel in
            Self.peerCredentials(channel).flatMapThrowing { cred in
                let maxLine = Self.lineLimit(opts, role: access.withLockedValue { $0 }.identify(cred).role)
                let idle = TimeAmount.nanoseconds(
                    Int64(opts.idleTimeout.components.seconds) * 1_000_000_000
                        + opts.idleTimeout.components.attoseconds / 1_000_000_000)
                try channel.pipeline.syncOperations.addHandler(IdleCloseHandler(timeout: idle), name: IdleCloseHandler.name)
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: maxLine)))
                let ac = try NIOAsyncChannel<Frame, ByteBuffer>(wrappingChannelSynchronously: channel)
                return (cred, ac)
            }
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        let server: NIOAsyncChannel<(PeerCredentials, NIOAsyncChannel<Frame, ByteBuffer>), Never>
        if let fd = options.inheritedFD {
            server = try await bootstrap.bind(
                NIOBSDSocket.Handle(fd), cleanupExistingSocketFile: false, childChannelInitializer: initializer)
        } else {
            // Bound, chmod-ed and listening in a private directory, then renamed onto the path: never follows a
            // symlink planted in the socket's directory (see UnixListener).
            let fd: QuaySystem.FileDescriptor
            do {
                fd = try UnixListener.listen(path: options.path, mode: options.mode, group: options.group)
            } catch .alreadyRunning {
                throw StartError.alreadyRunning(options.path)
            } catch {
                throw StartError.bind(options.path, "\(error)")
            }
            do {
                server = try await bootstrap.bind(
                    NIOBSDSocket.Handle(fd.rawValue), cleanupExistingSocketFile: false, childChannelInitializer: initializer)
            } catch {
                fd.close()
                throw StartError.bind(options.path, "\(error)")
            }
        }
        logger.info("control socket listening", metadata: ["path": "\(options.path)"])
        onListening()
        // Connections are accepted on the listening socket's loop, so a busy cooperative pool never delays them.
        try await withTaskExecutorPreference(EventLoopTaskExecutor(server.channel.eventLoop)) {
            try await withThrowingDiscardingTaskGroup { tasks in
                try await server.executeThenClose { inbound in
                    for try await (cred, conn) in inbound {
                        tasks.addTask(executorPreference: EventLoopTaskExecutor(conn.channel.eventLoop)) {
                            await self.serve(conn, peer: cred)
                        }
                    }
                }
            }
        }
    }

    /// The longest line a peer with `role` may send: the general limit, or the largest limit of an op it may use
    /// (`OpSpec.lineLimit`). A line over the general limit is still refused for every op without its own limit.
    static func lineLimit(_ o: Options, role: Role) -> Int { OpCatalog.lineLimit(for: role, general: o.maxLineBytes) }

    static func peerCredentials(_ channel: Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max))
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .map { (c: PeerCred) in PeerCredentials(pid: c.pid, uid: c.uid, gid: c.gid) }
            .recover { _ in PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max) }
    }

    private func serve(_ conn: NIOAsyncChannel<Frame, ByteBuffer>, peer: PeerCredentials) async {
        let identity = access.withLockedValue { $0 }.identify(peer)
        let refusal = limits.admit(uid: peer.uid, role: identity.role)
        defer { if refusal == nil { limits.release(uid: peer.uid) } }
        do {
            try await conn.executeThenClose { inbound, outbound in
                if let refusal {
                    try await outbound.write(ByteBuffer(bytes: Wire.error(nil, refusal)))
                    return
                }
                let frames = FrameReader(inbound.makeAsyncIterator())
                while let frame = try await frames.next() {
                    let bytes: [UInt8]
                    switch frame {
                    case .tooLong:
                        try await outbound.write(
                            ByteBuffer(bytes: Wire.error(nil, .lineTooLong(Self.lineLimit(options, role: identity.role)))))
                        return
                    case .line(let buf):
                        let view = buf.readableBytesView
                        if view.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        bytes = Array(view)
                    }
                    // A line longer than the general limit (only a peer that may import gets one) is parsed off the loop.
                    let reply: Answer
                    if bytes.count > options.maxLineBytes {
                        reply = await withTaskExecutorPreference(globalConcurrentExecutor) {
                            await answer(bytes, identity: identity, peer: peer)
                        }
                    } else {
                        reply = await answer(bytes, identity: identity, peer: peer)
                    }
                    switch reply {
                    case .reply(.line(let l)):
                        try await outbound.write(ByteBuffer(bytes: l))
                    case .reply(.stream(let first, let rest)):
                        try await stream(first: first, rest: rest, channel: conn.channel, frames: frames, outbound: outbound)
                        return
                    case .closing(let l):
                        try await outbound.write(ByteBuffer(bytes: l))
                        return
                    }
                }
            }
        } catch {
            logger.debug("control connection ended", metadata: ["error": "\(error)", "pid": "\(peer.pid)"])
        }
    }

    /// What one request line gets: a reply, or a last error line after which the connection is closed.
    private enum Answer: Sendable {
        case reply(ControlReply)
        case closing([UInt8])
    }

    /// The connection's frame iterator, handed from the request loop to the watch stream's EOF reader (one user
    /// at a time: the loop stops using it before the stream starts).
    private final class FrameReader: @unchecked Sendable {
        private var iterator: NIOAsyncChannelInboundStream<Frame>.AsyncIterator
        init(_ i: NIOAsyncChannelInboundStream<Frame>.AsyncIterator) { iterator = i }
        func next() async throws -> Frame? { try await iterator.next() }
    }

    /// A watch stream: the connection is exempt from the idle timeout from now on; its reader stops when the client
    /// closes the connection, and the queue's subscriptions end with it.
    private func stream(
        first: [UInt8], rest: OutboundLineQueue, channel: any Channel,
        frames: FrameReader,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        defer { rest.close() }
        _ = try? await channel.pipeline.removeHandler(name: IdleCloseHandler.name).get()
        try await outbound.write(ByteBuffer(bytes: first))
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Anything the client sends after watch is ignored; its end (EOF) ends the stream.
            group.addTask {
                while (try? await frames.next()) ?? nil != nil {}
                rest.finish()
            }
            while let l = await rest.next() { try await outbound.write(ByteBuffer(bytes: l)) }
            if rest.overflowed {
                try await outbound.write(
                    ByteBuffer(
                        bytes: Wire.error(
                            nil,
                            ControlError(
                                code: "slow-consumer", message: "the client did not read events fast enough; reconnect and watch again"))))
            }
            group.cancelAll()
        }
    }

    /// One request line: pre-scan and routing fields first, then the role, then the op's own fields, then scope.
    private func answer(_ bytes: [UInt8], identity: AccessPolicy.Identity, peer: PeerCredentials) async -> Answer {
        let head: RequestHead
        switch Wire.parseHead(bytes) {
        case .failure(let e): return .reply(.line(Wire.error(Wire.salvageID(bytes), e)))
        case .success(let h): head = h
        }
        // The role is checked before the op's own fields are decoded (the dispatcher checks it again, with scope).
        let spec: OpSpec
        switch OpCatalog.authorize(head.op, role: identity.role) {
        case .failure(let e): return .reply(.line(Wire.error(head.id, e)))
        case .success(let s): spec = s
        }
        // Lines over the general limit are only for ops with their own, larger limit.
        let limit = spec.lineLimit.map { max($0, options.maxLineBytes) } ?? options.maxLineBytes
        if bytes.count > limit { return .closing(Wire.error(head.id, .lineTooLong(limit, op: head.op))) }
        if options.eventLoopOps.contains(head.op) {
            return .reply(await decodeAndHandle(bytes, head: head, identity: identity, peer: peer))
        }
        return .reply(
            await withTaskExecutorPreference(globalConcurrentExecutor) {
                await decodeAndHandle(bytes, head: head, identity: identity, peer: peer)
            })
    }

    private func decodeAndHandle(_ bytes: [UInt8], head: RequestHead, identity: AccessPolicy.Identity, peer: PeerCredentials) async
        -> ControlReply
    {
        let request: Request
        switch Wire.parseRequest(bytes) {
        case .failure(let e): return .line(Wire.error(head.id, e))
        case .success(let r): request = r
        }
        return await handler.handle(request, identity: identity, peer: peer)
    }
}

/// Linux `struct ucred`, from the system headers via QuaySystem (Glibc hides it behind _GNU_SOURCE).
typealias PeerCred = SocketPeerCredentials
