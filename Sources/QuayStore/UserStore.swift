import QuayCore

/// Web accounts as the daemon uses them: changes are ledger transactions (with the audit row of the op that made
/// them), reads go to the read-only connection. Hashing and verifying passwords is the caller's (off the ledger
/// thread): the store keeps hashes and never sees a password.
public struct UserStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    public enum Failure: Error, Sendable, Equatable {
        case exists(String), unknown(String)
    }

    public func add(_ a: UserAccount, hash: String) async throws {
        try await ledger.transaction { db, _, now in
            let repo = UserRepository(db: db)
            if try repo.get(a.name) != nil { throw Failure.exists(a.name) }
            try repo.insert(a, hash: hash, at: now)
            var m = Mutation()
            m.audit = AuditSubject(detail: "user=\(a.name) role=\(a.role) counters=\(a.counters.joined(separator: ","))")
            return ((), m)
        }
    }

    public func setPassword(_ name: String, hash: String) async throws {
        try await ledger.transaction { db, _, _ in
            let repo = UserRepository(db: db)
            guard try repo.get(name) != nil else { throw Failure.unknown(name) }
            try repo.setHash(name, hash)
            var m = Mutation()
            m.audit = AuditSubject(detail: "user=\(name)")
            return ((), m)
        }
    }

    public func disable(_ name: String) async throws {
        try await ledger.transaction { db, _, _ in
            let repo = UserRepository(db: db)
            guard try repo.get(name) != nil else { throw Failure.unknown(name) }
            try repo.setDisabled(name)
            var m = Mutation()
            m.audit = AuditSubject(detail: "user=\(name)")
            return ((), m)
        }
    }

    public func list() async throws -> [UserAccount] {
        try await ledger.reader.read { db in try UserRepository(db: db).list() }
    }

    /// The account and its hash, for a login.
    public func credentials(_ name: String) async throws -> (UserAccount, hash: String)? {
        try await ledger.reader.read { db in try UserRepository(db: db).get(name) }
    }

    /// Records a login attempt: success clears the failures; the `maxFailures`-th failure in a row locks the account
    /// for `lockSeconds`. Returns the account as stored after the attempt.
    public func recordLogin(_ name: String, ok: Bool, maxFailures: Int, lockSeconds: Double) async throws -> UserAccount? {
        try await ledger.transaction { db, _, now in
            let repo = UserRepository(db: db)
            guard var (a, _) = try repo.get(name) else { return (nil, Mutation()) }
            if ok {
                (a.failures, a.lockedUntil) = (0, nil)
            } else {
                a.failures += 1
                if a.failures >= maxFailures { (a.failures, a.lockedUntil) = (0, now + lockSeconds) }
            }
            try repo.setFailures(name, a.failures, lockedUntil: a.lockedUntil)
            return (a, Mutation())
        }
    }
}
