import QuayCore

/// An op's request, typed. Each op in `OpCatalog` names its request type; the dispatcher builds it from the wire
/// `Request` after the caller's role was checked (every field the op reads is checked here: missing, invalid,
/// out of range are typed errors naming the field), and in-process callers (keypads, scanners, the demo, web
/// pages) build it directly, with no JSON in between.
public protocol OpRequest: Sendable {
    /// Reads and checks the op's fields of a wire request.
    init(wire r: Request) throws(ControlError)
    /// What the request names: `counter` is the one a restricted clerk's scope is checked against (`OpSpec.scope`);
    /// ticket, dossier and device go to the audit trail. Declared by every request type (no default), so a new
    /// op cannot forget the counter it acts for.
    var subject: AuditSubject { get }
}
