import Foundation

/// The global bound on web sign-ins (`[web] sign_ins_per_minute`): at most `perMinute` attempts in any 60 s across
/// every name, so a script guessing passwords for many accounts is slowed to that pace (the per-account lockout
/// alone lets it try five passwords on each name). Attempts over the bound are refused before any password is
/// checked. Memory is bounded: it keeps the times of the last `perMinute` admitted attempts.
public final class SignInThrottle: @unchecked Sendable {
    public let perMinute: Int
    private let lock = NSLock()
    /// Monotonic seconds of the admitted attempts in the window, oldest first (at most `perMinute`).
    private var admitted: [Double] = []
    /// The window start when a refusal was last reported, so one refusal per window is audited, not thousands.
    private var reportedWindow: Double?

    public init(perMinute: Int) { self.perMinute = max(1, perMinute) }

    public enum Verdict: Sendable, Equatable {
        case admit
        /// Refused; try again in `retryAfter` seconds. `firstInWindow`: the first refusal since the window filled.
        case busy(retryAfter: Int, firstInWindow: Bool)
    }

    private let origin = ContinuousClock.now

    /// One sign-in attempt at `now` (seconds on any monotonic scale; default: since this throttle was made).
    public func attempt(now: Double? = nil) -> Verdict {
        let elapsed = origin.duration(to: .now).components
        let now = now ?? Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return lock.withLock { () -> Verdict in
            while let first = admitted.first, now - first >= 60 { admitted.removeFirst() }
            guard admitted.count >= perMinute, let oldest = admitted.first else {
                admitted.append(now)
                return .admit
            }
            let first = reportedWindow != oldest
            reportedWindow = oldest
            return .busy(retryAfter: max(1, Int((60 - (now - oldest)).rounded(.up))), firstInWindow: first)
        }
    }
}
