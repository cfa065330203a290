import Foundation
import QuayControl
import Testing

/// watch: a snapshot, then every later event exactly once, in order, even while clients issue concurrently.
@Suite struct WatchTests {
    @Test func watchMissesNothingBetweenSnapshotAndStream() throws {
        let d = try DaemonProcess()
        try d.start()
        // Some history before the watcher arrives.
        let c0 = try d.client()
        for _ in 0..<5 { _ = try c0.issue() }
        let group = DispatchGroup()
        let perClient = 40
        for i in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let c = try? d.client() else { return }
                for _ in 0..<perClient { _ = try? c.issue(i % 2 == 0 ? "hotich" : "datdai", language: "km") }
            }
        }
        // Start watching while those issues are in flight.
        let w = try d.client()
        let first = try w.call("watch")
        #expect(first["ok"] == .bool(true))
        let snapWaiting = first["snapshot"]?["waiting"]?.array?.count ?? 0
        var lastSeq = Int(first["lastEventSeq"]?.number ?? -1)
        group.wait()
        let total = 5 + 4 * perClient
        var streamed = 0
        while snapWaiting + streamed < total {
            let line = try w.readLine(timeoutMs: 5000)
            let e = try #require(line["event"])
            let seq = Int(e["seq"]?.number ?? 0)
            #expect(seq == lastSeq + 1, "event sequence jumped from \(lastSeq) to \(seq)")
            lastSeq = seq
            if e["kind"] == .string("issued") {
                streamed += 1
                #expect(line["ticket"]?["number"] == e["number"])
            }
        }
        #expect(snapWaiting + streamed == total)
    }

    @Test func watcherSeesCallsWithTicketState() throws {
        let d = try DaemonProcess()
        try d.start()
        let w = try d.client()
        _ = try w.call("watch")
        let c = try d.client()
        _ = try c.issue()
        _ = try c.call("call-next", ["counter": .string("q1")])
        let issued = try w.readLine(timeoutMs: 5000)
        let called = try w.readLine(timeoutMs: 5000)
        #expect(issued["event"]?["kind"] == .string("issued"))
        #expect(called["event"]?["kind"] == .string("called"))
        #expect(called["event"]?["counter"] == .string("q1"))
        #expect(called["ticket"]?["state"] == .string("called"))
    }
}

/// Peer credentials decide the role; a clerk may act only for their counters.
@Suite struct AccessTests {
    func asNobody(_ d: DaemonProcess, _ json: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Binaries.quayctl, "raw", "--socket", d.socket, json]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out
    }

    @Test(.enabled(if: getuid() == 0, "needs root to act as another user"))
    func rolesComeFromPeerCredentials() throws {
        let cfg = TestConfig.withAccess(
            defaultRole: "kiosk",
            grants: """
                [[access.grant]]
                gid = 12345
                role = "technician"
                """)
        let dir = TempDir("quay-access")
        chmod(dir.path, 0o755)
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        // nobody is a kiosk: may issue, may not call.
        #expect(try asNobody(d, #"{"id":1,"op":"issue","service":"hotich"}"#).contains("\"ok\":true"))
        let refused = try asNobody(d, #"{"id":2,"op":"call-next","counter":"q1"}"#)
        #expect(refused.contains("\"code\":\"forbidden\""), "\(refused)")
        // root is admin.
        #expect(try d.client().call("call-next", ["counter": .string("q1")])["ok"] == .bool(true))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to act as another user"))
    func clerkIsLimitedToAssignedCounters() throws {
        let cfg = TestConfig.withAccess(
            grants: """
                [[access.grant]]
                uid = 65534
                role = "clerk"
                counters = ["q2"]
                """)
        let dir = TempDir("quay-clerk")
        chmod(dir.path, 0o755)
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        _ = try d.client().issue()
        #expect(try asNobody(d, #"{"id":1,"op":"call-next","counter":"q1"}"#).contains("forbidden"))
        #expect(try asNobody(d, #"{"id":2,"op":"call-next","counter":"q2"}"#).contains("A001"))
        #expect(try asNobody(d, #"{"id":3,"op":"reload"}"#).contains("forbidden"))
    }
}
