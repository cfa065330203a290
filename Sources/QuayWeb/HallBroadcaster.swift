import Foundation

/// A ready-made `HallFeed`: keeps the current snapshot and fans updates out to every connected page.
/// The daemon calls `publish(_:)` for each queue event it maps to a hall update.
///
/// No lock is ever held while yielding to a subscriber: yielding can run a stream's `onTermination` handler
/// (which takes the lock to drop the subscriber), so yielding under the lock deadlocks. Instead:
/// - `publish` applies the update to the snapshot and appends it, numbered, to `pending` under the lock; the
///   first publisher that finds nobody draining becomes the drainer;
/// - the drainer repeatedly takes the whole pending batch and a copy of the subscribers under the lock, and yields
///   outside it, so concurrent publishers never reorder updates;
/// - `subscribe()` registers the subscriber and takes the snapshot in one critical section and remembers the
///   sequence number the snapshot includes: the subscriber gets exactly the updates after its snapshot.
public final class HallBroadcaster: HallFeed, @unchecked Sendable {
    private struct Subscriber {
        let continuation: AsyncStream<HallUpdate>.Continuation
        /// The last update already in this subscriber's snapshot.
        let after: UInt64
    }

    /// Updates buffered per page: a page that stops reading loses the oldest ones, never blocks the hall.
    public static let bufferPerSubscriber = 256

    private let lock = NSLock()
    // Everything below is guarded by `lock`.
    private var state: HallSnapshot
    private var seq: UInt64 = 0
    private var pending: [(seq: UInt64, update: HallUpdate)] = []
    private var draining = false
    private var subscribers: [UInt64: Subscriber] = [:]
    private var nextID: UInt64 = 0
    private var finished = false

    public init(initial: HallSnapshot = HallSnapshot()) {
        state = initial
    }

    public func snapshot() async -> HallSnapshot { current }

    /// The snapshot without suspending.
    public var current: HallSnapshot {
        lock.withLock { state }
    }

    /// The current snapshot and a stream of every update after it, taken atomically.
    public func subscribe() -> (HallSnapshot, AsyncStream<HallUpdate>) {
        let (stream, continuation) = AsyncStream<HallUpdate>.makeStream(
            bufferingPolicy: .bufferingNewest(Self.bufferPerSubscriber))
        let (snap, id, open): (HallSnapshot, UInt64, Bool) = lock.withLock {
            nextID += 1
            if !finished { subscribers[nextID] = Subscriber(continuation: continuation, after: seq) }
            return (state, nextID, !finished)
        }
        guard open else {
            continuation.finish()
            return (snap, stream)
        }
        // The stream has not been handed out yet, so it cannot have terminated before the handler is set;
        // `finish()` racing with this removes the subscriber itself.
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return (snap, stream)
    }

    public func updates() -> AsyncStream<HallUpdate> { subscribe().1 }

    /// Applies `update` to the snapshot and sends it to every subscriber (in publish order).
    public func publish(_ update: HallUpdate) {
        let mustDrain: Bool = lock.withLock {
            state = state.applying(update)
            seq += 1
            guard !subscribers.isEmpty || draining else { return false }
            pending.append((seq, update))
            if draining { return false }
            draining = true
            return true
        }
        if mustDrain { drain() }
    }

    /// Yields pending updates outside the lock until none are left. Only one thread drains at a time.
    private func drain() {
        while true {
            let (batch, targets): ([(seq: UInt64, update: HallUpdate)], [Subscriber]) = lock.withLock {
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { draining = false }
                return (batch, Array(subscribers.values))
            }
            if batch.isEmpty { return }
            for item in batch {
                for s in targets where item.seq > s.after { s.continuation.yield(item.update) }
            }
        }
    }

    /// Number of connected subscribers (pages).
    public var subscriberCount: Int {
        lock.withLock { subscribers.count }
    }

    /// Ends every subscription (shutdown); later subscribers get a finished stream.
    public func finish() {
        let all: [Subscriber] = lock.withLock {
            finished = true
            let all = Array(subscribers.values)
            subscribers.removeAll()
            return all
        }
        for s in all { s.continuation.finish() }
    }

    private func remove(_ id: UInt64) {
        // Take the entry out under the lock but release it after: dropping the last reference to a
        // continuation must not run code while the lock is held.
        let removed: Subscriber? = lock.withLock { subscribers.removeValue(forKey: id) }
        _ = removed
    }
}
