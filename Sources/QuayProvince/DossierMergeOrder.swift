import QuayCore

/// The forward-only status rule of docs/sync.md ("Apply rules") as the province applies it to a dossier's
/// current state: a change wins when its status ranks higher, or ranks the same and changed later. The rank is
/// also stored in `dossiers.rank`, so PostgreSQL applies the same rule in the upsert.
///
/// Ranks: received 0 < processing, needs-supplement 1 < result-ready 2 < returned, rejected, withdrawn 3 (terminal).
enum DossierMergeOrder {
    static func rank(_ s: DossierStatus) -> Int {
        switch s {
        case .received: 0
        case .processing, .needsSupplement: 1
        case .resultReady: 2
        case .returned, .rejected, .withdrawn: 3
        }
    }

    /// Whether `a` replaces `b` as the dossier's current state.
    static func wins(_ a: Dossier, over b: Dossier) -> Bool {
        let ra = rank(a.status), rb = rank(b.status)
        if ra != rb { return ra > rb }
        if a.statusChangedAt != b.statusChangedAt { return a.statusChangedAt > b.statusChangedAt }
        return a.status.rawValue > b.status.rawValue
    }
}
