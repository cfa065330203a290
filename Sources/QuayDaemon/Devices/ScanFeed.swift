import Foundation
import QuayControl
import QuayCore

/// Fans scans out to `watch` clients and to a technician's `device-test` waiting for one.
final class ScanFeed: @unchecked Sendable {
    private let lock = NSLock()
    private var observers: [UInt64: @Sendable (ScanEvent) -> Void] = [:]
    private var next: UInt64 = 0

    func observe(_ f: @escaping @Sendable (ScanEvent) -> Void) -> UInt64 {
        lock.withLock {
            next += 1
            observers[next] = f
            return next
        }
    }

    func stopObserving(_ token: UInt64) { lock.withLock { observers[token] = nil } }

    func publish(_ e: ScanEvent) {
        let all = lock.withLock { Array(observers.values) }
        for f in all { f(e) }
    }

    /// The next scan from `role`, or nil after `timeout`.
    func next(role: String, timeout: Duration) async -> ScanEvent? {
        let (stream, cont) = AsyncStream<ScanEvent?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let token = observe { e in if e.role == role { cont.yield(e) } }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            cont.yield(nil)
        }
        defer {
            stopObserving(token)
            timer.cancel()
        }
        for await e in stream { return e }
        return nil
    }
}
