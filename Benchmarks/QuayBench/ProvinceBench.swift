import Foundation
import QuayCore
import QuayProvince
import QuayProvinceFixture
import QuaySystem

/// docs/performance.md "Province": a simulated province (`ProvinceFeedGenerator`: 135 communes, 200,000 dossiers
/// with every status change, 30 queue-day summaries per commune) ingested into a real PostgreSQL 15 started for
/// the run (default durability: fsync and synchronous commit on), in batches of `ProvinceDatabase.maxBatch` with
/// a checkpoint each; then the month report across all centers beside a bare `count(*)` over the rows it reads.
enum ProvinceBench {
    static func run(communes: Int = 135, dossiers: Int = 200_000, runs: Int = 5) async throws -> String {
        let cluster = try PostgresCluster(durable: true)
        defer { cluster.stop() }
        try cluster.createDatabase("province_bench")
        let november = ReportPeriod.month("2026-11")!
        let gen = ProvinceFeedGenerator(communes: communes, dossiers: dossiers, days: november)
        var out = ""
        let (ingest, rows, genSeconds) = try await ProvinceDatabase.with(cluster.connection(database: "province_bench")) { db in
            try await db.migrate()
            try await db.setSites(gen.sites())
            var ingestNanos: UInt64 = 0, genNanos: UInt64 = 0, rows = 0
            for c in 0..<communes {
                let g0 = monotonicNanos()
                let records = gen.records(center: c)
                genNanos += monotonicNanos() - g0
                for start in stride(from: 0, to: records.count, by: ProvinceDatabase.maxBatch) {
                    let batch = Array(records[start..<min(records.count, start + ProvinceDatabase.maxBatch)])
                    let t0 = monotonicNanos()
                    let r = try await db.ingest(batch, center: gen.site(c), checkpoint: batch.last!.seq)
                    ingestNanos += monotonicNanos() - t0
                    precondition(r.inserted == batch.count)
                    rows += batch.count
                }
            }
            return (Double(ingestNanos) / 1e9, rows, Double(genNanos) / 1e9)
        }
        out += String(
            format: "ingest: %d feed records (%d dossiers, %d queue days) from %d centers in %.1f s: %.0f rows/s"
                + " (generation %.1f s apart)\n", rows, dossiers, communes * november.days, communes, ingest, Double(rows) / ingest,
            genSeconds)
        // Re-ingesting a center's whole feed: every record a duplicate, nothing applied.
        let again = try await ProvinceDatabase.with(cluster.connection(database: "province_bench")) { db in
            let records = gen.records(center: 0)
            let t0 = monotonicNanos()
            var dup = 0
            for start in stride(from: 0, to: records.count, by: ProvinceDatabase.maxBatch) {
                let batch = Array(records[start..<min(records.count, start + ProvinceDatabase.maxBatch)])
                dup += try await db.ingest(batch, center: gen.site(0)).duplicates
            }
            return (dup, Double(monotonicNanos() - t0) / 1e9)
        }
        out += String(format: "re-ingest of one center: %d duplicates in %.2f s, nothing applied\n", again.0, again.1)
        try cluster.psql("VACUUM ANALYZE", database: "province_bench")
        let madeOn = LocalDate(iso: "2026-12-01")!
        for (name, period) in [("month", november), ("week", ReportPeriod.week(containing: LocalDate(iso: "2026-11-18")!))] {
            let (rep, bare, counted) = try await ProvinceDatabase.with(cluster.connection(database: "province_bench")) { db in
                var reportMs: [Double] = [], bareMs: [Double] = []
                var counted = 0
                for _ in 0..<runs {
                    let b0 = monotonicNanos()
                    counted = try await db.bareCount(period: period)
                    bareMs.append(Double(monotonicNanos() - b0) / 1e6)
                    let r0 = monotonicNanos()
                    let r = try await db.report(province: "Bench", period: period, madeOn: madeOn)
                    reportMs.append(Double(monotonicNanos() - r0) / 1e6)
                    precondition(r.communes.count == communes && r.total.queue.issued > 0)
                }
                return (median(reportMs), median(bareMs), counted)
            }
            out += String(
                format: "%@ report over %d centers %7.1f ms  (target < 1000 ms)   bare count(*) of %d rows %6.1f ms   ratio %.1f\n",
                name, communes, rep, counted, bare, rep / bare)
        }
        let size = try cluster.psql("SELECT pg_size_pretty(pg_database_size('province_bench'))").trimmingCharacters(
            in: .whitespacesAndNewlines)
        out += "database size after ingest: \(size)\n"
        return out
    }

    static func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
}
