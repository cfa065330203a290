import Foundation

/// Challenge nonces (docs/sync.md): 32 random bytes, base64; each may be used once, within `lifetime` seconds. At
/// most `capacity` are outstanding: issuing beyond that drops the oldest, so a flood of challenges costs bounded
/// memory (and only the flooder's nonces are likely to go).
public final class NonceStore: @unchecked Sendable {
    public let lifetime: Double
    public let capacity: Int
    private let lock = NSLock()
    private var issued: [String: Double] = [:]
    private var order: [String] = []
    private let clock: @Sendable () -> Double

    public init(lifetime: Double = 60, capacity: Int = 1024, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        (self.lifetime, self.capacity, self.clock) = (lifetime, capacity, clock)
    }

    /// A new nonce.
    public func issue() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        let nonce = Data(bytes).base64EncodedString()
        let now = clock()
        lock.withLock {
            prune(now)
            if order.count >= capacity, let oldest = order.first {
                order.removeFirst()
                issued[oldest] = nil
            }
            issued[nonce] = now
            order.append(nonce)
        }
        return nonce
    }

    /// True once for a nonce issued here less than `lifetime` ago; it is gone afterwards.
    public func consume(_ nonce: String) -> Bool {
        let now = clock()
        return lock.withLock {
            guard let at = issued.removeValue(forKey: nonce) else { return false }
            if let i = order.firstIndex(of: nonce) { order.remove(at: i) }
            return now - at < lifetime
        }
    }

    /// Outstanding nonces (tests, metrics).
    public var count: Int { lock.withLock { issued.count } }

    private func prune(_ now: Double) {
        var drop = 0
        while drop < order.count, let at = issued[order[drop]], now - at >= lifetime { drop += 1 }
        for n in order.prefix(drop) { issued[n] = nil }
        order.removeFirst(drop)
    }
}
