import Foundation
import QuayCore
import QuayStore
import Testing

/// Bulk insert of an imported file: one transaction, prepared statement, ≥ 20,000 rows/s.
@Suite struct DossierRepositoryTests {
    @Test func bulkInsertRoundTripsAndIsFast() throws {
        let dir = NSTemporaryDirectory() + "quay-dossier-repo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try Database(path: dir + "/q.sqlite")
        try Migrations.migrate(db)
        let (bytes, expected) = DossierSampleData.generate(rows: 50_000, seed: 7)
        let site = SiteID(rawValue: "test")!
        let r = DossierImporter.importCSV(bytes, mapping: DossierSampleData.mapping, site: site, firstSeq: 1)
        #expect(r.dossiers.count == expected.rows - expected.badRows)
        let repo = DossierRepository(db: db)
        // Speed is measured by the benchmark (docs/performance.md "Dossiers"), not asserted here: this checks
        // that a rolled-back bulk insert leaves nothing and a committed one stores every row.
        try db.exec("BEGIN IMMEDIATE")
        try repo.insertAll(r.dossiers)
        try db.exec("ROLLBACK")
        #expect(try repo.count() == 0)
        try db.exec("BEGIN IMMEDIATE")
        try repo.insertAll(r.dossiers)
        try db.exec("COMMIT")
        #expect(try repo.count() == r.dossiers.count)
        #expect(try repo.nextSeq() == Int64(r.dossiers.count + 1))
        let first = try #require(try repo.get(r.dossiers[0].receiptCode))
        #expect(first == r.dossiers[0])
        #expect(try repo.get(r.dossiers[1].id) == r.dossiers[1])
        // Stats from the store equal stats from the parsed rows.
        let stored = try repo.forStats(
            from: DossierSampleData.month.from, to: DossierSampleData.month.to, basis: .appointment,
            utcOffsetSeconds: vietnamUTCOffsetSeconds)
        let a = DossierStats.compute(
            stored, from: DossierSampleData.month.from, to: DossierSampleData.month.to, today: DossierSampleData.sampleToday)
        #expect(a.total == expected.counts)
        // A stored receipt code cannot be inserted again.
        var dup = r.dossiers[0]
        dup.id = site.dossierID(999_999)
        #expect(throws: SQLiteError.self) { try repo.insert(dup) }
        #expect(try repo.existingCodes([r.dossiers[2].receiptCode, "NOPE-0000"]) == [r.dossiers[2].receiptCode])
    }
}
