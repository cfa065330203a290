import Foundation
import QuayControl
import Testing

/// Issue #16's weeks offline: a point accumulates a month of work with its link down (≈ 3,000 dossiers through their
/// life, 4 feed records each, and 12,000 tickets), then syncs over a link limited to 64 kbit/s with 10 % loss that is
/// cut twice on the way; it must complete, resume after each cut, and leave every dossier exactly once on both sides.
/// Prints bytes on the wire (the veth's counters: headers, retransmissions and all) per record and the time.
///
/// CI runs a short variant (QUAY_SYNC_DOSSIERS, default 100; no tickets); `make bench` runs the full month against the
/// release quayd (QUAY_SYNC_DOSSIERS=3000 QUAY_SYNC_TICKETS=12000) and appends the figures to QUAY_SYNC_BENCH_OUT.
@Suite(.serialized, .enabled(if: SyncPair.available, "needs root, iproute2 and quayd's sync ops"))
struct SyncWeeksOfflineTests {
    static let env = ProcessInfo.processInfo.environment
    static let dossiers = Int(env["QUAY_SYNC_DOSSIERS"] ?? "") ?? 100
    static let tickets = Int(env["QUAY_SYNC_TICKETS"] ?? "") ?? 0

    @Test func monthOfflineOverSlowLossyLinkWithTwoCuts() async throws {
        try await offPool {
            let pair = try SyncPair()
            try pair.start()
            try pair.link.setLink(up: false)
            let made = try DossierWorkload.make(socket: pair.point.daemon!.socket, prefix: "AP", count: Self.dossiers)
            let ticketSeconds = try Self.issueTickets(socket: pair.point.daemon!.socket, count: Self.tickets)
            try pair.link.shape(.init(rateKbit: 64, lossPercent: 10))
            let before = try pair.link.counters()
            let peerBefore = try pair.pointPeer()
            let t0 = Date()
            try pair.link.setLink(up: true)
            let n = made.ids.count
            var cuts = 0
            for fraction in [3, 3 * 2] {
                // Cut at about a third and two thirds of the way (by what the center holds), for 5 s each.
                try pair.waitMidBatch(pair.center, atLeast: n * fraction / 9, of: n, timeout: 3600)
                try pair.link.setLink(up: false)
                sleep(5)
                try pair.link.setLink(up: true)
                cuts += 1
            }
            try pair.waitPushed(n, timeout: 3600)
            let seconds = Date().timeIntervalSince(t0)
            let after = try pair.link.counters()
            try pair.link.shape(.init())
            try pair.expectSame(made.ids, total: n)
            let bytes = after.totalBytes - before.totalBytes
            let peer = try pair.pointPeer()
            func count(_ v: JSONValue?, _ k: String) -> Int { Int(v?[k]?.number ?? 0) }
            let httpBytes = count(peer, "bytesOut") + count(peer, "bytesIn") - count(peerBefore, "bytesOut") - count(peerBefore, "bytesIn")
            let line = String(
                format: "sync weeks offline: %d dossiers (%d feed records), %d tickets; made in %.1f s + %.1f s; "
                    + "64 kbit/s, 10%% loss, %d cuts of 5 s: synced in %.0f s, %d bytes on the wire "
                    + "(point→center %d, center→point %d), %.0f bytes per record; sync bodies %d bytes (%.0f per record)",
                n, made.records, Self.tickets, made.seconds, ticketSeconds, cuts, seconds, bytes,
                after.pointTxBytes - before.pointTxBytes, after.pointRxBytes - before.pointRxBytes, Double(bytes) / Double(made.records),
                httpBytes,
                Double(httpBytes) / Double(made.records))
            print(line)
            if let out = Self.env["QUAY_SYNC_BENCH_OUT"] {
                let h =
                    FileHandle(forWritingAtPath: out)
                    ?? {
                        FileManager.default.createFile(atPath: out, contents: nil)
                        return FileHandle(forWritingAtPath: out)!
                    }()
                h.seekToEndOfFile()
                h.write(Data((line + "\n").utf8))
                try? h.close()
            }
            #expect(bytes > 0)
        }
    }

    /// Tickets issued at the point (both services, 4 clients): they travel only as the closed days' queue
    /// summaries, but a month of them is what the point's store holds while it syncs.
    static func issueTickets(socket: String, count: Int) throws -> Double {
        let t0 = Date()
        let failure = LockedBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            do {
                let c = try ControlClient(path: socket)
                for n in stride(from: k, to: count, by: 4) { _ = try c.issue(n % 3 == 0 ? "datdai" : "hotich") }
            } catch { failure.update { $0.append("\(error)") } }
        }
        if let f = failure.value.first { throw TestFailure("issuing tickets failed: \(f)") }
        return Date().timeIntervalSince(t0)
    }
}
