import Foundation
import QuayControl
import Testing

/// The network-namespace harness of the sync scenarios (issue #16), checked on its own with real quayd processes:
/// two daemons in two namespaces reach each other only over the veth link, a cut link carries nothing until it is
/// restored, the shaping really limits the rate and drops packets, and a site killed with SIGKILL restarts in its
/// namespace over the same state. Root only (CI runs `make test` as root).
@Suite(.serialized, .enabled(if: LiveNamespaces.available, "needs root and iproute2 (network namespaces)"))
struct NetnsLinkTests {
    static func fetch(_ link: NetnsLink, from end: NetnsLink.End, _ url: String, maxTime: Int = 5) throws -> (code: String, seconds: Double)
    {
        let t0 = Date()
        let r = try link.exec(end, [Command.curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "\(maxTime)", url])
        return (r.status == 0 ? r.output : "failed(\(r.status))", Date().timeIntervalSince(t0))
    }

    @Test func twoDaemonsReachEachOtherOnlyOverTheLink() throws {
        let link = try NetnsLink()
        let point = SyncSite(site: "xa-an-phu", end: link.point)
        let center = SyncSite(site: "huyen-an-phu", end: link.center)
        try center.start()
        try point.start()  // the same port as the center's: each namespace has its own stack
        #expect(try Self.fetch(link, from: link.point, center.url + "/healthz").code == "200")
        #expect(try Self.fetch(link, from: link.center, point.url + "/healthz").code == "200")

        try link.setLink(up: false)
        #expect(try Self.fetch(link, from: link.point, center.url + "/healthz", maxTime: 2).code != "200")
        try link.setLink(up: true)
        #expect(try Self.fetch(link, from: link.point, center.url + "/healthz").code == "200")
    }

    /// 64 kbit/s is 8 KB/s: the three page scripts (about 24 KB) take seconds instead of milliseconds; with 10 %
    /// loss packets are really dropped (and TCP still delivers).
    @Test func shapingLimitsTheRateAndDropsPackets() throws {
        let link = try NetnsLink()
        let center = SyncSite(site: "huyen-an-phu", end: link.center)
        try center.start()
        let urls = ["/web/kiosk.js", "/web/clerk.js", "/hall.js"].map { center.url + $0 }
        func fetchAll() throws -> Double {
            var total = 0.0
            for u in urls {
                let r = try Self.fetch(link, from: link.point, u, maxTime: 30)
                #expect(r.code == "200", "\(u)")
                total += r.seconds
            }
            return total
        }
        let bytes = try urls.reduce(0) { n, u in
            n + Int(
                try link.exec(link.point, [Command.curl, "-s", "--max-time", "5", "-w", "%{size_download}", "-o", "/dev/null", u]).output)!
        }
        let fast = try fetchAll()
        try link.shape(.init(rateKbit: 64))
        let slow = try fetchAll()
        let floor = Double(bytes * 8) / 64_000
        #expect(slow >= floor * 0.8, "\(bytes) bytes at 64 kbit/s took \(slow) s (unshaped \(fast) s)")
        #expect(fast < floor / 4, "unshaped \(fast) s")

        try link.shape(.init(lossPercent: 10))
        let c0 = try link.counters()
        for _ in 0..<5 { _ = try fetchAll() }
        let c1 = try link.counters()
        // Packets that crossed the link either way (the point's tx is the center's rx and the other way round).
        let crossed = c1.pointRxPackets - c0.pointRxPackets + c1.pointTxPackets - c0.pointTxPackets
        if link.netem {
            #expect(crossed > 0)
        } else {
            // Each end drops 10 % of what it sends: about a tenth of all packets sent (a few hundred here).
            let dropped = try link.droppedPackets()
            let rate = Double(dropped) / Double(dropped + crossed)
            #expect(dropped > 0 && rate < 0.25, "dropped \(dropped), crossed \(crossed)")
        }
        try link.shape(.init())
        #expect(try link.droppedPackets() == 0, "the loss rules are gone")
    }

    @Test func aSiteKilledWithSIGKILLRestartsInItsNamespaceOverItsState() throws {
        let link = try NetnsLink()
        let center = SyncSite(site: "huyen-an-phu", end: link.center)
        try center.start()
        let ticket = try center.client().issue()["ticket"]?["id"]
        center.kill9()
        #expect(!center.isRunning)
        try center.start()
        let waiting = try center.client().call("queue")["snapshot"]?["waiting"]?.array ?? []
        #expect(waiting.map { $0["id"] } == [ticket], "the ticket issued before the kill is still queued")
        #expect(try Self.fetch(link, from: link.point, center.url + "/healthz").code == "200")
    }

    /// The scenarios' exactly-once check sees a missing dossier, a changed one and an extra one (two daemons that do
    /// not sync); dossiers made through the ops come back with their whole life (4 events each).
    @Test func theRecordComparisonSeesMissingChangedAndExtraDossiers() throws {
        let link = try NetnsLink()
        let (a, b) = (SyncSite(site: "xa-an-phu", end: link.point), SyncSite(site: "huyen-an-phu", end: link.center))
        try a.start()
        try b.start()
        let n = Int(ProcessInfo.processInfo.environment["QUAY_WORKLOAD_DOSSIERS"] ?? "") ?? 20
        let made = try DossierWorkload.make(socket: a.daemon!.socket, prefix: "AP", count: n)
        print("made \(n) dossiers (\(made.records) feed records) in \(made.seconds) s")
        #expect(made.ids.count == n && Set(made.ids).count == n)
        let (ca, cb) = (try a.client(), try b.client())
        #expect(try SyncPair.differences(made.ids, total: n, ca, ca).isEmpty, "a site agrees with itself")
        let held = try DossierWorkload.held(ca, made.ids)
        #expect(held.values.allSatisfy { $0.events.array?.count == 4 && $0.dossier["status"] == .string("returned") })

        // b has the same receipt codes but its own dossiers (other ids): all missing there, and its total is off.
        _ = try DossierWorkload.make(socket: b.daemon!.socket, prefix: "AP", count: 2, steps: 1)
        let missing = try SyncPair.differences(made.ids, total: n, ca, cb)
        #expect(missing.contains("the center holds 0 of \(n)"), "\(missing)")
        #expect(missing.contains("center holds 2 dossiers in all, not \(n)"), "\(missing)")
        // The same ids on both sides, one with another note: a difference in content.
        let ids = Array(try DossierWorkload.held(cb, ["huyen-an-phu-D1", "huyen-an-phu-D2"]).keys).sorted()
        #expect(ids.count == 2)
        #expect(try SyncPair.differences(ids, total: 2, cb, cb).isEmpty)
        try DossierWorkload.update(cb, ids[0], "result-ready", note: "đổi")
        let before = try DossierWorkload.held(cb, ids)
        try DossierWorkload.update(cb, ids[1], "result-ready")
        #expect(before != (try DossierWorkload.held(cb, ids)), "a status change is a change in content")
    }
}
