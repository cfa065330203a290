import QuayCore

/// SQL of the web accounts (table `users`, migration 6).
struct UserRepository {
    let db: Database

    static let columns = "name, role, counters, disabled, failures, locked_until, hash"

    func get(_ name: String) throws(SQLiteError) -> (UserAccount, hash: String)? {
        let s = try db.statement("SELECT \(Self.columns) FROM users WHERE name = ?1")
        defer { s.reset() }
        try s.bind([.text(name)])
        guard try s.step() else { return nil }
        return (account(s), s.text(6))
    }

    func list() throws(SQLiteError) -> [UserAccount] {
        let s = try db.statement("SELECT \(Self.columns) FROM users ORDER BY name")
        defer { s.reset() }
        var out: [UserAccount] = []
        while try s.step() { out.append(account(s)) }
        return out
    }

    private func account(_ s: Statement) -> UserAccount {
        UserAccount(
            name: s.text(0), role: s.text(1), counters: s.text(2).split(separator: ",").map(String.init), disabled: s.int(3) != 0,
            failures: Int(s.int(4)), lockedUntil: s.optDouble(5))
    }

    func insert(_ a: UserAccount, hash: String, at now: Double) throws(SQLiteError) {
        try db.run(
            "INSERT INTO users(name, role, counters, hash, disabled, failures, created_at) VALUES(?1, ?2, ?3, ?4, 0, 0, ?5)",
            [.text(a.name), .text(a.role), .text(a.counters.joined(separator: ",")), .text(hash), .double(now)])
    }

    func setHash(_ name: String, _ hash: String) throws(SQLiteError) {
        try db.run("UPDATE users SET hash = ?2, failures = 0, locked_until = NULL WHERE name = ?1", [.text(name), .text(hash)])
    }

    func setDisabled(_ name: String) throws(SQLiteError) {
        try db.run("UPDATE users SET disabled = 1 WHERE name = ?1", [.text(name)])
    }

    func setFailures(_ name: String, _ failures: Int, lockedUntil: Double?) throws(SQLiteError) {
        try db.run(
            "UPDATE users SET failures = ?2, locked_until = ?3 WHERE name = ?1",
            [.text(name), .int(Int64(failures)), lockedUntil.map { .double($0) } ?? .null])
    }
}
