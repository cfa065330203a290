import QuayCore

/// `issue` and `reprint`: the ticket, what the citizen sees on it, and how printing went.
public struct IssueBody: Codable, Sendable, Equatable {
    public var ticket: Ticket
    public var waitingAhead: Int
    public var estimatedWaitMinutes: Int?
    /// Counters (numbers shown to citizens) serving this service.
    public var counters: [String]
    public var print: PrintOutcome?
    /// `issue` with `args.idempotencyKey`: true when the key had already issued this ticket (nothing new was issued
    /// or printed); absent otherwise.
    public var replayed: Bool?
    /// `issue` with `args.follow`: the token of the ticket's "my ticket" phone page (`/t/TOKEN`, op `ticket-status`).
    public var follow: String?

    public init(
        ticket: Ticket, waitingAhead: Int, estimatedWaitMinutes: Int?, counters: [String], print: PrintOutcome?, replayed: Bool? = nil,
        follow: String? = nil
    ) {
        self.ticket = ticket
        self.waitingAhead = waitingAhead
        self.estimatedWaitMinutes = estimatedWaitMinutes
        self.counters = counters
        self.print = print
        self.replayed = replayed
        self.follow = follow
    }
}
