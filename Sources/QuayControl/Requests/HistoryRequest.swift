import QuayCore

/// `history`: audit rows, newest first, filtered by ticket, counter, dossier and a start time (`args.since`:
/// epoch seconds, a date or an ISO 8601 time, read by the op in the center's time zone).
public struct HistoryRequest: OpRequest, Equatable {
    public var limit: Int
    public var ticket: String?
    public var counter: String?
    public var dossier: String?
    public var since: String?

    public init(limit: Int = 100, ticket: String? = nil, counter: String? = nil, dossier: String? = nil, since: String? = nil) {
        self.limit = limit
        self.ticket = ticket
        self.counter = counter
        self.dossier = dossier
        self.since = since
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(
            limit: try f.int(\.limit, "limit", in: 1...1000, default: 100), ticket: f[\.ticket], counter: f[\.counter],
            dossier: f[\.dossier], since: f[\.since])
    }

    /// A filter, not an action: the op scopes a restricted clerk itself.
    public var subject: AuditSubject { AuditSubject() }
}
