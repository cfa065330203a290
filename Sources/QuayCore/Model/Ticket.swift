/// A queue ticket. Times are seconds since the Unix epoch (Double) so the core stays free of clocks.
public struct Ticket: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var service: String
    /// Sequence within (business day, service): 15 for A015.
    public var seq: Int
    /// Printed number, e.g. "A015".
    public var number: String
    public var businessDay: String
    /// Priority class id, nil for none.
    public var priority: String?
    public var language: Language
    public var issuedAt: Double
    /// When the ticket (re)entered the queue for ordering; stays at issuedAt across transfers and returns,
    /// so a transferred citizen keeps the original wait.
    public var queuedSince: Double
    public var state: TicketState
    public var counter: String?
    /// A transfer to a specific counter: only that counter may call it.
    public var targetCounter: String?
    public var calledAt: Double?
    public var recalls: Int
    public var servingAt: Double?
    public var finishedAt: Double?
    /// Kind of visit: new submission, or collecting results of a dossier.
    public var purpose: TicketPurpose
    /// For result-return tickets, the dossier receipt it is for.
    public var dossier: String?

    public init(
        id: String, service: String, seq: Int, number: String, businessDay: String, priority: String?,
        language: Language, issuedAt: Double, purpose: TicketPurpose = .submit, dossier: String? = nil
    ) {
        self.id = id
        self.service = service
        self.seq = seq
        self.number = number
        self.businessDay = businessDay
        self.priority = priority
        self.language = language
        self.issuedAt = issuedAt
        self.queuedSince = issuedAt
        self.state = .waiting
        self.recalls = 0
        self.purpose = purpose
        self.dossier = dossier
    }

    public var isPriority: Bool { priority != nil }
    public var isActive: Bool { state == .waiting || state == .called || state == .serving }
}

public enum TicketState: String, Sendable, Codable, CaseIterable {
    case waiting, called, serving, done
    case noShow = "no-show"
    /// Still waiting when the business day closed.
    case expired
}

public enum TicketPurpose: String, Sendable, Codable {
    case submit
    /// Collecting a dossier's results.
    case collect
}
