import QuayCore

/// `issue`: a ticket for `service`, in `language` (vi when absent), with an optional priority class, printed
/// on the printer of `args.kiosk` (or the default printer). `args.idempotencyKey`: a retry with the same key gets
/// the same ticket; `args.follow`: also make the ticket's "my ticket" page token.
public struct IssueRequest: OpRequest, Equatable {
    public var service: String
    public var language: Language
    public var priority: String?
    public var kiosk: String?
    /// 8-64 characters of A-Z a-z 0-9 - _ (checked by `init(wire:)` and by the op for in-process callers).
    public var idempotencyKey: String?
    public var follow: Bool

    public init(
        service: String, language: Language = .vi, priority: String? = nil, kiosk: String? = nil, idempotencyKey: String? = nil,
        follow: Bool = false
    ) {
        self.service = service
        self.language = language
        self.priority = priority
        self.kiosk = kiosk
        self.idempotencyKey = idempotencyKey
        self.follow = follow
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let key = r.args?.idempotencyKey
        if let key, !Self.isValidKey(key) { throw .invalidField("args.idempotencyKey", "8 to 64 characters of A-Z a-z 0-9 - _") }
        self.init(
            service: try f.required(r.service, "service"), language: try f.language, priority: r.priority, kiosk: f[\.kiosk],
            idempotencyKey: key, follow: r.args?.follow ?? false)
    }

    /// A key a client may send: 8 to 64 characters of A-Z a-z 0-9 '-' '_' (a UUID fits).
    public static func isValidKey(_ key: String) -> Bool {
        (8...64).contains(key.utf8.count)
            && key.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }

    public var subject: AuditSubject { AuditSubject(device: kiosk) }
}
