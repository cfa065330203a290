import QuayCore

/// SQL for postal hand-over batches (migration 7): the batch rows and the dossiers that carry a batch id.
struct PostalRepository {
    let db: Database

    func nextSeq() throws(SQLiteError) -> Int64 { (try db.scalarInt("SELECT max(seq) FROM postal_batches") ?? 0) + 1 }

    func insert(seq: Int64, id: String, at: Double, counter: String?, clerk: String?, count: Int) throws(SQLiteError) {
        try db.run(
            "INSERT INTO postal_batches(seq, id, at, counter, clerk, count) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
            [.int(seq), .text(id), .double(at), .opt(counter), .opt(clerk), .int(Int64(count))])
    }

    /// The batch and its dossiers (as they stand now), in the order they were handed over; nil for an unknown id.
    func batch(_ id: String) throws(SQLiteError) -> PostalBatch? {
        let b = try db.statement("SELECT at, counter, clerk FROM postal_batches WHERE id = ?1")
        defer { b.reset() }
        try b.bind([.text(id)])
        guard try b.step() else { return nil }
        let (at, counter, clerk) = (b.double(0), b.optText(1), b.optText(2))
        let s = try db.statement("SELECT \(DossierRepository.columns) FROM dossiers WHERE postal_batch = ?1 ORDER BY seq")
        defer { s.reset() }
        try s.bind([.text(id)])
        var items: [PostalItem] = []
        while try s.step() { items.append(PostalItem(dossier: DossierRepository.row(s))) }
        return PostalBatch(id: id, at: at, counter: counter, clerk: clerk, items: items)
    }
}
