import Logging
import PostgresNIO
import QuayCore

/// The province's PostgreSQL database: a postgres-nio client pool, the schema migrations, ingest (ProvinceIngest)
/// and report queries (ProvinceReportQuery). Use it inside `ProvinceDatabase.with(_:)`, which runs the pool and
/// shuts it down when the body returns or throws.
public final class ProvinceDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger

    init(_ c: ProvinceConnection, logger: Logger) {
        var config: PostgresClient.Configuration
        switch c.endpoint {
        case .unixSocket(let path):
            config = .init(unixSocketPath: path, username: c.user, password: c.password, database: c.database)
        case .tcp(let host, let port):
            config = .init(host: host, port: port, username: c.user, password: c.password, database: c.database, tls: .disable)
        }
        config.options.maximumConnections = 4
        config.options.connectTimeout = .seconds(10)
        client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs `body` with a connected database (pool running), then shuts the pool down.
    public static func with<T: Sendable>(
        _ c: ProvinceConnection, logger: Logger = Logger(label: "quay.province"),
        _ body: @Sendable (ProvinceDatabase) async throws -> T
    ) async throws -> T {
        let db = ProvinceDatabase(c, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await db.client.run() }
            do {
                let r = try await body(db)
                group.cancelAll()
                return r
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Applies the migrations not applied yet, in order; returns the versions applied now. Serialised between
    /// processes by an advisory transaction lock.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await client.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)",
            logger: logger)
        var applied: [Int] = []
        for m in ProvinceMigrations.all {
            let done = try await client.withTransaction(logger: logger) { conn in
                try await conn.query("SELECT pg_advisory_xact_lock(7316001)", logger: self.logger)
                let rows = try await conn.query(
                    "SELECT count(*) FROM schema_migrations WHERE version = \(m.version)", logger: self.logger)
                for try await n in rows.decode(Int64.self) where n > 0 { return false }
                for s in m.statements { try await conn.query(PostgresQuery(unsafeSQL: s), logger: self.logger) }
                try await conn.query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(m.version), \(m.name), now())",
                    logger: self.logger)
                return true
            }
            if done { applied.append(m.version) }
        }
        return applied
    }

    /// The highest migration version applied (0 for an empty database).
    public func schemaVersion() async throws -> Int {
        try await scalar("SELECT coalesce(max(version), 0)::int8 FROM schema_migrations")
    }

    /// Replaces the `sites` table's names (site id → commune, district) from the configuration, in order.
    public func setSites(_ sites: [ProvinceSite]) async throws {
        let ids = sites.map(\.site), communes = sites.map(\.commune), districts = sites.map(\.district)
        let positions = sites.indices.map { Int64($0) }
        try await client.query(
            """
            INSERT INTO sites (site, commune, district, position)
            SELECT * FROM unnest(\(ids)::text[], \(communes)::text[], \(districts)::text[], \(positions)::int8[])
            ON CONFLICT (site) DO UPDATE SET commune = excluded.commune, district = excluded.district, position = excluded.position
            """, logger: logger)
    }

    /// A single bigint from `sql` (0 when no row).
    func scalar(_ sql: PostgresQuery) async throws -> Int {
        let rows = try await client.query(sql, logger: logger)
        for try await v in rows.decode(Int64?.self) { return Int(v ?? 0) }
        return 0
    }

    /// The last feed position applied for `center` (0 when none yet).
    public func checkpoint(center: String) async throws -> Int64 {
        Int64(try await scalar("SELECT position FROM checkpoints WHERE center = \(center)"))
    }
}

/// A center (commune) as the province knows it.
public struct ProvinceSite: Sendable, Equatable {
    public var site: String
    public var commune: String
    public var district: String

    public init(site: String, commune: String, district: String = "") {
        (self.site, self.commune, self.district) = (site, commune, district)
    }
}
