import QuayCore

/// `issue`: a ticket for `service`, in `language` (vi when absent), with an optional priority class, printed
/// on the printer of `args.kiosk` (or the default printer).
public struct IssueRequest: OpRequest, Equatable {
    public var service: String
    public var language: Language
    public var priority: String?
    public var kiosk: String?

    public init(service: String, language: Language = .vi, priority: String? = nil, kiosk: String? = nil) {
        self.service = service
        self.language = language
        self.priority = priority
        self.kiosk = kiosk
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(service: try f.required(r.service, "service"), language: try f.language, priority: r.priority, kiosk: f[\.kiosk])
    }

    public var subject: AuditSubject { AuditSubject(device: kiosk) }
}
