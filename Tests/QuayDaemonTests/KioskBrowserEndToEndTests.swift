import Foundation
import QuayControl
import Testing

/// The kiosk screen in real headless Chromium against a real quayd and the virtual ESC/POS printer: a citizen
/// taps through in Vietnamese, Khmer and English and gets a printed ticket each time; a replayed request gets the
/// same ticket and prints nothing; paper out is refused in Khmer before a number is taken; cross-site and
/// oversized posts are refused; tap targets, text size, contrast and Khmer glyph coverage are measured on every
/// screen; the kiosk's serial scanner (CCCD, receipt) is seen live on the screen; the printer losing a ticket after
/// the number was taken leaves the number on the screen for the staff; every printed QR decodes (zbarimg) to the
/// ticket's phone page. Screenshots and printed tickets: .build/screenshots.
@Suite(.serialized) struct KioskBrowserEndToEndTests {
    static func config(port: Int, printer: String, scanner: String) -> String {
        """
        [center]
        site = "kiosk-test"
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
        id = "full"
        prefix = "F"
        name_vi = "Đất đai"
        name_km = "ដីធ្លី"
        name_en = "Land"
        capacity = 1

        [[counter]]
        id = "q1"
        number = "1"
        services = ["hotich", "full"]
        languages = ["vi", "km", "en"]

        [dossiers]
        return_service = "hotich"

        [access]
        default_role = "admin"

        [web]
        enabled = true
        host = "127.0.0.1"
        port = \(port)
        kiosks = ["hall"]
        public_url = "http://127.0.0.1:\(port)"

        [[scanner]]
        role = "scanner-hall"
        match = "\(scanner)"
        kiosk = "hall"
        baud = 9600

        [[printer]]
        role = "kiosk-printer"
        match = "\(printer)"
        kiosk = "hall"
        profile = "generic-80"
        baud = 115200
        flow = "none"
        """
    }

    /// A TCP port nobody listens on right now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func json(_ line: String, after prefix: String) -> [String: Any] {
        let body = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// What zbarimg (zbar-tools, an independent QR decoder) reads off a printed ticket's PNG.
    static func decodeQR(png: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        p.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aCitizenTapsThroughInThreeLanguagesAndEachTicketIsPrinted() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        let dir = TempDir("quay-kiosk")
        let printer = try SimProcess(
            script: "escpos_printer.py", arguments: ["--pty", "--out", dir.file("paper"), "--prefix", "t", "--width", "576"])
        defer { printer.stop() }
        let pty = String(try printer.waitFor("PTY ").dropFirst(4))
        let scanner = try SimProcess(script: "serial_scanner.py", arguments: ["--link", dir.file("scanner")])
        defer { scanner.stop() }
        _ = try scanner.waitFor("PTY ")
        let port = try Self.freePort()
        let d = try DaemonProcess(config: Self.config(port: port, printer: pty, scanner: dir.file("scanner")), dir: dir)
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        // The "full" service gives out its only number before the citizen arrives.
        #expect(try c.issue("full")["ticket"]?["number"] == .string("F001"))
        _ = try printer.waitFor("QR ")
        _ = try printer.waitFor("PAGE ")

        // Kept after the test (the temporary state directory is not) so a person can look at them.
        // A citizen's dossier has its result ready: they will type the receipt code at the kiosk.
        let made = try c.call(
            "dossier-create",
            [
                "args": .object([
                    "receiptCode": .string("HS-2026-000123"), "procedure": .string("1.001612"),
                    "procedureName": .string("Đăng ký khai sinh"), "appointmentDate": .string("2030-01-15"),
                    "citizenName": .string("Nguyễn Văn Ánh"),
                ])
            ])
        #expect(made["ok"] == .bool(true), "\(made)")
        // A second one will be scanned at the kiosk's scanner.
        for code in ["HS-2026-000123", "HS-2026-000124"] {
            if code != "HS-2026-000123" {
                _ = try c.call(
                    "dossier-create",
                    [
                        "args": .object([
                            "receiptCode": .string(code), "procedure": .string("1.001612"),
                            "procedureName": .string("Đăng ký khai sinh"), "appointmentDate": .string("2030-01-15"),
                            "citizenName": .string("Lâm Thị Sóc"),
                        ])
                    ])
            }
            let ready = try c.call("dossier-update", ["args": .object(["dossier": .string(code), "status": .string("result-ready")])])
            #expect(ready["ok"] == .bool(true), "\(ready)")
        }
        let shots = ScreenshotsEndToEndTests.shotsDirectory
        try? FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let browser = try SimProcess(
            script: "kiosk_browser_check.py",
            arguments: [
                "--url", "http://127.0.0.1:\(port)/kiosk/hall?reset=120&dpi=102", "--shots", shots, "--receipt", "HS-2026-000123",
            ], folder: "scripts/web")
        defer { browser.stop() }

        var numbers: [String] = []
        for (lang, expected) in [("vi", "A001"), ("km", "A002"), ("en", "A003")] {
            let greyed = Self.json(try browser.waitFor("GREYED", timeout: 180, failOn: "FAIL"), after: "GREYED")
            #expect(greyed["lang"] as? String == lang)
            let why = greyed["why"] as? String ?? ""
            let full = try c.call("config")["services"]?.array?.first { $0["id"] == .string("full") }
            #expect(why == full?["refusal"]?["citizen"]?[lang]?.string, "\(lang): \(why)")
            let issued = Self.json(try browser.waitFor("ISSUED", timeout: 60, failOn: "FAIL"), after: "ISSUED")
            #expect(issued["lang"] as? String == lang)
            #expect(issued["number"] as? String == expected, "\(issued)")
            #expect(issued["printed"] as? Bool == true, "\(issued)")
            // The virtual printer cut a ticket whose QR is the ticket's phone page, its short address printed under it,
            // and a real QR decoder (zbarimg) reads that address off the printed PNG.
            let phoneURL = "http://127.0.0.1:\(port)/t/" + (issued["follow"] as? String ?? "?")
            let qr = try printer.waitFor("QR ", timeout: 30)
            #expect(String(decoding: hexBytes(String(qr.dropFirst(3))), as: UTF8.self) == phoneURL)
            _ = try printer.waitFor("TEXT " + phoneURL.dropFirst("http://".count), timeout: 10)
            let page = try printer.waitFor("PAGE ", timeout: 10).split(separator: " ")
            let printed = shots + "/printed-\(expected)-\(lang).png"
            try? FileManager.default.removeItem(atPath: printed)
            try? FileManager.default.copyItem(atPath: String(page[2]), toPath: printed)
            let decoded = try Self.decodeQR(png: String(page[2]))
            #expect(decoded == phoneURL, "printed QR of \(expected): '\(decoded)' (\(printed))")
            numbers.append(expected)
            if lang == "vi" {
                let replay = Self.json(try browser.waitFor("REPLAY", timeout: 30, failOn: "FAIL"), after: "REPLAY")
                #expect(replay["ok"] as? Bool == true, "\(replay)")
                #expect(replay["replayed"] as? Bool == true, "\(replay)")
                #expect((replay["ticket"] as? [String: Any])?["number"] as? String == "A001", "\(replay)")
                #expect(replay["print"] == nil, "a replay prints nothing: \(replay)")
            }
        }
        // Khmer ticket: the priority the citizen chose is on it.
        let tickets = try c.call("queue")["snapshot"]?["waiting"]?.array ?? []
        #expect(tickets.compactMap { $0["number"]?.string }.sorted() == ["A001", "A002", "A003", "F001"], "one ticket per tap: \(tickets)")
        #expect(tickets.first { $0["number"] == .string("A002") }?["priority"] == .string("elderly"))
        #expect(tickets.first { $0["number"] == .string("A002") }?["language"] == .string("km"))

        _ = try browser.waitFor("WANT paper-out", timeout: 60, failOn: "FAIL")
        printer.send("paper-out")
        _ = try printer.waitFor("ACK paper-out")
        browser.send("OK")
        let refused = Self.json(try browser.waitFor("REFUSED", timeout: 60, failOn: "FAIL"), after: "REFUSED")
        #expect(refused["code"] as? String == "printer-paper-out", "\(refused)")
        #expect(refused["lang"] as? String == "km")
        #expect((refused["text"] as? String ?? "").contains("ម៉ាស៊ីនបោះពុម្ពអស់ក្រដាស"), "\(refused)")
        _ = try browser.waitFor("WANT paper-ok", timeout: 30, failOn: "FAIL")
        printer.send("paper-ok")
        _ = try printer.waitFor("ACK paper-ok")
        browser.send("OK")

        let returned = Self.json(try browser.waitFor("RETURNED", timeout: 60, failOn: "FAIL"), after: "RETURNED")
        #expect(returned["typed"] as? String == "HS-2026-000123", "\(returned)")
        #expect(returned["printed"] as? Bool == true, "\(returned)")
        let returnNumber = returned["number"] as? String ?? ""
        let returnQR = try printer.waitFor("QR ", timeout: 30)
        #expect(String(decoding: hexBytes(String(returnQR.dropFirst(3))), as: UTF8.self).contains("|\(returnNumber)|"))
        let noReceipt = Self.json(try browser.waitFor("NORECEIPT", timeout: 60, failOn: "FAIL"), after: "NORECEIPT")
        #expect(noReceipt["code"] as? String == "unknown-receipt", "\(noReceipt)")
        #expect(noReceipt["text"] as? String == "រកមិនឃើញឯកសារតាមបង្កាន់ដៃនេះទេ។ សូមសួរមន្ត្រី។", "\(noReceipt)")

        // The kiosk's serial scanner: an ID card of a citizen born in 1950 marks the elderly priority on the screen,
        // and the screen shows nothing of the card.
        _ = try browser.waitFor("WANT scan cccd", timeout: 60, failOn: "FAIL")
        scanner.send("scan 079056001234||Nguyễn Văn Ánh|15031950|Nam|Xã An Bình|01012021")
        _ = try scanner.waitFor("SENT")
        browser.send("OK")
        let cccd = Self.json(try browser.waitFor("CCCD", timeout: 30, failOn: "FAIL"), after: "CCCD")
        #expect(cccd["suggested"] as? String == "elderly", "\(cccd)")
        #expect(cccd["first"] as? String == "elderly", "the suggested class comes first: \(cccd)")
        #expect(cccd["note"] as? String == "បានអានអត្តសញ្ញាណប័ណ្ណ៖ អ្នកមានអាយុ ៦០ ឆ្នាំឡើងទៅ ហើយអាចជ្រើសរើសអាទិភាពសម្រាប់មនុស្សចាស់។")
        let shownPage = cccd["page"] as? String ?? ""
        for secret in ["1234", "Ánh", "1950", "15031950", "Xã An Bình"] {
            #expect(!shownPage.contains(secret), "the kiosk shows '\(secret)' of the card")
        }
        let scanSeen = cccd["scan"] as? [String: Any] ?? [:]
        #expect(scanSeen["idLast4"] == nil && scanSeen["age"] == nil, "the page was sent more than the suggestion: \(scanSeen)")
        #expect(scanSeen["kind"] as? String == "cccd", "\(scanSeen)")

        // A result-ready receipt held under the same scanner: quayd issues and prints the return ticket, the screen
        // shows it.
        _ = try browser.waitFor("WANT scan receipt", timeout: 30, failOn: "FAIL")
        scanner.send("scan HS-2026-000124")
        _ = try scanner.waitFor("SENT")
        browser.send("OK")
        let scanned = Self.json(try browser.waitFor("SCANRETURN", timeout: 30, failOn: "FAIL"), after: "SCANRETURN")
        #expect(scanned["number"] as? String == "A005", "\(scanned)")
        #expect(scanned["printed"] as? Bool == true, "\(scanned)")
        let scannedQR = try printer.waitFor("QR ", timeout: 30)
        #expect(String(decoding: hexBytes(String(scannedQR.dropFirst(3))), as: UTF8.self).contains("|A005|"))

        // The printer takes its status query, then loses the ticket (cable pulled): A006 is kept and the screen is
        // the citizen's ticket, in Khmer, with the text for the staff.
        _ = try browser.waitFor("WANT unplug-next-job", timeout: 30, failOn: "FAIL")
        printer.send("unplug-next-job")
        _ = try printer.waitFor("ACK unplug-next-job")
        browser.send("OK")
        let failed = Self.json(try browser.waitFor("PRINTFAIL", timeout: 60, failOn: "FAIL"), after: "PRINTFAIL")
        _ = try printer.waitFor("UNPLUGGED", timeout: 5)
        printer.send("plug-in")
        #expect(failed["number"] as? String == "A006", "\(failed)")
        #expect(failed["printed"] as? Bool == false, "\(failed)")
        #expect(failed["staffShown"] as? Bool == true, "\(failed)")
        #expect(failed["staff"] as? String == "សូមបង្ហាញលេខនេះដល់មន្ត្រី។", "\(failed)")
        #expect((failed["note"] as? String ?? "").contains("លេខរបស់អ្នកគឺ A006"), "\(failed)")
        #expect((failed["numberPx"] as? Double ?? 0) >= 200, "the number is shown large: \(failed)")

        let guardLine = Self.json(try browser.waitFor("GUARD", timeout: 30, failOn: "FAIL"), after: "GUARD")
        #expect(guardLine["crossSite"] as? Int == 403, "\(guardLine)")
        #expect(guardLine["form"] as? Int == 415, "\(guardLine)")
        #expect(guardLine["huge"] as? Int == 413, "\(guardLine)")
        #expect(guardLine["wsSameOrigin"] as? Int == 101, "\(guardLine)")
        #expect((guardLine["wsCrossSite"] as? Int ?? 101) != 101, "another site's page may not listen to the scans: \(guardLine)")
        // The Khmer ticket's phone page (from the QR's token), then live, its call.
        let phone = Self.json(try browser.waitFor("PHONE", timeout: 30, failOn: "FAIL"), after: "PHONE")
        #expect(phone["number"] as? String == "A002", "\(phone)")
        #expect(phone["lang"] as? String == "km", "\(phone)")
        #expect((phone["ahead"] as? String ?? "").hasSuffix("1"), "one citizen (A001) ahead: \(phone)")
        _ = try browser.waitFor("WANT call A002", timeout: 30, failOn: "FAIL")
        var called = ""
        for _ in 0..<3 where called != "A002" {
            called = try c.call("call-next", ["counter": .string("q1")])["ticket"]?["number"]?.string ?? ""
        }
        #expect(called == "A002")
        browser.send("OK")
        let shown = Self.json(try browser.waitFor("CALLED", timeout: 30, failOn: "FAIL"), after: "CALLED")
        #expect(shown["message"] as? String == "សូមអញ្ជើញលេខ A002 មកបញ្ជរលេខ 1", "\(shown)")
        let expired = Self.json(try browser.waitFor("EXPIRED", timeout: 30, failOn: "FAIL"), after: "EXPIRED")
        #expect((expired["message"] as? String ?? "").contains("Phiếu này không còn hiệu lực"), "\(expired)")
        #expect(expired["number"] as? String == "", "\(expired)")
        let a11y = try browser.waitFor("A11Y", timeout: 30, failOn: "FAIL")
        print("kiosk a11y: \(a11y)")
        _ = try browser.waitFor("DONE", timeout: 30, failOn: "FAIL")

        // Nothing else was issued: the refused tap took no number; the audit trail names the kiosk.
        let snapshot = try c.call("queue")["snapshot"]
        let all = (snapshot?["waiting"]?.array ?? []) + (snapshot?["active"]?.array ?? [])
        #expect(all.compactMap { $0["number"]?.string }.sorted() == ["A001", "A002", "A003", "A004", "A005", "A006", "F001"], "\(all)")
        #expect(returnNumber == "A004", "the return ticket: \(returnNumber)")
        let history = try c.call("history", ["args": .object(["ticket": .string("A002")])])
        #expect("\(history)".contains("\"kiosk\""), "\(history)")
        #expect(FileManager.default.fileExists(atPath: shots + "/ticket-km.png"))
        print("kiosk screenshots: \(shots)")
    }
}
