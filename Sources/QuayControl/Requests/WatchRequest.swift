import QuayCore

/// `watch`: queue events, and with `devices` (staff only) device health changes, with `args.scans` scans.
public struct WatchRequest: OpRequest, Equatable {
    public var devices: Bool
    public var scans: Bool

    public init(devices: Bool = false, scans: Bool = false) {
        self.devices = devices
        self.scans = scans
    }

    public init(wire r: Request) throws(ControlError) {
        self.init(devices: r.devices == true, scans: r.args?.scans == true)
    }

    public var subject: AuditSubject { AuditSubject() }
}
