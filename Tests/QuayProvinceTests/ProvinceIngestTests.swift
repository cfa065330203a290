import Foundation
import QuayCore
@testable import QuayProvince
import QuayProvinceFixture
import Testing

/// Ingest into a real PostgreSQL 15 (a cluster the test starts): migrations, idempotence, merge rules, bounds.
@Suite(.serialized) struct ProvinceIngestTests {
    /// Every row of the current-state tables, as text, to compare before and after a re-ingest.
    static func snapshot(_ c: PostgresCluster, _ db: String) throws -> String {
        try c.psql(
            """
            SELECT (SELECT count(*) FROM feed) || '|' ||
                   (SELECT string_agg(id || status || rank || coalesce(returned_day::text, '-') || origin || seq, ',' ORDER BY id)
                    FROM dossiers)
                   || '|' || (SELECT string_agg(site || day || seq || issued, ',' ORDER BY site, day) FROM queue_days)
                   || '|' || (SELECT string_agg(site || day || service || issued, ',' ORDER BY site, day, service) FROM queue_day_services)
                   || '|' || (SELECT coalesce(string_agg(center || position, ','), '') FROM checkpoints)
            """, database: db)
    }

    @Test func migrationsApplyOnceAndRecordTheirVersion() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            #expect(try await db.schemaVersion() == 1)
            #expect(try await db.migrate() == [])
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT count(*) FROM schema_migrations") == "1")
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'dossiers_%'") == "4")
        }
    }

    /// The SQL status lists (the partial index of migration 1, the report's counts) are QuayCore's definitions.
    @Test func statusListsAreQuayCoresOpenAndReturned() {
        #expect(Set(DossierMergeOrder.openStatuses) == Set(DossierStatus.allCases.filter(\.isOpen)))
        for s in DossierStatus.allCases {
            #expect(DossierMergeOrder.returnedStatusSQL.contains("'\(s.rawValue)'") == s.countsAsReturned)
        }
    }

    @Test func reingestingABatchChangesNothing() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            let batch = ProvinceFixtureFeed.dossiersA + ProvinceFixtureFeed.queueA
            let first = try await db.ingest(batch, center: "xa-a", checkpoint: 16)
            #expect(first.inserted == batch.count)
            #expect(first.dossiersChanged == 4)
            #expect(first.queueDaysChanged == 2)
            let before = try Self.snapshot(cluster, name)
            let second = try await db.ingest(batch, center: "xa-a", checkpoint: 16)
            #expect(second.inserted == 0 && second.duplicates == batch.count)
            #expect(second.dossiersChanged == 0 && second.queueDaysChanged == 0)
            #expect(try Self.snapshot(cluster, name) == before)
            #expect(try await db.checkpoint(center: "xa-a") == 16)
        }
    }

    @Test func overlappingBatchesApplyEachRecordOnce() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            let all = ProvinceFixtureFeed.dossiersA
            _ = try await db.ingest(Array(all[0..<8]), center: "xa-a", checkpoint: 8)
            let r = try await db.ingest(Array(all[4..<14]), center: "xa-a", checkpoint: 14)
            #expect(r.inserted == 6)
            #expect(r.duplicates == 4)
            // A checkpoint never moves back.
            _ = try await db.ingest(Array(all[0..<2]), center: "xa-a", checkpoint: 2)
            #expect(try await db.checkpoint(center: "xa-a") == 14)
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT count(*) FROM feed") == "14")
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT status FROM dossiers WHERE id = 'xa-a-D2'") == "returned")
        }
    }

    @Test func statusOnlyMovesForwardWhateverTheArrivalOrder() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            let d1 = Array(ProvinceFixtureFeed.dossiersA[0..<4])  // created, processing, result-ready, returned
            // The return arrives first (its own batch), then the older changes: the dossier stays returned.
            _ = try await db.ingest([d1[3]], center: "xa-a")
            let r = try await db.ingest([d1[1], d1[0], d1[2]], center: "xa-a")
            #expect(r.inserted == 3)
            #expect(r.dossiersChanged == 0)
            #expect(
                try ProvinceTestDB.value(cluster, name, "SELECT status || ' ' || returned_day FROM dossiers WHERE id = 'xa-a-D1'")
                    == "returned 2026-11-09")
            // Within one batch the winner is chosen before the upsert.
            let d2 = Array(ProvinceFixtureFeed.dossiersA[4..<8])
            _ = try await db.ingest([d2[2], d2[0], d2[3], d2[1]], center: "xa-a")
            #expect(
                try ProvinceTestDB.value(cluster, name, "SELECT status || ' ' || revision FROM dossiers WHERE id = 'xa-a-D2'")
                    == "returned 3")
        }
    }

    @Test func equalRankLaterChangeWins() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            // processing (rank 1) at t, then needs-supplement (rank 1) later: the later one stands; the earlier
            // processing record arriving after it does not bring processing back.
            var d = Dossier(
                id: "xa-a-D9", receiptCode: "X9", procedure: "1.00HT", procedureName: "HT", service: "HT",
                receivedAt: ProvinceFixtureFeed.at("2026-11-02"), receivedSite: "xa-a", appointmentDate: LocalDate(iso: "2026-11-09")!,
                citizenName: "Công dân")
            let e1 = try d.transition(to: .processing, at: ProvinceFixtureFeed.at("2026-11-03"))
            let processing = FeedRecord(origin: "xa-a", seq: 2, at: e1.at, body: .dossier(.init(dossier: d, event: e1)))
            let e2 = try d.transition(to: .needsSupplement, at: ProvinceFixtureFeed.at("2026-11-04"))
            let supplement = FeedRecord(origin: "xa-a", seq: 3, at: e2.at, body: .dossier(.init(dossier: d, event: e2)))
            _ = try await db.ingest([supplement], center: "xa-a")
            let r = try await db.ingest([processing], center: "xa-a")
            #expect(r.dossiersChanged == 0)
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT status FROM dossiers WHERE id = 'xa-a-D9'") == "needs-supplement")
        }
    }

    @Test func aRecomputedQueueDayReplacesTheEarlierOnlyWhenNewer() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            _ = try await db.ingest([ProvinceFixtureFeed.queueB(seq: 10, issued: 3)], center: "xa-b")
            let newer = try await db.ingest([ProvinceFixtureFeed.queueB(seq: 12, issued: 4)], center: "xa-b")
            #expect(newer.queueDaysChanged == 1)
            let older = try await db.ingest([ProvinceFixtureFeed.queueB(seq: 11, issued: 9)], center: "xa-b")
            #expect(older.inserted == 1 && older.queueDaysChanged == 0)
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT issued || ' ' || seq FROM queue_days") == "4 12")
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT string_agg(service || issued, ',') FROM queue_day_services") == "HT4")
        }
    }

    @Test func badBatchesAreRefusedWithTypedErrorsAndWriteNothing() async throws {
        try await ProvinceTestDB.with { (db, cluster, name) async throws in
            let one = ProvinceFixtureFeed.queueB(seq: 1, issued: 1)
            await #expect(throws: ProvinceError.batchTooLarge(ProvinceDatabase.maxBatch + 1, max: ProvinceDatabase.maxBatch)) {
                try await db.ingest(Array(repeating: one, count: ProvinceDatabase.maxBatch + 1), center: "xa-b")
            }
            var zero = one
            zero.seq = 0
            await #expect(throws: ProvinceError.self) { try await db.ingest([one, zero], center: "xa-b") }
            var empty = one
            empty.origin = ""
            await #expect(throws: ProvinceError.self) { try await db.ingest([empty], center: "xa-b") }
            guard case .queueDay(var q) = one.body else { return }
            q.arrivalsByHour = [1]
            let short = FeedRecord(origin: "xa-b", seq: 2, at: 0, body: .queueDay(q))
            // The whole batch is checked first: the good record of the same batch is not written either.
            await #expect(throws: ProvinceError.self) { try await db.ingest([one, short], center: "xa-b") }
            #expect(try ProvinceTestDB.value(cluster, name, "SELECT count(*) FROM feed") == "0")
        }
    }
}
