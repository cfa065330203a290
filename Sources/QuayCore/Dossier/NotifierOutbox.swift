/// Delay before retry n of a failed notification: base × factor^(n-1), capped. Pure and deterministic.
public struct NotifierBackoff: Sendable, Codable, Equatable {
    public var baseSeconds: Double
    public var factor: Double
    public var capSeconds: Double
    /// Attempts in all (first try included) before giving up.
    public var maxAttempts: Int

    public init(baseSeconds: Double = 10, factor: Double = 2, capSeconds: Double = 3600, maxAttempts: Int = 12) {
        self.baseSeconds = baseSeconds
        self.factor = factor
        self.capSeconds = capSeconds
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after failed attempt `attempt` (1-based) before the next one.
    public func delay(afterAttempt attempt: Int) -> Double {
        let n = max(1, attempt)
        var d = baseSeconds
        for _ in 1..<n {
            d *= factor
            if d >= capSeconds { return capSeconds }
        }
        return min(d, capSeconds)
    }
}

/// One notification's delivery, as a state machine the store persists:
///
///     pending ──begin──▶ inFlight ──succeeded──▶ sent
///        ▲                  │ failed
///        │                  ▼
///     retrying(nextAt) ◀────┴──(attempts exhausted)──▶ gaveUp
///
/// The daemon marks an entry inFlight (committed) before running the command and sent (committed) after it exits 0.
/// `sent` and `gaveUp` are final: nothing is ever re-run for them, and the outbox holds one entry per transition
/// id, so a transition is never enqueued twice. The one unavoidable gap — a crash after the command succeeded but
/// before `sent` was committed — leaves the entry inFlight; `recoverAfterRestart` retries it with the same
/// `transitionId`, which the gateway uses to drop the duplicate.
public struct NotifierDelivery: Sendable, Codable, Equatable {
    public enum State: Sendable, Codable, Equatable {
        case pending
        case inFlight(attempt: Int, startedAt: Double)
        case retrying(attempt: Int, nextAt: Double, lastError: String)
        case sent(at: Double, attempts: Int)
        case gaveUp(at: Double, attempts: Int, lastError: String)

        public var name: String {
            switch self {
            case .pending: "pending"
            case .inFlight: "in-flight"
            case .retrying: "failed-retrying"
            case .sent: "sent"
            case .gaveUp: "gave-up"
            }
        }
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// The operation does not apply in this state (e.g. begin on a sent entry).
        case notAllowed(transitionId: String, state: String, action: String)
        case notDue(transitionId: String, nextAt: Double)
    }

    public var payload: NotifierPayload
    public var state: State
    public var enqueuedAt: Double
    public var transitionId: String { payload.transitionId }

    public init(payload: NotifierPayload, enqueuedAt: Double) {
        self.payload = payload
        self.state = .pending
        self.enqueuedAt = enqueuedAt
    }

    /// When the entry may be attempted; nil if it never will be again (in flight, sent, gave up).
    public var dueAt: Double? {
        switch state {
        case .pending: enqueuedAt
        case .retrying(_, let next, _): next
        case .inFlight, .sent, .gaveUp: nil
        }
    }

    public var isFinal: Bool {
        switch state {
        case .sent, .gaveUp: true
        default: false
        }
    }

    /// Starts an attempt; returns its 1-based number.
    @discardableResult
    public mutating func begin(now: Double) throws(Refusal) -> Int {
        switch state {
        case .pending:
            state = .inFlight(attempt: 1, startedAt: now)
            return 1
        case .retrying(let a, let next, _):
            guard now >= next else { throw .notDue(transitionId: transitionId, nextAt: next) }
            state = .inFlight(attempt: a + 1, startedAt: now)
            return a + 1
        default:
            throw .notAllowed(transitionId: transitionId, state: state.name, action: "begin")
        }
    }

    public mutating func succeeded(now: Double) throws(Refusal) {
        guard case .inFlight(let a, _) = state else { throw .notAllowed(transitionId: transitionId, state: state.name, action: "succeed") }
        state = .sent(at: now, attempts: a)
    }

    /// Records a failed attempt: retrying after the backoff delay, or gave-up when attempts are exhausted.
    public mutating func failed(now: Double, error: String, backoff: NotifierBackoff) throws(Refusal) {
        guard case .inFlight(let a, _) = state else { throw .notAllowed(transitionId: transitionId, state: state.name, action: "fail") }
        if a >= backoff.maxAttempts {
            state = .gaveUp(at: now, attempts: a, lastError: error)
        } else {
            state = .retrying(attempt: a, nextAt: now + backoff.delay(afterAttempt: a), lastError: error)
        }
    }

    /// After a restart an inFlight entry's outcome is unknown: count it as failed ("interrupted") so it is retried.
    public mutating func recoverAfterRestart(now: Double, backoff: NotifierBackoff) {
        guard case .inFlight = state else { return }
        try? failed(now: now, error: "interrupted by restart", backoff: backoff)
    }
}

/// All deliveries keyed by transition id: enqueueing the same transition again is a no-op.
public struct NotifierOutbox: Sendable, Codable, Equatable {
    public private(set) var entries: [String: NotifierDelivery] = [:]
    public var backoff: NotifierBackoff

    public init(backoff: NotifierBackoff = NotifierBackoff(), entries: [NotifierDelivery] = []) {
        self.backoff = backoff
        for e in entries { self.entries[e.transitionId] = e }
    }

    /// Adds a delivery; false (and no change) if this transition is already known in any state.
    @discardableResult
    public mutating func enqueue(_ payload: NotifierPayload, now: Double) -> Bool {
        guard entries[payload.transitionId] == nil else { return false }
        entries[payload.transitionId] = NotifierDelivery(payload: payload, enqueuedAt: now)
        return true
    }

    /// Entries that may be attempted now, oldest due first.
    public func due(now: Double) -> [NotifierDelivery] {
        entries.values.filter { ($0.dueAt ?? .infinity) <= now }.sorted { ($0.dueAt!, $0.transitionId) < ($1.dueAt!, $1.transitionId) }
    }

    /// Earliest time something becomes due (for the daemon's timer); nil if nothing will.
    public var nextDueAt: Double? { entries.values.compactMap(\.dueAt).min() }

    public mutating func begin(_ id: String, now: Double) throws(NotifierDelivery.Refusal) -> NotifierDelivery {
        guard var e = entries[id] else { throw .notAllowed(transitionId: id, state: "unknown", action: "begin") }
        try e.begin(now: now)
        entries[id] = e
        return e
    }

    public mutating func succeeded(_ id: String, now: Double) throws(NotifierDelivery.Refusal) {
        guard var e = entries[id] else { throw .notAllowed(transitionId: id, state: "unknown", action: "succeed") }
        try e.succeeded(now: now)
        entries[id] = e
    }

    public mutating func failed(_ id: String, now: Double, error: String) throws(NotifierDelivery.Refusal) {
        guard var e = entries[id] else { throw .notAllowed(transitionId: id, state: "unknown", action: "fail") }
        try e.failed(now: now, error: error, backoff: backoff)
        entries[id] = e
    }

    public mutating func recoverAfterRestart(now: Double) {
        for k in Array(entries.keys) { entries[k]!.recoverAfterRestart(now: now, backoff: backoff) }
    }

    /// Drops final entries older than `before` (housekeeping); their transition ids must stay in the store's
    /// dedup table if a transition could be replayed after that.
    public mutating func prune(finishedBefore before: Double) {
        entries = entries.filter { _, e in
            switch e.state {
            case .sent(let at, _), .gaveUp(let at, _, _): at >= before
            default: true
            }
        }
    }
}
