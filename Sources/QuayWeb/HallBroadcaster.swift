import Foundation

/// A ready-made `HallFeed`: keeps the current snapshot and fans updates out to every connected page.
/// The daemon calls `publish(_:)` for each queue event it maps to a hall update.
///
/// Subscribing, publishing and snapshotting happen under one lock, so a subscriber that subscribes and then takes
/// the snapshot sees every later update exactly once after it.
public final class HallBroadcaster: HallFeed, @unchecked Sendable {
    private let lock = NSLock()
    private var state: HallSnapshot
    private var subscribers: [UInt64: AsyncStream<HallUpdate>.Continuation] = [:]
    private var nextID: UInt64 = 0

    public init(initial: HallSnapshot = HallSnapshot()) {
        state = initial
    }

    public func snapshot() async -> HallSnapshot { current }

    /// The snapshot without suspending.
    public var current: HallSnapshot {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    public func updates() -> AsyncStream<HallUpdate> {
        let (stream, continuation) = AsyncStream<HallUpdate>.makeStream(bufferingPolicy: .bufferingNewest(256))
        lock.lock()
        nextID += 1
        let id = nextID
        subscribers[id] = continuation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    /// Applies `update` to the snapshot and sends it to every subscriber.
    public func publish(_ update: HallUpdate) {
        lock.lock()
        defer { lock.unlock() }
        state = state.applying(update)
        for c in subscribers.values { c.yield(update) }
    }

    /// Number of connected subscribers (pages).
    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// Ends every subscription (shutdown).
    public func finish() {
        lock.lock()
        let all = subscribers.values
        subscribers.removeAll()
        lock.unlock()
        for c in all { c.finish() }
    }

    private func remove(_ id: UInt64) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }
}
