/// How printing a ticket went (`issue`, `reprint`, `issue-return`): `ok`, the printer role, and for a refusal the
/// `printer-*` code with staff and citizen texts.
public struct PrintOutcome: Codable, Sendable, Equatable {
    public var ok: Bool
    public var printer: String
    public var code: String?
    public var message: String?
    public var citizen: [String: String]?

    public init(ok: Bool, printer: String, code: String? = nil, message: String? = nil, citizen: [String: String]? = nil) {
        self.ok = ok
        self.printer = printer
        self.code = code
        self.message = message
        self.citizen = citizen
    }
}
