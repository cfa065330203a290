import QuaySystem

/// Where device code reads the time for its deadlines and backoff (nanoseconds on a monotonic scale).
/// Production uses `MonotonicClock`; tests inject a clock they can move forward instead of sleeping through a
/// backoff. Blocking waits (poll, inter-frame silence) still pass in real time: a clock may run ahead of real
/// time, never behind it.
public protocol DeviceClock: Sendable {
    func nowNanos() -> UInt64
}

/// CLOCK_MONOTONIC.
public struct MonotonicClock: DeviceClock {
    public init() {}
    public func nowNanos() -> UInt64 { monotonicNanos() }
}
