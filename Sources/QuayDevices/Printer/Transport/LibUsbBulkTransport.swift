import CLibUSB
import Foundation

/// A USB printer-class device (interface class 07) driven directly with libusb bulk transfers, for systems
/// without the usblp driver (or where usblp is blacklisted). Debug output: set `LIBUSB_DEBUG=4` in the
/// environment (libusb_set_option is variadic and not callable from Swift).
public final class LibUsbBulkTransport: PrinterTransport, @unchecked Sendable {
    public enum Selector: Sendable, Equatable {
        case vidPid(UInt16, UInt16)
        case busAddress(bus: UInt8, address: UInt8)
    }

    public let selector: Selector
    private let lock = NSLock()
    private var ctx: OpaquePointer?
    private var handle: OpaquePointer?
    private var interface: Int32 = 0
    private var epOut: UInt8 = 0
    private var epIn: UInt8?
    private var detachedKernelDriver = false

    public init(_ selector: Selector) { self.selector = selector }

    public var name: String {
        switch selector {
        case .vidPid(let v, let p): return String(format: "usb %04x:%04x", v, p)
        case .busAddress(let b, let a): return String(format: "usb bus %03d addr %03d", b, a)
        }
    }

    public var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return handle != nil
    }

    public func open() throws(PrinterIOError) {
        lock.lock()
        defer { lock.unlock() }
        if handle != nil { return }
        if ctx == nil {
            var c: OpaquePointer?
            let r = libusb_init(&c)
            guard r == 0, let c else { throw .failed("libusb_init: \(Self.errorName(r))") }
            ctx = c
        }
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let n = libusb_get_device_list(ctx, &list)
        guard n >= 0, let list else { throw .failed("libusb_get_device_list: \(Self.errorName(Int32(n)))") }
        defer { libusb_free_device_list(list, 1) }
        var chosen: (OpaquePointer, Int32, UInt8, UInt8?)?
        for i in 0..<Int(n) {
            guard let dev = list[i], matches(dev), let found = Self.printerInterface(dev) else { continue }
            chosen = (dev, found.0, found.1, found.2)
            break
        }
        guard let (dev, iface, outEP, inEP) = chosen else { throw .notFound(name) }
        var h: OpaquePointer?
        let r = libusb_open(dev, &h)
        guard r == 0, let h else { throw Self.ioError("libusb_open", r) }
        // usblp owns the interface on most systems: detach it only if it is really bound.
        if libusb_kernel_driver_active(h, iface) == 1 {
            let d = libusb_detach_kernel_driver(h, iface)
            guard d == 0 else {
                libusb_close(h)
                throw Self.ioError("libusb_detach_kernel_driver", d)
            }
            detachedKernelDriver = true
        }
        let c = libusb_claim_interface(h, iface)
        guard c == 0 else {
            libusb_close(h)
            throw Self.ioError("libusb_claim_interface", c)
        }
        handle = h
        interface = iface
        epOut = outEP
        epIn = inEP
    }

    public func close() {
        lock.lock()
        defer { lock.unlock() }
        closeLocked()
    }

    private func closeLocked() {
        guard let h = handle else { return }
        libusb_release_interface(h, interface)
        if detachedKernelDriver { libusb_attach_kernel_driver(h, interface) }
        libusb_close(h)
        handle = nil
        detachedKernelDriver = false
    }

    deinit {
        closeLocked()
        if let ctx { libusb_exit(ctx) }
    }

    public func write(_ bytes: [UInt8], stallTimeoutMs: Int32) throws(PrinterIOError) {
        lock.lock()
        defer { lock.unlock() }
        guard let h = handle else { throw .disconnected("not open") }
        var offset = 0
        var clearedHalt = false
        while offset < bytes.count {
            let chunk = min(16384, bytes.count - offset)
            var done: Int32 = 0
            let r = bytes.withUnsafeBufferPointer { buf -> Int32 in
                guard let base = buf.baseAddress else { return LIBUSB_ERROR_INVALID_PARAM.rawValue }
                let p = UnsafeMutablePointer(mutating: base + offset)
                return libusb_bulk_transfer(h, epOut, p, Int32(chunk), &done, UInt32(max(1, stallTimeoutMs)))
            }
            offset += Int(done)
            if r == 0 { continue }
            if r == LIBUSB_ERROR_TIMEOUT.rawValue {
                if done > 0 { continue }  // progress: keep going
                throw .stalled(written: offset)
            }
            if r == LIBUSB_ERROR_PIPE.rawValue, !clearedHalt {
                clearedHalt = true
                libusb_clear_halt(h, epOut)
                continue
            }
            if r == LIBUSB_ERROR_NO_DEVICE.rawValue { closeLocked() }
            throw Self.ioError("libusb_bulk_transfer", r)
        }
    }

    public func read(max: Int, timeoutMs: Int32) throws(PrinterIOError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        guard let h = handle else { throw .disconnected("not open") }
        guard let ep = epIn else { return [] }
        var buf = [UInt8](repeating: 0, count: Swift.max(64, max))
        var got: Int32 = 0
        let r = buf.withUnsafeMutableBufferPointer { b in
            libusb_bulk_transfer(h, ep, b.baseAddress, Int32(b.count), &got, UInt32(Swift.max(1, timeoutMs)))
        }
        if r == 0 || r == LIBUSB_ERROR_TIMEOUT.rawValue { return Array(buf.prefix(Int(got))) }
        if r == LIBUSB_ERROR_NO_DEVICE.rawValue { closeLocked() }
        throw Self.ioError("libusb_bulk_transfer(in)", r)
    }

    public func discardInput() {
        while let got = try? read(max: 64, timeoutMs: 1), !got.isEmpty {}
    }

    private func matches(_ dev: OpaquePointer) -> Bool {
        switch selector {
        case .busAddress(let bus, let addr):
            return libusb_get_bus_number(dev) == bus && libusb_get_device_address(dev) == addr
        case .vidPid(let v, let p):
            var d = libusb_device_descriptor()
            guard libusb_get_device_descriptor(dev, &d) == 0 else { return false }
            return d.idVendor == v && d.idProduct == p
        }
    }

    /// First interface of class 07 (printer) with a bulk OUT endpoint: (number, OUT address, IN address?).
    static func printerInterface(_ dev: OpaquePointer) -> (Int32, UInt8, UInt8?)? {
        var cfg: UnsafeMutablePointer<libusb_config_descriptor>?
        guard libusb_get_active_config_descriptor(dev, &cfg) == 0 || libusb_get_config_descriptor(dev, 0, &cfg) == 0,
            let cfg
        else { return nil }
        defer { libusb_free_config_descriptor(cfg) }
        for i in 0..<Int(cfg.pointee.bNumInterfaces) {
            guard let ifc = cfg.pointee.interface?[i], ifc.num_altsetting > 0, let alt = ifc.altsetting?[0] else { continue }
            guard alt.bInterfaceClass == UInt8(LIBUSB_CLASS_PRINTER.rawValue) else { continue }
            var out: UInt8?, inp: UInt8?
            for e in 0..<Int(alt.bNumEndpoints) {
                guard let ep = alt.endpoint?[e] else { continue }
                guard ep.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                if ep.bEndpointAddress & 0x80 != 0 { inp = inp ?? ep.bEndpointAddress } else { out = out ?? ep.bEndpointAddress }
            }
            if let out { return (Int32(alt.bInterfaceNumber), out, inp) }
        }
        return nil
    }

    static func errorName(_ r: Int32) -> String { String(cString: libusb_error_name(r)) }

    static func ioError(_ call: String, _ r: Int32) -> PrinterIOError {
        let text = "\(call): \(errorName(r))"
        switch r {
        case LIBUSB_ERROR_NO_DEVICE.rawValue: return .disconnected(text)
        case LIBUSB_ERROR_NOT_FOUND.rawValue: return .notFound(text)
        case LIBUSB_ERROR_TIMEOUT.rawValue: return .stalled(written: 0)
        default: return .failed(text)
        }
    }
}
