import Foundation
import QuayControl
import Testing

/// A call made through quayd's control socket appears on the hall page in real headless Chromium within 1 s,
/// Khmer renders with a Khmer font, and the page reconnects by itself when quayd restarts.
@Suite struct HallDisplayEndToEndTests {
    static func config(port: Int) -> String {
        """
        [center]
        site = "hall-test"
        name_vi = "Trung tâm thử nghiệm"
        name_km = "មជ្ឈមណ្ឌលសាកល្បង"

        [[service]]
        id = "hotich"
        prefix = "A"
        name_vi = "Tư pháp – Hộ tịch"
        name_km = "យុត្តិធម៌ – អត្រានុកូលដ្ឋាន"

        [[service]]
        id = "kinhdoanh"
        prefix = "C"
        name_vi = "Kinh doanh"
        name_km = "អាជីវកម្ម"

        [[counter]]
        id = "q3"
        number = "3"
        services = ["hotich"]

        [[counter]]
        id = "q5"
        number = "5"
        services = ["kinhdoanh"]

        [access]
        default_role = "admin"

        [web]
        enabled = true
        host = "127.0.0.1"
        port = \(port)
        """
    }

    @Test func callThroughTheSocketShowsInChromium() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        let port = 18_000 + Int(getpid() % 2000)
        let dir = TempDir("quay-hall-e2e")
        // The banner's wording comes from the catalogue (here an override), rendered by hall.js in Chromium.
        let cfg = try Self.configWithCallingOverride(port: port, dir: dir)
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        let c = try d.client()
        for _ in 0..<15 { _ = try c.issue("hotich") }
        for _ in 0..<14 { _ = try c.call("call-next", ["counter": .string("q3")]) }
        let shot = dir.file("hall.png")
        let browser = try SimProcess(
            script: "hall_browser_check.py", arguments: ["--url", "http://127.0.0.1:\(port)/", "--screenshot", shot], folder: "scripts/web")
        defer { browser.stop() }
        _ = try browser.waitFor("LOADED", timeout: 180, failOn: "FAIL")
        #expect(try c.call("call-next", ["counter": .string("q3")])["ticket"]?["number"] == .string("A015"))
        let called = try browser.waitFor("CALLED", timeout: 30, failOn: "FAIL")
        #expect(called.contains("Xin mời số A015 tới quầy 3"), "\(called)")
        #expect(called.contains("សូមអញ្ជើញលេខ A015 មកបញ្ជរលេខ 3"), "\(called)")
        // Between the call and the restart, counter 5 calls C077.
        for _ in 0..<77 { _ = try c.issue("kinhdoanh") }
        for _ in 0..<77 { _ = try c.call("call-next", ["counter": .string("q5")]) }
        d.stop()
        _ = try browser.waitFor("OFFLINE", timeout: 30, failOn: "FAIL")
        let again = try DaemonProcess(config: cfg, dir: dir)
        try again.start()
        browser.send("RESTARTED")
        let result = try browser.waitFor("RESULT", timeout: 60, failOn: "FAIL")
        #expect(result.contains("reconnect_ms"), "\(result)")
        #expect(FileManager.default.fileExists(atPath: shot))
        again.stop()
    }

    @Test func resultsReadyDossiersAppearMaskedOnTheHallFeed() throws {
        let port = 20_000 + Int(getpid() % 2000)
        let d = try DaemonProcess(config: Self.config(port: port), dir: TempDir("quay-hall-ready"))
        try d.start()
        let c = try d.client()
        let made = try c.call(
            "dossier-create",
            [
                "args": .object([
                    "receiptCode": .string("HS-2026-000123"), "procedure": .string("1.001612"),
                    "procedureName": .string("Đăng ký khai sinh"),
                    "appointmentDate": .string("2030-01-15"), "citizenName": .string("Nguyễn Văn Ánh"),
                ])
            ])
        #expect(made["ok"] == .bool(true), "\(made)")
        _ = try c.call("dossier-update", ["args": .object(["dossier": .string("HS-2026-000123"), "status": .string("result-ready")])])
        var body = ""
        for _ in 0..<100 {
            body = try Self.get("http://127.0.0.1:\(port)/snapshot")
            if body.contains("0123") { break }
            usleep(100_000)
        }
        #expect(body.contains("\"maskedCode\":\"•••• 0123 N.V.A\""), "\(body)")
        #expect(!body.contains("HS-2026-000123"), "the full receipt code must not reach the public screen")
        #expect(!body.contains("Nguyễn"))
    }

    /// The page's texts are the catalogue's: an override in messages_dir reaches the snapshot the page renders.
    @Test func hallTextsComeFromTheMessageCatalogue() throws {
        let port = 22_000 + Int(getpid() % 2000)
        let dir = TempDir("quay-hall-texts")
        let cfg = try Self.configWithCallingOverride(port: port, dir: dir)
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        var body = ""
        for _ in 0..<50 {
            body = (try? Self.get("http://127.0.0.1:\(port)/snapshot")) ?? ""
            if !body.isEmpty { break }
            usleep(100_000)
        }
        let snap = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
        #expect(snap["snapshot"]?["texts"]?["hall.calling"]?["vi"] == .string("Xin mời số {number} tới quầy {counter}"), "\(body)")
        #expect(snap["snapshot"]?["texts"]?["hall.calling"]?["km"] == .string("សូមអញ្ជើញលេខ {number} មកបញ្ជរលេខ {counter}"))
        #expect(snap["snapshot"]?["texts"]?["hall.title"]?["vi"] == .string("Mời công dân theo số thứ tự"))
    }

    /// The hall config with a Vietnamese `hall.calling` override in a messages directory under `dir`.
    static func configWithCallingOverride(port: Int, dir: TempDir) throws -> String {
        let messages = dir.file("messages")
        try FileManager.default.createDirectory(atPath: messages, withIntermediateDirectories: true)
        try #""hall.calling" = "Xin mời số {number} tới quầy {counter}""#.write(
            toFile: messages + "/vi.toml", atomically: true, encoding: .utf8)
        return config(port: port).replacingOccurrences(of: "[center]", with: "[paths]\nmessages_dir = \"\(messages)\"\n\n[center]")
    }

    static func get(_ url: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "--max-time", "5", url]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out
    }
}
