import QuayDevices

/// Device bindings. Each device has a role name, a kind and a matcher (docs/configuration.md).
public struct DevicesConfig: Sendable {
    public struct Printer: Sendable, Equatable {
        public var role: String
        /// Device node (/dev/usb/lp0, /dev/ttyUSB0) or a udev matcher string.
        public var match: String
        public var profile: String
        public var baud: Int?
        public var flow: String?
        /// Kiosk whose tickets this printer prints ("" = default printer).
        public var kiosk: String?
    }
    public struct BoardBus: Sendable, Equatable {
        public var role: String
        public var match: String
        public var baud: Int
        /// Counter id → Modbus address.
        public var boards: [String: Int]
        public var model: String
    }
    public var printers: [Printer] = []
    /// Printer models added by the center (`[[printer_profile]]`), beside the built-in ones.
    public var printerProfiles: [PrinterProfile] = []

    /// A built-in or configured profile by name.
    public func profile(named name: String) -> PrinterProfile? {
        printerProfiles.first { $0.name == name } ?? PrinterProfile.named(name)
    }
    public var boardBuses: [BoardBus] = []
    /// Alpha Sign hall board(s): role, match, baud.
    public var hallSigns: [BoardBus] = []
}
