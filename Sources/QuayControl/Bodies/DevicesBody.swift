/// `devices`: health of every configured role and, on request, the present devices no role uses.
public struct DevicesBody: Codable, Sendable, Equatable {
    public var devices: [DeviceHealthView]
    /// With `"args":{"unassigned":true}`: present devices no role uses, with matchers to paste.
    public var unassigned: [UnassignedDeviceView]?

    public init(devices: [DeviceHealthView], unassigned: [UnassignedDeviceView]? = nil) {
        self.devices = devices
        self.unassigned = unassigned
    }
}
