import QuayCore

/// The reply of `history` (docs/protocol.md): audit-trail rows, oldest first. quayd encodes it, quayctl and
/// other clients decode the same type.
public struct HistoryBody: Codable, Sendable, Equatable {
    /// The newest `limit` matching rows, oldest first.
    public var entries: [HistoryEntry]
    /// Older matching rows were left out: raise `limit` or narrow with `since`.
    public var more: Bool
    /// For a clerk restricted to counters: the counters the rows were limited to.
    public var counters: [String]?

    public init(entries: [HistoryEntry], more: Bool, counters: [String]? = nil) {
        self.entries = entries
        self.more = more
        self.counters = counters
    }
}

/// One audit-trail row: who (`role`, `uid`/`pid`, `source`/`sourceRef`, `actorCounter`) did `op` to what
/// (`ticket`/`number`, `counter`, `dossier`, `device`), when (`at`, epoch seconds), and how it ended (`outcome`).
public struct HistoryEntry: Codable, Sendable, Equatable {
    public var seq: Int64
    public var at: Double
    public var op: String
    /// socket, keypad, scanner, demo (later web, sync).
    public var source: String
    /// The keypad or scanner role (later the web user or sync peer).
    public var sourceRef: String?
    public var uid: Int64?
    public var pid: Int64?
    public var role: String
    /// The counter the caller acted for.
    public var actorCounter: String?
    public var ticket: String?
    public var number: String?
    public var counter: String?
    public var dossier: String?
    public var device: String?
    public var detail: String?
    /// "ok", or the error code of a device op that failed.
    public var outcome: String

    public init(_ e: AuditEntry) {
        seq = e.seq
        at = e.at
        op = e.op
        source = e.actor.source
        sourceRef = e.actor.sourceRef
        uid = e.actor.uid
        pid = e.actor.pid
        role = e.actor.role
        actorCounter = e.actor.counter
        ticket = e.subject.ticket
        number = e.subject.number
        counter = e.subject.counter
        dossier = e.subject.dossier
        device = e.subject.device
        detail = e.subject.detail
        outcome = e.outcome
    }

    /// Who, in one short text: "socket uid 1000 pid 4242", "keypad keypad-q2", "demo".
    public var who: String {
        switch source {
        case "socket": "uid \(uid.map(String.init) ?? "?")" + (pid.map { " pid \($0)" } ?? "")
        default: source + (sourceRef.map { " " + $0 } ?? "")
        }
    }
}
