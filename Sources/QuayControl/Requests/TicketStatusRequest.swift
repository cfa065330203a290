import QuayCore

/// `ticket-status`: the ticket whose follow token is `args.token` (the "my ticket" phone page).
public struct TicketStatusRequest: OpRequest, Equatable {
    public var token: String

    public init(token: String) { self.token = token }

    public init(wire r: Request) throws(ControlError) {
        self.init(token: try WireFields(r).required(\.token, "token"))
    }

    /// Nothing for the audit trail (the op changes nothing) and no counter scope.
    public var subject: AuditSubject { AuditSubject() }
}
