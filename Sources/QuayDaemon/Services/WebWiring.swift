import Logging
import QuayCore
import QuayDevices
import QuayWeb
import ServiceLifecycle

/// The hall display page and the display service that feeds it and the LED boards.
enum WebWiring {
    static func services(state: DaemonState, devices: DaemonDevices, dispatcher: OpDispatcher, logger: Logger) -> [any LifecycleService] {
        let cfg = state.config
        var hall: HallBroadcaster?
        var out: [any LifecycleService] = []
        if cfg.web.enabled {
            let b = HallBroadcaster(initial: HallSnapshot(texts: Self.hallTexts(state.catalog)))
            state.metrics.webClientCount.withLockedValue { $0 = { b.subscriberCount } }
            let scrape = MetricsScrape(state: state, metrics: state.metrics), health = HealthCheck(state: state)
            do {
                let gateway = DaemonWebGateway(state: state, dispatcher: dispatcher)
                var pages: [any WebRouteGroup] = [
                    try KioskRoutes(gateway: gateway),
                    try TicketPageRoutes(gateway: gateway, publicURL: cfg.web.publicURL, qrSVG: { WebQRCode.svg($0) }),
                    try ClerkRoutes(
                        gateway: gateway, feed: b, secureCookie: cfg.web.secureCookies,
                        throttle: SignInThrottle(perMinute: cfg.web.signInsPerMinute),
                        report: ReportAccess(
                            render: { [page = ReportPage(state: state, dispatcher: dispatcher)] q, p in await page.reply(q, as: p) },
                            openWithoutAccounts: ReportPage.servedOn(host: cfg.web.host))),
                    try RatingRoutes(gateway: gateway),
                ]
                if let sync = state.sync { pages.append(SyncRouteGroup(server: sync.server())) }
                let server = try HallServer(
                    feed: b,
                    configuration: .init(
                        host: cfg.web.host, port: cfg.web.port, maxConnections: cfg.web.maxConnections,
                        idleTimeout: .milliseconds(Int64(cfg.web.idleTimeoutSeconds * 1000))),
                    pages: pages,
                    probes: HallProbes(metrics: { await scrape.render() }, health: { await health.status() }))
                out.append(HallWebService(server: server, logger: logger))
                hall = b
            } catch {
                logger.error("hall display assets missing; page disabled", metadata: ["error": "\(error)"])
            }
        }
        if hall != nil || !devices.boards.isEmpty || !devices.signs.isEmpty {
            out.append(DisplayService(state: state, hall: hall, logger: logger, boards: devices.boards, signs: devices.signs))
        }
        return out
    }

    /// The hall page's texts from the catalogue (overrides in /etc/quayd/messages apply), in the page's languages.
    static let hallKeys = [
        "hall.calling", "hall.title", "hall.number", "hall.counter", "hall.none-called", "hall.recent",
        "hall.waiting", "hall.results-ready", "hall.reconnecting",
    ]

    static func hallTexts(_ catalog: MessageCatalog) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for key in hallKeys {
            for lang in [Language.vi, .km] { out[key, default: [:]][lang.rawValue] = catalog.text(key, lang) }
        }
        return out
    }
}
