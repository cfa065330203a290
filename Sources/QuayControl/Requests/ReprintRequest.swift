import QuayCore

/// `reprint`: `ticket` (id or today's number) again, on the printer of `args.kiosk` or the default.
public struct ReprintRequest: OpRequest, Equatable {
    public var ticket: String
    public var kiosk: String?

    public init(ticket: String, kiosk: String? = nil) {
        self.ticket = ticket
        self.kiosk = kiosk
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(ticket: try f.required(r.ticket, "ticket"), kiosk: f[\.kiosk])
    }

    public var subject: AuditSubject { AuditSubject(ticket: ticket, device: kiosk) }
}
