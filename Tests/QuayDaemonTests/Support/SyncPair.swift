import Foundation
import QuayControl
import Testing

/// A point and its center as two hosts (issue #16): each a real quayd in its own network namespace, joined by a
/// veth link, with Ed25519 keys made by `quayd sync-key` and each other as `[[sync.peer]]` (the point dials the
/// center's url, the center only accepts the point).
final class SyncPair: @unchecked Sendable {
    let link: NetnsLink
    let point: SyncSite
    let center: SyncSite

    /// Root, iproute2 and a quayd with the sync ops.
    static var available: Bool { LiveNamespaces.available && OpCatalog.spec("sync-status") != nil }

    /// `interval`: seconds between the point's sync rounds; `maxBackoff`: the longest wait after failed rounds
    /// (production defaults 30 and 300 s; short here so a restored link is used within seconds).
    /// `batchRecords`: records per push or pull batch (production default 200).
    init(interval: Int = 1, maxBackoff: Int = 5, batchRecords: Int = 200) throws {
        link = try NetnsLink()
        point = SyncSite(site: "xa-an-phu", end: link.point)
        center = SyncSite(site: "huyen-an-phu", end: link.center)
        for s in [point, center] {
            s.syncConfig = "[sync]\nkey_file = \"\(s.keyFile)\"\ninterval = \(interval)\n"
            s.syncConfig += "max_backoff = \(maxBackoff)\nbatch_records = \(batchRecords)\n"
        }
        let (pointKey, centerKey) = (try point.publicKey(), try center.publicKey())
        point.syncConfig += """

            [[sync.peer]]
            site = "\(center.site)"
            public_key = "\(centerKey)"
            url = "\(center.url)"
            role = "center"
            """
        center.syncConfig += """

            [[sync.peer]]
            site = "\(point.site)"
            public_key = "\(pointKey)"
            role = "point"
            """
    }

    func start() throws {
        try center.start()
        try point.start()
    }

    /// `sync-status` of a site (for the test log when a scenario fails).
    func status(_ s: SyncSite) -> String {
        guard let c = try? s.client(), let r = try? c.call("sync-status") else { return "\(s.site): no status" }
        return "\(s.site): \(r)"
    }

    /// The point's view of its center in `sync-status` (bytes and records each way, checkpoints, last error).
    func pointPeer() throws -> JSONValue? { try point.client().call("sync-status")["peers"]?.array?.first }

    /// Waits until `site` holds `total` dossiers in all, with a deadline; returns the seconds it took.
    @discardableResult
    func waitTotal(_ s: SyncSite, _ total: Int, timeout: Double) throws -> Double {
        let t0 = Date()
        var last = -1
        while Date().timeIntervalSince(t0) < timeout {
            if s.isRunning, let c = try? s.client(), let n = try? DossierWorkload.total(c) {
                last = n
                if n >= total { return Date().timeIntervalSince(t0) }
            }
            usleep(200_000)
        }
        throw TestFailure(
            "\(s.site) holds \(last) of \(total) dossiers after \(timeout) s\n\(status(point))\n\(status(center))\n"
                + "point log:\n\(point.log.suffix(3000))\ncenter log:\n\(center.log.suffix(3000))")
    }

    /// Waits until the center holds `total` dossiers and the point owes it nothing (`sync-status` backlog 0: every
    /// feed record pushed and acknowledged); returns the seconds it took.
    @discardableResult
    func waitPushed(_ total: Int, timeout: Double) throws -> Double {
        let t0 = Date()
        try waitTotal(center, total, timeout: timeout)
        while Date().timeIntervalSince(t0) < timeout {
            if let peer = try? pointPeer(), peer["backlog"] == .number(0) { return Date().timeIntervalSince(t0) }
            usleep(200_000)
        }
        throw TestFailure("the point still owes records after \(timeout) s\n\(status(point))\n\(point.log.suffix(3000))")
    }

    /// Waits until the site holds at least `n` dossiers (a sync round is under way) but fewer than `of`; returns
    /// how many it holds (printed: the test log shows where each cut or kill fell).
    @discardableResult
    func waitMidBatch(_ s: SyncSite, atLeast n: Int, of total: Int, timeout: Double) throws -> Int {
        let t0 = Date()
        while Date().timeIntervalSince(t0) < timeout {
            if let c = try? s.client(), let got = try? DossierWorkload.total(c), got >= n {
                if got >= total { throw TestFailure("\(s.site) got all \(total) before the cut: make the batch slower") }
                print("\(s.site) holds \(got) of \(total) dossiers: mid-batch")
                return got
            }
            usleep(50_000)
        }
        throw TestFailure("no sync started within \(timeout) s\n\(status(point))\n\(status(center))\n\(point.log.suffix(3000))")
    }

    /// Exactly once on both sides, by id and content: each of `ids` is held by both sites with the same row and the
    /// same events (each revision once, 0…revision), and each site holds `total` dossiers, no more.
    func expectSame(_ ids: [String], total: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try Self.differences(ids, total: total, point.client(), center.client())
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// What differs between two sites' copies of `ids` (empty: the same, each exactly once).
    static func differences(_ ids: [String], total: Int, _ a: ControlClient, _ b: ControlClient) throws -> [String] {
        let (p, c) = (try DossierWorkload.held(a, ids), try DossierWorkload.held(b, ids))
        var found: [String] = []
        if p.count != ids.count { found.append("the point holds \(p.count) of \(ids.count)") }
        if c.count != ids.count { found.append("the center holds \(c.count) of \(ids.count)") }
        let differing = ids.filter { p[$0] != nil && c[$0] != nil && p[$0] != c[$0] }
        if let first = differing.first {
            found.append(
                "\(differing.count) dossiers differ, first \(first): point \(String(describing: p[first]))"
                    + " center \(String(describing: c[first]))")
        }
        for (side, held) in [("point", p), ("center", c)] {
            let bad = held.filter { _, h in
                let revisions = (h.events.array ?? []).compactMap { $0["revision"]?.number }.map { Int($0) }
                return revisions != Array(0..<revisions.count) || revisions.count != Int(h.dossier["revision"]?.number ?? -1) + 1
            }
            if let e = bad.first { found.append("\(side): \(bad.count) dossiers with missing or repeated events, e.g. \(e)") }
        }
        for (side, client) in [("point", a), ("center", b)] {
            let n = try DossierWorkload.total(client)
            if n != total { found.append("\(side) holds \(n) dossiers in all, not \(total)") }
        }
        return found
    }
}
