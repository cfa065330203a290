import Foundation
import NIOConcurrencyHelpers
import QuayControl
import QuayCore
import QuayStore

/// The `queue` reply's snapshot, encoded once per change of the queue: kiosks and consoles that poll an
/// unchanged queue get the same bytes without another engine walk or JSON encoding. The check runs in the
/// ledger's order (it sees every commit before it); building and encoding a new snapshot runs on the caller.
final class QueueSnapshotCache: Sendable {
    struct Key: Equatable, Sendable {
        var seq: Int64
        var day: String
        var center: CenterSetup
        var limit: Int
    }
    private let entries = NIOLockedValueBox<[Int: (key: Key, json: [UInt8])]>([:])

    /// The snapshot as JSON (no newline), with at most `limit` waiting tickets.
    func json(_ ledger: Ledger, limit: Int) async throws -> [UInt8] {
        let cached = entries.withLockedValue { $0[limit] }
        let fresh: (Key, QueueSnapshot)? = try await ledger.read { e in
            let key = Key(seq: e.nextEventSeq, day: e.businessDay, center: e.center, limit: limit)
            if let cached, cached.key == key { return nil }
            return (key, QueueSnapshot(e, waitingLimit: limit))
        }
        guard let (key, snap) = fresh else { return cached!.json }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = Array(try e.encode(snap))
        entries.withLockedValue { all in
            if all.count >= 4, all[limit] == nil { all.removeAll() }
            all[limit] = (key, json)
        }
        return json
    }
}
