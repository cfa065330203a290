import QuayCore

/// Ops that read no field: ping, version, config, counters, stats, i18n-status, reload, sync-status, sync-now.
public struct EmptyRequest: OpRequest, Equatable {
    public init() {}
    public init(wire r: Request) throws(ControlError) {}
    public var subject: AuditSubject { AuditSubject() }
}
