import QuaySystem

/// Picks the transport for a printer node: `/dev/usb/lp*` → usblp; `/dev/bus/usb/BBB/DDD` (the raw
/// usb_device discovery falls back to) or `usb:VVVV:PPPP` → libusb bulk; anything else (a tty, a pty) → serial.
public enum PrinterTransports {
    public static func make(
        node: String, baud: Int = 9600,
        flow: SerialPort.FlowControl = .rtscts
    ) -> any PrinterTransport {
        if node.hasPrefix("/dev/usb/lp") { return UsbLpTransport(path: node) }
        if node.hasPrefix("usb:") {
            let parts = node.dropFirst(4).split(separator: ":")
            if parts.count == 2, let v = UInt16(parts[0], radix: 16), let p = UInt16(parts[1], radix: 16) {
                return LibUsbBulkTransport(.vidPid(v, p))
            }
        }
        if node.hasPrefix("/dev/bus/usb/") {
            let parts = node.dropFirst("/dev/bus/usb/".count).split(separator: "/")
            if parts.count == 2, let bus = UInt8(parts[0]), let address = UInt8(parts[1]) {
                return LibUsbBulkTransport(.busAddress(bus: bus, address: address))
            }
        }
        return SerialTransport(path: node, baud: baud, flowControl: flow)
    }
}
