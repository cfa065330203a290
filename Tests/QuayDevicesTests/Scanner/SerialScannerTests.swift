import Foundation
import Testing
import QuaySystem
@testable import QuayDevices

/// A serial (CDC-ACM style) scanner on a real pty: the driver reads the slave, the test writes what a scanner sends.
@Suite("Serial scanner over a pty", .timeLimit(.minutes(1)))
struct SerialScannerTests {
    final class Inbox: @unchecked Sendable {
        let lock = NSCondition()
        var readings: [ScannerReading] = []
        func add(_ r: ScannerReading) {
            lock.lock()
            readings.append(r)
            lock.broadcast()
            lock.unlock()
        }
        func wait(count: Int, seconds: Double = 5) -> [ScannerReading] {
            let deadline = Date().addingTimeInterval(seconds)
            lock.lock()
            defer { lock.unlock() }
            while readings.count < count, lock.wait(until: deadline) {}
            return readings
        }
    }

    @Test func linesBecomeScansGarbageIsReportedAndDetachStopsReading() async throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let inbox = Inbox()
        let registry = DeviceRegistry()
        await registry.register(DeviceHealth(role: "scanner-0", kind: "scanner", matcher: pty.slavePath))
        let driver = ScannerDriver(role: "scanner-0", baud: 9600, registry: registry) { inbox.add($0) }
        await driver.attach(devnode: pty.slavePath)
        try pty.master.writeAll(
            Array("H56.22-2611-000123\r\n079056001234||Nguyễn Văn Ánh|15031950|Nam|X|01012021\n".utf8), stallTimeoutMs: 1000)
        try pty.master.writeAll([0x41, 0xC3, 0x28, 0x0D], stallTimeoutMs: 1000)
        let got = inbox.wait(count: 3)
        #expect(got.map(\.text) == ["H56.22-2611-000123", "079056001234||Nguyễn Văn Ánh|15031950|Nam|X|01012021", nil])
        #expect(got.last?.problem?.contains("UTF-8") == true)
        #expect(got.allSatisfy { $0.role == "scanner-0" && $0.devnode == pty.slavePath })
        try await Task.sleep(for: .milliseconds(100))
        let h = try #require(await registry.get("scanner-0"))
        #expect(h.frames == 3 && h.errors == 1)

        await driver.detach()
        try? pty.master.writeAll(Array("AFTER-DETACH\n".utf8), stallTimeoutMs: 200)
        try await Task.sleep(for: .milliseconds(300))
        #expect(inbox.wait(count: 4, seconds: 0.2).count == 3)
    }

    @Test func aMissingNodeIsATypedHealthError() async throws {
        let registry = DeviceRegistry()
        await registry.register(DeviceHealth(role: "s", kind: "scanner", matcher: "x"))
        let driver = ScannerDriver(role: "s", registry: registry) { _ in }
        await driver.attach(devnode: "/dev/ttyACM-does-not-exist")
        let h = try #require(await registry.get("s"))
        #expect(
            h.state == .error && h.condition == "not-opened" && h.lastError?.contains("ENOENT") == true
                || h.lastError?.contains("No such file") == true)
    }
}
