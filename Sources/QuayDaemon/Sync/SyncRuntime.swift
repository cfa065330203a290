import Foundation
import Logging
import NIOConcurrencyHelpers
import QuayControl
import QuayCore
import QuaySync

/// Sync as the running daemon holds it (docs/sync.md): the key, the peers, the routes peers call and the dialer.
/// Rounds (the interval loop and `sync-now`) run one after another, never two at once.
final class SyncRuntime: Sendable {
    let site: String
    let key: SyncKey
    let config: SyncConfig
    let feed: DaemonSyncFeed
    let client: SyncClient
    let nonces = NonceStore()
    let logger: Logger
    let startedAt = Date().timeIntervalSince1970

    private struct PeerTiming {
        var failures = 0
        var nextAttempt = 0.0
    }
    private struct Inner {
        var last: Task<[SyncNowBody.Outcome], Never>?
        var timing: [String: PeerTiming] = [:]
    }
    private let inner = NIOLockedValueBox(Inner())

    init(site: String, key: SyncKey, config: SyncConfig, state: DaemonState, logger: Logger) {
        (self.site, self.key, self.config, self.logger) = (site, key, config, logger)
        feed = DaemonSyncFeed(state: state)
        var o = SyncClient.Options()
        o.batchRecords = config.batchRecords
        o.batchBytes = config.batchBytes
        o.requestTimeout = config.timeout
        client = SyncClient(site: site, key: key, http: SyncClient.makeHTTPClient(connectTimeout: min(config.timeout, 10)), options: o)
    }

    var dialled: [SyncPeer] { config.peers.filter { $0.url != nil } }

    /// The routes peers call, with our key and peers.
    func server(onExchange: @escaping @Sendable (SyncExchange) -> Void = { _ in }) -> SyncServer {
        SyncServer(site: site, key: key, peers: config.peers, nonces: nonces, feed: feed, onExchange: onExchange)
    }

    /// One exchange with each dialled peer, after any round in progress. `scheduled`: skip peers still in backoff.
    func round(scheduled: Bool, progress: @escaping @Sendable (SyncExchange) -> Void = { _ in }) async -> [SyncNowBody.Outcome] {
        let task = inner.withLockedValue { s -> Task<[SyncNowBody.Outcome], Never> in
            let previous = s.last
            // Detached: the work belongs to no op's audit scope.
            let t = Task.detached { [self] in
                _ = await previous?.value
                return await self.dialAll(scheduled: scheduled, progress: progress)
            }
            s.last = t
            return t
        }
        return await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
    }

    private func dialAll(scheduled: Bool, progress: @escaping @Sendable (SyncExchange) -> Void) async -> [SyncNowBody.Outcome] {
        var out: [SyncNowBody.Outcome] = []
        for peer in dialled {
            if Task.isCancelled { break }
            let now = Date().timeIntervalSince1970
            if scheduled, inner.withLockedValue({ ($0.timing[peer.site]?.nextAttempt ?? 0) > now }) { continue }
            do {
                let r = try await client.exchange(with: peer, feed: feed, push: true, pull: true, progress: progress)
                inner.withLockedValue { $0.timing[peer.site] = PeerTiming() }
                out.append(.init(site: peer.site, ok: true, pushed: r.pushed, pulled: r.pulled, conflicts: r.conflicts, error: nil))
            } catch {
                let wait = inner.withLockedValue { s -> Double in
                    var t = s.timing[peer.site] ?? PeerTiming()
                    t.failures += 1
                    let w = min(config.maxBackoff, config.interval * pow(2, Double(min(t.failures - 1, 16))))
                    t.nextAttempt = now + w
                    s.timing[peer.site] = t
                    return w
                }
                logger.warning(
                    "sync: exchange failed", metadata: ["peer": "\(peer.site)", "error": "\(error)", "retryInSeconds": "\(Int(wait))"])
                out.append(.init(site: peer.site, ok: false, pushed: 0, pulled: 0, conflicts: 0, error: "\(error)"))
            }
        }
        return out
    }
}
