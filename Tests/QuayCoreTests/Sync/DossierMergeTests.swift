import Testing

@testable import QuayCore

@Suite("Dossier merge rules (sync)")
struct DossierMergeTests {
    static func dossier(_ status: DossierStatus, at: Double, rev: Int, note: String? = nil, site: String = "point") -> Dossier {
        Dossier(
            id: "point-D1", receiptCode: "H56-1", procedure: "1.001612", procedureName: "Khai sinh", receivedAt: 100,
            receivedSite: site, appointmentDate: LocalDate(dayNumber: 20000), status: status, statusChangedAt: at,
            citizenName: "An", note: note, revision: rev)
    }

    /// No allowed transition of the state machine moves a dossier back in rank.
    @Test func rankNeverGoesBackAlongTheStateMachine() {
        for from in DossierStatus.allCases {
            for to in from.allowedNext { #expect(DossierMerge.rank(to) >= DossierMerge.rank(from), "\(from) → \(to)") }
        }
    }

    struct Row: Sendable {
        var local: (DossierStatus, Double, Int, String?)
        var incoming: (DossierStatus, Double, Int, String?)
        var status: DossierStatus
        var note: String?
        var conflict: Bool
        /// The local log already holds the incoming change (a stale copy).
        var known = false
    }

    static let table: [Row] = [
        // Plain catch-up: the incoming copy is ahead, no conflict.
        Row(local: (.received, 100, 0, nil), incoming: (.processing, 200, 1, nil), status: .processing, note: nil, conflict: false),
        Row(local: (.processing, 200, 1, nil), incoming: (.resultReady, 300, 2, "ok"), status: .resultReady, note: "ok", conflict: false),
        // A stale copy never moves status back; one the log already holds is no conflict, an unknown one is.
        Row(
            local: (.resultReady, 300, 2, nil), incoming: (.processing, 200, 1, nil), status: .resultReady, note: nil, conflict: false,
            known: true),
        Row(local: (.resultReady, 300, 2, nil), incoming: (.needsSupplement, 200, 1, nil), status: .resultReady, note: nil, conflict: true),
        // Both sides changed while apart: status only moves forward, the later note wins with its status.
        Row(
            local: (.needsSupplement, 250, 1, "thiếu"), incoming: (.resultReady, 240, 1, nil), status: .resultReady, note: "thiếu",
            conflict: true),
        Row(local: (.resultReady, 250, 2, nil), incoming: (.rejected, 240, 2, "sai"), status: .rejected, note: "sai", conflict: true),
        // Equal rank: the later statusChangedAt wins.
        Row(local: (.processing, 260, 1, "a"), incoming: (.needsSupplement, 250, 1, "b"), status: .processing, note: "a", conflict: true),
        Row(
            local: (.processing, 240, 1, "a"), incoming: (.needsSupplement, 250, 1, "b"), status: .needsSupplement, note: "b",
            conflict: true),
        Row(local: (.withdrawn, 240, 2, nil), incoming: (.returned, 250, 3, nil), status: .returned, note: nil, conflict: false),
        // Post office: a letter came back and was handed again; the older hand-over arriving late does not undo it.
        Row(
            local: (.handedToPost, 400, 5, nil), incoming: (.returnedToSender, 350, 4, nil), status: .handedToPost, note: nil,
            conflict: false, known: true),
        Row(local: (.handedToPost, 300, 3, nil), incoming: (.delivered, 350, 4, nil), status: .delivered, note: nil, conflict: false),
    ]

    @Test(arguments: table.indices) func mergeTable(_ i: Int) {
        let r = Self.table[i]
        let local = Self.dossier(r.local.0, at: r.local.1, rev: r.local.2, note: r.local.3)
        let incoming = Self.dossier(r.incoming.0, at: r.incoming.1, rev: r.incoming.2, note: r.incoming.3)
        let o = DossierMerge.merge(local: local, incoming: incoming, origin: "center", known: r.known)
        #expect(o.merged.status == r.status)
        #expect(o.merged.note == r.note)
        #expect((o.conflict != nil) == r.conflict, "\(o.conflict ?? "no conflict")")
        #expect(o.merged.revision == max(r.local.2, r.incoming.2))
        #expect(o.changed == (o.merged != local))
    }

    /// Merging the same copy twice changes nothing the second time; both sides reach the same status.
    @Test func mergeIsIdempotentAndSymmetricInStatus() {
        let a = Self.dossier(.needsSupplement, at: 250, rev: 1)
        let b = Self.dossier(.resultReady, at: 240, rev: 1)
        let once = DossierMerge.merge(local: a, incoming: b, origin: "center").merged
        let twice = DossierMerge.merge(local: once, incoming: b, origin: "center")
        #expect(!twice.changed)
        #expect(DossierMerge.merge(local: b, incoming: a, origin: "point").merged.status == once.status)
    }

    /// Citizen fields belong to the receiving site: a center's copy cannot change them, the point's can.
    @Test func citizenFieldsBelongToTheReceivingSite() {
        let local = Self.dossier(.received, at: 100, rev: 0)
        var incoming = local
        incoming.citizenName = "Bình"
        #expect(DossierMerge.merge(local: local, incoming: incoming, origin: "center").merged.citizenName == "An")
        #expect(DossierMerge.merge(local: local, incoming: incoming, origin: "point").merged.citizenName == "Bình")
    }
}
