import Foundation
import QuayControl
import Testing

/// The clerk console in real headless Chromium against a real quayd: accounts made with `user-add` (bcrypt), a
/// lockout after five wrong passwords, a clerk of q2 signs in, sees the waiting list live with its language and
/// priority marks, calls the next citizen (the hall feed and the citizen's phone page show it), cannot act for q1,
/// and requests without the CSRF token, without a session or from another site are refused. The audit trail names
/// the web user.
@Suite(.serialized) struct ClerkBrowserEndToEndTests {
    static func config(port: Int) -> String {
        TestConfig.basic + """

            [web]
            enabled = true
            host = "127.0.0.1"
            port = \(port)
            sign_ins_per_minute = 12
            """
    }

    @Test func aClerkSignsInCallsTheNextCitizenAndStaysInTheirLane() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        let port = try KioskBrowserEndToEndTests.freePort()
        let d = try DaemonProcess(config: Self.config(port: port), dir: TempDir("quay-clerk"))
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        for (name, counters, password) in [("lan", ["q2"], "123456"), ("mai", ["q1"], "pin-9999")] {
            let r = try c.call(
                "user-add",
                [
                    "args": .object([
                        "name": .string(name), "role": .string("clerk"), "counters": .array(counters.map { .string($0) }),
                        "password": .string(password),
                    ])
                ])
            #expect(r["ok"] == .bool(true), "\(r)")
        }
        let dup = try c.call("user-add", ["args": .object(["name": .string("lan"), "password": .string("123456")])])
        #expect(dup["error"]?["code"] == .string("user-exists"))
        let users = try c.call("user-list")
        #expect("\(users)".contains("lan") && !"\(users)".contains("$2"), "no hash leaves quayd: \(users)")

        let first = try c.call(
            "issue",
            [
                "service": .string("hotich"), "language": .string("km"), "priority": .string("elderly"),
                "args": .object(["follow": .bool(true)]),
            ])
        let token = first["follow"]?.string ?? ""
        #expect(token.count == 22)
        _ = try c.issue("hotich")
        // A dossier of a service counter 2 does not serve: the clerk of q2 may not see it.
        let other = try c.call(
            "dossier-create",
            [
                "service": .string("datdai"),
                "args": .object([
                    "receiptCode": .string("HS-2026-000900"), "procedure": .string("2.000001"), "appointmentDate": .string("2030-01-15"),
                    "citizenName": .string("Lê Văn C"),
                ]),
            ])
        #expect(other["ok"] == .bool(true), "\(other)")

        let shots = ScreenshotsEndToEndTests.shotsDirectory
        let browser = try SimProcess(
            script: "clerk_browser_check.py",
            arguments: [
                "--origin", "http://127.0.0.1:\(port)", "--shots", shots, "--token", token, "--other-dossier", "HS-2026-000900",
            ],
            folder: "scripts/web")
        defer { browser.stop() }

        let locked = KioskBrowserEndToEndTests.json(try browser.waitFor("LOCKED", timeout: 180, failOn: "FAIL"), after: "LOCKED")
        #expect(locked["afterFive"] as? String == "locked", "\(locked)")
        #expect(locked["rightPassword"] as? String == "locked", "\(locked)")
        let console = KioskBrowserEndToEndTests.json(try browser.waitFor("CONSOLE", timeout: 60, failOn: "FAIL"), after: "CONSOLE")
        #expect(console["options"] as? [String] == ["q2"], "a clerk of q2 sees only q2: \(console)")
        let waiting = console["waiting"] as? [String] ?? []
        #expect(waiting.first?.hasPrefix("A001") == true && waiting.first?.contains("KM") == true, "\(waiting)")
        #expect(waiting.first?.contains("★") == true && waiting.last == "A002", "\(waiting)")
        let scope = KioskBrowserEndToEndTests.json(try browser.waitFor("SCOPE", timeout: 30, failOn: "FAIL"), after: "SCOPE")
        #expect((scope["error"] as? [String: Any])?["code"] as? String == "forbidden", "\(scope)")
        let csrf = KioskBrowserEndToEndTests.json(try browser.waitFor("CSRF", timeout: 30, failOn: "FAIL"), after: "CSRF")
        #expect(csrf["noToken"] as? Int == 403, "\(csrf)")
        #expect(csrf["noSession"] as? Int == 401, "\(csrf)")
        #expect(csrf["crossSite"] as? Int == 403, "\(csrf)")
        let called = KioskBrowserEndToEndTests.json(try browser.waitFor("CALLED", timeout: 30, failOn: "FAIL"), after: "CALLED")
        #expect(called["current"] as? String == "A001", "\(called)")
        let hall = called["hall"] as? [[String: Any]] ?? []
        #expect(hall.first?["ticket"] as? String == "A001" && hall.first?["counter"] as? Int == 2, "\(called)")
        #expect(called["phone"] as? String == "សូមអញ្ជើញលេខ A001 មកបញ្ជរលេខ 2", "\(called)")
        let rated = KioskBrowserEndToEndTests.json(try browser.waitFor("RATED", timeout: 30, failOn: "FAIL"), after: "RATED")
        #expect(rated["serving"] as? String == "កំពុងបម្រើលេខ A001", "\(rated)")
        #expect(rated["question"] as? String == "តើអ្នកពេញចិត្តនឹងសេវាកម្មទេ?", "\(rated)")
        #expect((rated["first"] as? [String: Any])?["recorded"] as? Bool == true, "\(rated)")
        #expect((rated["again"] as? [String: Any])?["recorded"] as? Bool == false, "one rating per ticket: \(rated)")
        #expect((rated["today"] as? String ?? "").contains("đã phục vụ 1"), "\(rated)")
        let dossier = KioskBrowserEndToEndTests.json(try browser.waitFor("DOSSIER", timeout: 60, failOn: "FAIL"), after: "DOSSIER")
        #expect((dossier["received"] as? String ?? "").contains("HS-2026-000777"), "\(dossier)")
        #expect((dossier["returned"] as? String ?? "").contains("Đã trả kết quả"), "\(dossier)")
        #expect((dossier["other"] as? [String: Any])?["code"] as? String == "forbidden", "\(dossier)")
        let logout = KioskBrowserEndToEndTests.json(try browser.waitFor("LOGOUT", timeout: 30, failOn: "FAIL"), after: "LOGOUT")
        #expect(logout["session"] as? Int == 401, "\(logout)")
        // A guessing script: the global bound (12 a minute; 7 were used above) answers 429 within 12 attempts.
        let throttled = KioskBrowserEndToEndTests.json(try browser.waitFor("THROTTLED", timeout: 60, failOn: "FAIL"), after: "THROTTLED")
        #expect(throttled["status"] as? Int == 429, "\(throttled)")
        #expect((throttled["admitted"] as? Int ?? 99) <= 12, "\(throttled)")
        #expect((throttled["message"] as? String ?? "").contains("quá nhiều lần đăng nhập"), "\(throttled)")
        _ = try browser.waitFor("DONE", timeout: 30, failOn: "FAIL")

        // Only the one call happened (the refused ones changed nothing), and the audit trail names the web user.
        let q = try c.call("queue")["snapshot"]
        #expect(q?["waiting"]?.array?.count == 1)
        let ratings = try c.call("stats")["ratings"]
        #expect(ratings?["total"]?["counts"] == .array([.number(0), .number(0), .number(0), .number(1)]), "\(String(describing: ratings))")
        #expect(ratings?["byCounter"]?.array?.first?["counter"] == .string("q2"))
        let kept = try c.call("dossier-get", ["args": .object(["dossier": .string("HS-2026-000777")])])
        #expect(kept["dossier"]?["status"] == .string("returned"), "\(kept)")
        #expect(kept["dossier"]?["receivedCounter"] == .string("q2"), "\(kept)")
        let history = try c.call("history", ["args": .object(["ticket": .string("A001")])])
        #expect("\(history)".contains("\"web\"") && "\(history)".contains("\"lan\""), "\(history)")
        // Sign-ins are in the audit trail: lan's success and sign-out, mai's wrong passwords and lockout, and one
        // row (not one per attempt) for the throttle.
        let rows = try c.call("history", ["args": .object(["limit": .number(500)])])["entries"]?.array ?? []
        func count(_ op: String, _ outcome: String, _ who: String?) -> Int {
            rows.filter { r in
                r["op"] == .string(op) && r["outcome"] == .string(outcome) && r["source"] == .string("web")
                    && (who == nil || r["sourceRef"] == .string(who!))
            }.count
        }
        #expect(count("sign-in", "ok", "lan") == 1, "\(rows.prefix(5))")
        #expect(count("sign-out", "ok", "lan") == 1)
        #expect(count("sign-in", "refused", "mai") == 4)
        #expect(count("sign-in", "locked", "mai") == 2, "the fifth wrong password and the right one while locked")
        #expect(count("sign-in", "busy", nil) == 1)
    }
}
