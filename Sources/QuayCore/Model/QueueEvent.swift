/// One state change, appended to the event log. Statistics are computed from these.
public struct QueueEvent: Sendable, Codable, Equatable {
    /// Global, site-unique id ("site-E123"); `seq` orders events for `watch`.
    public var id: String
    public var seq: Int64
    public var at: Double
    public var kind: EventKind
    public var ticket: String?
    public var number: String?
    public var service: String?
    public var counter: String?
    /// Free-form detail: transfer target, counter state, recall count, reason.
    public var detail: String?

    public init(
        id: String, seq: Int64, at: Double, kind: EventKind, ticket: String? = nil, number: String? = nil,
        service: String? = nil, counter: String? = nil, detail: String? = nil
    ) {
        self.id = id
        self.seq = seq
        self.at = at
        self.kind = kind
        self.ticket = ticket
        self.number = number
        self.service = service
        self.counter = counter
        self.detail = detail
    }
}

public enum EventKind: String, Sendable, Codable, CaseIterable {
    case issued, called, recalled, serving, done
    case noShow = "no-show"
    case transferred
    case returned
    case expired
    case counter
    case dayRollover = "day-rollover"
    /// A dossier changed in a way screens show (result ready, returned); detail "<dossier id> <status>".
    case dossier
    /// Records moved between this site and a sync peer (docs/sync.md); detail
    /// "peer=<site> <direction>=<records> bytes=<n> conflicts=<c>".
    case sync
}

/// An event before the store gives it its id and sequence.
public struct EventDraft: Sendable, Equatable {
    public var kind: EventKind
    public var ticket: Ticket?
    public var counter: String?
    public var detail: String?
    public init(kind: EventKind, ticket: Ticket? = nil, counter: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.ticket = ticket
        self.counter = counter
        self.detail = detail
    }
}
