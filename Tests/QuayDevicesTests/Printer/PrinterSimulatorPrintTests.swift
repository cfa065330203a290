import Foundation
import Testing
@testable import QuayDevices

@Suite("Real print over a pty to the virtual printer", .serialized, .enabled(if: PrinterSimulator.enabled))
struct PrinterSimulatorPrintTests {
    @Test(arguments: [("generic-80", "km"), ("pos58-serial", "vi"), ("generic-58", "en")])
    func ticketPrintsAndQRDecodes(_ profileName: String, _ lang: String) async throws {
        #expect(PrinterSimulator.which("qrencode") != nil, "qrencode CLI is needed by the simulator for native QR")
        let profile = try #require(PrinterProfile.named(profileName))
        let sim = try await PrinterSimulator(width: profile.paperWidthDots)
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let driver = PrinterDriver(
            role: "printer-0", profile: profile,
            transport: SerialTransport(path: sim.ptyPath, baud: 115200, flowControl: .none),
            registry: registry)
        let job = PrinterSamples.job(lang, priority: true)
        let receipt = try await driver.print(job)
        #expect(receipt.conditionAfter == .ready)
        #expect(receipt.unknownGlyphs == 0)
        let png = try await sim.nextPage()
        #expect(try PrinterSimulator.decodeQR(png) == job.qrPayload)
        // ASCII lines went in the printer's own font, as text (printed before the cut, hence before PAGE).
        #expect(sim.allOutput.contains("TEXT 25/11/2026 08:15"))
        #expect(sim.allOutput.contains("TEXT A015"))
        let h = try #require(await registry.get("printer-0"))
        #expect(h.state == .ready && h.condition == "ready" && h.jobs == 1 && h.bytes == UInt64(receipt.bytesSent))
    }

    /// A TCVN-3 profile sends Vietnamese as text: the simulator decodes ESC t 30/31 byte for byte and reports the
    /// lines it printed; the whole ticket is under 1 KB (about 0.9 s at 9600 baud).
    @Test func vietnameseGoesAsTCVN3Text() async throws {
        let profile = PrinterProfile.epson80TCVN3
        let sim = try await PrinterSimulator(width: profile.paperWidthDots)
        defer { sim.stop() }
        let driver = PrinterDriver(
            role: "printer-0", profile: profile,
            transport: SerialTransport(path: sim.ptyPath, baud: 115200, flowControl: .none))
        var job = PrinterSamples.job("vi", priority: true)
        job.centerName = "ỦY BAN NHÂN DÂN XÃ VĨNH HẢI"
        let receipt = try await driver.print(job)
        #expect(receipt.bytesSent < 1024)
        let png = try await sim.nextPage()
        #expect(try PrinterSimulator.decodeQR(png) == job.qrPayload)
        for line in [
            job.centerName, job.serviceName, "Ưu tiên", job.texts.waitingAhead, job.texts.estimatedWait ?? "",
            job.texts.counters ?? "", job.texts.footer ?? "", "A015",
        ] {
            #expect(sim.allOutput.contains("TEXT \(line)\n"), "simulator did not print '\(line)'")
        }
        #expect(!sim.allOutput.contains("\u{FFFD}"))
    }

    @Test func statusQueryReportsReady() async throws {
        let sim = try await PrinterSimulator()
        defer { sim.stop() }
        let driver = PrinterDriver(role: "p", profile: .generic80, transport: UsbLpTransport(path: sim.ptyPath))
        #expect(await driver.queryStatus() == .ready)
        try await sim.command("paper-near-end")
        #expect(await driver.queryStatus() == .paperNearEnd)
    }
}
