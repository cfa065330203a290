import Foundation
import NIOConcurrencyHelpers
import QuayControl
import QuayCore
import QuayStore

/// Fans committed queue events out to every `watch` stream: one ledger subscription, each event line encoded
/// once and the same bytes pushed to every watcher's queue (shared, not copied), so a hundred watchers cost one
/// encoding and one buffer per event, not a hundred.
final class WatchHub: Sendable {
    private struct State {
        /// The ledger the hub's one subscription is on.
        var ledger: ObjectIdentifier?
        var members: [UInt64: OutboundLineQueue] = [:]
        var next: UInt64 = 0
    }
    private let state = NIOLockedValueBox(State())

    /// Adds `queue` to the watchers and returns `snapshot` of the engine taken at the same point: every event
    /// committed before is in the snapshot, every later one reaches the queue, none twice.
    func join<T: Sendable>(
        _ ledger: Ledger, _ queue: OutboundLineQueue,
        snapshot: @escaping @Sendable (QueueEngine) -> T
    ) async throws -> T {
        try await attach(ledger)
        let (id, snap) = try await ledger.read { [state] engine in
            // Runs on the writer thread after the observers of every earlier commit.
            let id = state.withLockedValue { s -> UInt64 in
                s.next += 1
                s.members[s.next] = queue
                return s.next
            }
            return (id, snapshot(engine))
        }
        queue.onClose { [state] in state.withLockedValue { _ = $0.members.removeValue(forKey: id) } }
        return snap
    }

    /// One subscription per ledger (a reload that reopens the store gets a new one).
    private func attach(_ ledger: Ledger) async throws {
        let key = ObjectIdentifier(ledger)
        guard state.withLockedValue({ $0.ledger != key }) else { return }
        let (token, _) = try await ledger.subscribe(
            snapshot: { _ in () },
            observer: { [state] m in
                let members = state.withLockedValue { Array($0.members.values) }
                guard !members.isEmpty else { return }
                let byID = Dictionary(m.tickets.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
                for e in m.events {
                    let line = Wire.line(WatchLine(event: e, ticket: e.ticket.flatMap { byID[$0] }))
                    for q in members { q.push(line) }
                }
            })
        let raced = state.withLockedValue { s -> Bool in
            if s.ledger == key { return true }  // another watcher attached meanwhile: keep one subscription
            s.ledger = key
            return false
        }
        if raced { ledger.unsubscribe(token) }
    }
}
