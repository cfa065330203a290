import Logging
import QuayCore
import QuaySync

/// Builds sync from `[sync]`: the key (created on first start, its public key logged), the runtime, its service.
enum SyncWiring {
    static func runtime(state: DaemonState, logger: Logger) throws(DaemonStartError) -> SyncRuntime? {
        let cfg = state.config
        guard cfg.sync.enabled else { return nil }
        let path = cfg.sync.keyPath(stateDir: cfg.stateDir)
        let key: SyncKey
        do {
            let (k, created) = try SyncKey.loadOrCreate(path: path)
            key = k
            if created { logger.notice("sync: new key created", metadata: ["keyFile": "\(path)", "publicKey": "\(k.publicKeyBase64)"]) }
        } catch {
            throw .other("\(error)")
        }
        logger.info(
            "sync: enabled",
            metadata: ["peers": "\(cfg.sync.peers.map(\.site).joined(separator: ","))", "publicKey": "\(key.publicKeyBase64)"])
        return SyncRuntime(site: cfg.center.site.rawValue, key: key, config: cfg.sync, state: state, logger: logger)
    }
}
