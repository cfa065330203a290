import QuayCore

/// `devices`: health of every configured role, with `args.unassigned` also the devices no role matched.
public struct DevicesRequest: OpRequest, Equatable {
    public var unassigned: Bool

    public init(unassigned: Bool = false) { self.unassigned = unassigned }

    public init(wire r: Request) throws(ControlError) { self.init(unassigned: r.args?.unassigned == true) }

    public var subject: AuditSubject { AuditSubject() }
}
