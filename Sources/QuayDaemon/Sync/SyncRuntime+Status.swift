import Foundation
import QuayControl
import QuayCore
import QuayStore

extension SyncRuntime {
    /// Every configured peer with its checkpoints, backlog, last contact and error (`sync-status`, `/healthz`, `/metrics`).
    func status(ledger: Ledger) async throws -> SyncStatusBody {
        let store = SyncStore(ledger: ledger)
        let points = Set(config.peers.filter { $0.role == .point }.map(\.site))
        let states = try await store.states(config.peers.map(\.site), points: points)
        let (head, ownSeq) = try await store.head(site: site)
        let now = Date().timeIntervalSince1970
        let views = zip(config.peers, states).map { peer, s in
            let age = s.lastContact.map { max(0, now - $0) }
            // Never reached: stale once this quayd has run for longer than stale_after.
            let stale = (age ?? (now - startedAt)) > config.staleAfter
            return SyncPeerView(
                site: peer.site, role: peer.role.rawValue, url: peer.url, lastContact: s.lastContact, lastContactAge: age, stale: stale,
                backlog: s.backlog, pulledAfter: s.pulledAfter, pushedAfter: s.pushedAfter, lastError: s.lastError,
                lastErrorAt: s.lastErrorAt, recordsIn: s.recordsIn, recordsOut: s.recordsOut, bytesIn: s.bytesIn, bytesOut: s.bytesOut,
                conflicts: s.conflicts)
        }
        return SyncStatusBody(enabled: true, site: site, publicKey: key.publicKeyBase64, head: head, ownSeq: ownSeq, peers: views)
    }
}
