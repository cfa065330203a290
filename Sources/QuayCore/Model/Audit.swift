/// Who changed state, through which door: the actor of an audit-trail row (docs/protocol.md, "Audit trail").
///
/// `source` names the kind of door and `sourceRef` which one of its kind, so later doors fit without a schema
/// change: "socket" (uid and pid from SO_PEERCRED), "keypad" and "scanner" (their role in quayd.toml), "demo";
/// later "web" (`sourceRef` the web user) and "sync" (`sourceRef` the peer site).
public struct AuditActor: Sendable, Equatable {
    public var source: String
    public var sourceRef: String?
    /// The peer's uid and pid, for socket peers.
    public var uid: Int64?
    public var pid: Int64?
    /// The role the op was authorized with.
    public var role: String
    /// The counter the caller acted for: the one the request named, else the only counter the caller may act for.
    public var counter: String?

    public init(source: String, sourceRef: String? = nil, uid: Int64? = nil, pid: Int64? = nil, role: String, counter: String? = nil) {
        self.source = source
        self.sourceRef = sourceRef
        self.uid = uid
        self.pid = pid
        self.role = role
        self.counter = counter
    }
}

/// What an op acted on. Queue ops get it from their events (`from(_:)`); other ops set it on `Mutation.audit`
/// or the dispatcher takes it from the request.
public struct AuditSubject: Sendable, Equatable {
    public var ticket: String?
    public var number: String?
    public var counter: String?
    public var dossier: String?
    public var device: String?
    /// Short, e.g. "service=datdai counter=q3" for a transfer.
    public var detail: String?

    public init(
        ticket: String? = nil, number: String? = nil, counter: String? = nil, dossier: String? = nil,
        device: String? = nil, detail: String? = nil
    ) {
        self.ticket = ticket
        self.number = number
        self.counter = counter
        self.dossier = dossier
        self.device = device
        self.detail = detail
    }

    /// The subject of a queue change: the last ticket event (its ticket, number, counter and detail), else the
    /// last event (a counter state change).
    public static func from(_ events: [QueueEvent]) -> AuditSubject? {
        guard let e = events.last(where: { $0.ticket != nil }) ?? events.last else { return nil }
        var detail = e.detail
        if e.kind == .issued, let s = e.service { detail = "service=\(s)" + (detail.map { " " + $0 } ?? "") }
        if e.kind == .counter, let d = e.detail { detail = "state=\(d)" }
        return AuditSubject(ticket: e.ticket, number: e.number, counter: e.counter, detail: detail)
    }
}

/// One row of the audit trail: who (`actor`) did what (`op`) to what (`subject`), when, and how it ended
/// (`outcome`: "ok", or the error code of a device op that failed). The subject's counter defaults to the
/// counter the actor acted for, so one indexed column answers "what happened at counter q2".
public struct AuditEntry: Sendable, Equatable {
    /// Assigned by the store (0 before).
    public var seq: Int64
    public var at: Double
    public var op: String
    public var actor: AuditActor
    public var subject: AuditSubject
    public var outcome: String

    public init(seq: Int64 = 0, at: Double, op: String, actor: AuditActor, subject: AuditSubject = AuditSubject(), outcome: String = "ok") {
        self.seq = seq
        self.at = at
        self.op = op
        self.actor = actor
        var subject = subject
        if subject.counter == nil { subject.counter = actor.counter }
        self.subject = subject
        self.outcome = outcome
    }
}

/// Audit-trail rows that are not ops of the op table (their `op` column): what the web pages record about accounts.
public enum AuditEvent {
    /// A web sign-in: outcome `ok`, `refused` (wrong password, unknown or disabled name: the detail says which),
    /// `locked` (the account is locked), or `busy` (the global sign-in throttle refused it unchecked).
    public static let signIn = "sign-in"
    /// A web sign-out.
    public static let signOut = "sign-out"
}
