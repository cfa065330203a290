import Foundation
import QuayControl
import Testing

@Suite struct ConfigAndReloadTests {
    func runCheck(_ text: String) throws -> (Int32, String) {
        let dir = TempDir("quay-check")
        let f = dir.file("c.toml")
        try text.write(toFile: f, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayd)
        p.arguments = ["check-config", f]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    @Test func checkConfigAcceptsAGoodFile() throws {
        let (rc, out) = try runCheck(TestConfig.basic)
        #expect(rc == 0, "\(out)")
        #expect(out.contains("OK"))
    }

    @Test func checkConfigListsEveryProblemWithLineAndKey() throws {
        var bad = TestConfig.basic.replacingOccurrences(of: "max_recalls = 2", with: "max_recalls = 2\ncolour = \"blue\"")
        bad = bad.replacingOccurrences(of: "prefix = \"B\"", with: "prefix = 7")
        bad = bad.replacingOccurrences(of: "languages = [\"vi\", \"km\"]", with: "languages = [\"vi\", \"fr\"]")
        let (rc, out) = try runCheck(bad)
        #expect(rc != 0)
        #expect(out.contains("policy.colour: unknown key"), "\(out)")
        #expect(out.contains("service[1].prefix: must be a string"), "\(out)")
        #expect(out.contains("counter[1].languages: unknown language 'fr'"), "\(out)")
        // Lines point into the file: the unknown key is on line 11.
        let lines = bad.split(separator: "\n", omittingEmptySubsequences: false)
        let colourLine = (lines.firstIndex { $0.hasPrefix("colour") } ?? -1) + 1
        #expect(out.contains("line \(colourLine): policy.colour"), "\(out)")
    }

    @Test func printerModelsCanBeAddedInTheConfig() throws {
        let printer = "\n[[printer]]\nrole = \"p\"\nmatch = \"/dev/ttyUSB0\"\nprofile = \"xprinter-58\"\n"
        let profile =
            "\n[[printer_profile]]\nname = \"xprinter-58\"\npaper_width_dots = 384\nnative_qr = false\nmax_raster_rows = 64\ncut = "
            + "\"full\"\n"
        let (ok, out) = try runCheck(TestConfig.basic + profile + printer)
        #expect(ok == 0, "\(out)")
        let (bad, badOut) = try runCheck(TestConfig.basic + printer)
        #expect(bad != 0)
        #expect(badOut.contains("unknown printer profile 'xprinter-58'"), "\(badOut)")
    }

    /// `text_encoding` picks the printer font's repertoire; a value quayd does not know is refused with its key.
    @Test func printerProfileTextEncodingIsChecked() throws {
        let printer = "\n[[printer]]\nrole = \"p\"\nmatch = \"/dev/ttyUSB0\"\nprofile = \"vn-80\"\n"
        let profile = { (e: String) in "\n[[printer_profile]]\nname = \"vn-80\"\npaper_width_dots = 576\ntext_encoding = \"\(e)\"\n" }
        let (ok, out) = try runCheck(TestConfig.basic + profile("tcvn-3") + printer)
        #expect(ok == 0, "\(out)")
        let (bad, badOut) = try runCheck(TestConfig.basic + profile("viscii") + printer)
        #expect(bad != 0)
        #expect(badOut.contains("printer_profile[0].text_encoding: must be ascii or tcvn-3"), "\(badOut)")
        let (builtIn, builtInOut) = try runCheck(TestConfig.basic + printer.replacingOccurrences(of: "vn-80", with: "epson-80-tcvn3"))
        #expect(builtIn == 0, "\(builtInOut)")
    }

    @Test func deviceMatchersAreCheckedWithTheirKey() throws {
        let good =
            "\n[discovery]\nsettle_ms = 100\n\n[[printer]]\nrole = \"p0\"\nmatch = \"id_path=pci-0000:00:14.0-usb-0:2:1.0\"\n"
            + "\n[[board_bus]]\nrole = \"bus\"\nmatch = \"vidpid=1a86:7523\"\n"
        let (ok, out) = try runCheck(TestConfig.basic + good)
        #expect(ok == 0, "\(out)")
        let bad =
            "\n[discovery]\nsettle_ms = 99999\n\n[[printer]]\nrole = \"p0\"\nmatch = \"vidpid=0416\"\n"
            + "\n[[board_bus]]\nrole = \"bus\"\nmatch = \"colour=blue\"\n\n[[hall_sign]]\nrole = \"sign\"\nmatch = \"class=zz\"\n"
        let (rc, badOut) = try runCheck(TestConfig.basic + bad)
        #expect(rc != 0)
        #expect(badOut.contains("printer[0].match: vidpid '0416' must be vvvv:pppp"), "\(badOut)")
        #expect(badOut.contains("board_bus[0].match: unknown matcher key 'colour'"), "\(badOut)")
        #expect(badOut.contains("hall_sign[0].match: class 'zz' must be cc or cc/ss"), "\(badOut)")
        #expect(badOut.contains("discovery.settle_ms"), "\(badOut)")
        let (rc2, keypadOut) = try runCheck(TestConfig.basic + "\n[[keypad]]\nrole = \"k\"\nmatch = \"class=03/01\"\ncounter = \"q9\"\n")
        #expect(rc2 != 0)
        #expect(keypadOut.contains("keypad[0].counter: unknown counter 'q9'"), "\(keypadOut)")
    }

    @Test func checkConfigReportsTomlSyntaxWithLine() throws {
        let (rc, out) = try runCheck("[center]\nsite = \"x\"\nname_vi = \n")
        #expect(rc != 0)
        #expect(out.contains("line 3"), "\(out)")
    }

    @Test func sighupReloadsAGoodConfigAndRejectsABadOne() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        _ = try c.issue()
        let extra = TestConfig.basic + "\n[[service]]\nid = \"kinhdoanh\"\nprefix = \"C\"\nname_vi = \"Kinh doanh\"\n"
        try extra.write(toFile: d.configPath, atomically: true, encoding: .utf8)
        d.signal(SIGHUP)
        var ok = false
        for _ in 0..<100 {
            if try c.call("config")["services"]?.array?.count == 3 {
                ok = true
                break
            }
            usleep(50_000)
        }
        #expect(ok, "reload did not apply:\n\(d.log)")
        // Broken file: rejected, old config and queue stay.
        try "[center]\nsite = \"BAD SITE\"\n".write(toFile: d.configPath, atomically: true, encoding: .utf8)
        d.signal(SIGHUP)
        for _ in 0..<100 where !d.log.contains("reload rejected") { usleep(50_000) }
        #expect(d.log.contains("reload rejected"))
        #expect(try c.call("config")["services"]?.array?.count == 3)
        #expect(try c.call("queue")["snapshot"]?["waiting"]?.array?.count == 1)
        #expect(try c.call("issue", ["service": .string("kinhdoanh")])["ticket"]?["number"] == .string("C001"))
    }

    @Test func demoConfigIsValid() throws {
        let d = TempDir("quay-demo")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayd)
        p.arguments = ["run", "--demo", "--no-demo-traffic", "--state-dir", d.file("s")]
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        defer {
            p.terminate()
            p.waitUntilExit()
        }
        var reply: JSONValue?
        for _ in 0..<200 {
            if let c = try? ControlClient(path: d.file("s/control.sock")), let r = try? c.call("config") {
                reply = r
                break
            }
            usleep(50_000)
        }
        let r = try #require(reply)
        #expect(r["services"]?.array?.count == 4)
        #expect(r["counters"]?.array?.count == 5)
        #expect(r["counters"]?.array?.contains { $0["languages"]?.array?.contains(.string("km")) == true } == true)
    }
}
