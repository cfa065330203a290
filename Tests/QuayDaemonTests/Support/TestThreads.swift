import Foundation
import Testing

/// Runs blocking client work on threads of its own, in the test's task (so `#expect` still reports to the test),
/// so a long test never holds one of the test process's few cooperative threads (async tests elsewhere need them
/// for their timers).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withTaskExecutorPreference(ThreadTaskExecutor()) { try body() }
}

/// A task executor that runs each job on a new thread.
final class ThreadTaskExecutor: TaskExecutor, @unchecked Sendable {
    func enqueue(_ job: consuming ExecutorJob) {
        let j = UnownedJob(job)
        let e = asUnownedTaskExecutor()
        Thread.detachNewThread { j.runSynchronously(on: e) }
    }
}

/// Load scenarios (thousands of tickets, a hundred stalled watchers, hundreds of connections) run in their own
/// `make test` step, after the main suite, so their load never overlaps the suites that measure timing.
enum HeavyTests {
    static let enabled = ProcessInfo.processInfo.environment["QUAY_HEAVY_TESTS"] == "1"
    static let note: Comment = "load scenario: runs in make test's second step (QUAY_HEAVY_TESTS=1)"
}

final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var v: T
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func update(_ f: (inout T) -> Void) { lock.withLock { f(&v) } }
}

extension FileHandle {
    /// The first line written, or what arrived before `timeout`.
    func availableDataLine(timeout: Double) -> String {
        var buf = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, !buf.contains(0x0A) {
            let d = availableData
            if d.isEmpty { break }
            buf.append(d)
        }
        return String(decoding: buf, as: UTF8.self)
    }
}
