import Foundation
import Testing
@testable import QuayDevices

/// A transport whose behaviour the test scripts: status bytes to answer, a failure after N bytes.
final class ScriptedTransport: PrinterTransport, @unchecked Sendable {
    private let lock = NSLock()
    var statusReply: [UInt8] = [0x12, 0x12, 0x12]
    var failAfterBytes: Int?
    var failWith: PrinterIOError = .disconnected("ENODEV")
    var openFails = false
    private(set) var opens = 0
    private(set) var written: [UInt8] = []
    private var pendingInput: [UInt8] = []
    private var open_ = false

    var name: String { "scripted" }
    var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return open_
    }

    func configure(_ f: (ScriptedTransport) -> Void) {
        lock.lock()
        f(self)
        lock.unlock()
    }

    func open() throws(PrinterIOError) {
        lock.lock()
        defer { lock.unlock() }
        if open_ { return }
        if openFails { throw .notFound("scripted") }
        opens += 1
        open_ = true
    }

    func close() {
        lock.lock()
        open_ = false
        lock.unlock()
    }

    func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        lock.lock()
        defer { lock.unlock() }
        guard open_ else { throw .disconnected("closed") }
        if bytes.count == 9, bytes[0] == 0x10 {
            pendingInput += statusReply
            return
        }  // DLE EOT 1/2/4
        if let limit = failAfterBytes, written.count + bytes.count > limit {
            written += bytes.prefix(max(0, limit - written.count))
            open_ = false
            throw failWith
        }
        written += bytes
    }

    func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        lock.lock()
        let out = pendingInput
        pendingInput = []
        lock.unlock()
        if out.isEmpty { usleep(useconds_t(Swift.max(1, Swift.min(timeoutMs, 50))) * 1000) }
        return out
    }

    func discardInput() {}
}

@Suite("Printer driver against a scripted transport")
struct PrinterDriverScriptedTests {
    @Test func unplugMidPrintIsTypedAndNextJobReopens() async throws {
        let t = ScriptedTransport()
        t.configure { $0.failAfterBytes = 1000 }
        let registry = DeviceRegistry()
        let driver = PrinterDriver(role: "printer-0", profile: .generic80, transport: t, registry: registry)
        await #expect(throws: PrinterError.disconnected) { try await driver.print(PrinterSamples.job("km")) }
        #expect(t.written.count == 1000)
        #expect(!t.isOpen)
        let h = try #require(await registry.get("printer-0"))
        #expect(h.state == .absent && h.condition == "disconnected" && h.lastError != nil)

        t.configure { $0.failAfterBytes = nil }
        let r = try await driver.print(PrinterSamples.job("km"))
        #expect(t.opens == 2)
        #expect(r.bytesSent > 1000)
        #expect(await registry.get("printer-0")?.state == .ready)
    }

    @Test func printerThatNeverAnswersIsStalled() async throws {
        let t = ScriptedTransport()
        t.configure { $0.statusReply = [] }
        let driver = PrinterDriver(role: "p", profile: .generic80, transport: t, options: .init(statusTimeoutMs: 200))
        await #expect(throws: PrinterError.stalled) { try await driver.print(PrinterSamples.job("en")) }
        #expect(t.written.isEmpty, "no ticket data is sent to a printer that did not answer")
    }

    @Test func garbageBeforeStatusIsIgnored() async throws {
        let t = ScriptedTransport()
        t.configure { $0.statusReply = [0xFF, 0x00, 0x13, 0x12, 0x12, 0x7E, 0x72] }
        let driver = PrinterDriver(role: "p", profile: .generic80, transport: t)
        await #expect(throws: PrinterError.paperOut) { try await driver.print(PrinterSamples.job("en")) }
    }

    @Test func profileWithoutStatusPrintsBlind() async throws {
        let t = ScriptedTransport()
        t.configure { $0.statusReply = [] }
        var profile = PrinterProfile.generic58
        profile.statusReplies = false
        let driver = PrinterDriver(role: "p", profile: profile, transport: t)
        let r = try await driver.print(PrinterSamples.job("vi"))
        #expect(r.conditionAfter == nil)
        #expect(t.written.prefix(2) == [0x1B, 0x40])
        #expect(t.written.suffix(4) == [0x1D, 0x56, 66, 24])
    }

    @Test func missingDeviceIsDisconnected() async {
        let t = ScriptedTransport()
        t.configure { $0.openFails = true }
        let driver = PrinterDriver(role: "p", profile: .generic80, transport: t)
        await #expect(throws: PrinterError.disconnected) { try await driver.print(PrinterSamples.job("vi")) }
        #expect(await driver.queryStatus() == .disconnected)
    }
}
