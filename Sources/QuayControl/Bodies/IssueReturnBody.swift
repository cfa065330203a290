import QuayCore

/// `issue-return`: the results-return ticket for a scanned receipt.
public struct IssueReturnBody: Codable, Sendable, Equatable {
    public var ticket: Ticket
    public var dossier: String
    public var maskedCode: String
    public var counters: [String]
    /// The dossier already had an open return ticket today: this is that ticket, no new number was taken.
    public var reissued: Bool
    /// Outcome of printing the ticket, when a printer serves the kiosk (as for `issue`).
    public var print: PrintOutcome?

    public init(ticket: Ticket, dossier: String, maskedCode: String, counters: [String], reissued: Bool, print: PrintOutcome? = nil) {
        self.ticket = ticket
        self.dossier = dossier
        self.maskedCode = maskedCode
        self.counters = counters
        self.reissued = reissued
        self.print = print
    }
}
