import Foundation
import QuaySystem

/// A printer behind the kernel's usblp driver (`/dev/usb/lp*`). Opened read-write and non-blocking; reads
/// carry the printer's status replies on bidirectional (protocol 2) printers.
public final class UsbLpTransport: PrinterTransport {
    public let path: String
    private let box = DescriptorBox()

    public init(path: String) { self.path = path }

    public var name: String { path }
    public var isOpen: Bool { box.current != nil }

    public func open() throws(PrinterIOError) {
        if isOpen { return }
        do {
            box.set(try FileDescriptor.open(path, [.readWrite, .nonBlocking, .noControllingTerminal]))
        } catch {
            throw PrinterIOError.from(error)
        }
    }

    public func close() { box.set(nil) }

    public func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        try box.with { fd throws(PrinterIOError) in try DescriptorIO.write(fd, bytes, stallTimeoutMs: stallTimeoutMs) }
    }

    public func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        try box.with { fd throws(PrinterIOError) in try DescriptorIO.read(fd, max: max, timeoutMs: timeoutMs) }
    }

    public func discardInput() { DescriptorIO.discard(box.current) }

    /// IEEE 1284 status from the `LPGETSTATUS` ioctl, or nil when the node does not support it.
    /// Bits: 0x08 not-error (active low), 0x10 selected, 0x20 paper out.
    public func lpStatus() -> LpStatus? {
        guard let fd = box.current, let raw = try? fd.lpStatus() else { return nil }
        return LpStatus(raw: raw)
    }
}

/// Parallel-port style status that usblp synthesises from the USB printer class GET_PORT_STATUS request.
public struct LpStatus: Sendable, Equatable {
    public let raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
    public var paperOut: Bool { raw & 0x20 != 0 }
    public var selected: Bool { raw & 0x10 != 0 }
    public var error: Bool { raw & 0x08 == 0 }
    public var condition: PrinterCondition {
        if paperOut { return .paperOut }
        if error || !selected { return .offline }
        return .ready
    }
}
