import Foundation
import Testing
@testable import QuayDevices

@Suite("Printer faults give typed errors and the driver stays usable", .serialized, .enabled(if: PrinterSimulator.enabled))
struct PrinterFaultTests {
    static func expectRefused(_ driver: PrinterDriver, _ expected: PrinterError) async {
        do {
            try await driver.print(PrinterSamples.job("vi"))
            Issue.record("printed although the printer reported \(expected)")
        } catch {
            #expect(error == expected)
        }
    }

    @Test(arguments: [
        ("paper-out", "paper-ok", PrinterError.paperOut, "paper-out"),
        ("cover-open", "cover-close", PrinterError.coverOpen, "cover-open"),
        ("offline", "online", PrinterError.offline, "offline"),
    ])
    func refusedThenRecovers(_ fault: String, _ clear: String, _ expected: PrinterError, _ code: String) async throws {
        let sim = try await PrinterSimulator()
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let driver = PrinterDriver(
            role: "printer-0", profile: .generic80,
            transport: SerialTransport(path: sim.ptyPath, baud: 19200, flowControl: .xonxoff),
            registry: registry)
        try await sim.command(fault)
        await Self.expectRefused(driver, expected)
        let h = try #require(await registry.get("printer-0"))
        #expect(h.state == .fault && h.condition == code && h.errors == 1)
        #expect(!sim.allOutput.contains("PAGE "), "nothing must reach the paper")
        try await sim.command(clear)
        let job = PrinterSamples.job("vi")
        try await driver.print(job)
        let page = try await sim.nextPage()
        #expect(try PrinterSimulator.decodeQR(page) == job.qrPayload)
        #expect(await registry.get("printer-0")?.state == .ready)
    }

    @Test func paperNearEndStillPrintsAndIsReported() async throws {
        let sim = try await PrinterSimulator()
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let driver = PrinterDriver(role: "printer-0", profile: .generic80, transport: UsbLpTransport(path: sim.ptyPath), registry: registry)
        try await sim.command("paper-near-end")
        let r = try await driver.print(PrinterSamples.job("en"))
        #expect(r.conditionAfter == .paperNearEnd)
        #expect(await registry.get("printer-0")?.condition == "paper-near-end")
        _ = try await sim.nextPage()
    }

    @Test func stallIsTypedAndBoundedThenResumes() async throws {
        let sim = try await PrinterSimulator()
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let driver = PrinterDriver(
            role: "printer-0", profile: .generic80, transport: UsbLpTransport(path: sim.ptyPath),
            registry: registry, options: .init(statusTimeoutMs: 300, stallTimeoutMs: 800))
        try await sim.command("stall")
        let t0 = Date()
        await Self.expectRefused(driver, .stalled)
        #expect(Date().timeIntervalSince(t0) < 5, "a stalled printer must not hold the caller")
        #expect(await registry.get("printer-0")?.condition == "timeout")
        try await sim.command("resume")
        let job = PrinterSamples.job("km")
        try await driver.print(job)
        let page = try await sim.nextPage()
        #expect(try PrinterSimulator.decodeQR(page) == job.qrPayload)
    }

    @Test func unplugAndReplugWithoutRestart() async throws {
        // The transport's path is a symlink standing in for /dev/usb/lp0: remove it and kill the simulator to
        // unplug; point it at a new simulator to replug.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-lp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let node = dir.appendingPathComponent("lp0").path
        let sim1 = try await PrinterSimulator()
        try FileManager.default.createSymbolicLink(atPath: node, withDestinationPath: sim1.ptyPath)
        let registry = DeviceRegistry()
        let driver = PrinterDriver(
            role: "printer-0", profile: .generic80, transport: UsbLpTransport(path: node),
            registry: registry, options: .init(statusTimeoutMs: 300, stallTimeoutMs: 800))
        try await driver.print(PrinterSamples.job("vi"))
        _ = try await sim1.nextPage()

        sim1.stop()
        try FileManager.default.removeItem(atPath: node)
        await Self.expectRefused(driver, .disconnected)
        #expect(await registry.get("printer-0")?.state == .absent)
        await Self.expectRefused(driver, .disconnected)

        let sim2 = try await PrinterSimulator()
        defer { sim2.stop() }
        try FileManager.default.createSymbolicLink(atPath: node, withDestinationPath: sim2.ptyPath)
        let job = PrinterSamples.job("km")
        try await driver.print(job)
        let page = try await sim2.nextPage()
        #expect(try PrinterSimulator.decodeQR(page) == job.qrPayload)
        #expect(await registry.get("printer-0")?.state == .ready)
    }
}
