import Logging
import QuayCore
import QuayProvince
import QuaySync

/// `quayd province`: the province roll-up (docs/sync.md, "Province"). `run` migrates the database, writes the
/// configured centers into `sites` and pulls every center's feed each `pull_interval_seconds` with QuaySync's
/// client; `report` builds the report across centers from PostgreSQL.
public enum ProvinceDaemon {
    /// Applies pending migrations and writes the centers into `sites`; returns the versions applied.
    public static func migrate(_ config: ProvinceConfig, logger: Logger = Logger(label: "quayd.province")) async throws -> [Int] {
        try await ProvinceDatabase.with(config.connection, logger: logger) { db in
            let applied = try await db.migrate()
            try await db.setSites(config.sites)
            return applied
        }
    }

    public static func report(_ config: ProvinceConfig, period: ReportPeriod, madeOn: LocalDate) async throws -> ProvinceReport {
        try await ProvinceDatabase.with(config.connection) { db in
            try await db.report(province: config.name, period: period, madeOn: madeOn)
        }
    }

    /// The centers the province dials, as sync peers (configuration checked: a url has a valid key).
    static func peers(_ config: ProvinceConfig) throws -> [SyncPeer] {
        try config.centers.compactMap { c in
            guard let url = c.url else { return nil }
            guard let key = c.publicKey.flatMap(SyncKey.publicKey(base64:)) else {
                throw ProvinceError.invalidConfig(["center \(c.site): public_key is not 32 bytes of base64"])
            }
            return SyncPeer(site: c.site, publicKey: key, url: url, role: .center)
        }
    }

    /// Pulls every center with a url, one round per interval, until cancelled (or `rounds` rounds). A failing
    /// center is logged and retried next round; the others are still pulled.
    public static func run(_ config: ProvinceConfig, rounds: Int? = nil, logger: Logger = Logger(label: "quayd.province")) async throws {
        guard let keyFile = config.keyFile else { throw ProvinceError.invalidConfig(["province.key_file is needed to pull"]) }
        let key = try SyncKey.loadOrCreate(path: keyFile).key
        let peers = try peers(config)
        var options = SyncClient.Options()
        options.batchRecords = min(config.pullLimit, ProvinceDatabase.maxBatch)
        let http = SyncClient.makeHTTPClient()
        let client = SyncClient(site: config.site, key: key, http: http, options: options)
        do {
            try await ProvinceDatabase.with(config.connection, logger: logger) { db in
                let applied = try await db.migrate()
                if !applied.isEmpty { logger.info("applied migrations \(applied)") }
                try await db.setSites(config.sites)
                let target = ProvinceSyncTarget(db: db, logger: logger)
                var round = 0
                while !Task.isCancelled {
                    var pulled = 0
                    for peer in peers {
                        do { pulled += try await client.pull(from: peer, into: target).pulled } catch {
                            logger.warning("pull from \(peer.site) failed: \(error)")
                        }
                    }
                    logger.info("round \(round): \(pulled) records pulled from \(peers.count) centers")
                    round += 1
                    if let rounds, round >= rounds { break }
                    try await Task.sleep(for: .seconds(config.pullIntervalSeconds))
                }
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
