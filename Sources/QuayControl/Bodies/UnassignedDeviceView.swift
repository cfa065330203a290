/// A present device no role uses (`devices` with `"args":{"unassigned":true}`), with matchers to paste into
/// quayd.toml. quayd builds it from QuayDevices' `UnassignedDevice`.
public struct UnassignedDeviceView: Codable, Sendable, Equatable {
    public var device: UdevDeviceView
    /// Most stable first: "id_path=...", "serial=...", "vidpid=...", "class=...", "devname=...".
    public var suggestions: [String]
    /// Kinds whose drivers can open this node ("printer", "scanner"...).
    public var usableAs: [String]

    public init(device: UdevDeviceView, suggestions: [String], usableAs: [String]) {
        self.device = device
        self.suggestions = suggestions
        self.usableAs = usableAs
    }
}

/// A udev device as `devices --unassigned` shows it (QuayDevices' `UdevDevice`, field for field).
public struct UdevDeviceView: Codable, Sendable, Equatable {
    public var syspath: String
    public var subsystem: String
    public var devtype: String?
    public var devnode: String?
    /// `present`, `add`, `remove`, `change`…
    public var action: String
    /// udev properties (ID_PATH, ID_SERIAL, ID_VENDOR_ID, ID_MODEL_ID, DEVNAME…).
    public var properties: [String: String]
    public var interfaceClass: String?
    public var interfaceSubClass: String?

    public init(
        syspath: String, subsystem: String, devtype: String? = nil, devnode: String? = nil, action: String = "present",
        properties: [String: String] = [:], interfaceClass: String? = nil, interfaceSubClass: String? = nil
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
}
