import Foundation
import QuayProvince
import QuayProvinceFixture

/// A fresh migrated database on the shared test cluster (a real PostgreSQL 15) for one test.
enum ProvinceTestDB {
    /// Runs `body` with a new database `name` (unique per test) and returns what it returns.
    static func with<T: Sendable>(_ body: @Sendable (ProvinceDatabase, PostgresCluster, String) async throws -> T) async throws -> T {
        let cluster = try PostgresCluster.shared()
        let name = "t_\(UInt64.random(in: 0...UInt64.max))"
        try cluster.createDatabase(name)
        defer { _ = try? cluster.psql("DROP DATABASE IF EXISTS \(name)") }
        return try await ProvinceDatabase.with(cluster.connection(database: name)) { db in
            try await db.migrate()
            return try await body(db, cluster, name)
        }
    }

    /// One value from a SQL query on `database`.
    static func value(_ cluster: PostgresCluster, _ database: String, _ sql: String) throws -> String {
        try cluster.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
