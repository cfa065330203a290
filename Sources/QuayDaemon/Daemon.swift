import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import ServiceLifecycle
import UnixSignals

/// Builds and runs quayd: store, control socket, devices, web, watchdog, reload on SIGHUP.
public enum Daemon {
    public static func loadConfig(_ o: RunOptions) throws(DaemonStartError) -> QuayConfig {
        var cfg: QuayConfig
        do {
            if o.demo && o.configFile == nil {
                cfg = try ConfigLoader.parse(DemoConfig.toml, file: "<demo>")
            } else if let f = o.configFile {
                cfg = try ConfigLoader.load(file: f)
            } else {
                cfg = try ConfigLoader.load(file: "/etc/quayd/quayd.toml")
            }
        } catch { throw .config(error) }
        if o.demo {
            let dir = o.stateDir ?? NSTemporaryDirectory() + "quayd-demo-\(ProcessIdentity.pid)"
            cfg.stateDir = dir
            cfg.socketPath = o.socketPath ?? (dir as NSString).appendingPathComponent("control.sock")
        }
        if let s = o.stateDir { cfg.stateDir = s }
        if let s = o.socketPath { cfg.socketPath = s }
        return cfg
    }

    public static func run(_ options: RunOptions) async throws {
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        let logger = Logger(label: "quayd")
        let env = ProcessInfo.processInfo.environment
        let notifier = SystemdNotifier(environment: env)

        let config = try loadConfig(options)
        do {
            // 0700 whatever the umask: the database holds citizens' names and phone numbers.
            try PrivateFile.makeDirectory(config.stateDir, mode: 0o700)
        } catch {
            throw DaemonStartError.stateDir(config.stateDir, error.description)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (config.socketPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw DaemonStartError.stateDir(config.stateDir, error.localizedDescription)
        }
        let catalog: MessageCatalog
        do { catalog = try CatalogLoader.load(dir: config.messagesDir) } catch { throw DaemonStartError.config(error) }

        let (ledger, storeError) = openLedger(config, logger: logger)
        let registry = DeviceRegistry()
        let state = DaemonState(
            config: config, ledger: ledger, storeError: storeError, catalog: catalog, registry: registry, logger: logger)

        state.sync = try SyncWiring.runtime(state: state, logger: logger)

        var serverOptions = ControlServer.Options(path: config.socketPath)
        serverOptions.mode = config.socketMode
        if let g = config.socketGroup {
            do {
                serverOptions.group = try UserDatabase.groupID(named: g)
                if serverOptions.group == nil {
                    logger.warning("socket group not found; the socket keeps quayd's group", metadata: ["group": "\(g)"])
                }
            } catch {
                logger.warning(
                    "socket group lookup failed; the socket keeps quayd's group", metadata: ["group": "\(g)", "error": "\(error)"])
            }
        }
        if let fds = try? SystemdListenFDs.fromProcess(), let first = fds.first {
            serverOptions.inheritedFD = first.fd
            logger.info("using socket passed by systemd", metadata: ["fd": "\(first.fd)"])
        }

        // One op table serves every caller; the server and the devices reach it through the dispatcher, which
        // gets the complete table below, before any service runs.
        let dispatcher = OpDispatcher()
        let server = ControlServer(options: serverOptions, access: config.access, handler: dispatcher, logger: logger)
        let reload: @Sendable () async throws -> Void = {
            try await Self.reload(options: options, state: state, server: server, logger: logger, notifier: notifier)
        }

        var services: [any LifecycleService] = [
            ControlService(server: server, notifier: notifier, logger: logger),
            ReloadOnHangup(reload: reload, logger: logger),
        ]
        if let interval = SystemdNotifier.watchdogInterval(environment: env) {
            services.append(WatchdogService(notifier: notifier, interval: interval, state: state))
        }
        let devices = DaemonDevices(state: state, dispatcher: dispatcher, logger: logger)
        services += try await DeviceWiring.services(state: state, devices: devices, logger: logger)
        let voice = VoiceWiring.station(state: state, logger: logger)
        if let voice { services.append(VoiceService(state: state, station: voice, logger: logger)) }
        dispatcher.install(
            OpTable.standard(OpContext(state: state, printers: devices.printers, devices: devices, voice: voice, reload: reload)))
        services.append(NotifierService(state: state, logger: logger))
        services.append(AuditRetentionService(state: state, logger: logger))
        if let sync = state.sync { services.append(SyncService(runtime: sync, logger: logger)) }
        services += WebWiring.services(state: state, devices: devices, dispatcher: dispatcher, logger: logger)
        if options.demo && options.demoTraffic { services.append(DemoTraffic(state: state, dispatcher: dispatcher, logger: logger)) }

        logger.info(
            "quayd starting",
            metadata: [
                "version": "\(DaemonState.version)", "site": "\(config.center.site)",
                "socket": "\(config.socketPath)", "state": "\(config.stateDir)", "demo": "\(options.demo)",
            ])
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        notifier.notify("STOPPING=1")
        state.ledgerIfOpen?.close()
        logger.info("quayd stopped")
    }

    static func openLedger(_ config: QuayConfig, logger: Logger) -> (Ledger?, StoreError?) {
        do {
            // quay.sqlite 0600 before SQLite opens it (its -wal and -shm then get the same mode); a symlink is refused.
            try PrivateFile.secure(config.databasePath, mode: 0o600, create: true)
            for suffix in ["-wal", "-shm"] { try PrivateFile.secure(config.databasePath + suffix, mode: 0o600, create: false) }
        } catch {
            let why =
                error.errno == ELOOP ? "\(error.path ?? config.databasePath) is a symbolic link; quayd refuses to follow it" : "\(error)"
            logger.critical(
                "database unavailable; quayd keeps running and answers every request with the reason",
                metadata: ["path": "\(config.databasePath)", "error": "\(why)"])
            return (nil, .unavailable(why))
        }
        do {
            let l = try Ledger(path: config.databasePath, center: config.center, maxPageCount: config.storeMaxPages)
            if l.isReadOnly {
                logger.error(
                    "database is read-only: tickets cannot be issued until it is writable", metadata: ["path": "\(config.databasePath)"])
            }
            return (l, nil)
        } catch {
            logger.critical(
                "database unavailable; quayd keeps running and answers every request with the reason",
                metadata: ["path": "\(config.databasePath)", "error": "\(error)"])
            return (nil, error)
        }
    }

    /// SIGHUP / `reload`: a new configuration replaces the old only if it is entirely valid; the queue stays.
    static func reload(options: RunOptions, state: DaemonState, server: ControlServer, logger: Logger, notifier: SystemdNotifier)
        async throws
    {
        notifier.notify("RELOADING=1")
        defer { notifier.notify("READY=1") }
        let new: QuayConfig
        let catalog: MessageCatalog
        do {
            new = try loadConfig(options)
            catalog = try CatalogLoader.load(dir: new.messagesDir)
        } catch {
            logger.error("reload rejected, keeping the running configuration", metadata: ["reason": "\(error)"])
            throw ControlError(code: "config-invalid", message: "\(error)")
        }
        if new.voice != state.config.voice {
            // The voice station (engines, clip sets, zones) is built once at start.
            logger.warning("[voice] changed: the change takes effect when quayd restarts; announcements go on as before")
        }
        state.replace(config: new, catalog: catalog)
        server.updateAccess(new.access)
        if let l = state.ledgerIfOpen {
            try await l.reconfigure(new.center)
        } else {
            let (l, e) = openLedger(new, logger: logger)
            state.setLedger(l, error: e)
        }
        logger.info(
            "configuration reloaded", metadata: ["services": "\(new.center.services.count)", "counters": "\(new.center.counters.count)"])
    }
}
