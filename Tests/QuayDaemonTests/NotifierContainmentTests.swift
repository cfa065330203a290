import Foundation
import QuayControl
import Testing

/// The notifier hook against the real quayd: a background process it leaves behind (holding stderr) does not
/// stall deliveries, it sees none of the daemon's environment, and its stderr reaches `dossier-outbox` only
/// scrubbed of the citizen's name and phone number.
@Suite struct NotifierContainmentTests {
    @Test func leftBehindChildDoesNotStallAndStderrIsScrubbed() throws {
        let dir = TempDir()
        let script = """
            env > "\(dir.file("env.txt"))"
            sleep 30 &
            echo "gateway refused: Nguyễn Văn Ánh, phone 0912 345 678, id 123456789" >&2
            exit 3
            """
        let d = try DaemonProcess(config: try DossierFlowTests.config(dir, script: script), dir: dir)
        try d.start()
        let c = try d.client()
        let id = try #require(try DossierFlowTests.create(c, "HS-2026-0101")["dossier"]?["id"]?.string)
        let start = Date()
        _ = try DossierFlowTests.update(c, id, "result-ready")
        // Two failed attempts (retry after 0.5 s) well before the 30 s the background sleep holds stderr open.
        var entry: JSONValue?
        try DossierFlowTests.waitFor(8) {
            entry = try c.call("dossier-outbox")["entries"]?.array?.first
            return entry?["state"] == .string("failed-retrying") && (entry?["attempts"]?.number ?? 0) >= 2
        }
        #expect(Date().timeIntervalSince(start) < 8)
        let err = try #require(entry?["lastError"]?.string, "\(String(describing: entry))")
        #expect(err.hasPrefix("exit status 3"), "\(err)")
        #expect(err.contains("gateway refused"), "\(err)")
        for leak in ["Ánh", "Nguyễn", "0912", "345 678", "123456789"] { #expect(!err.contains(leak), "\(err)") }
        #expect(err.utf8.count <= 220)
        // The daemon log has the scrubbed text only.
        #expect(!d.log.contains("0912 345 678"))
        // A clean environment: nothing of the daemon's (HOME, the test runner's variables, …).
        let env = try String(contentsOfFile: dir.file("env.txt"), encoding: .utf8)
        let names = Set(env.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names.isSubset(of: ["PATH", "LANG", "PWD", "SHLVL", "_", "OLDPWD"]), "\(names)")
        #expect(env.contains("PATH=/usr/local/bin:/usr/bin:/bin"))
        d.stop()
    }

    @Test func timedOutHookWithBackgroundChildIsKilledAndTheNextRunsPromptly() throws {
        let dir = TempDir()
        let script = """
            sleep 30 &
            echo $$ >> "\(dir.file("pids"))"
            if [ -f "\(dir.file("hang"))" ]; then rm "\(dir.file("hang"))"; sleep 30; fi
            cat >> "\(dir.file("sent.jsonl"))"
            """
        FileManager.default.createFile(atPath: dir.file("hang"), contents: nil)
        let cfg = try DossierFlowTests.config(dir, script: script).replacingOccurrences(
            of: "notifier_timeout_seconds = 5", with: "notifier_timeout_seconds = 1")
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        let c = try d.client()
        let id = try #require(try DossierFlowTests.create(c, "HS-2026-0102")["dossier"]?["id"]?.string)
        let start = Date()
        _ = try DossierFlowTests.update(c, id, "result-ready")
        // First attempt times out after 1 s, the retry (0.5 s later) succeeds: sent within a few seconds.
        try DossierFlowTests.waitFor(8) { try c.call("dossier-outbox")["counts"]?["sent"] == .number(1) }
        #expect(Date().timeIntervalSince(start) < 8)
        let entry = try c.call("dossier-outbox")["entries"]?.array?.first
        #expect(entry?["attempts"] == .number(2), "\(String(describing: entry))")
        // Each hook ran in its own process group (pgid = its pid), and nothing of either group is left.
        let pids = DossierFlowTests.lines(dir.file("pids")).compactMap { Int32($0) }
        #expect(pids.count == 2)
        for pgid in pids {
            var gone = false
            for _ in 0..<200 {
                if kill(-pgid, 0) == -1 && errno == ESRCH {
                    gone = true
                    break
                }
                usleep(10_000)
            }
            #expect(gone, "process group \(pgid) still has members")
        }
        d.stop()
    }
}
