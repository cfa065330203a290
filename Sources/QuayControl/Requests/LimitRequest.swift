import QuayCore

/// Ops that read one page size, `args.limit`: queue (1–10,000, default 500), results-ready (1–500, default 50),
/// dossier-outbox (1–1,000, default 100). The range is the op's: each op names its own type below.
public protocol LimitRequest: OpRequest {
    static var limits: ClosedRange<Int> { get }
    static var defaultLimit: Int { get }
    var limit: Int { get }
    init(limit: Int)
}

extension LimitRequest {
    public init(wire r: Request) throws(ControlError) {
        self.init(limit: try WireFields(r).int(\.limit, "limit", in: Self.limits, default: Self.defaultLimit))
    }
    public var subject: AuditSubject { AuditSubject() }
}
