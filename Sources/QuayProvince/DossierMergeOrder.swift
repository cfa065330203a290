import QuayCore

/// The forward-only status rule of docs/sync.md ("Apply rules") as the province applies it to a dossier's
/// current state, with QuayCore's `DossierMerge.rank`: a change wins when its status ranks higher, or ranks the
/// same and changed later (same instant: the larger raw status, as `DossierMerge` decides, so every site picks
/// the same). The rank is stored in `dossiers.rank`, so PostgreSQL applies the same rule in the upsert.
enum DossierMergeOrder {
    static func rank(_ s: DossierStatus) -> Int { DossierMerge.rank(s) }

    /// Whether `a` replaces `b` as the dossier's current state.
    static func wins(_ a: Dossier, over b: Dossier) -> Bool {
        let ra = rank(a.status), rb = rank(b.status)
        if ra != rb { return ra > rb }
        if a.statusChangedAt != b.statusChangedAt { return a.statusChangedAt > b.statusChangedAt }
        return a.status.rawValue > b.status.rawValue
    }

    /// Still owed to the citizen (`DossierStatus.isOpen`), as an SQL list; the partial index of migration 1 and
    /// the report's overdue count use exactly this list (ProvinceIngestTests checks it against QuayCore).
    static let openStatusSQL = "('received', 'processing', 'needs-supplement', 'result-ready', 'returned-to-sender')"

    /// Returned to the citizen, at a counter or through the post (`DossierStatus.countsAsReturned`), as an SQL list.
    static let returnedStatusSQL =
        "(" + DossierStatus.allCases.filter(\.countsAsReturned).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        + ")"

    static var openStatuses: [DossierStatus] {
        DossierStatus.allCases.filter { openStatusSQL.contains("'\($0.rawValue)'") }
    }
}
