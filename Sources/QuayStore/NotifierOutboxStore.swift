import Foundation
import QuayCore

/// The notifier outbox as the notifier service uses it: every step is one ledger transaction (in order with the
/// queue and the dossiers), reads go to the read-only connection. No `Database` leaves QuayStore.
public struct NotifierOutboxStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// Entries left in flight by a crash or stop become due again (same transition id); returns how many.
    public func recoverInFlight(backoff: NotifierBackoff) async throws -> Int {
        try await ledger.transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            var n = 0
            for var e in try repo.open() {
                guard case .inFlight = e.state else { continue }
                e.recoverAfterRestart(now: now, backoff: backoff)
                try repo.save(e)
                n += 1
            }
            return (n, Mutation())
        }
    }

    /// Open entries due at `now`, and when the next one that is not due yet will be (nil: none waiting).
    public func due(now: Double) async throws -> (ids: [String], nextAt: Double?) {
        try await ledger.reader.read { db in
            let open = try NotifierOutboxRepository(db: db).open()
            let due = open.filter { ($0.dueAt ?? .infinity) <= now }.map(\.transitionId)
            let next = open.compactMap(\.dueAt).filter { $0 > now }.min()
            return (due, next)
        }
    }

    /// Commits the entry in flight before its command runs; nil when it is no longer due (or gone).
    public func begin(_ id: String) async throws -> NotifierDelivery? {
        try await ledger.transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            guard var e = try repo.get(id), (e.dueAt ?? .infinity) <= now else { return (nil, Mutation()) }
            try e.begin(now: now)
            try repo.save(e)
            return (e, Mutation())
        }
    }

    /// Commits the outcome: sent, or failed with the backoff's next attempt.
    public func finish(_ id: String, failure: String?, backoff: NotifierBackoff) async throws -> NotifierDelivery? {
        try await ledger.transaction { db, _, now in
            let repo = NotifierOutboxRepository(db: db)
            guard var e = try repo.get(id) else { return (nil, Mutation()) }
            if let failure { try e.failed(now: now, error: failure, backoff: backoff) } else { try e.succeeded(now: now) }
            try repo.save(e)
            return (e, Mutation())
        }
    }
}
