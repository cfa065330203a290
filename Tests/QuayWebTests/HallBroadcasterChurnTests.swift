import Foundation
import Testing
@testable import QuayWeb

/// Pages connecting and disconnecting while calls are published must never deadlock the broadcaster
/// (it used to yield to subscribers under its lock while `onTermination` took the same lock).
@Suite("Hall broadcaster under subscriber churn", .serialized)
struct HallBroadcasterChurnTests {
    /// A counter shared with plain threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add(_ k: Int = 1) { lock.withLock { n += k } }
        var value: Int { lock.withLock { n } }
    }

    /// Publishes calls on dedicated threads (not the cooperative pool) until stopped.
    final class Publishers: @unchecked Sendable {
        let published = Counter()
        private let stopLock = NSLock()
        private var stopped = false
        private var threads: [Thread] = []

        init(_ broadcaster: HallBroadcaster, count: Int) {
            for t in 0..<count {
                let thread = Thread { [self] in
                    var i = 0
                    while !stopLock.withLock({ stopped }) {
                        i += 1
                        let call = HallCall(ticket: "T\(t)-\(i)", counter: t + 1, at: Double(i))
                        broadcaster.publish(i % 5 == 0 ? .counterCleared(counter: t + 1) : .called(call))
                        published.add()
                        if i % 64 == 0 { usleep(200) }
                    }
                }
                thread.name = "hall-publisher-\(t)"
                threads.append(thread)
                thread.start()
            }
        }

        func stop() { stopLock.withLock { stopped = true } }
    }

    /// Aborts the test process when `counter` (the publishes, made on dedicated threads) stops moving for
    /// `seconds`: publish only ever waits for the broadcaster's lock, so a stuck publisher means a deadlock, however
    /// busy the cooperative pool is with other tests. No async check could report it: a deadlocked pool runs nothing.
    final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        init(watching counter: Counter, seconds: Double = 20, what: String) {
            let thread = Thread { [self] in
                var last = counter.value
                var since = Date()
                while !lock.withLock({ done }) {
                    usleep(50_000)
                    let now = counter.value
                    if now != last {
                        last = now
                        since = Date()
                        continue
                    }
                    if Date().timeIntervalSince(since) > seconds, !lock.withLock({ done }) {
                        FileHandle.standardError.write(Data("FAIL: \(what): no publish for \(seconds) s (deadlock)\n".utf8))
                        abort()
                    }
                }
            }
            thread.start()
        }
        func disarm() { lock.withLock { done = true } }
    }

    @Test("500 subscribe/cancel cycles under publishes from 3 threads finish, publishes keep flowing, no subscriber leaks")
    func churn() async throws {
        let broadcaster = HallBroadcaster()
        let publishers = Publishers(broadcaster, count: 3)
        let watchdog = Watchdog(watching: publishers.published, what: "HallBroadcaster churn")
        defer {
            publishers.stop()
            watchdog.disarm()
        }

        let cycles = 500
        let received = Counter()
        let completed = Counter()
        let churn = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<cycles {
                    if i >= 16 { await group.next() }  // at most 16 pages at once
                    group.addTask {
                        let stream = broadcaster.updates()
                        switch i % 3 {
                        case 0:
                            // The page went away before reading anything (write of the snapshot failed).
                            break
                        case 1:
                            // Reads a few updates, then disconnects.
                            var n = 0
                            for await _ in stream {
                                n += 1
                                if n == 3 { break }
                            }
                            received.add(n)
                        default:
                            // Disconnects (task cancelled) while waiting for the next update.
                            let reader = Task {
                                var n = 0
                                for await _ in stream { n += 1 }
                                return n
                            }
                            try? await Task.sleep(for: .microseconds(Int.random(in: 0...500)))
                            reader.cancel()
                            received.add(await reader.value)
                        }
                        completed.add()
                    }
                }
            }
        }

        // Progress check with a deadline (works while the cooperative pool is alive; the watchdog covers the rest).
        let deadline = ContinuousClock.now + .seconds(120)
        var lastPublished = -1
        while completed.value < cycles, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            lastPublished = publishers.published.value
        }
        #expect(completed.value == cycles, "only \(completed.value) of \(cycles) connect/disconnect cycles finished in 120 s")
        guard completed.value == cycles else {
            churn.cancel()
            return
        }
        await churn.value

        // Publishes are still flowing after the churn.
        let before = publishers.published.value
        try await Task.sleep(for: .milliseconds(200))
        #expect(publishers.published.value > before, "publishes stopped (\(before) then \(publishers.published.value))")
        #expect(lastPublished > 0)
        #expect(received.value > 0)

        // Every page that went away was dropped.
        let drop = ContinuousClock.now + .seconds(5)
        while broadcaster.subscriberCount > 0, ContinuousClock.now < drop { try await Task.sleep(for: .milliseconds(10)) }
        #expect(broadcaster.subscriberCount == 0)
        print("hall churn: \(cycles) cycles, \(publishers.published.value) publishes, \(received.value) updates received")
    }

    @Test("a subscriber gets exactly the updates after its snapshot, in order, with concurrent publishers")
    func snapshotThenUpdatesExactlyOnce() async throws {
        let broadcaster = HallBroadcaster()
        // Publishers: 4 threads, each publishing waiting counts for its own service, increasing.
        let perThread = 2_000
        let threads = (0..<4).map { t in
            Thread {
                for i in 1...perThread {
                    broadcaster.publish(.waiting([HallServiceWaiting(service: "S\(t)", nameVi: "", nameKm: "", waiting: i)]))
                }
            }
        }
        threads.forEach { $0.start() }
        try await Task.sleep(for: .milliseconds(1))
        let (snap, stream) = broadcaster.subscribe()
        // Replaying the stream onto the snapshot must end at the broadcaster's final state.
        let reader = Task { () -> (HallSnapshot, Bool) in
            var state = snap
            var lastPerService: [String: Int] = [:]
            if let w = snap.waiting.first { lastPerService[w.service] = w.waiting }
            var ordered = true
            for await u in stream {
                state = state.applying(u)
                if case .waiting(let w) = u, let x = w.first {
                    if let prev = lastPerService[x.service], x.waiting <= prev { ordered = false }
                    lastPerService[x.service] = x.waiting
                }
            }
            return (state, ordered)
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while threads.contains(where: { !$0.isFinished }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        broadcaster.finish()
        let (final, inOrder) = await reader.value
        #expect(inOrder, "an update arrived twice or out of order")
        #expect(final == broadcaster.current)
        #expect(broadcaster.subscriberCount == 0)
    }
}
