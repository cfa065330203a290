import QuayControl
import QuayCore

/// `sync-status` and `sync-now` (docs/protocol.md, docs/sync.md).
extension OpContext {
    func syncStatus() async throws -> OpOutput {
        guard let sync = state.sync else {
            return .body(
                SyncStatusBody(enabled: false, site: state.config.center.site.rawValue, publicKey: nil, head: 0, ownSeq: 0, peers: []))
        }
        return .body(try await sync.status(ledger: try state.ledger()))
    }

    func syncNow() async throws -> OpOutput {
        guard let sync = state.sync else { throw ControlError(code: "not-configured", message: "no [sync] section in the configuration") }
        _ = try state.ledger()
        return .body(SyncNowBody(peers: await sync.round(scheduled: false)))
    }
}
