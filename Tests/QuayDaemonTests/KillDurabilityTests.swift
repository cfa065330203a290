import Foundation
import QuayControl
import Testing
import Synchronization

/// kill -9 at any instant never duplicates a number and never loses an acknowledged one (issue #3).
@Suite(.serialized) struct KillDurabilityTests {
    @Test func sigkillDuringConcurrentIssuesLosesAndDuplicatesNothing() throws {
        let cycles = Int(ProcessInfo.processInfo.environment["QUAY_KILL_CYCLES"] ?? "") ?? 20
        let dir = TempDir("quay-kill")
        let tally = Tally()
        var rng = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        for cycle in 0..<cycles {
            let d = try DaemonProcess(dir: dir)
            try d.start()
            let stop = AtomicFlag()
            let group = DispatchGroup()
            for client in 0..<6 {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    guard let c = try? d.client() else { return }
                    let service = client % 2 == 0 ? "hotich" : "datdai"
                    while !stop.isSet {
                        guard let r = try? c.call("issue", ["service": .string(service)], timeoutMs: 5000) else { return }
                        guard r["ok"]?.bool == true, let n = r["ticket"]?["number"]?.string else { return }
                        tally.add(n)
                    }
                }
            }
            usleep(UInt32(30_000 + rng.next() % 250_000))
            d.kill9()
            stop.set()
            group.wait()
            _ = cycle
        }
        // Restart once more and read back everything.
        let d = try DaemonProcess(dir: dir)
        try d.start()
        let q = try d.client().call("queue", ["args": .object(["limit": .number(10_000)])])
        let waiting = q["snapshot"]?["waiting"]?.array ?? []
        let numbers = waiting.compactMap { $0["number"]?.string }
        #expect(Set(numbers).count == numbers.count, "duplicate numbers in the queue")
        let (acked, ackedCount) = tally.snapshot
        #expect(ackedCount == acked.count, "a number was acknowledged twice")
        let stored = Set(numbers)
        let missing = acked.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
        // Consecutive per service: A001…A0nn with no gap.
        for prefix in ["A", "B"] {
            let seqs = numbers.filter { $0.hasPrefix(prefix) }.compactMap { Int($0.dropFirst()) }.sorted()
            #expect(seqs == Array(1...max(1, seqs.count)).prefix(seqs.count).map { $0 }, "gap in \(prefix) numbers")
        }
        #expect(acked.count > cycles, "too few tickets issued to mean anything: \(acked.count)")
    }
}

/// Set once by the test, read by its helper thread.
final class AtomicFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var set: Set<String> = []
    private var count = 0
    func add(_ n: String) {
        lock.lock()
        set.insert(n)
        count += 1
        lock.unlock()
    }
    var snapshot: (Set<String>, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (set, count)
    }
}
