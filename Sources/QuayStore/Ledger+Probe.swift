import QuayCore

extension Ledger {
    /// Commits one small write (`meta` row "health-probe" = now) through the writer, as every change does: it
    /// succeeds only when the database and its filesystem take a durable write now (`/healthz`).
    public func probeWrite() async throws {
        try await transaction { db, _, now in
            try db.run(
                "INSERT INTO meta(key, value) VALUES('health-probe', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(String(now))])
            return ((), Mutation())
        }
    }
}
