import Foundation
import QuayControl
import Testing

/// Dossiers end to end against the real quayd: create → result-ready → hall list → notifier once → return
/// ticket → returned; notifier retries across a restart.
@Suite struct DossierFlowTests {
    static func config(_ dir: TempDir, script: String) throws -> String {
        let path = dir.file("notify.sh")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return TestConfig.with(
            """
            [dossiers]
            return_service = "datdai"
            return_priority = "elderly"
            notifier_command = ["/bin/sh", "\(path)"]
            notifier_retry_seconds = 0.5
            notifier_poll_seconds = 0.2
            notifier_timeout_seconds = 5
            """)
    }

    /// Appends stdin to sent.jsonl; fails with exit 3 while a file named `fail` exists.
    static func script(_ dir: TempDir) -> String {
        """
        if [ -f "\(dir.file("fail"))" ]; then echo "gateway down" >&2; exit 3; fi
        cat >> "\(dir.file("sent.jsonl"))"
        """
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static func waitFor(_ timeout: Double = 10, _ cond: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try cond() { return }
            usleep(100_000)
        }
        throw TestFailure("condition not met after \(timeout)s")
    }

    static func create(_ c: ControlClient, _ code: String, name: String = "Nguyễn Văn Ánh") throws -> JSONValue {
        let r = try c.call(
            "dossier-create",
            [
                "args": .object([
                    "receiptCode": .string(code), "procedure": .string("1.001612"), "procedureName": .string("Đăng ký khai sinh"),
                    "appointmentDate": .string("2030-01-15"), "citizenName": .string(name), "citizenPhone": .string("0912 345 678"),
                ])
            ])
        guard r["ok"]?.bool == true else { throw TestFailure("create refused: \(r)") }
        return r
    }

    static func update(_ c: ControlClient, _ key: String, _ status: String) throws -> JSONValue {
        try c.call("dossier-update", ["args": .object(["dossier": .string(key), "status": .string(status)])])
    }

    /// The notifier is woken by the commit that enqueues a delivery, not by its regular check (here 60 s).
    @Test func aResultReadyCommitWakesTheNotifier() throws {
        let dir = TempDir()
        let cfg = try Self.config(dir, script: Self.script(dir)).replacingOccurrences(
            of: "notifier_poll_seconds = 0.2",
            with: "notifier_poll_seconds = 60")
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        let c = try d.client()
        _ = try Self.create(c, "hs-2026-0077")
        usleep(300_000)  // the notifier has done its first check and sleeps for up to 60 s
        #expect(try Self.update(c, "HS-2026-0077", "result-ready")["ok"] == .bool(true))
        let started = Date()
        try Self.waitFor(5) { Self.lines(dir.file("sent.jsonl")).count == 1 }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func createReadyNotifyReturn() throws {
        let dir = TempDir()
        let d = try DaemonProcess(config: try Self.config(dir, script: Self.script(dir)), dir: dir)
        try d.start()
        let c = try d.client()
        let created = try Self.create(c, "hs-2026-0001")
        let id = try #require(created["dossier"]?["id"]?.string)
        #expect(id == "test-site-D1")
        #expect(created["dossier"]?["receiptCode"] == .string("HS-2026-0001"))
        #expect(created["dossier"]?["status"] == .string("received"))

        // Not ready yet: the kiosk refuses with a citizen message.
        let early = try c.call("issue-return", ["args": .object(["code": .string("HS-2026-0001")])])
        #expect(early["error"]?["code"] == .string("result-not-ready"))

        #expect(try Self.update(c, "HS-2026-0001", "processing")["dossier"]?["status"] == .string("processing"))
        let bad = try Self.update(c, "HS-2026-0001", "returned")
        #expect(bad["error"]?["code"] == .string("invalid-transition"))
        let ready = try Self.update(c, id, "result-ready")
        #expect(ready["event"]?["kind"] == .string("result-ready"), "\(ready)")

        let list = try c.call("results-ready")
        let entries = try #require(list["entries"]?.array)
        #expect(entries.count == 1)
        #expect(entries.first?["maskedCode"] == .string("•••• 0001 N.V.A"))
        #expect(entries.first?["serviceName"] == .string("Đăng ký khai sinh"))
        #expect(!jsonText(list).contains("Nguyễn"))

        // The notifier ran exactly once for the transition.
        let sent = dir.file("sent.jsonl")
        // Once the outbox says sent, the state machine never runs that transition again: no need to sleep and see.
        try Self.waitFor { try c.call("dossier-outbox")["counts"]?["sent"] == .number(1) }
        let lines = Self.lines(sent)
        #expect(lines.count == 1)
        let payload = try JSONDecoder().decode(JSONValue.self, from: Data(lines[0].utf8))
        #expect(payload["transitionId"] == .string("\(id)#2"))
        #expect(payload["event"] == .string("result-ready"))
        #expect(payload["citizenPhone"] == .string("0912345678"))
        let outbox = try c.call("dossier-outbox")
        #expect(outbox["counts"]?["sent"] == .number(1))

        // The kiosk scans the receipt (AIM prefix, CR): a collect ticket at the return service, with priority.
        let ret = try c.call("issue-return", ["args": .object(["code": .string("]Q1hs-2026-0001\r")])])
        let t = try #require(ret["ticket"])
        #expect(t["number"] == .string("B001"))
        #expect(t["purpose"] == .string("collect"))
        #expect(t["service"] == .string("datdai"))
        #expect(t["priority"] == .string("elderly"))
        #expect(t["dossier"] == .string(id))
        #expect(ret["reissued"] == .bool(false))
        // Scanning again while the ticket waits gives the same number.
        let again = try c.call("issue-return", ["args": .object(["code": .string("HS-2026-0001")])])
        #expect(again["ticket"]?["number"] == .string("B001"))
        #expect(again["reissued"] == .bool(true))
        let queue = try c.call("queue")
        #expect(jsonText(queue).contains("B001"))

        #expect(try Self.update(c, id, "returned")["dossier"]?["status"] == .string("returned"))
        let got = try c.call("dossier-get", ["args": .object(["dossier": .string("HS-2026-0001")])])
        #expect(got["dossier"]?["status"] == .string("returned"))
        #expect(got["returnTicket"] == t["id"])
        #expect(got["events"]?.array?.map { $0["kind"]?.string ?? "" } == ["created", "processing", "result-ready", "returned"])
        #expect(try c.call("results-ready")["entries"]?.array?.count == 0)
        let done = try c.call("issue-return", ["args": .object(["code": .string("HS-2026-0001")])])
        #expect(done["error"]?["code"] == .string("already-returned"))
        #expect(Self.lines(sent).count == 1)
    }

    @Test func notifierRetriesAcrossRestartAndNeverSendsTwice() throws {
        let dir = TempDir()
        FileManager.default.createFile(atPath: dir.file("fail"), contents: nil)
        let cfg = try Self.config(dir, script: Self.script(dir))
        var d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        var c = try d.client()
        let id = try #require(try Self.create(c, "HS-2026-0002")["dossier"]?["id"]?.string)
        _ = try Self.update(c, id, "result-ready")
        try Self.waitFor {
            let e = try c.call("dossier-outbox")["entries"]?.array?.first
            return e?["state"] == .string("failed-retrying") && (e?["attempts"]?.number ?? 0) >= 2
        }
        let failed = try c.call("dossier-outbox")["entries"]?.array?.first
        #expect(failed?["transitionId"] == .string("\(id)#1"))
        #expect(failed?["lastError"]?.string?.contains("exit status 3: gateway down") == true)
        #expect(Self.lines(dir.file("sent.jsonl")).isEmpty)

        d.stop()
        try FileManager.default.removeItem(atPath: dir.file("fail"))
        d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        c = try d.client()
        try Self.waitFor { try c.call("dossier-outbox")["counts"]?["sent"] == .number(1) }
        #expect(Self.lines(dir.file("sent.jsonl")).count == 1)

        // Another restart: the sent entry is never run again.
        d.stop()
        d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        c = try d.client()
        // A second dossier becoming ready after the restart is delivered: the notifier has been through the outbox
        // since the restart, and the first transition was not sent again.
        _ = try Self.create(c, "hs-2026-0003")
        #expect(try Self.update(c, "HS-2026-0003", "result-ready")["ok"] == .bool(true))
        try Self.waitFor { try c.call("dossier-outbox")["counts"]?["sent"] == .number(2) }
        let all = Self.lines(dir.file("sent.jsonl"))
        #expect(all.count == 2, "\(all)")
        #expect(all.filter { $0.contains("HS-2026-0002") }.count == 1, "\(all)")
        #expect(try c.call("results-ready")["entries"]?.array?.count == 2)
        d.stop()
    }
}

/// Compact JSON text of a reply, for "contains" checks.
func jsonText(_ v: JSONValue) -> String {
    String(decoding: (try? JSONEncoder().encode(v)) ?? Data(), as: UTF8.self)
}
