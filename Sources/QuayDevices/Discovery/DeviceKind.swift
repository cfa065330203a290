/// What a role drives; decides which device nodes can serve it.
public enum DeviceKind: String, Sendable, Codable, CaseIterable {
    case printer, board, alphasign, scanner, keypad

    /// How well `d` suits this kind of driver: 0 is best, nil means the driver cannot open it.
    /// A printer prefers usblp (/dev/usb/lp*), then a serial port, then the raw usb_device (libusb bulk);
    /// boards and signs need a serial port; scanners and keypads prefer evdev, then CDC-ACM serial, then hidraw.
    public func rank(_ d: UdevDevice) -> Int? {
        guard d.devnode != nil else { return nil }
        let node: NodeType
        switch d.subsystem {
        case "usbmisc": node = .usbLp
        case "tty": node = .serial
        case "input" where d.sysname.hasPrefix("event"): node = .evdev
        case "hidraw": node = .hidraw
        case "usb" where d.devtype == "usb_device": node = .usbDevice
        default: return nil
        }
        switch (self, node) {
        case (.printer, .usbLp): return 0
        case (.printer, .serial): return 1
        case (.printer, .usbDevice): return 2
        case (.board, .serial), (.alphasign, .serial): return 0
        case (.scanner, .evdev), (.keypad, .evdev): return 0
        case (.scanner, .serial), (.keypad, .serial): return 1
        case (.scanner, .hidraw), (.keypad, .hidraw): return 2
        default: return nil
        }
    }

    private enum NodeType { case usbLp, serial, evdev, hidraw, usbDevice }
}
