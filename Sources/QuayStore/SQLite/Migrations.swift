/// Schema migrations, applied in order by `PRAGMA user_version`. Each entry is frozen once released:
/// never edit one, append a new one.
public enum Migrations {
    public static let all: [String] = [
        // 1: tickets, events, counters, meta
        """
        CREATE TABLE tickets(
            tseq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            business_day TEXT NOT NULL,
            service TEXT NOT NULL,
            seq INTEGER NOT NULL,
            number TEXT NOT NULL,
            priority TEXT,
            language TEXT NOT NULL,
            issued_at REAL NOT NULL,
            queued_since REAL NOT NULL,
            state TEXT NOT NULL,
            counter TEXT,
            target_counter TEXT,
            called_at REAL,
            recalls INTEGER NOT NULL DEFAULT 0,
            serving_at REAL,
            finished_at REAL,
            purpose TEXT NOT NULL DEFAULT 'submit',
            dossier TEXT,
            UNIQUE(business_day, number)
        );
        CREATE INDEX tickets_day ON tickets(business_day);
        CREATE TABLE events(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at REAL NOT NULL,
            kind TEXT NOT NULL,
            ticket TEXT,
            number TEXT,
            service TEXT,
            counter TEXT,
            detail TEXT
        );
        CREATE INDEX events_at ON events(at);
        CREATE TABLE counters(id TEXT PRIMARY KEY, state TEXT NOT NULL);
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ]

    /// Brings the database to the latest version inside one transaction per step.
    public static func migrate(_ db: Database) throws(SQLiteError) {
        let current = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        guard current < all.count else { return }
        for v in current..<all.count {
            try db.exec("BEGIN IMMEDIATE")
            do {
                try db.exec(all[v])
                try db.exec("PRAGMA user_version=\(v + 1)")
                try db.exec("COMMIT")
            } catch {
                try? db.exec("ROLLBACK")
                throw error
            }
        }
    }
}
