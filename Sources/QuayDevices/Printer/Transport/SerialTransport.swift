import Foundation
import QuaySystem

/// A printer on a serial line (RS-232, USB-serial bridge, CDC-ACM) configured 8N1 with RTS/CTS or XON/XOFF.
/// Termios is applied through `QuaySystem.SerialPort`; a node that refuses termios (umockdev) is used as is.
public final class SerialTransport: PrinterTransport {
    public let path: String
    public let configuration: SerialPort.Configuration
    private let box = DescriptorBox()
    private let portLock = NSLock()
    nonisolated(unsafe) private var port: SerialPort?

    /// `baud` must be one of 9600, 19200, 38400, 115200 (others Linux supports are accepted too).
    public init(path: String, baud: Int = 9600, flowControl: SerialPort.FlowControl = .rtscts) {
        self.path = path
        self.configuration = SerialPort.Configuration(baud: baud, dataBits: 8, parity: .none, stopBits: 1, flowControl: flowControl)
    }

    public var name: String { "\(path)@\(configuration.baud)" }
    public var isOpen: Bool { box.current != nil }

    public func open() throws(PrinterIOError) {
        if isOpen { return }
        let p: SerialPort
        do { p = try SerialPort.open(path, configuration, nonBlocking: true) } catch { throw PrinterIOError.from(error) }
        // Whatever a previous session left queued (a half-sent stalled ticket, stale replies) is dropped.
        try? p.flush(.both)
        portLock.lock()
        port = p
        portLock.unlock()
        box.set(p.fd)
    }

    public func close() {
        portLock.lock()
        port = nil
        portLock.unlock()
        box.set(nil)
    }

    public func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        try box.with { fd throws(PrinterIOError) in try DescriptorIO.write(fd, bytes, stallTimeoutMs: stallTimeoutMs) }
    }

    public func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        try box.with { fd throws(PrinterIOError) in try DescriptorIO.read(fd, max: max, timeoutMs: timeoutMs) }
    }

    public func discardInput() {
        portLock.lock()
        let p = port
        portLock.unlock()
        if let p, p.termiosApplied { try? p.flush(.input) } else { DescriptorIO.discard(box.current) }
    }
}
