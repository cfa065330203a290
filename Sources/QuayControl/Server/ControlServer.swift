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
        /// Longer lines for particular ops (dossier-import carries CSV). A connection whose peer may use such an
        /// op buffers lines up to the largest of them; a line over `maxLineBytes` is still refused, as
        /// line-too-long, for every op without its own limit. Other peers never buffer more than `maxLineBytes`.
        public var opLineLimits: [String: Int] = [:]
        public var maxConnections = 256
        /// Ops answered on the connection's own event loop (no thread hops: see `EventLoopTaskExecutor`). They
        /// must not block or compute for long; a handler that does (printing) leaves the loop itself. Every
        /// other op runs on Swift's global executor.
        public var eventLoopOps: Set<String> = ControlServer.shortOps
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

    /// Queue ops and small reads: each is at most an in-memory engine step plus one ledger commit.
    public static let shortOps: Set<String> = ["ping", "version", "issue", "call-next", "recall", "start-serving",
                                                "done", "no-show", "return", "transfer", "counter", "queue",
                                                "config", "counters", "stats"]

    let options: Options
    let handler: any ControlHandler
    let access: NIOLockedValueBox<AccessPolicy>
    let logger: Logger
    private let connections = NIOLockedValueBox(0)

    public init(options: Options, access: AccessPolicy, handler: any ControlHandler, logger: Logger) {
        self.options = options
        self.handler = handler
        self.access = NIOLockedValueBox(access)
        self.logger = logger
    }

    public func updateAccess(_ a: AccessPolicy) { access.withLockedValue { $0 = a } }

    /// Binds the socket, then calls `onListening` (for READY=1) and serves until cancelled.
    public func run(onListening: @Sendable () -> Void = {}) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let (opts, access) = (options, access)
        let initializer: @Sendable (Channel) -> EventLoopFuture<(PeerCredentials, NIOAsyncChannel<Frame, ByteBuffer>)> = { channel in
            Self.peerCredentials(channel).flatMapThrowing { cred in
                let maxLine = Self.lineLimit(opts, role: access.withLockedValue { $0 }.identify(cred).role)
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
            server = try await bootstrap.bind(NIOBSDSocket.Handle(fd), cleanupExistingSocketFile: false, childChannelInitializer: initializer)
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
                server = try await bootstrap.bind(NIOBSDSocket.Handle(fd.rawValue), cleanupExistingSocketFile: false, childChannelInitializer: initializer)
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

    /// The longest line a peer with `role` may send: the general limit, or the largest limit of an op it may use.
    static func lineLimit(_ o: Options, role: Role) -> Int {
        o.opLineLimits.filter { OpPermissions.allows(role, op: $0.key) }.values.reduce(o.maxLineBytes, max)
    }

    static func peerCredentials(_ channel: Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max))
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .map { (c: PeerCred) in PeerCredentials(pid: c.pid, uid: c.uid, gid: c.gid) }
            .recover { _ in PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max) }
    }

    private func serve(_ conn: NIOAsyncChannel<Frame, ByteBuffer>, peer: PeerCredentials) async {
        let admitted = connections.withLockedValue { n -> Bool in
            guard n < options.maxConnections else { return false }
            n += 1
            return true
        }
        defer { if admitted { connections.withLockedValue { $0 -= 1 } } }
        do {
            try await conn.executeThenClose { inbound, outbound in
                guard admitted else {
                    try await outbound.write(ByteBuffer(bytes: Wire.error(nil, ControlError(code: "too-many-connections", message: "quayd serves at most \(options.maxConnections) connections"))))
                    return
                }
                let identity = access.withLockedValue { $0 }.identify(peer)
                for try await frame in inbound {
                    switch frame {
                    case .tooLong:
                        try await outbound.write(ByteBuffer(bytes: Wire.error(nil, .lineTooLong(Self.lineLimit(options, role: identity.role)))))
                        return
                    case .line(let buf):
                        let bytes = buf.readableBytesView
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        let request: Request
                        switch Wire.parseRequest(bytes) {
                        case .failure(let e):
                            try await outbound.write(ByteBuffer(bytes: Wire.error(Wire.salvageID(bytes), e)))
                            continue
                        case .success(let r): request = r
                        }
                        // Lines over the general limit are only for ops with their own, larger limit.
                        let limit = options.opLineLimits[request.op].map { max($0, options.maxLineBytes) } ?? options.maxLineBytes
                        if bytes.count > limit {
                            try await outbound.write(ByteBuffer(bytes: Wire.error(request.id, .lineTooLong(limit, op: request.op))))
                            return
                        }
                        let reply: ControlReply
                        if options.eventLoopOps.contains(request.op) {
                            reply = await answer(request, identity: identity, peer: peer)
                        } else {
                            reply = await withTaskExecutorPreference(globalConcurrentExecutor) {
                                await answer(request, identity: identity, peer: peer)
                            }
                        }
                        switch reply {
                        case .line(let l):
                            try await outbound.write(ByteBuffer(bytes: l))
                        case .stream(let first, let rest, let overflowed):
                            try await outbound.write(ByteBuffer(bytes: first))
                            for await l in rest { try await outbound.write(ByteBuffer(bytes: l)) }
                            if overflowed() {
                                try await outbound.write(ByteBuffer(bytes: Wire.error(nil, ControlError(code: "slow-consumer", message: "the client did not read events fast enough; reconnect and watch again"))))
                            }
                            return
                        }
                    }
                }
            }
        } catch {
            logger.debug("control connection ended", metadata: ["error": "\(error)", "pid": "\(peer.pid)"])
        }
    }

    private func answer(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
        guard OpPermissions.allows(identity.role, op: request.op) else {
            return .line(Wire.error(request.id, .forbidden(op: request.op, role: identity.role.rawValue)))
        }
        if let allowed = identity.counters, request.counter == nil, ["transfer", "return", "recall", "done", "no-show", "start-serving"].contains(request.op) {
            return .line(Wire.error(request.id, ControlError(code: "forbidden", message: "this clerk must name their counter (\(allowed.joined(separator: ", ")))")))
        }
        if let allowed = identity.counters, let c = request.counter, !allowed.contains(c) {
            return .line(Wire.error(request.id, ControlError(code: "forbidden", message: "this clerk may act only for counters \(allowed.joined(separator: ", "))")))
        }
        return await handler.handle(request, identity: identity, peer: peer)
    }
}

/// Layout of Linux `struct ucred` (Glibc hides it behind _GNU_SOURCE).
struct PeerCred {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
