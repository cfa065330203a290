import Foundation
import QuayDevices
import QuaySystem

/// Real monotonic time plus an offset the test moves forward: timeouts still pass in real time, a backoff of
/// seconds is skipped with `advance(by:)` instead of a sleep.
final class AdvancingClock: DeviceClock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: UInt64 = 0

    func nowNanos() -> UInt64 { monotonicNanos() + lock.withLock { offset } }

    func advance(byMs ms: Int) { lock.withLock { offset += UInt64(ms) * 1_000_000 } }
}
