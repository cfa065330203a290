import Foundation
import QuaySystem

/// Why talking to a printer failed at the transport level.
public enum PrinterIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The device node / USB device is not there (unplugged, wrong path).
    case notFound(String)
    /// The device went away during I/O (ENODEV, EIO, hangup, LIBUSB_ERROR_NO_DEVICE).
    case disconnected(String)
    /// The printer accepted `written` bytes and then nothing for the stall timeout (jam, flow control held).
    case stalled(written: Int)
    /// Permission denied, busy, or another error that is not about presence.
    case failed(String)

    public var description: String {
        switch self {
        case .notFound(let s): return "not found: \(s)"
        case .disconnected(let s): return "disconnected: \(s)"
        case .stalled(let w): return "stalled after \(w) bytes"
        case .failed(let s): return s
        }
    }

    /// Classifies a failed system call.
    public static func from(_ e: SystemError) -> PrinterIOError {
        if e.errno == ENOENT { return .notFound(e.description) }
        if e.isDisconnect || e.errno == EBADF { return .disconnected(e.description) }
        return .failed(e.description)
    }

    public static func from(_ e: WriteAllError) -> PrinterIOError {
        switch e {
        case .timedOut(let w): return .stalled(written: w)
        case .system(let s, _): return from(s)
        }
    }
}

/// A byte pipe to one printer. Calls block (bounded by their timeouts): the driver runs them on its own queue,
/// never on the Swift concurrency pool. Implementations are thread-safe and re-openable after a failure.
public protocol PrinterTransport: AnyObject, Sendable {
    /// Human-readable target, e.g. "/dev/usb/lp0" or "usb 0416:5011".
    var name: String { get }
    var isOpen: Bool { get }
    func open() throws(PrinterIOError)
    func close()
    /// Writes everything, failing with `.stalled` when no byte is accepted for `stallTimeoutMs`.
    func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError)
    /// Waits up to `timeoutMs` for input and returns what is available (empty on timeout).
    func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8]
    /// Drops input that is already waiting (stale status replies).
    func discardInput()
}

/// Shared by the file-descriptor transports: the open descriptor under a lock.
final class DescriptorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: FileDescriptor?

    func with<T>(_ body: (FileDescriptor?) throws(PrinterIOError) -> T) throws(PrinterIOError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(fd)
    }

    func set(_ new: FileDescriptor?) {
        lock.lock()
        defer { lock.unlock() }
        if let old = fd, old != new { old.close() }
        fd = new
    }

    var current: FileDescriptor? {
        lock.lock()
        defer { lock.unlock() }
        return fd
    }
}

/// Read and write helpers over a non-blocking descriptor, shared by `UsbLpTransport` and `SerialTransport`.
enum DescriptorIO {
    static func write(_ fd: FileDescriptor?, _ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        guard let fd else { throw .disconnected("not open") }
        do { try fd.writeAll(bytes, stallTimeoutMs: stallTimeoutMs) } catch { throw PrinterIOError.from(error) }
    }

    static func read(_ fd: FileDescriptor?, max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        guard let fd else { throw .disconnected("not open") }
        let deadline = monotonicNanos() + UInt64(Swift.max(0, timeoutMs)) * 1_000_000
        while true {
            let now = monotonicNanos()
            let left = now >= deadline ? 0 : Int32((deadline - now) / 1_000_000)
            let ev: Poll.Events
            do { ev = try Poll.wait(fd, for: .readable, timeoutMs: left) } catch { throw PrinterIOError.from(error) }
            if ev.isEmpty { return [] }
            if ev.contains(.invalid) { throw .disconnected("poll: invalid descriptor") }
            do {
                let got = try fd.read(upTo: max)
                if !got.isEmpty { return got }
                // EOF: a hung-up pty or a vanished device.
                if ev.contains(.hangup) || ev.contains(.error) { throw PrinterIOError.disconnected("hangup") }
                return []
            } catch let e as SystemError {
                if e.isWouldBlock {
                    if left == 0 { return [] }
                    continue
                }
                throw PrinterIOError.from(e)
            } catch let e as PrinterIOError {
                throw e
            } catch {
                throw .failed("\(error)")
            }
        }
    }

    static func discard(_ fd: FileDescriptor?) {
        guard let fd else { return }
        for _ in 0..<64 {
            guard let ev = try? Poll.wait(fd, for: .readable, timeoutMs: 0), ev.contains(.readable),
                let got = try? fd.read(upTo: 4096), !got.isEmpty
            else { return }
        }
    }
}
