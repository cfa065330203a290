/// Health of one configured device role on the wire (`devices`, `watch` with `"devices":true`). quayd builds it
/// from QuayDevices' `DeviceHealth`, field for field, so clients need not link the drivers.
public struct DeviceHealthView: Codable, Sendable, Equatable {
    public var role: String
    /// "printer", "board", "alphasign", "scanner", "keypad".
    public var kind: String
    /// The configured matcher in readable form.
    public var matcher: String
    public var devnode: String?
    /// `absent`, `ready`, `fault`, `error`.
    public var state: String
    /// Short machine code of the current condition: "ready", "paper-out", "disconnected"…
    public var condition: String
    public var lastError: String?
    public var bytes: UInt64
    public var jobs: UInt64
    public var frames: UInt64
    public var errors: UInt64
    /// Seconds since the epoch of the last successful exchange.
    public var lastSeen: Double?

    public init(
        role: String, kind: String, matcher: String, devnode: String? = nil, state: String, condition: String,
        lastError: String? = nil, bytes: UInt64 = 0, jobs: UInt64 = 0, frames: UInt64 = 0, errors: UInt64 = 0,
        lastSeen: Double? = nil
    ) {
        self.role = role
        self.kind = kind
        self.matcher = matcher
        self.devnode = devnode
        self.state = state
        self.condition = condition
        self.lastError = lastError
        self.bytes = bytes
        self.jobs = jobs
        self.frames = frames
        self.errors = errors
        self.lastSeen = lastSeen
    }
}
