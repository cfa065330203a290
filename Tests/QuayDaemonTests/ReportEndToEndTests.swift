import Foundation
import QuayControl
import QuayCore
@testable import QuayDaemon
import QuayReportFixture
import Testing

/// The `report` op, `quayctl report`, `/metrics` and `/healthz` against a real quayd whose database holds the
/// generated month of `ReportFixture` (written straight into the store before quayd starts).
@Suite(.serialized) struct ReportEndToEndTests {
    static func config(port: Int, extra: String = "") -> String {
        let services = zip(ReportFixture.services, ReportFixture.serviceNames).enumerated().map { i, s in
            "[[service]]\nid = \"\(s.0)\"\nprefix = \"\(["A", "B", "C", "D", "E"][i])\"\nname_vi = \"\(s.1)\"\nrange = [1, 9999]\n"
        }.joined(separator: "\n")
        let counters = ReportFixture.counters.enumerated().map { i, c in
            "[[counter]]\nid = \"\(c)\"\nnumber = \"\(i + 1)\"\nservices = [\"s\(i + 1)\"]\n"
        }.joined(separator: "\n")
        return """
            [center]
            site = "report-test"
            name_vi = "UBND xã Tân Hòa"
            timezone = "Asia/Ho_Chi_Minh"

            \(services)
            \(counters)
            \(extra)
            [paths]
            socket_mode = "0666"

            [access]
            default_role = "admin"

            [[access.grant]]
            uid = 65534
            role = "clerk"
            counters = ["c2"]

            [web]
            enabled = true
            host = "127.0.0.1"
            port = \(port)
            """
    }

    static func start(_ dir: TempDir, extra: String = "", fixture: Bool) throws -> (DaemonProcess, Int) {
        let port = try FreePort.find()
        if fixture {
            try FileManager.default.createDirectory(atPath: dir.file("state"), withIntermediateDirectories: true)
            try ReportFixture(firstDay: LocalDate(year: 2026, month: 11, day: 1)!, days: 30).write(to: dir.file("state") + "/quay.sqlite")
        }
        let d = try DaemonProcess(config: config(port: port, extra: extra), dir: dir)
        try d.start()
        return (d, port)
    }

    static let november: [String: JSONValue] = ["from": .string("2026-11-01"), "to": .string("2026-11-30"), "today": .string("2026-12-01")]

    @Test func reportOpScopesClerksAndNamesBadFields() throws {
        let dir = TempDir("quay-report-e2e")
        let (d, _) = try Self.start(dir, fixture: true)
        defer { d.stop() }
        let c = try d.client()
        let r = try c.call(OpCatalog.report.name, ["args": .object(Self.november)])
        let body = try JSONDecoder().decode(ReportBody.self, from: JSONEncoder().encode(r))
        #expect(body.report.total.issued == 12_000 && body.report.total.transferred == 300)
        #expect(body.report.center == "UBND xã Tân Hòa")
        let atC2 = try #require(body.report.counters.first { $0.id == "c2" })
        // The clerk restricted to c2 gets c2's figures only, and may not ask for another counter.
        let clerk = try PeerScript.run(
            """
            print(call('{"id":1,"op":"report","args":{"from":"2026-11-01","to":"2026-11-30","today":"2026-12-01"}}'))
            print(call('{"id":2,"op":"report","args":{"from":"2026-11-01","to":"2026-11-30","counter":"c3"}}'))
            """, socket: d.socket)
        #expect(clerk.count == 2, "\(clerk)")
        let own = try JSONDecoder().decode(ReportBody.self, from: Data(try #require(clerk.first).utf8))
        #expect(own.report.counters.map(\.id) == ["c2"] && own.report.filter.counters == ["c2"])
        #expect(own.report.total.issued == atC2.issued && own.report.total.served == atC2.served)
        #expect(clerk[1].contains("\"forbidden\""), "\(clerk)")
        // Hostile or mistaken input: a typed error naming the field.
        let bad: [([String: JSONValue], String)] = [
            (["to": .string("2026-11-30")], "args.from"),
            (["from": .string("2026-13-01"), "to": .string("2026-11-30")], "args.from"),
            (["from": .string("2026-11-30"), "to": .string("2026-11-01")], "args.to"),
            (["from": .string("2025-01-01"), "to": .string("2026-12-31")], "args.to"),
            (["from": .string("2026-11-01"), "to": .string("2026-11-30"), "service": .string("nope")], "args.service"),
            (["from": .string("2026-11-01"), "to": .string("2026-11-30"), "counter": .string("q9")], "args.counter"),
        ]
        for (args, field) in bad {
            let e = try c.call(OpCatalog.report.name, ["args": .object(args)])
            #expect(e["ok"]?.bool == false && e["error"]?["message"]?.string?.contains(field) == true, "\(args): \(e)")
        }
    }

    @Test func quayctlWritesEveryFormat() throws {
        let dir = TempDir("quay-report-ctl")
        let (d, _) = try Self.start(dir, fixture: true)
        defer { d.stop() }
        func ctl(_ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binaries.quayctl)
            p.arguments = ["report", "--socket", d.socket, "--month", "2026-11", "--today", "2026-12-01"] + args
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(args)")
            return String(decoding: data, as: UTF8.self)
        }
        let table = try ctl([])
        #expect(table.contains("== Theo dịch vụ ==") && table.contains("12000"))
        let csv = try ctl(["--format", "csv", "--table", "days"])
        #expect(csv.hasPrefix("\u{FEFF}Ngày,") && csv.components(separatedBy: "\r\n").count == 32)
        // The monthly report in one command: PDF, spreadsheet and charts from one request.
        let out = try ctl(["--format", "pdf,xlsx,png", "--language", "km", "-o", dir.file("bao-cao.pdf")])
        #expect(out.components(separatedBy: "Wrote ").count == 4, "\(out)")
        let magic: [(String, [UInt8])] = [("xlsx", [0x50, 0x4B]), ("pdf", Array("%PDF".utf8)), ("png", [0x89, 0x50, 0x4E, 0x47])]
        for (format, head) in magic {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.file("bao-cao.\(format)")))
            #expect(bytes.starts(with: head), "\(format)")
        }
    }

    @Test func loopbackReportPageServesTheFiguresAndDownloads() throws {
        let dir = TempDir("quay-report-page")
        let (d, port) = try Self.start(dir, fixture: true)
        defer { d.stop() }
        let base = "http://127.0.0.1:\(port)/report?month=2026-11&today=2026-12-01"
        let page = try PromScrape.get(base)
        #expect(page.status == 200 && page.body.contains("<h2>Theo dịch vụ</h2>") && page.body.contains("12000"), "\(page.status)")
        #expect(page.body.contains("UBND xã Tân Hòa") && page.body.contains("format=pdf"))
        for (format, head) in [("pdf", "%PDF"), ("xlsx", "PK"), ("png", "\u{89}PNG"), ("csv", "\u{FEFF}")] {
            let file = dir.file("page.\(format)")
            _ = try PromScrape.run("/usr/bin/curl", ["-s", "-m", "20", "-o", file, base + "&format=" + format])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(
                bytes.starts(with: Array(head.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
                    || bytes.starts(with: Array(head.utf8)), "\(format)")
        }
        #expect(try PromScrape.get("http://127.0.0.1:\(port)/report?month=2026-13").status == 400)
        #expect(try PromScrape.get("http://127.0.0.1:\(port)/report?month=2026-11&format=doc").status == 400)
    }

    @Test func metricsParseWithPrometheusClientAndHealthIsReal() throws {
        let dir = TempDir("quay-metrics-e2e")
        let (d, port) = try Self.start(dir, fixture: false)
        defer { d.stop() }
        let c = try d.client()
        _ = try c.issue("s1")
        _ = try c.issue("s1")
        _ = try c.issue("s2", language: "km")
        #expect(try c.call("call-next", ["counter": .string("c1")])["ok"]?.bool == true)
        let out = try PromScrape.families(url: "http://127.0.0.1:\(port)/metrics")
        #expect(PromScrape.value(out, "quay_ticket_events_total", ["service": "s1", "event": "issued"]) == 2)
        #expect(PromScrape.value(out, "quay_ticket_events_total", ["service": "s1", "event": "called"]) == 1)
        #expect(PromScrape.value(out, "quay_ticket_wait_seconds_count", ["service": "s1"]) == 1)
        #expect(PromScrape.value(out, "quay_op_duration_seconds_count", ["op": "issue"]) == 3)
        #expect(PromScrape.value(out, "quay_queue_waiting", ["service": "s1"]) == 1)
        #expect(PromScrape.value(out, "quay_queue_waiting", ["service": "s2"]) == 1)
        #expect((PromScrape.value(out, "quay_store_write_duration_seconds_count", [:]) ?? 0) >= 4)
        #expect(PromScrape.value(out, "quay_store_up", [:]) == 1)
        #expect(PromScrape.value(out, "quay_web_clients", [:]) == 0)
        #expect(PromScrape.value(out, "quay_notifier_outbox_depth", [:]) == 0)
        let health = try PromScrape.get("http://127.0.0.1:\(port)/healthz")
        #expect(health.status == 200 && health.body.contains("\"status\":\"ok\""), "\(health)")
    }

    @Test func healthzIs503NamingAnAbsentPrinter() throws {
        let dir = TempDir("quay-health-e2e")
        let printer = "[[printer]]\nrole = \"printer-0\"\nmatch = \"id_path=pci-0000:00:99.0-usb-0:9:1.0\"\n"
        let (d, port) = try Self.start(dir, extra: printer, fixture: false)
        defer { d.stop() }
        let health = try PromScrape.get("http://127.0.0.1:\(port)/healthz")
        #expect(health.status == 503, "\(health)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "unhealthy")
        let problems = try #require(json["problems"] as? [[String: String]])
        #expect(problems.contains { $0["component"] == "device printer-0" }, "\(problems)")
        #expect(!problems.contains { $0["component"] == "store" }, "\(problems)")
        let out = try PromScrape.families(url: "http://127.0.0.1:\(port)/metrics")
        #expect(PromScrape.value(out, "quay_printer_paper", ["role": "printer-0"]) == 0)
        #expect(PromScrape.value(out, "quay_device_up", ["role": "printer-0", "kind": "printer"]) == 0)
    }
}

/// The report page is served only on a loopback address until the web login exists.
@Suite struct ReportPageAccessTests {
    @Test func onlyLoopbackHostsServeThePage() {
        #expect(ReportPage.servedOn(host: "127.0.0.1") && ReportPage.servedOn(host: "::1") && ReportPage.servedOn(host: "localhost"))
        #expect(!ReportPage.servedOn(host: "0.0.0.0") && !ReportPage.servedOn(host: "192.168.1.20") && !ReportPage.servedOn(host: "::"))
    }
}
