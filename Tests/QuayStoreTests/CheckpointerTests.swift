import Foundation
import QuayCore
import QuayStore
import Testing

/// The ledger checkpoints the WAL on its own thread; no client's COMMIT copies pages into the database file.
@Suite("WAL checkpoints run beside the writer, not inside a commit")
struct CheckpointerTests {
    static let center = CenterSetup(site: SiteID(rawValue: "ckpt")!, name: LocalizedText(vi: "Ckpt"),
                                    services: [Service(id: "a", name: LocalizedText(vi: "A"), prefix: "A", rangeEnd: 999_999, digits: 6)],
                                    counters: [Counter(id: "q1", number: "1", services: ["a"])])

    func withLedger(checkpointPages: Int, _ body: (Ledger, String, String) async throws -> Void) async throws {
        let dir = NSTemporaryDirectory() + "quay-ckpt-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/queue.sqlite"
        let ledger = try Ledger(path: path, center: Self.center, checkpointPages: checkpointPages)
        defer { ledger.close() }
        try await body(ledger, path, dir)
    }

    func issue(_ ledger: Ledger, _ n: Int) async throws {
        for _ in 0..<n {
            _ = try await ledger.write { engine, now throws(QueueError) in
                let (t, m) = try engine.issue(service: "a", priority: nil, language: .vi, now: now, minuteOfDay: nil)
                return (t.number, m)
            }
        }
    }

    /// Tickets in the database file alone, without its WAL: only what checkpoints have copied there.
    func ticketsInMainFile(_ path: String, dir: String) throws -> Int64 {
        let copy = dir + "/copy-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let db = try Database(path: copy)
        guard try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'tickets'") == 1 else { return 0 }
        return try db.scalarInt("SELECT count(*) FROM tickets") ?? 0
    }

    func walBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    @Test("past the threshold a background checkpoint copies committed tickets into the database file")
    func checkpointsInTheBackground() async throws {
        try await withLedger(checkpointPages: 16) { ledger, path, dir in
            try await issue(ledger, 300)
            let deadline = ContinuousClock.now + .seconds(20)
            while ledger.stats.checkpoints == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(ledger.stats.checkpoints >= 1)
            #expect(ledger.stats.checkpointFailures == 0, "\(ledger.stats.lastCheckpointError ?? "")")
            #expect(try ticketsInMainFile(path, dir: dir) > 0)
            // The writer restarts the WAL after a complete checkpoint: it stays far below 300 tickets' worth.
            #expect(walBytes(path) < 2_000_000, "WAL is \(walBytes(path)) bytes")
        }
    }

    @Test("below the threshold nothing is checkpointed, even past SQLite's own 1,000-page automatic checkpoint")
    func commitNeverCheckpoints() async throws {
        try await withLedger(checkpointPages: 1_000_000) { ledger, path, dir in
            try await issue(ledger, 600)
            // The WAL outgrew SQLite's default automatic checkpoint (1,000 pages of 4 KiB), so without the hook
            // some COMMIT would have copied the tickets into the main file.
            #expect(walBytes(path) > 1000 * 4096, "WAL is \(walBytes(path)) bytes")
            #expect(try ticketsInMainFile(path, dir: dir) == 0)
            #expect(ledger.stats.checkpoints == 0)
            // Everything is still durable and readable through the WAL.
            #expect(try await ledger.read { $0.tickets.count } == 600)
        }
    }
}
