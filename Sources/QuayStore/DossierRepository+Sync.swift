import QuayCore

/// Dossier SQL for records from sync peers: a dossier first seen through sync is inserted with a fresh local
/// `seq` (its id keeps the receiving site's name and number), a merged dossier overwrites every field.
extension DossierRepository {
    public func get(id: String) throws(SQLiteError) -> Dossier? {
        let s = try db.statement("SELECT \(Self.columns) FROM dossiers WHERE id = ?1")
        defer { s.reset() }
        try s.bind([.text(id)])
        return try s.step() ? Self.row(s) : nil
    }

    func insertForeign(_ d: Dossier) throws(SQLiteError) {
        var v = Self.values(d)
        v[0] = .null
        let marks = (1...v.count).map { "?\($0)" }.joined(separator: ", ")
        try db.run("INSERT INTO dossiers(\(Self.columns)) VALUES(\(marks))", v)
    }

    func replace(_ d: Dossier) throws(SQLiteError) {
        var v = Self.values(d)
        v.removeFirst()
        try db.run(
            """
            UPDATE dossiers SET procedure = ?3, procedure_name = ?4, service = ?5, received_at = ?6, received_site = ?7,
                received_counter = ?8, clerk = ?9, appointment_day = ?10, status = ?11, status_changed_at = ?12, returned_at = ?13,
                citizen_name = ?14, citizen_phone = ?15, return_channel = ?16, note = ?17, revision = ?18, postal_batch = ?19,
                tracking = ?20 WHERE id = ?1 AND ?2 = ?2
            """, v)
    }

    /// The log already holds this change (same dossier, revision and new status).
    func hasEvent(_ e: DossierEvent) throws(SQLiteError) -> Bool {
        try db.scalarInt(
            "SELECT count(*) FROM dossier_events WHERE dossier = ?1 AND revision = ?2 AND to_status = ?3",
            [.text(e.dossier), .int(Int64(e.revision)), .text(e.to.rawValue)]) ?? 0 > 0
    }

    /// The event unless one with its (dossier, revision) is stored (the other side numbered one the same while apart).
    func appendEventIfNew(_ e: DossierEvent) throws(SQLiteError) {
        try db.run(
            "INSERT OR IGNORE INTO dossier_events(dossier, revision, kind, at, from_status, to_status, clerk, note) VALUES(?1, ?2, ?3, ?4, "
                + "?5, ?6, ?7, ?8)",
            [
                .text(e.dossier), .int(Int64(e.revision)), .text(e.kind.rawValue), .double(e.at), .opt(e.from?.rawValue),
                .text(e.to.rawValue), .opt(e.clerk), .opt(e.note),
            ])
    }
}
