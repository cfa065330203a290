import QuayCore

/// `ticket-status`: one ticket as its citizen's phone page shows it, found by the ticket's follow token. Only this
/// ticket's own state: no other ticket, no name, nothing about the citizen.
public struct TicketStatusBody: Codable, Sendable, Equatable {
    public var number: String
    /// `waiting`, `called`, `serving`, `done`, `no-show`, `expired`.
    public var state: String
    public var service: String
    public var serviceName: LocalizedText
    /// The ticket's language: the page speaks it.
    public var language: String
    public var priority: String?
    /// Waiting tickets of its service ahead of it (0 once called).
    public var waitingAhead: Int
    public var estimatedWaitMinutes: Int?
    /// The counter's number (as shown to citizens) when called or being served.
    public var counter: String?
    public var businessDay: String

    public init(
        number: String, state: String, service: String, serviceName: LocalizedText, language: String, priority: String?,
        waitingAhead: Int, estimatedWaitMinutes: Int?, counter: String?, businessDay: String
    ) {
        (self.number, self.state, self.service, self.serviceName) = (number, state, service, serviceName)
        (self.language, self.priority, self.waitingAhead, self.estimatedWaitMinutes) = (
            language, priority, waitingAhead, estimatedWaitMinutes
        )
        (self.counter, self.businessDay) = (counter, businessDay)
    }
}
