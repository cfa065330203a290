/// What happened to a device, as libudev reports it ("add", "remove", "change", ...). Enumerated devices
/// carry `.present`.
public enum UdevAction: String, Sendable, Codable, Equatable {
    case present
    case add
    case remove
    case change
    case bind
    case unbind
    case move
    case online
    case offline

    /// Unknown action strings from a future kernel are treated as `change`.
    public init(udev string: String?) {
        guard let string else {
            self = .present
            return
        }
        self = UdevAction(rawValue: string) ?? .change
    }
}

/// A Sendable snapshot of one udev device, taken while the libudev handle was alive. Nothing here points
/// back into libudev, so it can cross actors and be kept after the device is gone.
public struct UdevDevice: Sendable, Codable, Equatable, Hashable {
    /// Kernel path, e.g. "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/usbmisc/lp0".
    public var syspath: String
    /// "usb", "usbmisc", "tty", "input", "hidraw", ...
    public var subsystem: String
    /// "usb_device", "usb_interface", ... or nil.
    public var devtype: String?
    /// Device node, e.g. "/dev/usb/lp0"; nil for devices without a node (usb_interface, input0).
    public var devnode: String?
    public var action: UdevAction
    /// All udev properties (ID_PATH, ID_SERIAL, ID_VENDOR_ID, ID_MODEL_ID, DEVNAME, DEVLINKS, ...).
    public var properties: [String: String]
    /// bInterfaceClass of the device itself (usb_interface) or of its nearest usb_interface parent, hex "07".
    public var interfaceClass: String?
    /// bInterfaceSubClass, hex "01".
    public var interfaceSubClass: String?

    public init(
        syspath: String, subsystem: String, devtype: String? = nil, devnode: String? = nil,
        action: UdevAction = .present, properties: [String: String] = [:],
        interfaceClass: String? = nil, interfaceSubClass: String? = nil
    ) {
        self.syspath = syspath
        self.subsystem = subsystem
        self.devtype = devtype
        self.devnode = devnode
        self.action = action
        self.properties = properties
        self.interfaceClass = interfaceClass
        self.interfaceSubClass = interfaceSubClass
    }

    public var idPath: String? { properties["ID_PATH"] }
    public var idSerial: String? { properties["ID_SERIAL"] }
    public var vendorID: String? { properties["ID_VENDOR_ID"] }
    public var modelID: String? { properties["ID_MODEL_ID"] }
    /// "07/01" when both interface class and subclass are known.
    public var interfaceClassPair: String? {
        guard let c = interfaceClass else { return nil }
        return interfaceSubClass.map { "\(c)/\($0)" } ?? c
    }
    /// Last path component of the syspath ("lp0", "ttyUSB0", "event0").
    public var sysname: String { String(syspath.split(separator: "/").last ?? "") }
}
