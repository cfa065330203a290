/// A device no role uses, with the matchers a technician can paste into quayd.toml to bind it.
public struct UnassignedDevice: Sendable, Codable, Equatable {
    public var device: UdevDevice
    /// Most stable first: "id_path=...", "serial=...", "vidpid=...", "class=...", "devname=...".
    public var suggestions: [String]
    /// Kinds whose drivers can open this node ("printer", "scanner"...).
    public var usableAs: [String]

    public init(device: UdevDevice) {
        self.device = device
        suggestions = DeviceMatcher.suggestions(for: device).map(\.description)
        usableAs = DeviceKind.allCases.filter { $0.rank(device) != nil }.map(\.rawValue)
    }
}
