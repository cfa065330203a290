import Foundation
import Testing
@testable import QuayDevices
import QuaySystem

/// Writes through a FIFO (64 KiB kernel buffer) exercise partial writes, EAGAIN and the stall timeout with
/// real syscalls.
@Suite("Transport writes: partial, EAGAIN, stall")
struct PrinterPartialWriteTests {
    static func fifo() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quay-fifo-\(UUID().uuidString.prefix(8))").path
        #expect(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test func slowReaderGetsEveryByteInOrder() throws {
        let path = try Self.fifo()
        defer { unlink(path) }
        let t = UsbLpTransport(path: path)
        try t.open()
        defer { t.close() }
        let reader = try FileDescriptor.open(path, [.readOnly, .nonBlocking])
        defer { reader.close() }
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let received = LockedBytes()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // Small reads with pauses so the writer keeps hitting a full pipe.
            while received.count < payload.count {
                if let chunk = try? reader.read(upTo: 7000), !chunk.isEmpty { received.append(chunk) }
                usleep(1000)
            }
            done.signal()
        }
        try t.write(payload, stallTimeoutMs: 2000)
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(received.bytes == payload)
    }

    @Test func nobodyReadingIsAStallNotAHang() throws {
        let path = try Self.fifo()
        defer { unlink(path) }
        let t = UsbLpTransport(path: path)
        try t.open()
        defer { t.close() }
        let start = monotonicNanos()
        do {
            try t.write([UInt8](repeating: 0x55, count: 200_000), stallTimeoutMs: 300)
            Issue.record("write into a full pipe succeeded")
        } catch {
            guard case .stalled(let written) = error else {
                Issue.record("expected stall, got \(error)")
                return
            }
            #expect(written > 0 && written < 200_000)
        }
        // Bounded (300 ms stall timeout); the generous limit only proves it does not hang on a loaded machine.
        #expect((monotonicNanos() - start) / 1_000_000 < 10_000)
    }

    @Test func missingNodeIsNotFound() {
        let t = UsbLpTransport(path: "/nonexistent/usb/lp9")
        #expect(throws: PrinterIOError.self) { try t.open() }
        do { try t.open() } catch { #expect(PrinterError.from(error) == .disconnected) }
    }
}

final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [UInt8] = []
    func append(_ b: [UInt8]) {
        lock.lock()
        data += b
        lock.unlock()
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return data.count
    }
    var bytes: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
