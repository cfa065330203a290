/// What a device role is doing right now, as a technician sees it in `quayctl devices`.
public enum DeviceState: String, Sendable, Codable, Equatable {
    /// Configured but no matching device node is present.
    case absent
    /// Present and opened; last operation succeeded.
    case ready
    /// Present but in a fault the hardware reports (paper out, cover open, board not answering...).
    case fault
    /// Present but not opened (permission, busy) or transport error; retried.
    case error
}

/// Health of one configured device role (printer-0, board-3, scanner-kiosk1...).
public struct DeviceHealth: Sendable, Codable, Equatable {
    public var role: String
    /// "printer", "board", "alphasign", "scanner", "keypad".
    public var kind: String
    /// The configured matcher in readable form, e.g. "ID_PATH=pci-0000:00:14.0-usb-0:2:1.0".
    public var matcher: String
    public var devnode: String?
    public var state: DeviceState
    /// Short machine code of the current condition: "ready", "paper-out", "paper-near-end", "cover-open",
    /// "offline", "disconnected", "timeout", "crc-error"...
    public var condition: String
    public var lastError: String?
    public var bytes: UInt64 = 0
    public var jobs: UInt64 = 0
    public var frames: UInt64 = 0
    public var errors: UInt64 = 0
    /// Seconds since the epoch of the last successful exchange.
    public var lastSeen: Double?

    public init(
        role: String, kind: String, matcher: String, devnode: String? = nil,
        state: DeviceState = .absent, condition: String = "absent", lastError: String? = nil
    ) {
        self.role = role
        self.kind = kind
        self.matcher = matcher
        self.devnode = devnode
        self.state = state
        self.condition = condition
        self.lastError = lastError
    }
}
