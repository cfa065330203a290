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
        /// Hall signs: also show the masked receipt codes whose result is ready (`results_ready = true`).
        public var resultsReady = false
    }
    public struct Scanner: Sendable, Equatable {
        public var role: String
        public var match: String
        /// Kiosk it belongs to: receipt scans issue return tickets printed on that kiosk's printer.
        public var kiosk: String?
        /// Serial scanners (CDC-ACM / RS-232).
        public var baud: Int
    }
    /// A clerk's counter keypad: its keys act for `counter`.
    public struct Keypad: Sendable, Equatable {
        public var role: String
        public var match: String
        public var counter: String
    }
    public var printers: [Printer] = []
    public var scanners: [Scanner] = []
    public var keypads: [Keypad] = []
    /// Printer models added by the center (`[[printer_profile]]`), beside the built-in ones.
    public var printerProfiles: [PrinterProfile] = []

    /// A built-in or configured profile by name.
    public func profile(named name: String) -> PrinterProfile? {
        printerProfiles.first { $0.name == name } ?? PrinterProfile.named(name)
    }
    public var boardBuses: [BoardBus] = []
    /// Board models added by the center (`[[board_model]]`), beside the built-in ones.
    public var boardModels: [BoardModel] = []

    /// A configured or built-in board model by name.
    public func boardModel(named name: String) -> BoardModel? {
        boardModels.first { $0.name == name } ?? BoardModel.preset(named: name)
    }
    /// Alpha Sign hall board(s): role, match, baud.
    public var hallSigns: [BoardBus] = []

    /// `[discovery]`: libudev enumeration + hotplug monitor (on by default; off where /sys or netlink are not
    /// available). Roles whose `match` is a matcher (`id_path=…`, `vidpid=…`, `class=…`, `serial=…`,
    /// `devname=…`) are bound through it; a bare path (a pty, /dev/ttyS0) is opened directly.
    public var discoveryEnabled = true
    public var settleMs = 200

    /// True when `match` is a udev matcher rather than a path to open directly.
    public static func isMatcher(_ match: String) -> Bool { match.contains("=") }

    /// Roles bound through discovery, in configuration order (printers, board buses, hall signs, scanners).
    public var bindings: [DeviceBinding] {
        var out: [DeviceBinding] = []
        for p in printers where Self.isMatcher(p.match) {
            if let b = try? DeviceBinding(role: p.role, kind: "printer", matcher: p.match) { out.append(b) }
        }
        for b in boardBuses where Self.isMatcher(b.match) {
            if let x = try? DeviceBinding(role: b.role, kind: "board", matcher: b.match) { out.append(x) }
        }
        for h in hallSigns where Self.isMatcher(h.match) {
            if let x = try? DeviceBinding(role: h.role, kind: "alphasign", matcher: h.match) { out.append(x) }
        }
        for s in scanners where Self.isMatcher(s.match) {
            if let x = try? DeviceBinding(role: s.role, kind: "scanner", matcher: s.match) { out.append(x) }
        }
        for k in keypads where Self.isMatcher(k.match) {
            if let x = try? DeviceBinding(role: k.role, kind: "keypad", matcher: k.match) { out.append(x) }
        }
        return out
    }
}
