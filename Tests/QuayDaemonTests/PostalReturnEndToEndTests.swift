import Foundation
import QuayControl
import Testing

/// Post-office returns against the real quayd and the independent ESC/POS printer simulator: a batch hands two
/// ready results to the post, the slip prints (codes in the printer's font, the batch id as a native QR), the
/// post's outcomes are dossier statuses, the report counts them, and bad hand-overs are refused before anything
/// changes.
@Suite struct PostalReturnEndToEndTests {
    static func ready(_ c: ControlClient, _ code: String) throws {
        _ = try DossierFlowTests.create(c, code)
        #expect(try DossierFlowTests.update(c, code, "result-ready")["ok"] == .bool(true))
    }

    static func handover(_ c: ControlClient, _ items: [(String, String)], counter: String? = "q1") throws -> JSONValue {
        var req: [String: JSONValue] = [
            "args": .object([
                "items": .array(items.map { .object(["dossier": .string($0.0), "tracking": .string($0.1)]) })
            ])
        ]
        if let counter { req["counter"] = .string(counter) }
        return try c.call("post-handover", req)
    }

    @Test func aBatchGoesToThePostWithItsSlipAndTheReportCountsIt() throws {
        let dir = TempDir("quay-e2e-postal")
        let sim = try SimProcess(
            script: "escpos_printer.py", arguments: ["--pty", "--out", dir.file("paper"), "--prefix", "slip", "--width", "576"])
        defer { sim.stop() }
        let pty = String(try sim.waitFor("PTY ").dropFirst(4))
        let config = DevicesEndToEndTests.printerConfig(pty) + "\n[dossiers]\nreturn_service = \"datdai\"\n"
        let d = try DaemonProcess(config: config, dir: dir)
        try d.start()
        let c = try d.client()
        for code in ["HS-2026-0101", "HS-2026-0102", "HS-2026-0103"] { try Self.ready(c, code) }

        // Refused before anything changes: a dossier not ready, a repeated tracking number, an unknown dossier.
        _ = try DossierFlowTests.create(c, "HS-2026-0199")
        let notReady = try Self.handover(c, [("HS-2026-0101", "EA000000001VN"), ("HS-2026-0199", "EA000000002VN")])
        #expect(notReady["error"]?["code"] == .string("invalid-transition"), "\(notReady)")
        let twice = try Self.handover(c, [("HS-2026-0101", "EA000000001VN"), ("HS-2026-0102", "ea 000000001 vn")])
        #expect(twice["error"]?["code"] == .string("invalid-argument"), "\(twice)")
        #expect(try Self.handover(c, [("HS-2026-9999", "EA000000009VN")])["error"]?["code"] == .string("unknown-dossier"))
        let badTracking = try Self.handover(c, [("HS-2026-0101", "EA/1")])
        #expect(badTracking["error"]?["code"] == .string("invalid-field"), "\(badTracking)")
        #expect(
            try c.call("dossier-get", ["args": .object(["dossier": .string("HS-2026-0101")])])["dossier"]?["status"]
                == .string("result-ready"))
        // Only post-handover posts a result: it records the batch and tracking number.
        let direct = try DossierFlowTests.update(c, "HS-2026-0103", "handed-to-post")
        #expect(direct["error"]?["code"] == .string("invalid-argument"), "\(direct)")

        let r = try Self.handover(c, [("HS-2026-0101", "ea 123 456 789 vn"), ("test-site-D2", "EA123456790VN")])
        #expect(r["ok"] == .bool(true), "\(r)")
        let batch = try #require(r["batch"]?["id"]?.string)
        #expect(batch == "test-site-P1")
        #expect(r["batch"]?["items"]?.array?.map { $0["trackingNumber"] } == [.string("EA123456789VN"), .string("EA123456790VN")])
        #expect(r["print"]?["ok"] == .bool(true), "\(r)")

        // The slip: both codes in the printer's font and the batch id as the printer's own QR.
        _ = try sim.waitFor("TEXT 1. HS-2026-0101 EA123456789VN")
        _ = try sim.waitFor("TEXT 2. HS-2026-0102 EA123456790VN")
        _ = try sim.waitFor("QR " + Data(batch.utf8).map { String(format: "%02x", $0) }.joined())
        let page = try sim.waitFor("PAGE ")
        let png = page.split(separator: " ").map(String.init).first { $0.hasSuffix(".png") }
        #expect(png != nil, "\(page)")
        // Kept for people to look at (.build/artifacts/postal-slip.png).
        if let png {
            let out = SimProcess.repoRoot + "/.build/artifacts"
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: out + "/postal-slip.png")
            try FileManager.default.copyItem(atPath: png, toPath: out + "/postal-slip.png")
        }

        // Handed over results leave the results-ready list; the kiosk says the result went by post.
        #expect(try c.call("results-ready")["entries"]?.array?.count == 1)
        let scan = try c.call("issue-return", ["args": .object(["code": .string("HS-2026-0101")])])
        #expect(scan["error"]?["code"] == .string("sent-by-post"), "\(scan)")

        // The post's outcomes.
        #expect(try DossierFlowTests.update(c, "HS-2026-0101", "delivered")["dossier"]?["status"] == .string("delivered"))
        #expect(try DossierFlowTests.update(c, "HS-2026-0102", "returned-to-sender")["ok"] == .bool(true))
        let again = try c.call("post-batch", ["args": .object(["batch": .string(batch)])])
        #expect(again["batch"]?["items"]?.array?.map { $0["status"] } == [.string("delivered"), .string("returned-to-sender")])
        #expect(again["print"] == nil)
        #expect(
            try c.call("post-batch", ["args": .object(["batch": .string("test-site-P9")])])["error"]?["code"] == .string("unknown-batch"))

        // Posted again, in a second batch.
        let second = try Self.handover(c, [("HS-2026-0102", "EA123456791VN")])
        #expect(second["batch"]?["id"] == .string("test-site-P2"), "\(second)")

        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        f.dateFormat = "yyyy-MM-dd"
        let today = f.string(from: Date())
        let report = try c.call("report", ["args": .object(["from": .string(today), "to": .string(today)])])
        let total = report["report"]?["dossierTotal"]
        #expect(total?["byPost"] == .number(2), "\(String(describing: total))")
        #expect(total?["delivered"] == .number(1))
        #expect(total?["returnedToSender"] == .number(0), "posted again")
        #expect(total?["returned"] == .number(2))

        // The audit trail names the batch.
        let history = try c.call("history", ["args": .object(["limit": .number(50)])])
        #expect(jsonText(history).contains("batch=test-site-P1"))
    }
}
