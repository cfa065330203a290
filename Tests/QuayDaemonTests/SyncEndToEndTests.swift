import Crypto
import Foundation
import QuayControl
import QuayCore
@testable import QuaySync
import Testing

/// Point/center sync between two real quayd processes on loopback (docs/sync.md): dossiers go up exactly once,
/// result-ready comes down and gives a return ticket at the point, strangers, forged signatures and replayed nonces
/// are refused, and kill -9 of either side in the middle of a sync converges after restart.
@Suite(.serialized) struct SyncEndToEndTests {
    final class Pair {
        let centerDir = TempDir("quay-sync-center"), pointDir = TempDir("quay-sync-point")
        let port: Int
        let centerKey: SyncKey, pointKey: SyncKey
        let centerConfig: String, pointConfig: String
        var center: DaemonProcess, point: DaemonProcess

        init(batchRecords: Int = 200, staleAfter: Int = 600, pointInterval: Int = 3600) throws {
            port = try FreePort.find()
            centerKey = try SyncKey.loadOrCreate(path: centerDir.file("sync.key")).key
            pointKey = try SyncKey.loadOrCreate(path: pointDir.file("sync.key")).key
            func site(_ s: String, _ extra: String) -> String {
                TestConfig.with(extra).replacingOccurrences(of: "site = \"test-site\"", with: "site = \"\(s)\"")
            }
            centerConfig = site(
                "center",
                """
                [web]
                enabled = true
                host = "127.0.0.1"
                port = \(port)

                [dossiers]
                return_service = "datdai"

                [sync]
                key_file = "\(centerDir.file("sync.key"))"
                interval = 3600
                batch_records = \(batchRecords)
                stale_after = \(staleAfter)

                [[sync.peer]]
                site = "point"
                public_key = "\(pointKey.publicKeyBase64)"
                role = "point"
                """)
            pointConfig = site(
                "point",
                """
                [dossiers]
                return_service = "datdai"

                [sync]
                key_file = "\(pointDir.file("sync.key"))"
                interval = \(pointInterval)
                max_backoff = 2
                batch_records = \(batchRecords)

                [[sync.peer]]
                site = "center"
                public_key = "\(centerKey.publicKeyBase64)"
                url = "http://127.0.0.1:\(port)"
                role = "center"
                """)
            center = try DaemonProcess(config: centerConfig, dir: centerDir)
            point = try DaemonProcess(config: pointConfig, dir: pointDir)
            try center.start()
            try point.start()
        }

        func restartCenter() throws {
            center = try DaemonProcess(config: centerConfig, dir: centerDir)
            try center.start()
        }

        func restartPoint() throws {
            point = try DaemonProcess(config: pointConfig, dir: pointDir)
            try point.start()
        }

        var url: String { "http://127.0.0.1:\(port)" }
    }

    static func syncNow(_ d: DaemonProcess) throws -> JSONValue {
        let r = try d.client().call("sync-now", timeoutMs: 60_000)
        guard r["ok"]?.bool == true else { throw TestFailure("sync-now refused: \(r)") }
        return r
    }

    static func peer(_ d: DaemonProcess, _ site: String) throws -> JSONValue {
        let r = try d.client().call("sync-status")
        guard let p = r["peers"]?.array?.first(where: { $0["site"]?.string == site }) else { throw TestFailure("no peer \(site): \(r)") }
        return p
    }

    @Test func dossierGoesUpOnceAndItsResultComesDownToAReturnTicket() throws {
        let pair = try Pair()
        let p = try pair.point.client()
        let created = try DossierFlowTests.create(p, "hs-2026-0100")
        let id = try #require(created["dossier"]?["id"]?.string)
        let watcher = try pair.point.client()
        _ = try watcher.call("watch")
        var r = try Self.syncNow(pair.point)
        // Sync progress on the watch stream: the pushed batch.
        let event = try watcher.readLine(timeoutMs: 5000)["event"]
        #expect(event?["kind"] == .string("sync"))
        #expect(event?["detail"]?.string?.hasPrefix("peer=center pushed=1 ") == true)
        #expect(r["peers"]?.array?.first?["ok"] == .bool(true))
        #expect(r["peers"]?.array?.first?["pushed"] == .number(1))
        // Up at the center, exactly once: a second exchange moves nothing.
        let c = try pair.center.client()
        let atCenter = try c.call("dossier-get", ["args": .object(["dossier": .string("HS-2026-0100")])])
        #expect(atCenter["dossier"]?["id"] == .string(id))
        #expect(atCenter["dossier"]?["receivedSite"] == .string("point"))
        r = try Self.syncNow(pair.point)
        #expect(r["peers"]?.array?.first?["pushed"] == .number(0))
        #expect(try Self.peer(pair.center, "point")["recordsIn"] == .number(1))

        // The center has the result: it comes down; the point lists it and gives a return ticket.
        #expect(try DossierFlowTests.update(c, "HS-2026-0100", "processing")["ok"] == .bool(true))
        #expect(try DossierFlowTests.update(c, "HS-2026-0100", "result-ready")["ok"] == .bool(true))
        r = try Self.syncNow(pair.point)
        #expect(r["peers"]?.array?.first?["pulled"] == .number(2))
        let ready = try p.call("results-ready")
        #expect(ready["entries"]?.array?.count == 1)
        let ret = try p.call("issue-return", ["args": .object(["code": .string("HS-2026-0100")])])
        #expect(ret["ok"] == .bool(true), "\(ret)")
        #expect(ret["ticket"]?["purpose"] == .string("collect"))
        #expect(ret["ticket"]?["dossier"] == .string(id))

        // Status on both sides: nothing owed, contact recorded, sync progress in the event log.
        let up = try Self.peer(pair.point, "center")
        #expect(up["backlog"] == .number(0) && up["lastError"] == nil && up["lastContact"]?.number != nil)
        #expect(up["recordsOut"] == .number(1) && up["recordsIn"] == .number(2))
        // The center learns what the point has from its next pull (it asks after the last position it applied).
        #expect(try Self.peer(pair.center, "point")["backlog"] == .number(2))
        _ = try Self.syncNow(pair.point)
        #expect(try Self.peer(pair.center, "point")["backlog"] == .number(0))
        // What the netns scenarios read: quayctl sync status --json.
        let cli = try PromScrape.run(Binaries.quayctl, ["sync", "status", "--json", "--socket", pair.point.socket])
        #expect(cli.status == 0)
        let status = try JSONDecoder().decode(JSONValue.self, from: Data(cli.body.utf8))
        #expect(status["peers"]?.array?.first?["site"] == .string("center"))
        #expect(status["peers"]?.array?.first?["pushedAfter"]?.number ?? 0 > 0)
        let health = try PromScrape.get(pair.url + "/healthz")
        #expect(health.status == 200)
        let metrics = try PromScrape.families(url: pair.url + "/metrics")
        #expect(PromScrape.value(metrics, "quay_sync_backlog", ["peer": "point"]) == 0)
        // Graceful stop: the sync service ends and shuts its HTTP client down.
        pair.point.stop()
        #expect(pair.point.process.terminationStatus == 0, "\(pair.point.log.suffix(2000))")
    }

    /// Raw HTTP: a signed request replayed with its nonce, a stranger and a forged signature all get 401.
    @Test func strangersForgeriesAndReplaysAreRefused() async throws {
        let pair = try Pair(staleAfter: 1)
        let centerPeer = SyncPeer(site: "center", publicKey: pair.centerKey.privateKey.publicKey, url: pair.url, role: .center)
        // A stranger (not a configured peer) and the point's name with another key.
        for (site, key) in [("stranger", SyncKey(Curve25519.Signing.PrivateKey())), ("point", SyncKey(Curve25519.Signing.PrivateKey()))] {
            let feedless = SyncClient(site: site, key: key)
            await #expect(throws: SyncError.refused(status: 401, code: "unauthorized")) {
                _ = try await feedless.callSizedForTest(centerPeer)
            }
        }
        // A correctly signed pull works once; the same request again (same nonce) is refused.
        let challenge = try Self.curl(["-s", pair.url + SyncWire.challengePath]).body
        let nonce = try JSONDecoder().decode(SyncWire.Challenge.self, from: Data(challenge.utf8)).nonce
        let body = #"{"after":0,"limit":10}"#
        let sig = try pair.pointKey.sign(
            SyncSignature.requestMessage(method: "POST", path: SyncWire.pullPath, nonce: nonce, body: Array(body.utf8)))
        let args = [
            "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Quay-Site: point", "-H", "Quay-Nonce: \(nonce)", "-H",
            "Quay-Signature: \(sig)", "--data-binary", body, pair.url + SyncWire.pullPath,
        ]
        #expect(try Self.curl(args).body == "200")
        #expect(try Self.curl(args).body == "401")
        // A point may push only its own records: one claiming the center's origin is refused (403), nothing applied.
        let forged = FeedRecord(
            origin: "center", seq: 99, at: 1,
            body: .queueDay(
                QueueDaySummary(
                    site: "center", day: LocalDate(dayNumber: 20000), total: QueueFigures(id: "", name: ""), services: [], counters: [],
                    arrivalsByHour: Array(repeating: 0, count: 24))))
        let pushBody = String(decoding: try SyncClient.encode(SyncWire.PushRequest(records: [forged])), as: UTF8.self)
        let pushNonce = try JSONDecoder().decode(
            SyncWire.Challenge.self, from: Data(try Self.curl(["-s", pair.url + SyncWire.challengePath]).body.utf8)
        ).nonce
        let pushSig = try pair.pointKey.sign(
            SyncSignature.requestMessage(method: "POST", path: SyncWire.pushPath, nonce: pushNonce, body: Array(pushBody.utf8)))
        let pushed = try Self.curl([
            "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", "Quay-Site: point", "-H", "Quay-Nonce: \(pushNonce)", "-H",
            "Quay-Signature: \(pushSig)", "--data-binary", pushBody, pair.url + SyncWire.pushPath,
        ]).body
        #expect(pushed.hasSuffix("\n403") && pushed.contains("not-own-record"), "\(pushed)")
        // An unsigned push is refused with nothing applied.
        #expect(
            try Self.curl([
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "--data-binary", "{}", pair.url + SyncWire.pushPath,
            ]).body == "401")
        #expect(try Self.peer(pair.center, "point")["recordsIn"] == .number(0))
        // The point was heard from (the good pull) but not for longer than stale_after: a warning, still 200.
        try await Task.sleep(for: .milliseconds(1500))
        let health = try PromScrape.get(pair.url + "/healthz")
        #expect(health.status == 200)
        let h = try JSONDecoder().decode(JSONValue.self, from: Data(health.body.utf8))
        #expect(h["status"] == .string("ok"))
        #expect(h["warnings"]?.array?.first?["component"] == .string("sync point"))
    }

    /// The point dials by itself every `interval`; with the center down it records the error and backs off, and
    /// catches up once the center is back.
    @Test func theIntervalDialsAndRecoversAfterTheCenterIsBack() throws {
        let pair = try Pair(pointInterval: 1)
        let p = try pair.point.client()
        func waitUntil(_ what: String, _ cond: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(15)
            while try !cond() {
                guard Date() < deadline else { throw TestFailure("timed out waiting for \(what)") }
                usleep(50_000)
            }
        }
        _ = try DossierFlowTests.create(p, "hs-2026-0200")
        try waitUntil("the first dossier at the center") { try Self.peer(pair.center, "point")["recordsIn"] == .number(1) }
        pair.center.kill9()
        _ = try DossierFlowTests.create(p, "hs-2026-0201")
        try waitUntil("the error at the point") { try Self.peer(pair.point, "center")["lastError"]?.string != nil }
        #expect(try Self.peer(pair.point, "center")["backlog"] == .number(1))
        try pair.restartCenter()
        try waitUntil("the second dossier at the center") { try Self.peer(pair.center, "point")["recordsIn"] == .number(2) }
        try waitUntil("the error cleared") { try Self.peer(pair.point, "center")["lastError"] == nil }
    }

    /// `quayd sync-key` creates a 0600 key once and prints the same public key every time.
    @Test func syncKeyCreatesOnceAndPrintsThePublicKey() throws {
        let dir = TempDir("quay-sync-key")
        let path = dir.file("keys/sync.key")
        let first = try PromScrape.run(Binaries.quayd, ["sync-key", "--key-file", path])
        let again = try PromScrape.run(Binaries.quayd, ["sync-key", "--key-file", path])
        #expect(first.status == 0 && again.status == 0)
        let pub = first.body.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(SyncKey.publicKey(base64: pub) != nil)
        #expect(again.body.trimmingCharacters(in: .whitespacesAndNewlines) == pub)
        #expect(try SyncKey.load(path: path).publicKeyBase64 == pub)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// kill -9 of the point, then of the center, in the middle of a sync of many small batches; after restarts
    /// every dossier is at the center exactly once and nothing is owed.
    @Test func killNineMidSyncConverges() throws {
        let pair = try Pair(batchRecords: 3)
        let p = try pair.point.client()
        let n = 150
        for i in 0..<n { _ = try DossierFlowTests.create(p, String(format: "hs-2026-%04d", 1000 + i)) }
        func received() -> Double { (try? Self.peer(pair.center, "point")["recordsIn"]?.number) ?? 0 }
        func waitFor(above v: Double) throws {
            let deadline = Date().addingTimeInterval(20)
            while received() <= v {
                guard Date() < deadline else { throw TestFailure("no records arrived") }
                usleep(5_000)
            }
        }
        // Kill the point once the center has its first batch.
        let first = pair.point
        Thread { _ = try? Self.syncNow(first) }.start()
        try waitFor(above: 0)
        pair.point.kill9()
        let atFirstKill = received()
        try pair.restartPoint()
        // Kill the center while the restarted point pushes the rest.
        let restarted = pair.point
        Thread { _ = try? Self.syncNow(restarted) }.start()
        try waitFor(above: atFirstKill)
        pair.center.kill9()
        try pair.restartCenter()
        let atSecondKill = received()
        #expect(atFirstKill < Double(n) && atSecondKill < Double(n), "the kills came after the sync: \(atFirstKill), \(atSecondKill)")
        let r = try Self.syncNow(pair.point)
        #expect(r["peers"]?.array?.first?["ok"] == .bool(true), "\(r)")
        _ = try Self.syncNow(pair.point)
        #expect(try Self.peer(pair.point, "center")["backlog"] == .number(0))
        // Exactly once: every record applied once at the center, whatever was resent after the kills.
        #expect(received() == Double(n))
        let c = try pair.center.client()
        for i in [0, n / 2, n - 1] {
            let got = try c.call("dossier-get", ["args": .object(["dossier": .string(String(format: "HS-2026-%04d", 1000 + i))])])
            #expect(got["ok"] == .bool(true))
        }
    }

    static func curl(_ args: [String]) throws -> (status: Int32, body: String) { try PromScrape.run("/usr/bin/curl", args) }
}

extension SyncClient {
    /// One signed pull from `peer` without a feed: for refusals, which come before any feed access.
    func callSizedForTest(_ peer: SyncPeer) async throws {
        let _: (SyncWire.PullReply, Int) = try await callSized(peer, path: SyncWire.pullPath, body: Array(#"{"after":0,"limit":1}"#.utf8))
    }
}
