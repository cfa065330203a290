import QuayCore

/// `issue-return`: a return ticket for the receipt in `args.code` (scanned or typed).
public struct IssueReturnRequest: OpRequest, Equatable {
    public var code: String
    public var language: Language
    public var kiosk: String?

    public init(code: String, language: Language = .vi, kiosk: String? = nil) {
        self.code = code
        self.language = language
        self.kiosk = kiosk
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(code: try f.required(\.code, "code"), language: try f.language, kiosk: f[\.kiosk])
    }

    public var subject: AuditSubject { AuditSubject(device: kiosk) }
}
