import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// Serves the hall display: the page at `/` (with /hall.js and /hall.css), the live feed on `/ws`,
/// the current snapshot as JSON on `/snapshot` and `/healthz` for monitoring.
///
/// Run it with `run()` (until the task is cancelled) or add `makeApplication()` to the daemon's ServiceGroup.
public struct HallServer: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Address to bind: "0.0.0.0" for the hall TVs on the LAN, "127.0.0.1" for a local kiosk browser.
        public var host: String
        /// TCP port; 0 picks a free port (tests), reported through `onRunning`.
        public var port: Int
        /// Directory with hall.html/js/css; nil serves the copy bundled with QuayWeb.
        public var publicDirectory: String?
        /// WebSocket ping period: a TV that vanished is dropped after about two periods.
        public var pingInterval: Duration
        /// Most connections open at once on the hall port; more are closed as soon as they connect.
        public var maxConnections: Int
        /// A connection that has not sent a complete request head this long after connecting is closed, and so is
        /// a keep-alive HTTP connection idle this long between requests. WebSocket pages are not affected.
        public var idleTimeout: Duration

        public init(
            host: String = "0.0.0.0", port: Int = 8080, publicDirectory: String? = nil,
            pingInterval: Duration = .seconds(20), maxConnections: Int = 64, idleTimeout: Duration = .seconds(10)
        ) {
            self.host = host
            self.port = port
            self.publicDirectory = publicDirectory
            self.pingInterval = pingInterval
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
        }
    }

    public let feed: any HallFeed
    public let configuration: Configuration
    public let assets: HallAssets
    /// Counts this server's open connections against `configuration.maxConnections`.
    public let connections: HallConnectionLimiter
    /// `/metrics` and `/healthz` (MonitoringRoutes).
    public let probes: HallProbes?
    /// Other pages on the same port (kiosk screen, …), each registering its own routes.
    public let pages: [any WebRouteGroup]
    private let logger: Logger

    public init(
        feed: any HallFeed, configuration: Configuration = Configuration(), pages: [any WebRouteGroup] = [],
        logger: Logger = Logger(label: "quay.hall"), probes: HallProbes? = nil
    ) throws(HallAssets.LoadError) {
        self.probes = probes
        self.feed = feed
        self.pages = pages
        self.configuration = configuration
        self.assets = try HallAssets(directory: configuration.publicDirectory)
        self.connections = HallConnectionLimiter(limit: configuration.maxConnections)
        self.logger = logger
    }

    /// Serves until the surrounding task is cancelled. `onRunning` receives the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onRunning: onRunning).run()
    }

    /// The Hummingbird application (a swift-service-lifecycle `Service`).
    public func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        for (path, file) in assets.files {
            let body = file.body, type = file.contentType
            router.get(RouterPath(path)) { _, _ -> Response in
                Response(
                    status: .ok,
                    headers: [.contentType: type, .cacheControl: "no-cache"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
            }
        }
        let feed = self.feed
        router.get("/snapshot") { _, _ -> Response in
            let json = HallMessage.json(.snapshot(await feed.snapshot()))
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        MonitoringRoutes.add(to: router, probes: probes)
        for page in pages { page.register(on: router) }
        router.ws("/ws") { inbound, outbound, _ in
            try await Self.serve(feed: feed, inbound: inbound, outbound: outbound)
        }
        let webSocketResponder = router.buildResponder()
        let limiter = connections
        let idle = TimeAmount(configuration.idleTimeout)
        let channelConfiguration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: idle),
            ws: .init(autoPing: .enabled(timePeriod: configuration.pingInterval)))
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                HallChildChannel(
                    base: HTTP1WebSocketUpgradeChannel(
                        responder: responder, webSocketResponder: webSocketResponder,
                        configuration: channelConfiguration),
                    limiter: limiter, requestTimeout: idle)
            },
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "quayd-hall"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// One page: subscribe, send the snapshot, then every update until the page or the feed goes away.
    static func serve(feed: any HallFeed, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (snapshot, updates) = await feed.subscribe()
        try await outbound.write(.text(HallMessage.json(.snapshot(snapshot))))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in inbound {}  // pages send nothing; this ends when the page closes
            }
            group.addTask {
                for await update in updates {
                    try await outbound.write(.text(HallMessage.json(update)))
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
