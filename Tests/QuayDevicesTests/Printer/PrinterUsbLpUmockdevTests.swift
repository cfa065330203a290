import Foundation
import Testing
@testable import QuayDevices

/// The usblp path under umockdev: this test binary re-runs itself (one child test) under
/// scripts/sim/usblp_testbed.py, which loads Tests/Fixtures/umockdev/printer/usblp-pos58.umockdev
/// (0416:5011, interface 07/01/02, /dev/usb/lp0 180:0 backed by a PTY served by the virtual printer, with
/// LPGETSTATUS answered). The child prints through `UsbLpTransport("/dev/usb/lp0")` with the preload active.
@Suite("usblp /dev/usb/lp0 under umockdev", .serialized)
struct PrinterUsbLpUmockdevTests {
    static let childFlag = "QUAY_USBLP_CHILD"
    static var isChild: Bool { ProcessInfo.processInfo.environment[childFlag] == "1" }

    /// Runs inside the testbed only (skipped in a normal run).
    @Test(.enabled(if: PrinterUsbLpUmockdevTests.isChild))
    func usblpChildPrintsTicket() async throws {
        let env = ProcessInfo.processInfo.environment
        let transport = UsbLpTransport(path: "/dev/usb/lp0")
        try transport.open()
        let lp = try #require(transport.lpStatus(), "LPGETSTATUS must be answered by the testbed")
        transport.close()
        let driver = PrinterDriver(
            role: "printer-usb", profile: .generic58, transport: transport,
            options: .init(statusTimeoutMs: 1000, stallTimeoutMs: 3000))
        if env["QUAY_USBLP_EXPECT"] == "paper-out" {
            #expect(lp.paperOut)
            await #expect(throws: PrinterError.paperOut) { try await driver.print(PrinterSamples.job("km")) }
        } else {
            #expect(lp.condition == .ready)
            let r = try await driver.print(PrinterSamples.job("km"))
            #expect(r.conditionAfter == .ready)
        }
    }

    @Test(
        .enabled(if: !PrinterUsbLpUmockdevTests.isChild && PrinterSimulator.enabled),
        arguments: ["ready", "paper-out"])
    func printsThroughUsblpUnderUmockdev(_ scenario: String) async throws {
        let umockdev = PrinterSimulator.which("umockdev-wrapper")
        #expect(umockdev != nil, "umockdev is required (apt-get install umockdev gir1.2-umockdev-1.0 python3-gi)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("quay-usblp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let log = out.appendingPathComponent("testbed.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let script = PrinterSimulator.repoRoot.appendingPathComponent("scripts/sim/usblp_testbed.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        var args = [script, "--out", out.path]
        if scenario == "paper-out" { args += ["--fault", "paper-out"] }
        args += ["--", CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "usblpChildPrintsTicket"]
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env[Self.childFlag] = "1"
        env["QUAY_USBLP_EXPECT"] = scenario
        p.environment = env
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let exited = await Self.waitExit(p, seconds: 120)
        try handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(exited, "testbed did not finish:\n\(text)")
        #expect(text.contains("EXIT 0"), "child failed under umockdev:\n\(text)")
        #expect(text.contains("usblpChildPrintsTicket() passed"), "child test did not run:\n\(text)")
        if scenario == "paper-out" {
            #expect(!text.contains("PAGE "), "nothing may be printed on paper-out")
        } else {
            let page = try #require(text.split(separator: "\n").first { $0.hasPrefix("PAGE ") }, "no page:\n\(text)")
            let png = String(page.split(separator: " ")[2])
            #expect(try PrinterSimulator.decodeQR(png) == PrinterSamples.qr)
        }
    }

    static func waitExit(_ p: Process, seconds: Double) async -> Bool {
        let end = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < end {
            let r = waitpid(p.processIdentifier, &status, WNOHANG)
            if r == p.processIdentifier || (r < 0 && errno == ECHILD) { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        kill(p.processIdentifier, SIGKILL)
        return false
    }
}

/// libusb under umockdev: enumeration, open and claim of the class-07 interface work from the fixture's
/// descriptors; bulk transfers cannot (no recorded URBs), so the child only checks they fail typed and bounded.
@Suite("libusb printer interface under umockdev", .serialized)
struct PrinterLibUsbUmockdevTests {
    @Test(.enabled(if: PrinterUsbLpUmockdevTests.isChild))
    func libusbChildOpensAndClaims() throws {
        let t = LibUsbBulkTransport(.vidPid(0x0416, 0x5011))
        try t.open()
        #expect(t.isOpen)
        let start = Date()
        #expect(throws: PrinterIOError.self) { try t.write([0x1B, 0x40], stallTimeoutMs: 500) }
        #expect(Date().timeIntervalSince(start) < 3)
        t.close()
        let missing = LibUsbBulkTransport(.vidPid(0x0416, 0x9999))
        #expect(throws: PrinterIOError.notFound("usb 0416:9999")) { try missing.open() }
    }

    @Test(.enabled(if: !PrinterUsbLpUmockdevTests.isChild && PrinterSimulator.enabled))
    func libusbOpenClaimUnderUmockdev() async throws {
        #expect(PrinterSimulator.which("umockdev-wrapper") != nil, "umockdev is required")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("quay-libusb-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let log = out.appendingPathComponent("testbed.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [
            PrinterSimulator.repoRoot.appendingPathComponent("scripts/sim/usblp_testbed.py").path, "--out", out.path,
            "--", CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "libusbChildOpensAndClaims",
        ]
        var env = ProcessInfo.processInfo.environment
        env[PrinterUsbLpUmockdevTests.childFlag] = "1"
        p.environment = env
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let exited = await PrinterUsbLpUmockdevTests.waitExit(p, seconds: 60)
        try handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(exited, "testbed did not finish:\n\(text)")
        #expect(text.contains("EXIT 0") && text.contains("libusbChildOpensAndClaims() passed"), "child failed:\n\(text)")
    }
}
