/// How a dossier change from a peer merges into the local copy (docs/sync.md, Apply rules). Pure: the store
/// reads the local row, asks `merge`, writes the result and an audit row for every conflict.
///
/// - status only moves forward by `rank`; at equal rank the later `statusChangedAt` wins (ties: the larger raw
///   value, so both sides pick the same);
/// - note: the side whose status changed later wins;
/// - citizen, receipt, procedure, appointment and return-channel fields belong to the receiving site: taken from
///   the incoming copy only when it comes from that site;
/// - revision: the larger of the two (the next local change numbers after both).
///
/// A conflict is a change made on both sides while apart: the local copy is at least as far as the incoming one
/// (`revision`) yet differs from it in status or note, and its log does not already hold the incoming change.
public enum DossierMerge {
    /// Forward order of the state machine; equal ranks are alternatives (processing / needs-supplement) or ends.
    public static func rank(_ status: DossierStatus) -> Int {
        switch status {
        case .received: 0
        case .processing: 1
        case .needsSupplement: 1
        case .resultReady: 2
        // Handed to the post office; returned to sender may be handed again (a re-send), so both rank the same and the
        // later change wins between them.
        case .handedToPost: 3
        case .returnedToSender: 3
        case .delivered: 4
        case .returned: 4
        case .rejected: 4
        case .withdrawn: 4
        }
    }

    public struct Outcome: Sendable, Equatable {
        /// The dossier to store.
        public var merged: Dossier
        /// `merged` differs from the local copy.
        public var changed: Bool
        /// Set when both sides changed the dossier while apart: what each side had and what was kept.
        public var conflict: String?
    }

    /// Merges `incoming` (from the site `origin`) into `local`. `known`: the local log already has the incoming
    /// change (same revision and status), so the copy is stale rather than a change made while apart.
    public static func merge(local: Dossier, incoming: Dossier, origin: String, known: Bool = false) -> Outcome {
        var m = local
        let incomingWins = wins(incoming, over: local)
        if incomingWins {
            m.status = incoming.status
            m.statusChangedAt = incoming.statusChangedAt
            m.returnedAt = incoming.returnedAt ?? local.returnedAt
            m.note = incoming.note ?? local.note
            // A post-office hand-over travels with its status: batch, tracking number and the by-post channel.
            if incoming.postalBatch != nil {
                (m.postalBatch, m.trackingNumber, m.returnChannel) = (incoming.postalBatch, incoming.trackingNumber, incoming.returnChannel)
            }
        }
        if origin == local.receivedSite && incoming.receivedSite == local.receivedSite {
            m.procedure = incoming.procedure
            m.procedureName = incoming.procedureName
            m.service = incoming.service
            m.receivedCounter = incoming.receivedCounter
            m.clerk = incoming.clerk
            m.appointmentDate = incoming.appointmentDate
            m.citizenName = incoming.citizenName
            m.citizenPhone = incoming.citizenPhone
            m.returnChannel = incoming.returnChannel
        }
        m.revision = max(local.revision, incoming.revision)
        var conflict: String?
        let differs = local.status != incoming.status || (local.note != incoming.note && incoming.note != nil)
        if !known && local.revision >= incoming.revision && differs && local.revision > 0 && incoming.revision > 0 {
            conflict =
                "local \(local.status.rawValue)@r\(local.revision), \(origin) \(incoming.status.rawValue)@r\(incoming.revision): kept "
                + "\(m.status.rawValue)" + (incomingWins ? " from \(origin)" : " (local)")
        }
        return Outcome(merged: m, changed: m != local, conflict: conflict)
    }

    /// The incoming status and note replace the local ones.
    static func wins(_ incoming: Dossier, over local: Dossier) -> Bool {
        let (ri, rl) = (rank(incoming.status), rank(local.status))
        if ri != rl { return ri > rl }
        if incoming.statusChangedAt != local.statusChangedAt { return incoming.statusChangedAt > local.statusChangedAt }
        return incoming.status.rawValue > local.status.rawValue
    }
}
