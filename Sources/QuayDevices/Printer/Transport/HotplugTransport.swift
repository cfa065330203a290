import Foundation
import QuaySystem

/// A printer transport whose device comes and goes: `DeviceManager` attaches it to the node it found (usblp,
/// a USB-serial tty, or the raw usb_device for libusb) and detaches it on removal. While detached every call
/// fails with `.notFound`, so the printer reads as disconnected and a kiosk issue is refused with the
/// "printer not connected" text instead of taking a number it cannot print. `inner` is only touched under `lock`.
public final class HotplugTransport: PrinterTransport, DeviceAttachable, @unchecked Sendable {
    /// Builds the concrete transport for a node.
    public typealias Factory = @Sendable (String) -> any PrinterTransport

    private let lock = NSLock()
    private var inner: (any PrinterTransport)?
    private let factory: Factory
    private let label: String

    /// - Parameter label: shown while no device is attached (the configured matcher).
    public init(label: String, factory: @escaping Factory = { PrinterTransports.make(node: $0) }) {
        self.label = label
        self.factory = factory
    }

    private var current: (any PrinterTransport)? { lock.withLock { inner } }

    /// Puts `new` in place and returns what was there.
    private func swap(_ new: (any PrinterTransport)?) -> (any PrinterTransport)? {
        lock.withLock {
            let old = inner
            inner = new
            return old
        }
    }

    /// The node the printer is attached to, nil while unplugged.
    public var attachedName: String? { current?.name }

    // MARK: DeviceAttachable

    public func attach(devnode: String) async {
        swap(factory(devnode))?.close()
    }

    public func detach() async {
        swap(nil)?.close()
    }

    // MARK: PrinterTransport

    public var name: String { current?.name ?? label }
    public var isOpen: Bool { current?.isOpen ?? false }

    public func open() throws(PrinterIOError) {
        guard let t = current else { throw .notFound("no device matching \(label) is plugged in") }
        // Between an unplug and the manager's detach (the settle window) the node is already gone: answer
        // "not found" from a stat instead of attempting open() on it for every kiosk request. (It also spares
        // umockdev 0.17's preload, which leaks a descriptor for every failed open of a removed node.)
        if !t.isOpen, t.name.hasPrefix("/dev/"), (try? FilesystemProbe.exists(t.name)) != true {
            throw .notFound("\(t.name) is gone (unplugged)")
        }
        try t.open()
    }

    public func close() { current?.close() }

    public func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        guard let t = current else { throw .disconnected("\(label) unplugged") }
        try t.write(bytes, stallTimeoutMs: stallTimeoutMs)
    }

    public func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        guard let t = current else { throw .disconnected("\(label) unplugged") }
        return try t.read(max: max, timeoutMs: timeoutMs)
    }

    public func discardInput() { current?.discardInput() }
}
