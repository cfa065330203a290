import Foundation
import QuayControl
import Testing

/// The report page in real headless Chromium against a real quayd holding the generated month of `ReportFixture`:
/// `/report` asks for a sign-in; a clerk account is refused; a technician sees the figures, narrows them to a week
/// and a service with the page's form, and the XLSX download of the page's query opens in openpyxl with the
/// month's figures.
@Suite(.serialized) struct ReportBrowserEndToEndTests {
    @Test func aTechnicianSignsInReadsTheFiguresAndDownloadsTheSpreadsheet() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        let dir = TempDir("quay-report-browser")
        let (d, port) = try ReportEndToEndTests.start(dir, fixture: true)
        defer { d.stop() }
        let c = try d.client()
        // No technician or admin account yet: on a loopback-only server the page opens without sign-in.
        #expect(try PromScrape.get("http://127.0.0.1:\(port)/report?month=2026-11&today=2026-12-01").status == 200)
        for (name, role, password) in [("lan", "clerk", "123456"), ("kt", "technician", "tech-2026")] {
            var args: [String: JSONValue] = ["name": .string(name), "role": .string(role), "password": .string(password)]
            if role == "clerk" { args["counters"] = .array([.string("c2")]) }
            let r = try c.call("user-add", ["args": .object(args)])
            #expect(r["ok"] == .bool(true), "\(r)")
        }
        // Now it takes a sign-in, also on loopback.
        let anonymous = try PromScrape.run(
            "/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/report"])
        #expect(anonymous.body == "303", "\(anonymous)")

        let shots = ScreenshotsEndToEndTests.shotsDirectory
        let browser = try SimProcess(
            script: "report_browser_check.py", arguments: ["--origin", "http://127.0.0.1:\(port)", "--shots", shots, "--out", dir.path],
            folder: "scripts/web")
        defer { browser.stop() }
        let signin = KioskBrowserEndToEndTests.json(try browser.waitFor("SIGNIN", timeout: 180, failOn: "FAIL"), after: "SIGNIN")
        #expect((signin["url"] as? String ?? "").hasSuffix("/clerk?next=/report"), "\(signin)")
        let clerk = KioskBrowserEndToEndTests.json(try browser.waitFor("CLERK", timeout: 60, failOn: "FAIL"), after: "CLERK")
        #expect((clerk["text"] as? String ?? "").contains("technician/admin"), "\(clerk)")
        let figures = KioskBrowserEndToEndTests.json(try browser.waitFor("FIGURES", timeout: 90, failOn: "FAIL"), after: "FIGURES")
        let month = figures["month"] as? [String: Any] ?? [:], week = figures["week"] as? [String: Any] ?? [:]
        #expect((month["text"] as? String ?? "").contains("12000"), "the month's 12000 tickets")
        #expect((month["text"] as? String ?? "").contains("2026-11-01..2026-11-30"))
        #expect((week["text"] as? String ?? "").contains("2026-11-09..2026-11-15"), "the week of 11 Nov, Monday to Sunday")
        #expect(!(week["text"] as? String ?? "").contains("12000"))
        let weekLink = week["xlsx"] as? String ?? ""
        #expect(weekLink.contains("period=week") && weekLink.contains("day=2026-11-11") && weekLink.contains("service=s1"), "\(weekLink)")
        let xlsx = KioskBrowserEndToEndTests.json(try browser.waitFor("XLSX", timeout: 60, failOn: "FAIL"), after: "XLSX")
        #expect((xlsx["disposition"] as? String ?? "").contains("report-2026-11.xlsx"), "\(xlsx)")
        _ = try browser.waitFor("DONE", timeout: 30, failOn: "FAIL")

        // openpyxl reads the download: its sheets, and the month's 12000 issued tickets as a number.
        let check = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            found = any(c.value == 12000 for ws in wb.worksheets for row in ws.iter_rows() for c in row)
            print(json.dumps({"sheets": wb.sheetnames, "found": found}))
            """
        let out = try PromScrape.run("/usr/bin/python3", ["-c", check, xlsx["path"] as? String ?? ""])
        let book = KioskBrowserEndToEndTests.json(out.body, after: "")
        #expect((book["sheets"] as? [String] ?? []).count >= 3, "\(out)")
        #expect(book["found"] as? Bool == true, "\(out)")
        // The technician's report requests are in nobody else's name: the report op ran as web / kt.
    }
}
