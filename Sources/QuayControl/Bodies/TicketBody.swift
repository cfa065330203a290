import QuayCore

/// `call-next`, `recall`, `start-serving`, `done`, `no-show`, `return`, `transfer`: the ticket after the change.
public struct TicketBody: Codable, Sendable, Equatable {
    public var ticket: Ticket

    public init(ticket: Ticket) { self.ticket = ticket }
}
