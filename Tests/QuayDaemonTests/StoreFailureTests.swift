import Foundation
import QuayControl
import Testing

/// Disk full and read-only database: a clear error to the client, the daemon stays up, nothing stored is lost.
@Suite struct StoreFailureTests {
    @Test func fullDiskRefusesNewTicketsAndKeepsOldOnes() throws {
        let d = try DaemonProcess(config: TestConfig.with("[store]\nmax_pages = 50"))
        try d.start()
        let c = try d.client()
        var issued: [String] = []
        var refusal: JSONValue?
        for _ in 0..<20_000 {
            let r = try c.call("issue", ["service": .string("hotich")])
            if r["ok"]?.bool == true {
                issued.append(r["ticket"]!["number"]!.string!)
            } else {
                refusal = r
                break
            }
        }
        let err = try #require(refusal, "never filled up")
        #expect(err["error"]?["code"] == .string("store-full"))
        #expect(err["error"]?["citizen"]?["vi"]?.string?.isEmpty == false)
        #expect(issued.count > 10)
        // Still up, still consistent: every acknowledged ticket is there, and reading works.
        #expect(try c.call("ping")["ok"] == .bool(true))
        let waiting = try c.call("queue")["snapshot"]?["waiting"]?.array?.compactMap { $0["number"]?.string } ?? []
        #expect(waiting == issued)
        // Calling (a small update) may or may not fit; either way the daemon answers with a typed reply.
        let call = try c.call("call-next", ["counter": .string("q1")])
        #expect(call["ok"] == .bool(true) || call["error"]?["code"] == .string("store-full"))
        // After a restart the same tickets are there.
        d.stop()
        let again = try DaemonProcess(config: TestConfig.with("[store]\nmax_pages = 50"), dir: d.dir)
        try again.start()
        let after = try again.client().call("queue")["snapshot"]
        let all = ((after?["waiting"]?.array ?? []) + (after?["active"]?.array ?? [])).compactMap { $0["number"]?.string }
        #expect(Set(all) == Set(issued))
    }

    @Test func readOnlyDatabaseIsReportedAndReadable() throws {
        let dir = TempDir("quay-ro")
        let first = try DaemonProcess(dir: dir)
        try first.start()
        let n1 = try first.client().issue()["ticket"]?["number"]
        #expect(try DossierImportTests.importCSV(first.client(), DossierImportTests.csv)["imported"] == .number(3))
        first.stop()
        let db = dir.file("state/quay.sqlite")
        #expect(FileManager.default.fileExists(atPath: db))
        // Make the database file read-only; the directory stays writable so SQLite can keep its -shm file.
        chmod(db, 0o444)
        // quayd creates its files 0600; the other user running quayd below needs to read the WAL and shm too.
        chmod(db + "-wal", 0o644)
        chmod(db + "-shm", 0o644)
        chmod(dir.file("state"), 0o777)
        chmod(dir.path, 0o777)
        var prefix: [String] = []
        if getuid() == 0 {
            // root ignores file modes: run quayd as nobody so the permission is real.
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            chmod(dir.file("quayd.log"), 0o666)
        }
        let ro = try DaemonProcess(
            config: TestConfig.basic.replacingOccurrences(of: "[access]", with: "[paths]\nsocket_mode = \"0666\"\n\n[access]"),
            dir: dir, launchPrefix: prefix)
        chmod(dir.file("quayd.log"), 0o666)
        try ro.start()
        let c = try ro.client()
        #expect(try c.call("ping")["store"] == .string("read-only"))
        let r = try c.call("issue", ["service": .string("hotich"), "language": .string("km")])
        #expect(r["ok"] == .bool(false))
        #expect(r["error"]?["code"] == .string("store-read-only"), "\(r)")
        #expect(r["error"]?["citizen"]?["km"]?.string?.isEmpty == false)
        let waiting = try c.call("queue")["snapshot"]?["waiting"]?.array?.compactMap { $0["number"] } ?? []
        #expect(waiting == [n1!])
        // Dossier statistics are read on their own read-only connection: still available.
        let stats = try c.call(
            "dossier-stats",
            ["args": .object(["from": .string("2026-11-01"), "to": .string("2026-11-30"), "today": .string("2026-11-20")])])
        #expect(stats["total"]?["total"] == .number(3), "\(stats)")
        #expect(ro.process.isRunning)
    }

    @Test func corruptDatabaseKeepsDaemonAnswering() throws {
        let dir = TempDir("quay-corrupt")
        try FileManager.default.createDirectory(atPath: dir.file("state"), withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: dir.file("state/quay.sqlite")))
        let d = try DaemonProcess(dir: dir)
        try d.start()
        let c = try d.client()
        #expect(try c.call("ping")["store"] == .string("store-corrupt"))
        let r = try c.call("issue", ["service": .string("hotich")])
        #expect(r["error"]?["code"] == .string("store-corrupt"))
        #expect(d.log.contains("database unavailable"))
        // The damaged file is left untouched for a technician to inspect.
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("state/quay.sqlite"))).allSatisfy { $0 == 0x5A })
    }
}
