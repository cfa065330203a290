import Logging
import QuayCore
import QuayProvince

/// `quayd province`: the province roll-up (docs/sync.md, "Province"). `run` migrates the database, writes the
/// configured centers into `sites` and pulls every center's feed each `pull_interval_seconds`; `report` builds
/// the report across centers from PostgreSQL.
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

    /// Pulls forever (until the task is cancelled) with `fetch`, one round per interval; `rounds` bounds it.
    public static func run(
        _ config: ProvinceConfig, fetch: @escaping ProvincePuller.Fetch, rounds: Int? = nil,
        logger: Logger = Logger(label: "quayd.province")
    ) async throws {
        try await ProvinceDatabase.with(config.connection, logger: logger) { db in
            let applied = try await db.migrate()
            if !applied.isEmpty { logger.info("applied migrations \(applied)") }
            try await db.setSites(config.sites)
            let puller = ProvincePuller(db: db, limit: config.pullLimit, fetch: fetch)
            var round = 0
            while !Task.isCancelled {
                let n = await puller.round(config.centers, logger: logger)
                logger.info("round \(round): \(n) new records from \(config.centers.count) centers")
                round += 1
                if let rounds, round >= rounds { break }
                try await Task.sleep(for: .seconds(config.pullIntervalSeconds))
            }
        }
    }
}
