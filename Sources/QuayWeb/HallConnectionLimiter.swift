import Foundation

/// Counts the open connections on the hall port against a cap (a hall has a handful of TVs; without a cap,
/// idle or abusive connections could use up quayd's file descriptors and starve the control socket).
/// Shared by every connection of one server.
public final class HallConnectionLimiter: @unchecked Sendable {
    public let limit: Int
    private let lock = NSLock()
    private var open = 0
    private var refusedTotal = 0

    public init(limit: Int) { self.limit = max(1, limit) }

    /// Takes a slot, or returns false when `limit` connections are open (the caller closes the connection).
    func acquire() -> Bool {
        lock.withLock {
            guard open < limit else {
                refusedTotal += 1
                return false
            }
            open += 1
            return true
        }
    }

    func release() { lock.withLock { open -= 1 } }

    /// Connections holding a slot now.
    public var openConnections: Int { lock.withLock { open } }
    /// Connections closed because the cap was reached, since start.
    public var refused: Int { lock.withLock { refusedTotal } }
}
