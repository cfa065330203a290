import QuayCore

/// Post-office returns (bưu chính công ích): a clerk hands ready results to postal staff in one batch, each with
/// the post's tracking number. One ledger transaction for the whole batch (all or nothing), with the dossier
/// events, the batch row and the audit row; a `dossier` watch event refreshes the results-ready list.
public struct PostalStore: Sendable {
    let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// Hands `items` to the post. Every dossier must exist, be allowed by `refuse` (nil = allowed), appear once and
    /// be result-ready or returned to the sender; tracking numbers are normalised and must differ.
    public func handOver(
        _ items: [PostalHandover], site: SiteID, counter: String?, clerk: String?, refuse: (@Sendable (Dossier) -> Error?)?
    ) async throws -> PostalBatch {
        guard !items.isEmpty else { throw DossierError.missingField("dossiers to hand over") }
        guard items.count <= PostalBatch.maxItems else {
            throw DossierError.invalidArgument("at most \(PostalBatch.maxItems) results go in one postal batch, not \(items.count)")
        }
        var tracking: [String] = []
        for i in items {
            let t = try TrackingNumber.normalize(i.tracking)
            guard !tracking.contains(t) else { throw DossierError.invalidArgument("tracking number \(t) is given twice") }
            tracking.append(t)
        }
        let numbers = tracking
        return try await ledger.transaction { db, engine, now in
            let repo = DossierRepository(db: db)
            let postal = PostalRepository(db: db)
            let seq = try postal.nextSeq()
            let id = site.postalBatchID(seq)
            var seen: Set<String> = []
            var handed: [Dossier] = []
            for (k, item) in items.enumerated() {
                let key = item.dossier.trimmingCharacters(in: .whitespaces)
                let code = (try? ReceiptCode.normalize(key)) ?? key
                guard var d = try repo.get(code, id: key) else { throw DossierError.unknownDossier(key) }
                if let refuse, let e = refuse(d) { throw e }
                guard seen.insert(d.id).inserted else { throw DossierError.invalidArgument("dossier \(d.id) is given twice") }
                let e = try d.handToPost(batch: id, tracking: numbers[k], at: now, clerk: clerk)
                try repo.update(d)
                try repo.appendEvent(e)
                try FeedRepository(db: db).appendOwn(
                    site: engine.center.site.rawValue, at: now, body: .dossier(DossierChange(dossier: d, event: e)))
                handed.append(d)
            }
            try postal.insert(seq: seq, id: id, at: now, counter: counter, clerk: clerk, count: handed.count)
            var m = engine.note(.dossier, at: now, detail: "\(id) handed-to-post \(handed.count)")
            m.audit = AuditSubject(
                counter: counter, dossier: handed.count == 1 ? handed[0].id : nil,
                detail: "batch=\(id) dossiers=\(handed.map(\.id).joined(separator: ","))" + (clerk.map { " clerk=\($0)" } ?? ""))
            let batch = PostalBatch(id: id, at: now, counter: counter, clerk: clerk, items: handed.map(PostalItem.init))
            return (batch, m)
        }
    }

    /// A batch as it stands now (items with their current status), for the slip and `post-batch`.
    public func batch(_ id: String) async throws -> PostalBatch? {
        try await ledger.reader.read { db in try PostalRepository(db: db).batch(id) }
    }
}
