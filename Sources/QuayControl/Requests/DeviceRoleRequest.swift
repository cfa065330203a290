import QuayCore

/// `device-test` and `device-identify`: the device `role`; a scanner test waits `args.timeout` seconds
/// (1–300, default 30) for a scan.
public struct DeviceRoleRequest: OpRequest, Equatable {
    public var role: String
    public var timeout: Int

    public init(role: String, timeout: Int = 30) {
        self.role = role
        self.timeout = timeout
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(role: try f.required(r.role, "role"), timeout: try f.int(\.timeout, "timeout", in: 1...300, default: 30))
    }

    public var subject: AuditSubject { AuditSubject(device: role) }
}
