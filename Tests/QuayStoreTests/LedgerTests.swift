import Foundation
import QuayCore
@testable import QuayStore
import Testing

/// The ledger on its own: durable writes, refusals that change nothing, reads in order with writes, watchers that
/// miss nothing, SQL jobs in their own savepoint, and a closed ledger that says so.
@Suite struct LedgerTests {
    static let midnight: Double = 1_795_539_600  // 2026-11-25 00:00 Asia/Ho_Chi_Minh
    static let site = SiteID(rawValue: "ledger-test")!

    static func center() -> CenterSetup {
        CenterSetup(
            site: site, name: LocalizedText(vi: "Thử"),
            services: [
                Service(
                    id: "hotich", name: LocalizedText(vi: "Hộ tịch"), prefix: "A", rangeStart: 1, rangeEnd: 999,
                    digits: 3, capacityPerDay: 2, hours: nil)
            ],
            counters: [Counter(id: "q1", number: "1", services: ["hotich"])])
    }

    final class Dir {
        let path = NSTemporaryDirectory() + "quay-ledger-\(UUID().uuidString)"
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var db: String { path + "/quay.sqlite" }
    }

    static func open(_ dir: Dir, at t: Double = midnight + 9 * 3600) throws -> Ledger {
        try Ledger(path: dir.db, center: center(), clock: { t })
    }

    static func issue(_ l: Ledger) async throws -> Ticket {
        try await l.write { e, now throws(QueueError) in
            try e.issue(service: "hotich", priority: nil, language: .vi, now: now, minuteOfDay: nil)
        }
    }

    @Test func writesAreDurableAcrossReopen() async throws {
        let dir = Dir()
        var l = try Self.open(dir)
        let a = try await Self.issue(l)
        let b = try await Self.issue(l)
        #expect([a.number, b.number] == ["A001", "A002"])
        l.close()
        l = try Self.open(dir)
        defer { l.close() }
        let numbers = try await l.read { $0.waitingOrdered().map(\.number) }
        #expect(numbers == ["A001", "A002"])
    }

    @Test func aRefusalChangesNothingAndOtherJobsOfTheBatchCommit() async throws {
        let dir = Dir()
        let l = try Self.open(dir)
        defer { l.close() }
        // Capacity 2: of three concurrent issues exactly two succeed, with consecutive numbers.
        async let x = try? Self.issue(l)
        async let y = try? Self.issue(l)
        async let z = try? Self.issue(l)
        let got = [await x, await y, await z].compactMap { $0?.number }.sorted()
        #expect(got == ["A001", "A002"])
        await #expect(throws: QueueError.self) { _ = try await Self.issue(l) }
        #expect(try await l.read { $0.issuedCount(service: "hotich") } == 2)
    }

    @Test func aSubscriberSeesEveryLaterEventExactlyOnce() async throws {
        let dir = Dir()
        let l = try Self.open(dir)
        defer { l.close() }
        _ = try await Self.issue(l)
        let seen = Seen()
        let (token, before) = try await l.subscribe(snapshot: { $0.nextEventSeq - 1 }, observer: { m in seen.add(m.events.map(\.seq)) })
        _ = try await Self.issue(l)
        _ = try await l.write { e, now throws(QueueError) in try e.callNext(counter: "q1", now: now) }
        l.unsubscribe(token)
        #expect(seen.all == [before + 1, before + 2])
    }

    @Test func aFailedSQLJobRollsBackOnlyItsOwnStatements() async throws {
        let dir = Dir()
        let l = try Self.open(dir)
        defer { l.close() }
        struct Refused: Error {}
        async let good: Ticket = Self.issue(l)
        async let bad: Void = l.transaction { db, _, _ in
            try db.run("CREATE TABLE IF NOT EXISTS scratch(x INTEGER)")
            try db.run("INSERT INTO scratch(x) VALUES (1)")
            throw Refused()
        }
        let number = try await good.number
        #expect(number == "A001")
        var refused = false
        do { try await bad } catch is Refused { refused = true }
        #expect(refused)
        let rows = try await l.transaction { db, _, _ in ((try? db.scalarInt("SELECT count(*) FROM scratch")) ?? nil, Mutation()) }
        #expect(rows == nil || rows == 0)
    }

    @Test func aClosedLedgerRefusesWithClosed() async throws {
        let dir = Dir()
        let l = try Self.open(dir)
        l.close()
        do {
            _ = try await Self.issue(l)
            Issue.record("a closed ledger accepted a write")
        } catch let e as StoreError {
            guard case .closed = e else {
                Issue.record("expected .closed, got \(e)")
                return
            }
        }
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var seqs: [Int64] = []
        func add(_ s: [Int64]) { lock.withLock { seqs += s } }
        var all: [Int64] { lock.withLock { seqs } }
    }
}
