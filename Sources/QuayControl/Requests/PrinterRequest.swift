import QuayCore

/// `print-test` and `preview`: a sample ticket on printer `role` (the default printer when absent), in
/// `language`, with a priority mark when `priority` is named.
public struct PrinterRequest: OpRequest, Equatable {
    public var role: String?
    public var language: Language
    public var priority: String?

    public init(role: String? = nil, language: Language = .vi, priority: String? = nil) {
        self.role = role
        self.language = language
        self.priority = priority
    }

    public init(wire r: Request) throws(ControlError) {
        self.init(role: r.role.flatMap { $0.isEmpty ? nil : $0 }, language: try WireFields(r).language, priority: r.priority)
    }

    public var subject: AuditSubject { AuditSubject(device: role) }
}
