import QuayCore

/// Applies peer records on the writer, inside one ledger transaction (docs/sync.md, Apply rules): each
/// `(origin, seq)` once, dossiers inserted or merged by `DossierMerge`, conflicts written to the audit trail
/// (source `sync`, source_ref the peer). Records of our own origin coming back are duplicates.
struct FeedApplier {
    static let auditOp = "sync-apply"

    let db: Database
    let ownSite: String
    let peer: String

    func apply(_ records: [FeedRecord], engine: inout QueueEngine, now: Double) throws(SQLiteError) -> (FeedApplyResult, Mutation) {
        let feed = FeedRepository(db: db)
        var result = FeedApplyResult()
        var m = Mutation()
        for r in records {
            guard r.origin != ownSite, try feed.insertForeign(r) else {
                result.duplicates += 1
                continue
            }
            result.applied += 1
            switch r.body {
            case .dossier(let change):
                if try applyDossier(change, origin: r.origin, now: now, engine: &engine, mutation: &m) { result.conflicts += 1 }
            case .queueDay:
                // Kept in the feed: the province reads it; a later record for the same origin and day replaces it there.
                break
            }
        }
        return (result, m)
    }

    /// Returns true when the change conflicted with a local one.
    private func applyDossier(_ c: DossierChange, origin: String, now: Double, engine: inout QueueEngine, mutation m: inout Mutation)
        throws(SQLiteError) -> Bool
    {
        let repo = DossierRepository(db: db)
        let incoming = c.dossier
        if let local = try repo.get(id: incoming.id) {
            let known = try repo.hasEvent(c.event)
            let o = DossierMerge.merge(local: local, incoming: incoming, origin: origin, known: known)
            if o.changed {
                try repo.replace(o.merged)
                if o.merged.status != local.status { note(o.merged, engine: &engine, now: now, into: &m) }
            }
            try repo.appendEventIfNew(c.event)
            if let conflict = o.conflict { try audit(incoming.id, conflict, now: now) }
            return o.conflict != nil
        }
        if let other = try repo.get(incoming.receiptCode), other.id != incoming.id {
            try audit(incoming.id, "receipt code \(incoming.receiptCode) is dossier \(other.id) here: not applied", now: now)
            return true
        }
        try repo.insertForeign(incoming)
        try repo.appendEventIfNew(c.event)
        note(incoming, engine: &engine, now: now, into: &m)
        return false
    }

    /// A dossier that became result-ready or returned here through sync: the same `dossier` event a local change makes
    /// (watchers, the hall's results-ready list).
    private func note(_ d: Dossier, engine: inout QueueEngine, now: Double, into m: inout Mutation) {
        guard d.status == .resultReady || d.status == .returned else { return }
        m.append(engine.note(.dossier, at: now, service: d.service, detail: "\(d.id) \(d.status.rawValue)"))
    }

    private func audit(_ dossier: String, _ detail: String, now: Double) throws(SQLiteError) {
        try AuditRepository(db: db).insert(
            AuditEntry(
                at: now, op: Self.auditOp, actor: AuditActor(source: "sync", sourceRef: peer, role: "sync"),
                subject: AuditSubject(dossier: dossier, detail: "conflict: " + detail)))
    }
}
