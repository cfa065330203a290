import QuayControl
import QuayCore

/// Reply bodies of the dossier ops (docs/protocol.md).
struct DossierBody: Encodable, Sendable {
    var dossier: Dossier
    var event: DossierEvent?
    var events: [DossierEvent]?
    var returnTicket: String?
}

struct StatsBody: Encodable, Sendable {
    var from: LocalDate
    var to: LocalDate
    var today: LocalDate
    var rows: [DossierStats.Row]
    var total: DossierStats.Counts
    var summary: String
    var table: String
    var csv: String
    var milliseconds: Int
}

struct ReadyBody: Encodable, Sendable {
    var entries: [ResultsReadyEntry]
}

struct ReturnBody: Encodable, Sendable {
    var ticket: Ticket
    var dossier: String
    var maskedCode: String
    var counters: [String]
    /// The dossier already had an open return ticket today: this is that ticket, no new number was taken.
    var reissued: Bool
    /// Outcome of printing the ticket, when a printer serves the kiosk (as for `issue`).
    var print: PrintOutcome?
}

/// One outbox entry for technicians (no citizen data beyond the dossier id).
struct OutboxEntry: Encodable, Sendable {
    var transitionId: String
    var dossierId: String
    var state: String
    var attempts: Int
    var enqueuedAt: Double
    var nextAt: Double?
    var lastError: String?

    init(_ d: NotifierDelivery) {
        transitionId = d.transitionId
        dossierId = d.payload.dossierId
        state = d.state.name
        enqueuedAt = d.enqueuedAt
        nextAt = d.dueAt
        switch d.state {
        case .pending: attempts = 0
        case .inFlight(let a, _), .sent(_, let a): attempts = a
        case .retrying(let a, _, let e), .gaveUp(_, let a, let e): attempts = a; lastError = e
        }
    }
}

struct OutboxBody: Encodable, Sendable {
    var configured: Bool
    var counts: [String: Int]
    var entries: [OutboxEntry]
}
