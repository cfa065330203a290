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
        // 2: dossiers (hồ sơ), their status log, and the result-ready notifier outbox
        """
        CREATE TABLE dossiers(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            receipt_code TEXT NOT NULL UNIQUE,
            procedure TEXT NOT NULL,
            procedure_name TEXT NOT NULL,
            service TEXT,
            received_at REAL NOT NULL,
            received_site TEXT NOT NULL,
            received_counter TEXT,
            clerk TEXT,
            appointment_day INTEGER NOT NULL,
            status TEXT NOT NULL,
            status_changed_at REAL NOT NULL,
            returned_at REAL,
            citizen_name TEXT NOT NULL,
            citizen_phone TEXT,
            return_channel TEXT NOT NULL,
            note TEXT,
            revision INTEGER NOT NULL DEFAULT 0,
            return_ticket TEXT
        );
        CREATE INDEX dossiers_status ON dossiers(status, status_changed_at);
        CREATE INDEX dossiers_appointment ON dossiers(appointment_day);
        CREATE TABLE dossier_events(
            dossier TEXT NOT NULL,
            revision INTEGER NOT NULL,
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            clerk TEXT,
            note TEXT,
            PRIMARY KEY(dossier, revision)
        );
        CREATE TABLE notifier_outbox(
            transition_id TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            enqueued_at REAL NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at REAL,
            finished_at REAL,
            last_error TEXT
        );
        CREATE INDEX notifier_outbox_due ON notifier_outbox(state, next_at);
        """,
        // 3: dossier statistics in SQL (DossierRepository.statsTally) and cheaper imports. dossiers_stats is keyed
        // (appointment_day, procedure, seq): a month's rows come out grouped by day and procedure without a sort,
        // and an import appends at one point per day and procedure (seq grows) instead of at random places; the
        // other columns make it covering. It replaces dossiers_appointment, its prefix. dossiers_status
        // (status, status_changed_at) took a random insert per imported row but only ever served the
        // results-ready list: a partial index over result-ready dossiers serves that query alone.
        """
        CREATE INDEX dossiers_stats ON dossiers(appointment_day, procedure, seq, status, returned_at, status_changed_at, service,
                                                received_site);
        DROP INDEX dossiers_appointment;
        CREATE INDEX dossiers_ready ON dossiers(status_changed_at, id) WHERE status = 'result-ready';
        DROP INDEX dossiers_status;
        """,
        // 4: the audit trail: who changed what, written in the transaction of the change (AuditRepository).
        // `source` is the kind of door (socket, keypad, scanner, demo; later web, sync), `source_ref` which one
        // (keypad or scanner role, web user, sync peer); uid and pid for socket peers; `actor_counter` the counter
        // the caller acted for. The subject columns say what was acted on (`counter` defaults to actor_counter,
        // so audit_counter answers "what happened at q2" in seq order); `outcome` is "ok" or an error code.
        """
        CREATE TABLE audit(
            seq INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            op TEXT NOT NULL,
            source TEXT NOT NULL,
            source_ref TEXT,
            uid INTEGER,
            pid INTEGER,
            role TEXT NOT NULL,
            actor_counter TEXT,
            ticket TEXT,
            number TEXT,
            counter TEXT,
            dossier TEXT,
            device TEXT,
            detail TEXT,
            outcome TEXT NOT NULL
        );
        CREATE INDEX audit_at ON audit(at);
        CREATE INDEX audit_ticket ON audit(ticket);
        CREATE INDEX audit_counter ON audit(counter);
        CREATE INDEX audit_dossier ON audit(dossier);
        """,
        // 5: reports (ReportRepository). Transfers are counted from the events: a partial index holds only the
        // transfer events (a few per day), so a year report reads them without touching the other events and
        // the writer maintains one small index for one kind of event.
        """
        CREATE INDEX events_transfers ON events(at, service, counter) WHERE kind = 'transferred';
        CREATE INDEX tickets_report ON tickets(business_day, service, counter, state, issued_at, called_at, serving_at, finished_at,
                                               priority, language);
        """,
        // 6: idempotency keys of `issue` (IssueKeyRepository): a kiosk tap's key -> the ticket it issued, kept for a
        // bounded window so a retried request gets the same ticket instead of a second one. Follow tokens: the
        // unguessable token of a ticket's "my ticket" phone page, valid for the ticket's business day. Users: web
        // accounts (clerk console) with a bcrypt hash, their counters (comma-separated) and the login lockout. Ratings:
        // one satisfaction score (1-4) per served ticket, from the counter's rating screen.
        """
        CREATE TABLE issue_keys(
            key TEXT PRIMARY KEY,
            ticket TEXT NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX issue_keys_at ON issue_keys(at);
        CREATE TABLE follow_tokens(
            token TEXT PRIMARY KEY,
            ticket TEXT NOT NULL,
            business_day TEXT NOT NULL
        );
        CREATE INDEX follow_tokens_ticket ON follow_tokens(ticket);
        CREATE INDEX follow_tokens_day ON follow_tokens(business_day);
        CREATE TABLE users(
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            counters TEXT NOT NULL,
            hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until REAL,
            created_at REAL NOT NULL
        );
        CREATE TABLE ratings(
            ticket TEXT PRIMARY KEY,
            business_day TEXT NOT NULL,
            counter TEXT NOT NULL,
            score INTEGER NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX ratings_day ON ratings(business_day, counter);
        """,
        // 7: post-office returns (bưu chính công ích): a dossier's hand-over batch and tracking number, and the batches
        // (PostalRepository): who handed how many results to the postal staff, when, at which counter.
        """
        ALTER TABLE dossiers ADD COLUMN postal_batch TEXT;
        ALTER TABLE dossiers ADD COLUMN tracking TEXT;
        CREATE INDEX dossiers_postal ON dossiers(postal_batch) WHERE postal_batch IS NOT NULL;
        CREATE TABLE postal_batches(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at REAL NOT NULL,
            counter TEXT,
            clerk TEXT,
            count INTEGER NOT NULL
        );
        """,
        // 8: sync (docs/sync.md). `feed`: the durable change feed, own rows written in the transaction of the change,
        // foreign rows stored once per (origin, seq). `sync_peers`: per peer, the last feed position pulled from it
        // (its positions) and pushed to it (ours), last contact and error, and running transfer totals.
        """
        CREATE TABLE feed(
            position INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at REAL NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE(origin, seq)
        );
        CREATE TABLE sync_peers(
            site TEXT PRIMARY KEY,
            pulled_after INTEGER NOT NULL DEFAULT 0,
            pushed_after INTEGER NOT NULL DEFAULT 0,
            last_contact REAL,
            last_error TEXT,
            last_error_at REAL,
            records_in INTEGER NOT NULL DEFAULT 0,
            records_out INTEGER NOT NULL DEFAULT 0,
            bytes_in INTEGER NOT NULL DEFAULT 0,
            bytes_out INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0
        );
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
