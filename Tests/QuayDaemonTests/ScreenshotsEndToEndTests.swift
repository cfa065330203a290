import Foundation
import QuayControl
import Testing

/// Every screen of the web faces in vi, km and en (kiosk steps, phone page, rating screen, report page; the hall
/// display and the clerk console), in real headless Chromium against a real quayd (scripts/web/screens_check.py):
/// each is saved under .build/screenshots and checked for WCAG AA contrast, text size, 15 mm tap targets on the
/// touch screens, nothing cut off, and Khmer drawn with fonts that have every character.
@Suite(.serialized) struct ScreenshotsEndToEndTests {
    static func config(port: Int) -> String {
        """
        [center]
        site = "screens"
        name_vi = "UBND xã An Bình"
        name_km = "សាលាឃុំអានប៊ិញ"
        name_en = "An Binh commune"
        timezone = "Asia/Ho_Chi_Minh"

        [[service]]
        id = "hotich"
        prefix = "A"
        name_vi = "Tư pháp – Hộ tịch"
        name_km = "យុត្តិធម៌ – អត្រានុកូលដ្ឋាន"
        name_en = "Civil registration"

        [[service]]
        id = "datdai"
        prefix = "B"
        name_vi = "Đất đai – Xây dựng"
        name_km = "ដីធ្លី – សំណង់"
        name_en = "Land and building"

        [[counter]]
        id = "q1"
        number = "1"
        services = ["hotich", "datdai"]
        languages = ["vi", "km", "en"]

        [access]
        default_role = "admin"

        [web]
        enabled = true
        host = "127.0.0.1"
        port = \(port)
        kiosks = ["main"]
        """
    }

    static var shotsDirectory: String { SimProcess.repoRoot + "/.build/screenshots" }

    @Test func everyScreenInEveryLanguageIsReadableAndSaved() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        let port = try FreePort.find()
        let d = try DaemonProcess(config: Self.config(port: port), dir: TempDir("quay-screens"))
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        let added = try c.call(
            "user-add", ["args": .object(["name": .string("chi"), "role": .string("admin"), "password": .string("admin-2026")])])
        #expect(added["ok"] == .bool(true), "\(added)")
        let browser = try SimProcess(
            script: "screens_check.py",
            arguments: [
                "--origin", "http://127.0.0.1:\(port)", "--kiosk", "main", "--shots", Self.shotsDirectory, "--user", "chi", "--password",
                "admin-2026",
            ], folder: "scripts/web")
        defer { browser.stop() }
        let done = try browser.waitFor("DONE", timeout: 400, failOn: "FAIL")
        let count = KioskBrowserEndToEndTests.json(done, after: "DONE")["shots"] as? Int ?? 0
        // Per language: 4 kiosk screens, 2 phone, 3 rating, 1 report; plus the language screen, the hall, and the
        // clerk console with its sign-in.
        #expect(count == 3 * 10 + 4, "\(done)")
        for name in ["kiosk-language", "kiosk-ticket-km", "phone-called-km", "rate-ask-km", "report-km", "hall", "clerk-console-vi"] {
            #expect(FileManager.default.fileExists(atPath: Self.shotsDirectory + "/" + name + ".png"), "\(name)")
        }
        print("screenshots: \(Self.shotsDirectory)")
    }
}
