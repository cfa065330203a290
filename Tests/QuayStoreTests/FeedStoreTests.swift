import Foundation
import QuayCore
import Testing

@testable import QuayStore

/// The change feed in the store (docs/sync.md): own rows in the transaction of the change, without gaps; peer
/// records applied once; merge conflicts in the audit trail; a queue-day summary when the business day closes.
@Suite struct FeedStoreTests {
    static let midnight: Double = 1_795_539_600  // 2026-11-25 00:00 Asia/Ho_Chi_Minh

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t: Double
        init(_ t: Double) { self.t = t }
        var now: Double { lock.withLock { t } }
        func set(_ v: Double) { lock.withLock { t = v } }
    }

    final class Site {
        let dir = NSTemporaryDirectory() + "quay-feed-\(UUID().uuidString)"
        let ledger: Ledger
        let clock: Clock
        let id: SiteID
        init(_ name: String, clock: Clock = Clock(midnight + 9 * 3600)) throws {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            id = SiteID(rawValue: name)!
            self.clock = clock
            let center = CenterSetup(
                site: id, name: LocalizedText(vi: name),
                services: [
                    Service(
                        id: "hotich", name: LocalizedText(vi: "Hộ tịch"), prefix: "A", rangeStart: 1, rangeEnd: 999, digits: 3,
                        capacityPerDay: nil, hours: nil)
                ],
                counters: [Counter(id: "q1", number: "1", services: ["hotich"])])
            ledger = try Ledger(path: dir + "/quay.sqlite", center: center, clock: { [clock] in clock.now })
        }
        deinit {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        var dossiers: DossierStore { DossierStore(ledger: ledger) }
        var sync: SyncStore { SyncStore(ledger: ledger) }

        func receive(_ code: String) async throws -> Dossier {
            try await dossiers.receive(
                .init(
                    receiptCode: code, procedure: "1.001612", procedureName: "Khai sinh", service: "hotich",
                    appointmentDate: LocalDate(year: 2026, month: 12, day: 1)!, citizenName: "Nguyễn An", citizenPhone: nil,
                    returnChannel: .atSecondaryPoint, note: nil, counter: "q1", clerk: nil),
                site: id, utcOffsetSeconds: vietnamUTCOffsetSeconds)
        }

        func move(_ d: Dossier, to s: DossierStatus, note: String? = nil) async throws -> Dossier {
            try await dossiers.update(code: d.receiptCode, id: d.id, to: s, clerk: nil, note: note, notify: false, refuse: nil).0
        }

        /// Pulls everything `from` has (except our own records) and applies it, like the sync client.
        func pull(from other: Site) async throws -> FeedApplyResult {
            let after = try await sync.states([other.id.rawValue])[0].pulledAfter
            let (entries, bytes, _, _) = try await other.sync.entries(after: after, limit: 100, maxBytes: 1 << 20, excluding: id.rawValue)
            return try await sync.applyPulled(entries, from: other.id.rawValue, bytes: bytes)
        }
    }

    @Test func ownChangesGetGaplessSequencesAndFailedChangesNone() async throws {
        let p = try Site("point")
        let d = try await p.receive("H56-261125-0001")
        _ = try await p.move(d, to: .processing)
        // Refused changes (duplicate receipt code, a transition the state machine forbids) leave no feed row.
        await #expect(throws: DossierError.self) { _ = try await p.receive("H56-261125-0001") }
        await #expect(throws: DossierError.self) { _ = try await p.move(d, to: .returned) }
        _ = try await p.move(d, to: .resultReady)
        let records = try await p.sync.records(origin: "point")
        #expect(records.map(\.seq) == [1, 2, 3])
        let statuses = records.compactMap { r -> DossierStatus? in if case .dossier(let c) = r.body { c.dossier.status } else { nil } }
        #expect(statuses == [.received, .processing, .resultReady])
    }

    @Test func peerRecordsApplyOnceAndMergeForward() async throws {
        let point = try Site("point")
        let center = try Site("center")
        let d = try await point.receive("H56-261125-0002")
        var r = try await center.pull(from: point)
        #expect(r == FeedApplyResult(applied: 1, duplicates: 0, conflicts: 0))
        // The same batch again (checkpoint not moved, e.g. cut before it was stored) changes nothing.
        let (entries, bytes, _, _) = try await point.sync.entries(after: 0, limit: 100, maxBytes: 1 << 20, excluding: "center")
        r = try await center.sync.applyPulled(entries, from: "point", bytes: bytes)
        #expect(r == FeedApplyResult(applied: 0, duplicates: 1, conflicts: 0))
        let atCenter = try #require(try await center.dossiers.get(code: d.receiptCode, id: d.id)).0
        #expect(atCenter == d)
        // The center processes it and has the result: it comes down and shows on the point's results-ready list.
        _ = try await center.move(atCenter, to: .processing)
        _ = try await center.move(atCenter, to: .resultReady)
        // A dossier of the center's own: a point is served only the records of dossiers received there.
        _ = try await center.receive("H56-261125-0009")
        let forPoint = try await center.sync.entries(after: 0, limit: 100, maxBytes: 1 << 20, excluding: "point", dossiersOf: "point")
        #expect(forPoint.entries.count == 2)
        #expect(try await center.sync.entries(after: 0, limit: 100, maxBytes: 1 << 20, excluding: "point").entries.count == 3)
        r = try await point.pull(from: center)
        #expect(r.applied == 3 && r.conflicts == 0)
        #expect(try await point.dossiers.ready(limit: 10).map(\.id) == [d.id])
        // The point's copy echoed back to the center is a duplicate, and the center's own records never go back up.
        #expect(try await center.pull(from: point) == FeedApplyResult())
        let centerState = try await center.sync.states(["point"])[0]
        #expect(centerState.recordsIn == 1)
    }

    @Test func conflictsFollowTheRulesAndAreAudited() async throws {
        let point = try Site("point")
        let center = try Site("center")
        let d = try await point.receive("H56-261125-0003")
        _ = try await center.pull(from: point)
        // While apart: the point asks for a supplement, the center settles it.
        point.clock.set(FeedStoreTests.midnight + 10 * 3600)
        _ = try await point.move(d, to: .needsSupplement, note: "thiếu giấy")
        center.clock.set(FeedStoreTests.midnight + 9.5 * 3600)
        let atCenter = try #require(try await center.dossiers.get(code: d.receiptCode, id: d.id)).0
        _ = try await center.move(atCenter, to: .resultReady)
        #expect(try await center.pull(from: point).conflicts == 1)
        #expect(try await point.pull(from: center).conflicts == 1)
        let a = try #require(try await point.dossiers.get(code: d.receiptCode, id: d.id)).0
        let b = try #require(try await center.dossiers.get(code: d.receiptCode, id: d.id)).0
        #expect(a.status == .resultReady && b.status == .resultReady)
        let audit = try await center.ledger.history(AuditQuery())
        let row = try #require(audit.entries.first { $0.actor.source == "sync" })
        #expect(row.actor.sourceRef == "point" && row.subject.dossier == d.id)
    }

    @Test func closingTheBusinessDayWritesItsQueueSummary() async throws {
        let s = try Site("point")
        for _ in 0..<3 {
            _ = try await s.ledger.write { e, now throws(QueueError) in
                try e.issue(service: "hotich", priority: nil, language: .vi, now: now, minuteOfDay: nil)
            }
        }
        s.clock.set(FeedStoreTests.midnight + 33 * 3600)
        _ = try await s.ledger.write { _, _ throws(QueueError) in ((), Mutation()) }
        let records = try await s.sync.records(origin: "point")
        guard case .queueDay(let q) = try #require(records.last).body else {
            Issue.record("no queue-day record")
            return
        }
        #expect(q.day == LocalDate(year: 2026, month: 11, day: 25)!)
        #expect(q.total.issued == 3 && q.total.expired == 3)
        #expect(q.arrivalsByHour[9] == 3)
    }
}
